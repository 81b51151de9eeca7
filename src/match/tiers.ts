/** Runs the tiers in order, each on what the earlier ones left unmatched. */
import type { MatchLink, MatchTier, PaperCandidate, SystemCandidate } from './types.js';

/**
 * Applies `tiers` in order; returns all links, sorted by paper id for determinism. Each tier
 * also sees the whole input (`all`), for statistics such as name frequencies.
 */
export function runTiers(
  paper: readonly PaperCandidate[],
  system: readonly SystemCandidate[],
  tiers: readonly MatchTier[],
  all = { paper, system },
): MatchLink[] {
  const out: MatchLink[] = [];
  let restPaper = paper;
  let restSystem = system;
  for (const tier of tiers) {
    const links = tier(restPaper, restSystem, all);
    const usedPaper = new Set(links.map((l) => l.paperId));
    const usedSystem = new Set(links.map((l) => l.systemCodeKey));
    if (usedPaper.size !== links.length || usedSystem.size !== links.length)
      throw new Error('a match tier broke one-to-one');
    for (const l of links) out.push(l); // not push(...links): a million arguments overflow the stack
    restPaper = restPaper.filter((p) => !usedPaper.has(p.id));
    restSystem = restSystem.filter((s) => !usedSystem.has(s.codeKey));
  }
  return out.sort((a, b) => a.paperId - b.paperId);
}
