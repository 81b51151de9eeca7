/**
 * Matching on two threads. The scored tier and the review band compare a paper row only with
 * dossiers of its own unit (every block and key is per unit) and the one-to-one assignment splits
 * into components that never cross a unit, so the units can be matched apart: the units are
 * shared between the main thread and a worker thread (match-worker.ts), each with its own
 * session over its units' dossiers, and the links and review candidates are put back together.
 * What is shared by all units is computed once on the main thread first: the auditor's decisions,
 * the code tier (a code may point to a dossier of another unit) and the procedure word weights
 * (over every procedure of the run). The result is the very result of {@link matchAll}:
 * `test/match.threads.test.ts` checks it, and the stored links and review lists of a
 * million-dossier run were compared (docs/performance.md).
 *
 * The main thread waits for the worker without an event loop (matching is synchronous for its
 * callers): the worker posts on a MessageChannel and bumps a shared counter, which the main thread
 * waits on (Atomics.wait) and reads the port synchronously (receiveMessageOnPort). A worker that
 * reports an error, or that stops giving signs of life, is given up: its units are matched on the
 * main thread, with the same result.
 *
 * Small runs stay on one thread (a worker's start-up and the copy of its inputs cost more than
 * they save). MOTCUA_AUDIT_MATCH_THREAD=always|never overrides the choice (tests run both paths).
 */
import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { MatchConfig } from './config.js';
import { applyDecisions, type Decision } from './decisions.js';
import { matchAll, tiersFor, type MatchRun } from './match-run.js';
import { createScoredTier, openSession } from './scored-tier.js';
import type { ProcedureIdf, ProcedureIdfData } from './compare/procedures.js';
import { digitsOf } from './compare/prepare.js';
import { findReviewCandidates, type ReviewCandidate } from './review.js';
import { prepareProcedureCached, procedureIdfOf } from './compare/score.js';
import type { MatchLink, PaperCandidate, SystemCandidate } from './types.js';
import { createCodeTier } from './code-tier.js';
import { workerScriptPath } from '../worker-script.js';

/**
 * Rows left to the scored tier from which a run is shared with a worker thread (and paper rows, before
 * the code tier). At 100,000 dossiers (42,000 such rows) two threads gained nothing: 7.3–7.7 s either way.
 */
export const THREAD_MIN_ROWS = 100_000;

/**
 * What a row costs each thread, for sharing the units (shareUnits). Measured at 1,000,000 dossiers:
 * the main thread, whose heap holds the whole run, took 143–146 µs a row, the worker 119–123 µs; the
 * worker begins ~1.3 s after its share is sent (the copy), about 3 % of the rows' time.
 */
const MAIN_ROW_COST = 1.2;
const WORKER_START = 0.03;

/** A worker silent for this long (no progress, no result) is given up. */
const STALL_MS = 120_000;

/**
 * Whether matching uses a worker thread: for large runs (auto), always (when there are two units to share), or never.
 */
export type MatchThreadSetting = 'auto' | 'always' | 'never';

/** The setting named by MOTCUA_AUDIT_MATCH_THREAD (anything else is auto). */
export function matchThreadSetting(value: string | undefined): MatchThreadSetting {
  return value === 'always' || value === 'never' ? value : 'auto';
}

/**
 * One share of the units: its rows left to the scored tier, every dossier of its units, and which of those are still
 * free.
 */
export interface UnitShare {
  paper: PaperCandidate[];
  system: SystemCandidate[];
  /** 1 where `system[i]` is neither decided nor linked by its code. */
  free: Uint8Array;
}

/** What the worker is started with. */
export interface MatchWorkerData {
  port: MessagePort;
  /** [0]: 1 once the worker runs; [1]: bumped at every message the worker posts. */
  signal: Int32Array;
}

/** Messages to the worker: its share of the run, or to end without one. */
export type MatchWorkerOrder =
  | { t: 'share'; config: MatchConfig; idf: ProcedureIdfData; share: PackedShare }
  | { t: 'stop' };

/** Messages from the worker. */
export type MatchWorkerMessage =
  | { t: 'progress'; done: number }
  | { t: 'done'; links: MatchLink[]; review: ReviewCandidate[] }
  | { t: 'error'; message: string; stack?: string };

