/**
 * One unattended run (`motcua-audit run --config audit.json`): take the lock, import the unit
 * list and every file not yet imported (by content hash), match, build the report, snapshot its
 * findings, compare with the previous run, write the report files into a folder of their own
 * plus latest.json, prune old folders, check the thresholds, and record the run. Never prints:
 * it reports each step through `onEvent`. A run killed at any point leaves the database
 * consistent (every write is a transaction) and the next run finishes the work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importFiles } from '../audit/import.js';
import { runMatch, type MatchSummary } from '../audit/match.js';
import { openAuditReport } from '../audit/report.js';
import type { ReportFilters } from '../report/model/types.js';
import type { OpenReport } from '../audit/report-stream.js';
import type { AuditConfig } from '../config/audit-config.js';
import { configError } from '../config/audit-config.js';
import { loadConfigStatusTable } from '../config/statuses.js';
import { AuditError } from '../errors.js';
import { type Lang, SECTIONS } from '../i18n/index.js';
import type { StatusTable } from '../normalize/status.js';
import type { AnyReport, FindingSet, ReportHead } from '../report/model/finding-set.js';
import { writeReportJson } from '../report/render/json.js';
import { getMeta, openDb, setMeta, type Db } from '../store/db.js';
import {
  finishRun,
  getRun,
  isImported,
  loadRunFindings,
  markInterruptedRuns,
  previousCompletedRun,
  saveRunFindings,
  startRun,
} from '../store/runs.js';
import { importUnits, readUnitsFile } from '../audit/units.js';
import { diffFindings, type RunDiff } from './diff.js';
import type { RunEvent } from './events.js';
import { collectInputs, hashFile } from './inputs.js';
import { acquireRunLock } from './lock.js';
import { periodFilters } from './period.js';
import {
  createRunFolder,
  pruneRunFolders,
  removeIncompleteRunFolders,
  replaceFileAtomically,
  runFolderName,
  writeNewFile,
} from './report-dir.js';
import { REPORT_FILE_BASE, writeReportFile } from './report-files.js';

/** The exit codes a run records and returns (the CLI's table, passed in: the core knows no CLI). */
export interface RunExitCodes {
  ok: number;
  threshold: number;
  input: number;
  forError: (e: unknown) => number;
}

/** Options of a run. */
export interface RunAuditOptions {
  config: AuditConfig;
  /** Seconds to wait for another run's lock. */
  waitSeconds: number;
  /** Language of the report files. */
  lang: Lang;
  now: () => Date;
  onEvent: (e: RunEvent) => void;
  exitCodes: RunExitCodes;
  busyTimeoutMs?: number;
  toolVersion?: string;
}

/** What a run stores in its record (counts only). */
export interface RunCounts {
  files: { imported: number; replaced: number; unchanged: number; failed: number };
  rows: { imported: number; skipped: number };
  match: MatchSummary;
  period: { from: string | null; to: string | null };
  report: {
    paperRecords: number;
    systemRecords: number;
    neverClosedElectronically: number | null;
    dataQuality: number;
    findings: number;
  };
  /** Findings of the whole database (the snapshot `diff` compares), by category. */
  findings: Record<string, number>;
  diff: { previousRunId: number; new: number; resolved: number; stillOpen: number } | null;
  failOn: Array<{ rule: 'neverClosed' | 'dataQuality'; value: number; limit: number }>;
}

/** The outcome of a completed run. */
export interface RunAuditResult {
  runId: number;
  exitCode: number;
  /** The report's head (counters, timeliness, provenance); its findings are in the files written. */
  report: ReportHead;
  diff: RunDiff | null;
  reportDir: string;
  counts: RunCounts;
}

const UNITS_SHA_KEY = 'run_units_sha256';

const since = (t: number) => Math.round(performance.now() - t);

