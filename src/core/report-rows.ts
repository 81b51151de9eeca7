/**
 * The rows the store reads for a report and the report builds from: shared by store/ (which
 * fills them) and report/ (which reads them), so neither imports the other.
 */
import type { MatchMethod } from '../types.js';
import type { LinkShape } from './match-records.js';

/** A paper row with its match and the matched dossier's latest state, for reporting. */
export interface PaperReportRow {
  id: number;
  importId: number;
  file: string;
  baseName: string;
  sheet: string | null;
  rowNumber: number;
  unitId: number;
  code: string | null;
  codeKey: string | null;
  applicant: string | null;
  procedure: string | null;
  address: string | null;
  receivedDate: string | null;
  dueDate: string | null;
  returnedDate: string | null;
  returnedOnPaper: number;
  contentKey: string;
  method: MatchMethod | null;
  score: number | null;
  reasonsJson: string | null;
  sysCode: string | null;
  sysStatus: string | null;
  sysReceivedDate: string | null;
  sysReturnedDate: string | null;
  sysAsOf: string | null;
}
/** A system dossier's latest state. */
export interface SystemReportRow {
  codeKey: string;
  code: string;
  unitId: number | null;
  applicant: string | null;
  procedure: string | null;
  receivedDate: string | null;
  dueDate: string | null;
  resultDate: string | null;
  returnedDate: string | null;
  status: string | null;
  asOf: string;
  file: string;
  sheet: string | null;
  rowNumber: number;
  matched: number;
  /**
   * The paper rows linked to this dossier, folded into one (null when none): "rows|returned|latest
   * return date|latest due date|unit id|earliest received date" (see src/report/model/indicators.ts).
   * One lookup gives both this and `matched` (its first field): a second subquery cost ~2.5 µs a dossier.
   */
  paperLink: string | null;
}
/** A stored data-quality issue. */
export interface DqReportRow {
  id: number;
  source: 'system' | 'paper';
  file: string;
  baseName: string;
  sheet: string | null;
  rowNumber: number | null;
  column: string | null;
  rule: string;
  raw: string | null;
  unitId: number | null;
  receivedDate: string | null;
  code: string | null;
  /** The row's code key, applicant and procedure: the finding's id comes from them, not from the row number. */
  codeKey?: string | null;
  applicant?: string | null;
  procedure?: string | null;
}
/** An active import with the units its rows belong to, for the report's provenance. */
export interface ImportSourceRow {
  id: number;
  kind: 'system' | 'paper';
  path: string;
  sha256: string;
  format: string;
  encoding: string | null;
  unitId: number | null;
  unitIds: number[];
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  coverageFrom: string | null;
  coverageTo: string | null;
  asOf: string | null;
  asOfSource: string | null;
  importedAt: string;
}

/** A review candidate with the dossier's latest state. */
export interface ReviewRow {
  paperId: number;
  systemCodeKey: string;
  rank: number;
  score: number;
  reasonsJson: string;
  code: string;
  unitId: number | null;
  applicant: string | null;
  procedure: string | null;
  receivedDate: string | null;
  returnedDate: string | null;
  status: string | null;
}

/** One link of a dossier that has several rows, or of a row that has several dossiers. */
export interface ShapeLinkRow {
  paperId: number;
  codeKey: string;
  /** 'one' for the one-to-one link. */
  shape: LinkShape | 'one';
  evidence: string[];
  unitId: number;
  receivedDate: string | null;
  returnedDate: string | null;
  returnedOnPaper: number;
}
