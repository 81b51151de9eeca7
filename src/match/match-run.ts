/** One whole matching run over plain arrays: decisions, then the tiers, then the review band. */
import { DEFAULT_MATCH_CONFIG, type MatchConfig } from './config.js';
import { applyDecisions, type Decision, type DecisionOutcome } from './decisions.js';
import { createScoredTier } from './scored-tier.js';
import { runTiers } from './tiers.js';
import { findReviewCandidates, type ReviewCandidate } from './review.js';
import type { MatchLink, MatchTier, PaperCandidate, SystemCandidate } from './types.js';
import { createCodeTier } from './code-tier.js';
import type { ExtraLink } from './shapes.js';

/**
 * The automatic tiers for a configuration: verified code, then scored comparison (whose progress `onProgress` hears).
 */
export function tiersFor(
  config: MatchConfig,
  hooks: { onProgress?: (done: number, total: number) => void } = {},
): MatchTier[] {
  return [createCodeTier(config), createScoredTier(config, hooks.onProgress)];
}

/** What a run produces. */
export interface MatchRun {
  links: MatchLink[];
  review: ReviewCandidate[];
  decisions: DecisionOutcome[];
  /** Links beyond one-to-one (transfers, resubmissions, batch rows: see shapes.ts), found after the run. */
  extra?: ExtraLink[];
}

/**
 * Matches `paper` to `system`. Applied decisions fix their rows first (a "no match" row takes no
 * part in automatic matching; a "match" takes both sides out); the tiers then link the rest;
 * the unmatched rows get their review candidates. Deterministic: same inputs, same output.
 */
export function matchAll(
  paper: readonly PaperCandidate[],
  system: readonly SystemCandidate[],
  options: { config?: MatchConfig; tiers?: readonly MatchTier[]; decisions?: readonly Decision[] } = {},
): MatchRun {
  const config = options.config ?? DEFAULT_MATCH_CONFIG;
  const all = { paper, system };
  const manual = applyDecisions(options.decisions ?? [], paper, system);
  const restPaper = paper.filter((p) => !manual.decidedPaper.has(p.id));
  const restSystem = system.filter((s) => !manual.takenSystem.has(s.codeKey));
  const auto = runTiers(restPaper, restSystem, options.tiers ?? tiersFor(config), all);
  // The tiers' links come sorted by paper id (and the sort is stable): sort only with manual links.
  const links = manual.links.length === 0 ? auto : [...manual.links, ...auto].sort((a, b) => a.paperId - b.paperId);
  const linkedPaper = new Set(links.map((l) => l.paperId));
  const linkedSystem = new Set(links.map((l) => l.systemCodeKey));
  const review = findReviewCandidates(
    restPaper.filter((p) => !linkedPaper.has(p.id)),
    restSystem.filter((s) => !linkedSystem.has(s.codeKey)),
    all,
    config,
  );
  return { links, review, decisions: manual.outcomes };
}
