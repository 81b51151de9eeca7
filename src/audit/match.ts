/**
 * Matching as a use case: the stored rows matched (in tiers, on worker threads when large), the
 * decisions applied, the result stored. Like every module of audit/, it takes an open database
 * and fully defaulted options, returns plain results, never prints and never exits.
 */
import { AuditError } from '../errors.js';
import { DEFAULT_MATCH_CONFIG, resolveMatchConfig, type MatchConfig, type MatchConfigInput } from '../match/config.js';
import type { DecisionOutcome } from '../match/decisions.js';
import { matchAll, tiersFor } from '../match/match-run.js';
import { matchAllThreaded, matchThreadSetting, type MatchThreadSetting } from '../match/threads.js';
import type { MatchTier } from '../match/types.js';
import { getMeta, readMatchStale, type Db } from '../store/db.js';
import { blockByLineOfSuccession, loadMatchInputs } from '../store/row-reads.js';
import { dataVersion, loadDecisions, loadStoredMatchConfig, saveMatchRun } from '../store/match-store.js';
import { loadShapeInfo, loadUnitNames } from '../store/shape-store.js';
import { findExtraLinks } from '../match/shapes.js';
import type { MatchMethod } from '../types.js';
export type { MatchConfigInput } from '../match/config.js';
export { matchThreadSetting } from '../match/threads.js';

/** Counts of one matching run. */
export interface MatchSummary {
  paperRows: number;
  systemDossiers: number;
  matched: Record<MatchMethod, number>;
  unmatchedPaper: number;
  unmatchedSystem: number;
  /** Unmatched paper rows with candidates in the review band. */
  review: number;
  /** What became of each stored decision. */
  decisions: DecisionOutcome[];
  /**
   * True when the data changed while the matcher ran, twice in a row: nothing was stored, the
   * matches stay stale and the next report (or match) matches again.
   */
  notStored?: boolean;
  /** Extra links beyond one-to-one, by shape (see src/match/shapes.ts). */
  extra: { transfer: number; resubmission: number; batch: number };
}

/**
 * The tiers used by default, in order: verified code, then scored comparison (manual decisions are applied over them).
 */
export const DEFAULT_TIERS: readonly MatchTier[] = tiersFor(DEFAULT_MATCH_CONFIG);

/**
 * Links paper rows to system dossiers and stores the links and review candidates (replacing
 * earlier ones); the auditor's decisions are re-applied every time. Without `config`, the
 * options of the previous run are used (so an automatic re-match keeps the user's thresholds).
 */
export function runMatch(
  db: Db,
  options: {
    now?: () => Date;
    tiers?: readonly MatchTier[];
    config?: MatchConfig | MatchConfigInput;
    onProgress?: (done: number, total: number) => void;
    /** Whether a large run is shared with a worker thread (default: MOTCUA_AUDIT_MATCH_THREAD, else auto). */
    thread?: MatchThreadSetting;
    /**
     * Called between reading the inputs and storing the results (attempt 1, then 2 when the data
     * changed meanwhile): lets a test (or a caller) make another process write there.
     */
    beforeStore?: (attempt: number) => void;
  } = {},
): MatchSummary {
  const now = options.now ?? (() => new Date());
  // The inputs are read in one read transaction with the data version; the results are stored
  // only if that version is unchanged (an import meanwhile would otherwise be marked matched
  // without being matched, or a replaced register break the links' foreign keys). Once redone.
  for (let attempt = 1; ; attempt++) {
    const { config, decisions, paper, system, version, shapeInfo, unitNames, defaults } = db
      .transaction(() => {
        const version = dataVersion(db);
        const stored = loadStoredMatchConfig(db);
        const config = options.config
          ? resolveMatchConfig(options.config)
          : resolveMatchConfig({}, stored ?? DEFAULT_MATCH_CONFIG);
        const decisions = loadDecisions(db);
        // Provenance (content keys, files, rows) only serves decisions: not read without any.
        const { paper, system } = loadMatchInputs(db, {
          provenance: decisions.length > 0 || options.tiers !== undefined,
        });
        // A unit and its predecessors and successors are matched as one block (units over time).
        blockByLineOfSuccession(db, paper, system);
        const shapeInfo = loadShapeInfo(db);
        const unitNames = loadUnitNames(db);
        return {
          config,
          decisions,
          paper,
          system,
          version,
          shapeInfo,
          unitNames,
          defaults: options.config === undefined && !stored,
        };
      })
      .deferred();
    // The default tiers share a large run's units with a second thread (match/threads.ts): same result.
    const run = options.tiers
      ? matchAll(paper, system, { config, tiers: options.tiers, decisions })
      : matchAllThreaded(paper, system, {
          config: defaults ? DEFAULT_MATCH_CONFIG : config,
          decisions,
          onProgress: options.onProgress,
          setting: options.thread ?? matchThreadSetting(process.env.MOTCUA_AUDIT_MATCH_THREAD),
        });
    // Rows and dossiers that are not one-to-one: extra links on evidence, after the assignment (main thread).
    run.extra = findExtraLinks({
      paper,
      system,
      links: run.links,
      decided: new Set(run.decisions.flatMap((o) => (o.paperId === null ? [] : [o.paperId]))),
      info: shapeInfo,
      unitNames,
      config: defaults ? DEFAULT_MATCH_CONFIG : config,
    });
    options.beforeStore?.(attempt);
    const stored = saveMatchRun(db, run, now().toISOString(), config, version);
    if (!stored && attempt < 2) continue;
    const links = run.links;
    const matched: Record<MatchMethod, number> = { code: 0, fuzzy: 0, manual: 0 };
    for (const l of links) matched[l.method]++;
    // A row or dossier with only an extra link is not unmatched.
    const linkedPaper = new Set(links.map((l) => l.paperId));
    const extraPaper = new Set(run.extra.filter((l) => !linkedPaper.has(l.paperId)).map((l) => l.paperId)).size;
    const linkedSystem = new Set(links.map((l) => l.systemCodeKey));
    const extraSystem = new Set(run.extra.filter((l) => !linkedSystem.has(l.systemCodeKey)).map((l) => l.systemCodeKey))
      .size;
    return {
      paperRows: paper.length,
      systemDossiers: system.length,
      matched,
      unmatchedPaper: paper.length - links.length - extraPaper,
      unmatchedSystem: system.length - links.length - extraSystem,
      review: new Set(run.review.map((r) => r.paperId)).size,
      decisions: run.decisions,
      ...(stored ? {} : { notStored: true }),
      extra: {
        transfer: run.extra.filter((l) => l.shape === 'transfer').length,
        resubmission: run.extra.filter((l) => l.shape === 'resubmission').length,
        batch: run.extra.filter((l) => l.shape === 'batch').length,
      },
    };
  }
}

/**
 * Matches and stores the result before a report or review reads the stored matches; when the
 * data kept changing while it matched (another process writing without the lock), fails with
 * DB_LOCKED (exit 4: try again) rather than report on matches that are out of date.
 */
export function matchStored(db: Db, now: () => Date): MatchSummary {
  const s = runMatch(db, { now });
  if (s.notStored)
    throw new AuditError(
      'DB_LOCKED',
      'the data changed while matching, twice; run the command again',
      {},
      { reason: 'data-changed' },
    );
  return s;
}

/** True when files were imported since the last match. */
export function isMatchStale(db: Db): boolean {
  return getMeta(db, 'match_stale') !== '0';
}

/** True when the database at `file` exists and its matches are stale (read without writing anything). */
export function needsMatch(file: string): boolean {
  return readMatchStale(file);
}
