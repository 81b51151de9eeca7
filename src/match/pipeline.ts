/** Runs the tiers in order, each on what the earlier ones left unmatched. */
import type { MatchLink, MatchTier, PaperCandidate, SystemCandidate } from './types.js';

/** Applies `tiers` in order; returns all links, sorted by paper id for determinism. */
export function runTiers(paper: readonly PaperCandidate[], system: readonly SystemCandidate[], tiers: readonly MatchTier[]): MatchLink[] {
  const all: MatchLink[] = [];
  let restPaper = paper;
  let restSystem = system;
  for (const tier of tiers) {
    const links = tier(restPaper, restSystem);
    const usedPaper = new Set(links.map((l) => l.paperId));
    const usedSystem = new Set(links.map((l) => l.systemCodeKey));
    if (usedPaper.size !== links.length || usedSystem.size !== links.length) throw new Error('a match tier broke one-to-one');
    all.push(...links);
    restPaper = restPaper.filter((p) => !usedPaper.has(p.id));
    restSystem = restSystem.filter((s) => !usedSystem.has(s.codeKey));
  }
  return all.sort((a, b) => a.paperId - b.paperId);
}
