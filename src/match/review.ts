/**
 * The review band: pairs scored between `lower` and `upper` are never linked (figures must not
 * rest on a guess). For each paper row left unmatched, its best such candidates among the
 * dossiers left unmatched are kept for the auditor, who settles them with `decide`.
 */
import type { MatchConfig } from './config.js';
import { sessionFor } from './scored-tier.js';
import type { ScoredPair } from './compare/score.js';
import type { PaperCandidate, SystemCandidate, TierInputs } from './types.js';

/** One candidate pair in the review band. */
export interface ReviewCandidate extends ScoredPair {
  /** 1 = best candidate of its paper row. */
  rank: number;
}

/** Review candidates of the unmatched rows: best first per row, at most `maxReviewCandidates` each. */
export function findReviewCandidates(
  paper: readonly PaperCandidate[],
  system: readonly SystemCandidate[],
  all: TierInputs,
  config: MatchConfig,
): ReviewCandidate[] {
  if (paper.length === 0 || system.length === 0 || config.maxReviewCandidates === 0) return [];
  const pairs = sessionFor(all, config)
    .scoreBlocked(paper, system, config.lower)
    .filter((x) => x.score < config.upper);
  const byPaper = new Map<number, ScoredPair[]>();
  for (const x of pairs) {
    const list = byPaper.get(x.paperId);
    if (list) list.push(x);
    else byPaper.set(x.paperId, [x]);
  }
  const out: ReviewCandidate[] = [];
  for (const id of [...byPaper.keys()].sort((a, b) => a - b)) {
    const ranked = byPaper
      .get(id)!
      .sort((a, b) => b.weight - a.weight || a.systemCodeKey.localeCompare(b.systemCodeKey));
    ranked.slice(0, config.maxReviewCandidates).forEach((x, i) => {
      out.push({ ...x, rank: i + 1 });
    });
  }
  return out;
}
