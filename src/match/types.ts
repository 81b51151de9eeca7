/** Inputs and outputs of the matcher: plain arrays, no database. */
import type { MatchMethod, MatchReason } from '../types.js';

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

/**
 * One tier of the pipeline: sees only what earlier tiers left unmatched and returns links,
 * each paper row and each system dossier at most once.
 */
export type MatchTier = (paper: readonly PaperCandidate[], system: readonly SystemCandidate[], all?: TierInputs) => MatchLink[];

/** Every paper row and system dossier of the run, for statistics that must not depend on tier order. */
export interface TierInputs {
  paper: readonly PaperCandidate[];
  system: readonly SystemCandidate[];
}