/** The scored tier and the review band of one share of the units (either thread). */
export function matchShare(
  share: UnitShare,
  config: MatchConfig,
  idf: ProcedureIdf,
  onProgress?: (done: number, total: number) => void,
): { links: MatchLink[]; review: ReviewCandidate[] } {
  const all = { paper: share.paper, system: share.system };
  openSession(all, config, idf);
  const free = share.system.filter((_, i) => share.free[i] === 1);
  const links = createScoredTier(config, onProgress)(share.paper, free, all);
  const linkedPaper = new Set(links.map((l) => l.paperId));
  const linkedSystem = new Set(links.map((l) => l.systemCodeKey));
  const review = findReviewCandidates(
    share.paper.filter((p) => !linkedPaper.has(p.id)),
    free.filter((s) => !linkedSystem.has(s.codeKey)),
    all,
    config,
  );
  return { links, review };
}

/** The compiled worker script, or null when none is at hand (sources run without a build). */
function workerScript(): string | null {
  return workerScriptPath('match/match-worker.js');
}

let shared = 0;
let fallbacks = 0;

/** How many runs were shared with a worker thread in this process: for tests. */
export function matchThreadsUsed(): number {
  return shared;
}

/** How many worker threads were given up (their units matched on the main thread) in this process: for tests. */
export function matchThreadFallbacks(): number {
  return fallbacks;
}

/**
 * The units for the worker: the units of the rows left to the scored tier, largest first, each to the
 * thread that would finish it first (a row costing each thread what it does: MAIN_ROW_COST, WORKER_START).
 * Null when there is only one unit, or when every unit goes to one side.
 */
function shareUnits(paper: readonly PaperCandidate[]): Set<number> | null {
  const rows = new Map<number, number>();
  for (const p of paper) rows.set(p.unitId, (rows.get(p.unitId) ?? 0) + 1);
  if (rows.size < 2) return null;
  let main = 0;
  let worker = paper.length * WORKER_START;
  const toWorker = new Set<number>();
  for (const [unit, n] of [...rows].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    if (worker + n < main + n * MAIN_ROW_COST) {
      worker += n;
      toWorker.add(unit);
    } else main += n * MAIN_ROW_COST;
  }
  // Every unit on one side (a unit holding most rows): nothing to share.
  return toWorker.size === 0 || toWorker.size === rows.size ? null : toWorker;
}

/**
 * A share as it crosses to the worker: columns, the repeated texts (procedures, received dates) once
 * and referred to by number, numbers in typed arrays (moved, not copied). Only what scoring reads:
 * provenance stays on the main thread. About a third of the copying of one object per row, on both
 * threads (the worker's reading of its copy delays its start).
 */
export interface PackedShare {
  texts: string[];
  paperId: Float64Array;
  paperUnit: Int32Array;
  paperCode: Array<string | null>;
  paperApplicant: Array<string | null>;
  /** Index in `texts`, -1 for null. */
  paperProcedure: Int32Array;
  paperReceived: Int32Array;
  paperDigits: string[][];
  systemCode: string[];
  systemUnit: Int32Array;
  systemApplicant: Array<string | null>;
  systemProcedure: Int32Array;
  systemReceived: Int32Array;
  systemDigits: string[][];
  free: Uint8Array;
}

/** A share packed to cross (see {@link PackedShare}). */
export function packShare(share: UnitShare): PackedShare {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const text = (t: string | null): number => {
    if (t === null) return -1;
    let i = index.get(t);
    if (i === undefined) index.set(t, (i = texts.push(t) - 1));
    return i;
  };
  const { paper, system } = share;
  return {
    texts,
    paperId: Float64Array.from(paper, (p) => p.id),
    paperUnit: Int32Array.from(paper, (p) => p.unitId),
    paperCode: paper.map((p) => p.codeKey),
    paperApplicant: paper.map((p) => p.applicant),
    paperProcedure: Int32Array.from(paper, (p) => text(p.procedure)),
    paperReceived: Int32Array.from(paper, (p) => text(p.receivedDate)),
    paperDigits: paper.map(digitsOf),
    systemCode: system.map((s) => s.codeKey),
    // Shares hold only dossiers with a unit.
    systemUnit: Int32Array.from(system, (s) => s.unitId ?? -1),
    systemApplicant: system.map((s) => s.applicant),
    systemProcedure: Int32Array.from(system, (s) => text(s.procedure)),
    systemReceived: Int32Array.from(system, (s) => text(s.receivedDate)),
    systemDigits: system.map(digitsOf),
    free: share.free,
  };
}

/** The typed arrays of a packed share (moved to the worker with it). */
export function packedBuffers(p: PackedShare): ArrayBuffer[] {
  return [
    p.paperId,
    p.paperUnit,
    p.paperProcedure,
    p.paperReceived,
    p.systemUnit,
    p.systemProcedure,
    p.systemReceived,
    p.free,
  ].map((a) => a.buffer as ArrayBuffer);
}

