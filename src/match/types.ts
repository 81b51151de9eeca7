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
}

/** A system dossier (its latest known state) as the matcher sees it. */
export interface SystemCandidate {
  codeKey: string;
  unitId: number | null;
  applicant: string | null;
  procedure: string | null;
  receivedDate: string | null;
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
export type MatchTier = (paper: readonly PaperCandidate[], system: readonly SystemCandidate[]) => MatchLink[];
