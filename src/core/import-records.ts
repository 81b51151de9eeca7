/**
 * The records of an import: the rows the readers extract and the outcome of a file's import.
 * Shared by ingest/ (which extracts rows), store/ (which writes them) and audit/ (which runs the
 * import), so the store never imports the readers.
 */
import type { Field, SkipReason, SourceKind } from '../types.js';

/** A data-quality rule identifier (JSON `rule`). */
export type DqRule =
  | 'received_date_missing'
  | 'received_date_unreadable'
  | 'date_unreadable'
  | 'returned_before_received'
  | 'due_before_received'
  | 'code_malformed'
  | 'code_date_mismatch'
  | 'code_unit_mismatch'
  | 'duplicate_code'
  | 'no_applicant_no_code'
  | 'unit_unknown'
  | 'status_unknown';
/** One problem of one row. */
export interface RowIssue {
  rule: DqRule;
  /** Column letter as in Excel ("B"), or null for whole-row problems. */
  column: string | null;
  raw: string | null;
}
/** A dossier row read from a register or export, values parsed, raw text kept. */
export interface DataRow {
  sheet: string | null;
  rowNumber: number;
  code: string | null;
  codeKey: string | null;
  codeDate: string | null;
  applicant: string | null;
  procedure: string | null;
  address: string | null;
  unit: string | null;
  receivedDate: string | null;
  dueDate: string | null;
  resultDate: string | null;
  returnedDate: string | null;
  /** The register shows the result handed over: a return date, or a note such as "đã trả". */
  returnedOnPaper: boolean;
  status: string | null;
  /** Column letter of the status when the row has one (for a `status_unknown` finding), else null. */
  statusColumn: string | null;
  note: string | null;
  /** Paper rows: the further codes of a cell listing several (the first is `code`), as code keys. */
  extraCodeKeys?: string[];
  /** Paper rows: "Số lượng hồ sơ (bộ)" when it is a whole number above 1. */
  quantity?: number | null;
  /** Paper rows: "Cơ quan chủ trì giải quyết" (names another unit on a transfer). */
  agency?: string | null;
  /** Field → raw text, for provenance and explanations. */
  raw: Partial<Record<Field, string>>;
  /** Field → the cell's text before conversion from a legacy 8-bit font, when converted. */
  legacyRaw?: Partial<Record<Field, string>>;
  issues: RowIssue[];
}
/** Rows not imported as dossiers, counted by reason. */
export type SkipCounts = Partial<Record<SkipReason, number>>;

/** What happened to one sheet. */
export interface SheetReport {
  sheet: string | null;
  headerRow: number | null;
  imported: number;
  skipped: SkipCounts;
  /** Cells converted from legacy 8-bit fonts (TCVN3, VNI). */
  legacy?: Partial<Record<'tcvn3' | 'vni', number>>;
  /** Why the whole sheet was passed over. */
  ignored?: 'no-header' | 'missing-columns' | 'empty';
}
/** A non-fatal remark for the user. */
export interface ImportWarning {
  code: 'AS_OF_FROM_DATA' | 'UNITS_CREATED' | 'REPLACED_VERSION' | 'STATUS_UNKNOWN';
  params: Record<string, unknown>;
}
/** Outcome of importing one file. */
export interface ImportResult {
  file: string;
  kind: SourceKind;
  outcome: 'imported' | 'unchanged' | 'replaced';
  importId: number;
  /** When unchanged: the import that replaced this content (it was an older version), if any. */
  supersededBy: number | null;
  replacedImportId: number | null;
  sha256: string;
  format: string;
  encoding: string;
  /** CSV separator, when CSV. */
  delimiter: string | null;
  unit: string | null;
  sheets: SheetReport[];
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  issues: Partial<Record<DqRule, number>>;
  asOf: string | null;
  asOfSource: 'option' | 'title' | 'latest-date' | null;
  coverage: { from: string; to: string } | null;
  unitsCreated: string[];
  warnings: ImportWarning[];
}

/** One line of the official units file. */
export interface UnitFileEntry {
  code: string | null;
  name: string;
  aliases: string[];
  line: number;
  /** First and last day of the unit (ISO, inclusive); null = open. */
  validFrom?: string | null;
  validTo?: string | null;
  /** Code of the unit that took over from this one. */
  successor?: string | null;
}