/** The share a packed share stands for (rows as the matcher sees them). */
export function unpackShare(p: PackedShare): UnitShare {
  const text = (i: number) => (i < 0 ? null : p.texts[i]!);
  const paper: PaperCandidate[] = [];
  for (let k = 0; k < p.paperId.length; k++) {
    paper.push({
      id: p.paperId[k]!,
      unitId: p.paperUnit[k]!,
      codeKey: p.paperCode[k]!,
      applicant: p.paperApplicant[k]!,
      procedure: text(p.paperProcedure[k]!),
      receivedDate: text(p.paperReceived[k]!),
      digits: p.paperDigits[k]!,
    });
  }
  const system: SystemCandidate[] = [];
  for (let k = 0; k < p.systemCode.length; k++) {
    system.push({
      codeKey: p.systemCode[k]!,
      unitId: p.systemUnit[k]!,
      applicant: p.systemApplicant[k]!,
      procedure: text(p.systemProcedure[k]!),
      receivedDate: text(p.systemReceived[k]!),
      digits: p.systemDigits[k]!,
    });
  }
  return { paper, system, free: p.free };
}

/** A worker thread started ahead of its share (it loads its modules meanwhile). */
class MatchThread {
  private readonly channel = new MessageChannel();
  /** See {@link MatchWorkerData}. */
  readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private closed = false;

  private constructor(script: string) {
    this.worker = new Worker(script, {
      workerData: { port: this.channel.port2, signal: this.signal } satisfies MatchWorkerData,
      transferList: [this.channel.port2],
    });
    // The main thread never waits for it to exit.
    this.worker.unref();
  }

  /** A started thread, or null when none could be started. */
  static start(script: string): MatchThread | null {
    try {
      return new MatchThread(script);
    } catch {
      return null;
    }
  }

  send(order: MatchWorkerOrder, transfer: ArrayBuffer[] = []): void {
    this.channel.port1.postMessage(order, transfer);
  }

  /** The next message posted by the worker, or undefined (never waits). */
  receive(): MatchWorkerMessage | undefined {
    return receiveMessageOnPort(this.channel.port1)?.message as MatchWorkerMessage | undefined;
  }

  /**
   * Ends the thread: asked to (it ends by itself after its share, or on `stop`), or stopped at once when `now` (a
   * worker given up).
   */
  close(now = false): void {
    if (this.closed) return;
    this.closed = true;
    if (now) void this.worker.terminate();
    else this.send({ t: 'stop' });
    this.channel.port1.close();
  }
}

/** A worker that has not begun to run this long after its share was sent is given up. */
const START_MS = 30_000;

/**
 * {@link matchAll} with the default tiers (verified code, then scored comparison), its units shared
 * with a worker thread when the run is large enough (see the module's comment). Same result.
 */
export function matchAllThreaded(
  paper: readonly PaperCandidate[],
  system: readonly SystemCandidate[],
  options: {
    config: MatchConfig;
    decisions?: readonly Decision[];
    onProgress?: (done: number, total: number) => void;
    setting?: MatchThreadSetting;
    /** For tests: another worker script, and shorter waits before a worker is given up. */
    workerScript?: string;
    startMs?: number;
    stallMs?: number;
  },
): MatchRun {
  const { config, onProgress } = options;
  const decisions = options.decisions ?? [];
  const setting = options.setting ?? 'auto';
  const script = setting === 'never' ? null : (options.workerScript ?? workerScript());
  if (script === null || (setting === 'auto' && (os.availableParallelism() < 2 || paper.length < THREAD_MIN_ROWS))) {
    return matchAll(paper, system, { config, decisions, tiers: tiersFor(config, { onProgress }) });
  }
  const thread = MatchThread.start(script);
  try {
    return matchSharing(
      paper,
      system,
      config,
      decisions,
      setting,
      thread,
      { startMs: options.startMs ?? START_MS, stallMs: options.stallMs ?? STALL_MS },
      onProgress,
    );
  } finally {
    thread?.close();
  }
}