/** Findings per category (only the categories present). */
function countByCategory(set: FindingSet): Record<string, number> {
  const out: Record<string, number> = {};
  for (const section of SECTIONS) {
    const n = section === 'review' ? 0 : set.count(section);
    if (n > 0) out[section] = n;
  }
  return out;
}

/** Runs the whole audit once. Throws RUN_LOCKED (another run holds the lock), RUN_CONFIG_INVALID, DB_* errors. */
export async function runAudit(o: RunAuditOptions): Promise<RunAuditResult> {
  const { config } = o;
  // A bad status table is a config error: found before anything is locked or created.
  const statusTable = loadConfigStatusTable(config);
  try {
    fs.mkdirSync(path.dirname(config.database), { recursive: true });
  } catch (e) {
    throw new AuditError(
      'DB_READONLY',
      `cannot create the database folder: ${config.database}`,
      { file: config.database },
      {},
      { cause: e },
    );
  }
  const lock = await acquireRunLock(config.database, {
    waitSeconds: o.waitSeconds,
    onWait: (holder) => o.onEvent({ type: 'lock.wait', holder }),
  });
  let db: Db | null = null;
  try {
    db = openDb(config.database, { busyTimeoutMs: o.busyTimeoutMs });
    const startedAt = o.now().toISOString();
    const interruptedRuns = markInterruptedRuns(db, startedAt);
    const runId = startRun(db, {
      startedAt,
      pid: lock.info.pid,
      hostname: lock.info.hostname,
      configPath: path.resolve(config.file),
    });
    o.onEvent({
      type: 'run.start',
      runId,
      database: config.database,
      waitedMs: lock.waitedMs,
      tookOver: lock.tookOver,
      interruptedRuns,
    });
    // What a run killed while writing its reports left (a folder with a .part file, an unfinished latest.json).
    const incomplete = removeIncompleteRunFolders(
      config.reports.dir,
      (id) => id !== runId && ['interrupted', 'running'].includes(getRun(db!, id)?.status ?? ''),
    );
    if (incomplete.length > 0) o.onEvent({ type: 'reports.incomplete', removed: incomplete });
    try {
      const result = await runSteps(db, runId, startedAt, statusTable, o);
      finishRun(db, runId, {
        finishedAt: o.now().toISOString(),
        status: 'completed',
        exitCode: result.exitCode,
        reportDir: result.reportDir,
        counts: result.counts,
      });
      return result;
    } catch (e) {
      try {
        finishRun(db, runId, {
          finishedAt: o.now().toISOString(),
          status: 'failed',
          exitCode: o.exitCodes.forError(e),
          reportDir: null,
          counts: { error: e instanceof AuditError ? e.code : 'INTERNAL' },
        });
      } catch {
        // the database itself failed: the next run marks this one interrupted
      }
      throw e;
    }
  } finally {
    db?.close();
    lock.release();
  }
}

