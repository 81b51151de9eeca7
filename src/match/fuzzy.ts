/**
 * Tier 2: scored comparison for rows without a usable code. Blocked candidate pairs are scored
 * (score.ts); pairs at or above `upper` are linked by the best total one-to-one assignment
 * (assign.ts). Pairs between `lower` and `upper` are never linked: they become review
 * candidates of rows left unmatched (review.ts).
 */
import { assignOneToOne } from './assign.js';
import { SystemBlocks } from './block.js';
import type { MatchConfig } from './config.js';
import { buildScoreContext, preparePaper, prepareSystem, scorePair, type PreparedPaper, type PreparedSystem, type ScoreContext, type ScoredPair } from './score.js';
import type { MatchLink, MatchTier, PaperCandidate, SystemCandidate, TierInputs } from './types.js';

/** Every input prepared once, with the statistics scoring needs. */
export class MatchSession {
  readonly paper = new Map<number, PreparedPaper>();
  readonly system = new Map<string, PreparedSystem>();
  readonly ctx: ScoreContext;

  constructor(all: TierInputs, readonly config: MatchConfig) {
    for (const p of all.paper) this.paper.set(p.id, preparePaper(p, config));
    for (const s of all.system) this.system.set(s.codeKey, prepareSystem(s, config));
    this.ctx = buildScoreContext([...this.system.values()], [...this.paper.values()], config);
  }

  /** Every blocked pair between the given rows and dossiers, scored; ordered by paper id, then code. */
  scoreBlocked(paper: readonly PaperCandidate[], system: readonly SystemCandidate[]): ScoredPair[] {
    const prepared = system.map((s) => this.system.get(s.codeKey) ?? prepareSystem(s, this.config));
    const blocks = new SystemBlocks(prepared);
    const out: ScoredPair[] = [];
    for (const p of [...paper].sort((a, b) => a.id - b.id)) {
      const pp = this.paper.get(p.id) ?? preparePaper(p, this.config);
      const pairs = blocks.candidates(pp, this.config).map((i) => scorePair(pp, prepared[i]!, this.ctx));
      out.push(...pairs.sort((a, b) => a.systemCodeKey.localeCompare(b.systemCodeKey)));
    }
    return out;
  }
}

const sessions = new WeakMap<TierInputs, Map<MatchConfig, MatchSession>>();

/** The session of one run (cached per input set and options). */
export function sessionFor(all: TierInputs, config: MatchConfig): MatchSession {
  let byConfig = sessions.get(all);
  if (!byConfig) sessions.set(all, (byConfig = new Map()));
  let s = byConfig.get(config);
  if (!s) byConfig.set(config, (s = new MatchSession(all, config)));
  return s;
}

/** Links the pairs at or above `upper` by the best total one-to-one assignment. */
export function linkScoredPairs(pairs: readonly ScoredPair[], config: MatchConfig): MatchLink[] {
  const strong = pairs.filter((x) => x.score >= config.upper);
  const chosen = assignOneToOne(strong.map((x) => ({ p: x.paperId, s: x.systemCodeKey, gain: Math.max(x.weight, 1e-6), pair: x })));
  return chosen.map((e) => {
    const x = (e as typeof e & { pair: ScoredPair }).pair;
    return { paperId: x.paperId, systemCodeKey: x.systemCodeKey, method: 'fuzzy' as const, score: x.score, reasons: x.reasons };
  });
}

/** The scored tier. */
export function createScoredTier(config: MatchConfig): MatchTier {
  return (paper, system, all) => {
    if (paper.length === 0 || system.length === 0) return [];
    const session = sessionFor(all ?? { paper, system }, config);
    return linkScoredPairs(session.scoreBlocked(paper, system), config);
  };
}
