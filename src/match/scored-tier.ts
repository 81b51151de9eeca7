/**
 * Tier 2: scored comparison for rows without a usable code. Blocked candidate pairs are scored
 * (score.ts); pairs at or above `upper` are linked by the best total one-to-one assignment
 * (assign.ts). Pairs between `lower` and `upper` are never linked: they become review
 * candidates of rows left unmatched (review.ts).
 */
import { assignOneToOne } from './search/assign.js';
import { SystemBlocks } from './search/block.js';
import { CandidateFinder } from './search/candidates.js';
import { CodeNeighbours } from './search/code-join.js';
import type { MatchConfig } from './config.js';
import {
  buildScoreContext,
  preparePaper,
  prepareProcedureCached,
  prepareSystem,
  scorePair,
  type PreparedPaper,
  type PreparedSystem,
  type ScoreContext,
  type ScoredPair,
} from './compare/score.js';
import type { ProcedureIdf } from './compare/procedures.js';
import type { MatchLink, MatchTier, PaperCandidate, SystemCandidate, TierInputs } from './types.js';

/** Every input prepared once, with the statistics scoring needs and the blocking index. */
export class MatchSession {
  /** Paper rows prepared so far (prepared on first use: most rows never reach the scored tier). */
  readonly paper = new Map<number, PreparedPaper>();
  readonly ctx: ScoreContext;
  private readonly systemList: PreparedSystem[];
  private readonly position = new Map<string, number>();
  private finder: CandidateFinder | null = null;
  private byCode: Map<string, PreparedSystem> | null = null;

  /** `idf`: the procedure word weights, when the run's procedures are more than `all`'s (a run split by unit). */
  constructor(
    all: TierInputs,
    readonly config: MatchConfig,
    idf?: ProcedureIdf,
  ) {
    this.systemList = all.system.map((s) => prepareSystem(s, config));
    this.systemList.forEach((s, i) => {
      this.position.set(s.src.codeKey, i);
    });
    this.ctx = buildScoreContext(
      this.systemList,
      idf ? [] : all.paper.map((p) => prepareProcedureCached(p.procedure, config)),
      config,
      idf,
    );
  }

  /** Every prepared dossier by code key (built on first use). */
  get system(): Map<string, PreparedSystem> {
    return (this.byCode ??= new Map(this.systemList.map((s) => [s.src.codeKey, s])));
  }

  /** The prepared dossier of a code key, if it is in the session. */
  systemOf(codeKey: string): PreparedSystem | undefined {
    const i = this.position.get(codeKey);
    return i === undefined ? undefined : this.systemList[i];
  }

  /** The prepared form of a paper row. */
  preparePaper(p: PaperCandidate): PreparedPaper {
    let pp = this.paper.get(p.id);
    if (!pp || pp.src !== p) this.paper.set(p.id, (pp = preparePaper(p, this.config)));
    return pp;
  }

  /**
   * Every blocked pair between the given rows and dossiers scoring at least `minScore`, scored;
   * ordered by paper id, then code. Pairs below `minScore` are never kept (at scale they are
   * most of the blocked pairs).
   */
  scoreBlocked(
    paper: readonly PaperCandidate[],
    system: readonly SystemCandidate[],
    minScore = 0,
    onProgress?: (done: number, total: number) => void,
  ): ScoredPair[] {
    const members = new Uint8Array(this.systemList.length);
    let outside = 0;
    for (const s of system) {
      const i = this.position.get(s.codeKey);
      if (i !== undefined && this.systemList[i]!.src === s) members[i] = 1;
      else outside++;
    }
    // Dossiers outside the session (a tier called on its own inputs): the plain blocks.
    if (outside > 0) return this.scoreWithBlocks(paper, system, minScore);
    this.finder ??= new CandidateFinder(this.systemList, this.config);
    const sorted = [...paper].sort((a, b) => a.id - b.id).map((p) => this.preparePaper(p));
    const codes = new CodeNeighbours(sorted, this.systemList, members);
    const out: ScoredPair[] = [];
    const mine: ScoredPair[] = [];
    sorted.forEach((pp, k) => {
      if (onProgress && k % 2_000 === 0) onProgress(k, sorted.length);
      mine.length = 0;
      this.finder!.candidates(pp, k, members, codes, (i) => {
        const x = scorePair(pp, this.systemList[i]!, this.ctx, minScore);
        if (x) mine.push(x);
      });
      if (mine.length > 1) mine.sort((a, b) => a.systemCodeKey.localeCompare(b.systemCodeKey));
      for (const x of mine) out.push(x);
    });
    onProgress?.(sorted.length, sorted.length);
    return out;
  }

  private scoreWithBlocks(
    paper: readonly PaperCandidate[],
    system: readonly SystemCandidate[],
    minScore: number,
  ): ScoredPair[] {
    const prepared = system.map((s) => this.systemOf(s.codeKey) ?? prepareSystem(s, this.config));
    const blocks = new SystemBlocks(prepared);
    const out: ScoredPair[] = [];
    for (const p of [...paper].sort((a, b) => a.id - b.id)) {
      const pp = this.preparePaper(p);
      const pairs = blocks
        .candidates(pp, this.config)
        .map((i) => scorePair(pp, prepared[i]!, this.ctx))
        .filter((x) => x.score >= minScore);
      out.push(...pairs.sort((a, b) => a.systemCodeKey.localeCompare(b.systemCodeKey)));
    }
    return out;
  }
}

const sessions = new WeakMap<TierInputs, Map<MatchConfig, MatchSession>>();

/** Opens the session of `all` with the given procedure weights; the tiers given `all` then use it. */
export function openSession(all: TierInputs, config: MatchConfig, idf: ProcedureIdf): MatchSession {
  let byConfig = sessions.get(all);
  if (!byConfig) sessions.set(all, (byConfig = new Map()));
  const s = new MatchSession(all, config, idf);
  byConfig.set(config, s);
  return s;
}

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
  const chosen = assignOneToOne(
    strong.map((x) => ({ p: x.paperId, s: x.systemCodeKey, gain: Math.max(x.weight, 1e-6), pair: x })),
  );
  return chosen.map((e) => {
    const x = (e as typeof e & { pair: ScoredPair }).pair;
    return {
      paperId: x.paperId,
      systemCodeKey: x.systemCodeKey,
      method: 'fuzzy' as const,
      score: x.score,
      reasons: x.reasons,
    };
  });
}

/** The scored tier; `onProgress` hears of the rows scored so far (every 2,000 rows and at the end). */
export function createScoredTier(config: MatchConfig, onProgress?: (done: number, total: number) => void): MatchTier {
  return (paper, system, all) => {
    if (paper.length === 0 || system.length === 0) return [];
    const session = sessionFor(all ?? { paper, system }, config);
    return linkScoredPairs(session.scoreBlocked(paper, system, config.upper, onProgress), config);
  };
}
