/** Inputs and outputs of the matcher: plain arrays, no database. */
import type { PaperCandidate, SystemCandidate, MatchLink } from '../core/match-records.js';
export type { PaperCandidate, SystemCandidate, MatchLink } from '../core/match-records.js';

/**
 * One tier of the pipeline: sees only what earlier tiers left unmatched and returns links,
 * each paper row and each system dossier at most once.
 */
export type MatchTier = (
  paper: readonly PaperCandidate[],
  system: readonly SystemCandidate[],
  all?: TierInputs,
) => MatchLink[];

/** Every paper row and system dossier of the run, for statistics that must not depend on tier order. */
export interface TierInputs {
  paper: readonly PaperCandidate[];
  system: readonly SystemCandidate[];
}