async function runSteps(
  db: Db,
  runId: number,
  startedAt: string,
  statusTable: StatusTable,
  o: RunAuditOptions,
): Promise<RunAuditResult> {
  const { config } = o;
  const emit = o.onEvent;
  const now = o.now;

  if (config.units) {
    const t = performance.now();
    const sha = hashFile(config.units);
    if (sha !== null && getMeta(db, UNITS_SHA_KEY) === sha) {
      emit({ type: 'units', outcome: 'unchanged', result: null, durationMs: since(t) });
    } else {
      const result = importUnits(db, readUnitsFile(config.units), now());
      if (sha) setMeta(db, UNITS_SHA_KEY, sha);
      emit({ type: 'units', outcome: 'imported', result, durationMs: since(t) });
    }
  }

  const { inputs, empty } = collectInputs(config);
  for (const e of empty) emit({ type: 'pattern.empty', ...e });
  const files = { imported: 0, replaced: 0, unchanged: 0, failed: 0 };
  const rows = { imported: 0, skipped: 0 };
  for (const input of inputs) {
    const t = performance.now();
    const sha = hashFile(input.file);
    if (sha !== null && isImported(db, input.kind, sha)) {
      files.unchanged++;
      emit({
        type: 'file',
        source: input.source,
        kind: input.kind,
        file: input.file,
        sha256: sha,
        outcome: 'unchanged',
        result: null,
        durationMs: since(t),
      });
      continue;
    }
    const batch = await importFiles(db, [input.file], {
      kind: input.kind,
      unit: input.unit,
      sheet: null,
      asOf: null,
      now,
      statusTable,
    });
    for (const f of batch.failures) {
      files.failed++;
      emit({
        type: 'file.failed',
        source: input.source,
        kind: input.kind,
        file: input.file,
        error: f.error,
        durationMs: since(t),
      });
    }
    for (const r of batch.results) {
      files[r.outcome === 'replaced' ? 'replaced' : r.outcome === 'unchanged' ? 'unchanged' : 'imported']++;
      if (r.outcome !== 'unchanged') {
        rows.imported += r.rowsImported;
        rows.skipped += r.rowsSkipped;
      }
      emit({
        type: 'file',
        source: input.source,
        kind: input.kind,
        file: input.file,
        sha256: r.sha256,
        outcome: r.outcome,
        result: r,
        durationMs: since(t),
      });
    }
  }

  let t = performance.now();
  const match = runMatch(db, { now, config: config.match ?? undefined });
  emit({ type: 'match', summary: match, durationMs: since(t) });

  t = performance.now();
  const filters = periodFilters(config.reports.period, now());
  const { report, findings, findingCount, diff, dir } = await reportStep(
    db,
    { runId, startedAt, statusTable, filters, startedAtMs: t },
    o,
  );

  const failOn: RunCounts['failOn'] = [];
  const check = (rule: 'neverClosed' | 'dataQuality', value: number, limit: number | null) => {
    if (limit === null || value <= limit) return;
    failOn.push({ rule, value, limit });
    emit({ type: 'fail-on', rule, value, limit });
  };
  check('neverClosed', report.totals.neverClosedElectronically ?? 0, config.failOn.neverClosed);
  check('dataQuality', report.totals.dataQuality, config.failOn.dataQuality);

  const exitCode = files.failed > 0 ? o.exitCodes.input : failOn.length > 0 ? o.exitCodes.threshold : o.exitCodes.ok;
  const counts: RunCounts = {
    files,
    rows,
    match,
    period: { from: filters.from, to: filters.to },
    report: {
      paperRecords: report.totals.paperRecords,
      systemRecords: report.totals.systemRecords,
      neverClosedElectronically: report.totals.neverClosedElectronically,
      dataQuality: report.totals.dataQuality,
      findings: findingCount,
    },
    findings,
    diff: diff
      ? {
          previousRunId: diff.from.id,
          new: diff.totals.new,
          resolved: diff.totals.resolved,
          stillOpen: diff.totals.stillOpen,
        }
      : null,
    failOn,
  };
  return { runId, exitCode, report, diff, reportDir: dir, counts };
}

/**
 * The report of a run, streamed (findings in a temporary store, read back one at a time: bounded
 * memory at any size): counts, the findings snapshot, the diff with the previous run, the files.
 */