function matchSharing(
  paper: readonly PaperCandidate[],
  system: readonly SystemCandidate[],
  config: MatchConfig,
  decisions: readonly Decision[],
  setting: MatchThreadSetting,
  thread: MatchThread | null,
  waits: { startMs: number; stallMs: number },
  onProgress?: (done: number, total: number) => void,
): MatchRun {
  const manual = applyDecisions(decisions, paper, system);
  const restPaper = paper.filter((p) => !manual.decidedPaper.has(p.id));
  const restSystem = system.filter((s) => !manual.takenSystem.has(s.codeKey));
  // The code tier on its own (names prepared by text: no session over every dossier).
  const codeLinks =
    restPaper.length === 0 || restSystem.length === 0 ? [] : createCodeTier(config)(restPaper, restSystem);
  const codedPaper = new Set(codeLinks.map((l) => l.paperId));
  const codedSystem = new Set(codeLinks.map((l) => l.systemCodeKey));
  if (codedPaper.size !== codeLinks.length || codedSystem.size !== codeLinks.length)
    throw new Error('a match tier broke one-to-one');
  const scoredPaper = restPaper.filter((p) => !codedPaper.has(p.id));
  // Procedure word weights over every procedure of the run, as one session would have them.
  const idf = procedureIdfOf(
    system.map((s) => prepareProcedureCached(s.procedure, config)),
    paper.map((p) => prepareProcedureCached(p.procedure, config)),
  );
  const shareOf = (inShare: (unit: number) => boolean): UnitShare => {
    const flags: number[] = [];
    const dossiers: SystemCandidate[] = [];
    for (const s of system) {
      // A dossier without a unit is in no block: no share needs it.
      if (s.unitId === null || !inShare(s.unitId)) continue;
      dossiers.push(s);
      flags.push(manual.takenSystem.has(s.codeKey) || codedSystem.has(s.codeKey) ? 0 : 1);
    }
    return { paper: scoredPaper.filter((p) => inShare(p.unitId)), system: dossiers, free: Uint8Array.from(flags) };
  };
  const toWorker =
    thread === null || (setting === 'auto' && scoredPaper.length < THREAD_MIN_ROWS) ? null : shareUnits(scoredPaper);
  const results =
    toWorker === null
      ? [
          matchShare(
            shareOf(() => true),
            config,
            idf,
            onProgress,
          ),
        ]
      : shareWithThread(thread!, toWorker, shareOf, scoredPaper.length, config, idf, waits, onProgress);
  const links = [...manual.links, ...codeLinks, ...results.flatMap((r) => r.links)].sort(
    (a, b) => a.paperId - b.paperId,
  );
  const review = results.flatMap((r) => r.review).sort((a, b) => a.paperId - b.paperId);
  return { links, review, decisions: manual.outcomes };
}

/**
 * Matches the units of `toWorker` on the thread and the others here, at the same time; the thread's units here if it
 * fails.
 */
function shareWithThread(
  thread: MatchThread,
  toWorker: ReadonlySet<number>,
  shareOf: (inShare: (unit: number) => boolean) => UnitShare,
  total: number,
  config: MatchConfig,
  idf: ProcedureIdf,
  waits: { startMs: number; stallMs: number },
  onProgress?: (done: number, total: number) => void,
): Array<{ links: MatchLink[]; review: ReviewCandidate[] }> {
  shared++;
  const mine = shareOf((u) => !toWorker.has(u));
  const theirs = shareOf((u) => toWorker.has(u));
  let doneHere = 0;
  let doneThere = 0;
  const report = () => onProgress?.(Math.min(doneHere + doneThere, total), total);
  const heard: { result: { links: MatchLink[]; review: ReviewCandidate[] } | null; failed: boolean } = {
    result: null,
    failed: false,
  };
  const drain = () => {
    for (let m = thread.receive(); m !== undefined; m = thread.receive()) {
      if (m.t === 'progress') doneThere = m.done;
      else if (m.t === 'done') heard.result = { links: m.links, review: m.review };
      else heard.failed = true;
    }
  };
  try {
    const packed = packShare({ ...theirs, free: theirs.free.slice() });
    thread.send({ t: 'share', config, idf: idf.toData(), share: packed }, packedBuffers(packed));
  } catch {
    heard.failed = true;
  }
  const sentAt = Date.now();
  const here = matchShare(mine, config, idf, (done) => {
    doneHere = done;
    drain();
    report();
  });
  // Wait for the worker's result: a worker that fails, never starts or falls silent is given up.
  let beat = Atomics.load(thread.signal, 1);
  let heardAt = Date.now();
  for (;;) {
    drain();
    if (heard.result !== null || heard.failed) break;
    report();
    const now = Atomics.load(thread.signal, 1);
    if (now !== beat) {
      beat = now;
      heardAt = Date.now();
    } else if (
      Date.now() - heardAt > waits.stallMs ||
      (Atomics.load(thread.signal, 0) === 0 && Date.now() - sentAt > waits.startMs)
    ) {
      heard.failed = true;
    } else Atomics.wait(thread.signal, 1, beat, 250);
  }
  let there = heard.failed ? null : heard.result;
  if (there === null) {
    fallbacks++;
    thread.close(true);
    there = matchShare(theirs, config, idf, (done) => {
      doneThere = done;
      report();
    });
  }
  return [here, there];
}
