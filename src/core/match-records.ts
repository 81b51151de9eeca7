/**
 * The records of matching that the store keeps and the matcher produces: candidates, links,
 * runs, decisions, the shapes of extra links and the matcher's settings. Shared by match/ and
 * store/, so the store never imports the matcher.
 */
import type { MatchMethod, MatchReason } from '../types.js';

/** A shape of a row↔dossier relation other than one-to-one. */
export type LinkShape = 'transfer' | 'resubmission' | 'batch';
/** What the pass reads of a paper row beyond the matcher's inputs (rows without any of it need no entry). */
export interface ShapeRowInfo {
  note: string | null;
  agency: string | null;
  /** Code keys of the further codes of a cell listing several. */
  extraCodeKeys: readonly string[];
  /** The register shows the result returned (a return date or "đã trả"). */
  returned: boolean;
}
/** An extra link: a row standing for a dossier another row already stands for, or a further dossier of a batch row. */
export interface ExtraLink {
  paperId: number;
  systemCodeKey: string;
  shape: LinkShape;
  /**
   * Why, as stable tokens: `same-code`, `listed-code`, `transfer-note`, `unit-named`, `supplement-note`, `name`,
   * `procedure`, `date:+N`.
   */
  evidence: string[];
}

/** A paper row as the matcher sees it. */
export interface PaperCandidate {
  id: number;
  unitId: number;
  codeKey: string | null;
  applicant: string | null;
  procedure: string | null;
  receivedDate: string | null;
  /** Free text that may hold phone or ID numbers (the register's "Địa chỉ, số điện thoại"). */
  contact?: string | null;
  /** Phone/ID digit runs already extracted (wins over `contact`). */
  digits?: string[];
  /** Provenance, for manual decisions: the row's content key and file base name, sheet, row. */
  contentKey?: string;
  baseName?: string;
  sheet?: string | null;
  rowNumber?: number;
}
/** A system dossier (its latest known state) as the matcher sees it. */
export interface SystemCandidate {
  codeKey: string;
  unitId: number | null;
  applicant: string | null;
  procedure: string | null;
  receivedDate: string | null;
  /** The code as the system writes it. */
  code?: string;
  /** Free text that may hold phone or ID numbers, when the export has it. */
  contact?: string | null;
  digits?: string[];
}
/** A link between one paper row and one system dossier. */
export interface MatchLink {
  paperId: number;
  systemCodeKey: string;
  method: MatchMethod;
  /** 0..1 */
  score: number;
  reasons: MatchReason[];
}

/** What the store keeps of a match run (the matcher's `MatchRun` has these fields). */
export interface StoredMatchRun {
  links: MatchLink[];
  review: ReadonlyArray<{
    paperId: number;
    systemCodeKey: string;
    rank: number;
    score: number;
    reasons: MatchReason[];
  }>;
  /** Links beyond one-to-one (transfers, resubmissions, batch rows: see match/shapes.ts). */
  extra?: ExtraLink[];
}

/** A stored decision. */
export interface Decision {
  id: number;
  contentKey: string;
  baseName: string;
  sheet: string | null;
  rowNumber: number | null;
  occurrence: number;
  decision: 'match' | 'no-match';
  systemCode: string | null;
  systemCodeKey: string | null;
  note: string | null;
  decidedAt: string;
  /** The code-tier link this decision overrode (decide --force): "CODE ↔ FILE#SHEET#ROW"; null or absent otherwise. */
  overrode?: string | null;
}

/** One agreement level's probabilities. */
export interface LevelProbability {
  m: number;
  u: number;
}
/** The compared fields. */
export type ScoredField = 'applicant' | 'procedure' | 'receivedDate' | 'code' | 'digits';
/** Fully defaulted matcher options. */
export interface MatchConfig {
  /** A scored pair at or above this (0..1) is a match. */
  upper: number;
  /** A pair between `lower` and `upper` goes to review; below, it is no match. */
  lower: number;
  /** Received-date window in days, around the paper date and around its day↔month swap. */
  windowDays: number;
  /** Prior probability that a blocked candidate pair is a match (sets the score's origin). */
  prior: number;
  /** Lower a name's agreement weight when the name is common in the unit (frequency-based u). */
  nameFrequency: boolean;
  /** Trailing digits that must agree for a phone/ID number to agree. */
  digits: number;
  /** Same-name blocks larger than this are not used (too common a name to block on). */
  maxNameBlock: number;
  /** Review candidates kept per paper row. */
  maxReviewCandidates: number;
  /** Agreement levels per field. */
  levels: Record<ScoredField, Record<string, LevelProbability>>;
  /** Procedure abbreviations (folded → folded expansion). */
  abbreviations: Record<string, string>;
}