async function reportStep(
  db: Db,
  r: { runId: number; startedAt: string; statusTable: StatusTable; filters: ReportFilters; startedAtMs: number },
  o: RunAuditOptions,
): Promise<{
  report: ReportHead;
  findings: Record<string, number>;
  findingCount: number;
  diff: RunDiff | null;
  dir: string;
}> {
  const { runId, startedAt, statusTable, filters } = r;
  const emit = o.onEvent;
  const now = o.now;
  const opened = openAuditReport(db, {
    filters,
    statusTable,
    now,
    baseDir: o.config.dir,
    unitView: o.config.reports.units,
  });
  let openedWhole: OpenReport | null = null;
  try {
    openedWhole =
      o.config.reports.period === 'all'
        ? null
        : openAuditReport(db, {
            filters: { unit: null, from: null, to: null },
            statusTable,
            now,
            baseDir: o.config.dir,
            unitView: o.config.reports.units,
          });
    const report = opened.report;
    const whole = openedWhole?.report ?? report;
    emit({
      type: 'report',
      period: { from: filters.from, to: filters.to },
      paperRecords: report.totals.paperRecords,
      neverClosed: report.totals.neverClosedElectronically,
      dataQuality: report.totals.dataQuality,
      findings: countByCategory(report.findings),
      durationMs: since(r.startedAtMs),
    });

    saveRunFindings(db, runId, whole.findings.iterate());
    const previous = previousCompletedRun(db, runId);
    const diff = previous
      ? diffFindings(
          { id: previous.id, startedAt: previous.startedAt },
          loadRunFindings(db, previous.id),
          { id: runId, startedAt },
          loadRunFindings(db, runId),
        )
      : null;
    emit({
      type: 'diff',
      previousRunId: previous?.id ?? null,
      new: diff?.totals.new ?? whole.findings.count(),
      resolved: diff?.totals.resolved ?? 0,
      stillOpen: diff?.totals.stillOpen ?? 0,
    });

    const t = performance.now();
    const { dir, written, removed } = await writeReports(runId, report, diff, o);
    emit({ type: 'reports.written', dir, files: written, removed, durationMs: since(t) });
    // The head only: the findings' store is closed on return.
    const { findings: set, ...head } = report;
    return { report: head, findings: countByCategory(whole.findings), findingCount: set.count(), diff, dir };
  } finally {
    opened.close();
    openedWhole?.close();
  }
}

/** How the reports were made, for their provenance: the run, and the config fields that change them. */
function runOptionsUsed(config: AuditConfig): string[] {
  const out = [`run --config ${path.basename(config.file)}`];
  if (config.statuses) out.push(`statuses: ${path.relative(config.dir, config.statuses) || config.statuses}`);
  if (config.reports.period !== 'all') out.push(`reports.period: ${config.reports.period}`);
  if (config.reports.showPersonalData) out.push('reports.showPersonalData: true');
  return out;
}

/** Writes the run's folder, latest.json and the retention; a folder that cannot be written is a config error. */
async function writeReports(
  runId: number,
  report: AnyReport,
  diff: RunDiff | null,
  o: RunAuditOptions,
): Promise<{ dir: string; written: string[]; removed: string[] }> {
  const r = o.config.reports;
  const context = {
    lang: o.lang,
    diff,
    toolVersion: o.toolVersion ?? '',
    optionsUsed: runOptionsUsed(o.config),
    showPersonalData: r.showPersonalData,
    agency: r.agency,
    title: r.title,
    signerPrepared: r.signerPrepared,
    signerHead: r.signerHead,
    htmlMaxFindings: r.htmlMaxFindings,
  };
  let dir: string | null = null;
  let complete = false;
  try {
    dir = createRunFolder(r.dir, runFolderName(o.now(), runId), r.mode);
    const written: string[] = [];
    for (const format of r.formats) {
      const name = `${REPORT_FILE_BASE}.${format}`;
      await writeReportFile(format, report, context, path.join(dir, name), r.mode, writeNewFile);
      written.push(name);
    }
    replaceFileAtomically(path.join(r.dir, 'latest.json'), (write) => writeReportJson(report, write), r.mode);
    complete = true;
    const removed = pruneRunFolders(r.dir, r.keep);
    return { dir, written, removed };
  } catch (e) {
    // A run folder with some of its files is worse than none: a failed run leaves no folder.
    if (dir !== null && !complete) fs.rmSync(dir, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
      throw configError(o.config.file, 'reports.dir', { kind: 'writable', detail: `${code} ${r.dir}` });
    throw e;
  }
}
