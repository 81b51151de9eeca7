/**
 * What a run reports as it goes, one event per step. The CLI prints them for people and writes
 * them to --log-json through `toLogRecord`, which keeps codes and counts only.
 */
import type { MatchSummary } from '../audit/match.js';
import type { AuditError } from '../errors.js';
import type { ImportResult } from '../audit/import.js';
import type { UnitsImportResult } from '../store/units.js';
import type { SourceKind } from '../types.js';
import type { LockInfo } from './lock.js';

/** One step of a run. */
export type RunEvent =
  | { type: 'lock.wait'; holder: LockInfo | null }
  | {
      type: 'run.start';
      runId: number;
      database: string;
      waitedMs: number;
      tookOver: LockInfo | 'garbled' | null;
      interruptedRuns: number;
    }
  | { type: 'units'; outcome: 'imported' | 'unchanged'; result: UnitsImportResult | null; durationMs: number }
  | { type: 'pattern.empty'; source: string; pattern: string }
  | {
      type: 'file';
      source: string;
      kind: SourceKind;
      file: string;
      sha256: string;
      outcome: 'imported' | 'replaced' | 'unchanged';
      result: ImportResult | null;
      durationMs: number;
    }
  | { type: 'file.failed'; source: string; kind: SourceKind; file: string; error: AuditError; durationMs: number }
  | { type: 'match'; summary: MatchSummary; durationMs: number }
  | {
      type: 'report';
      period: { from: string | null; to: string | null };
      paperRecords: number;
      neverClosed: number | null;
      dataQuality: number;
      /** Findings of the written report (its period), by category. */
      findings: Record<string, number>;
      durationMs: number;
    }
  | { type: 'diff'; previousRunId: number | null; new: number; resolved: number; stillOpen: number }
  | { type: 'reports.written'; dir: string; files: string[]; removed: string[]; durationMs: number }
  | { type: 'fail-on'; rule: 'neverClosed' | 'dataQuality'; value: number; limit: number }
  | { type: 'reports.incomplete'; removed: string[] };

/** A log line's fields: codes, counts, hashes and durations only. */
export type LogRecord = Record<string, string | number | boolean | null | Record<string, number>>;

/**
 * The --log-json record of an event, without any personal data: no file paths (the config field
 * and the SHA-256 say which file), no unit or person names, no raw values. Null: not logged.
 */
export function toLogRecord(e: RunEvent): LogRecord | null {
  switch (e.type) {
    case 'lock.wait':
      return { step: 'lock.wait', holderPid: e.holder?.pid ?? null };
    case 'run.start':
      return {
        step: 'run.start',
        runId: e.runId,
        lockWaitedMs: e.waitedMs,
        staleLockTakenOver: e.tookOver !== null,
        interruptedRuns: e.interruptedRuns,
      };
    case 'units':
      return {
        step: 'units',
        outcome: e.outcome,
        added: e.result?.added ?? 0,
        updated: e.result?.updated ?? 0,
        aliases: e.result?.aliases ?? 0,
        durationMs: e.durationMs,
      };
    case 'pattern.empty':
      return { step: 'pattern.empty', source: e.source };
    case 'file': {
      const r = e.result;
      const dq: Record<string, number> = {};
      for (const [rule, n] of Object.entries(r?.issues ?? {})) dq[rule] = n ?? 0;
      return {
        step: 'file',
        source: e.source,
        kind: e.kind,
        sha256: e.sha256,
        outcome: e.outcome,
        rowsRead: r?.rowsRead ?? 0,
        rowsImported: r?.rowsImported ?? 0,
        rowsSkipped: r?.rowsSkipped ?? 0,
        dataQuality: dq,
        replacedImport: r?.replacedImportId ?? null,
        durationMs: e.durationMs,
      };
    }
    case 'file.failed':
      return { step: 'file.failed', source: e.source, kind: e.kind, error: e.error.code, durationMs: e.durationMs };
    case 'match': {
      const s = e.summary;
      return {
        step: 'match',
        paperRows: s.paperRows,
        systemDossiers: s.systemDossiers,
        matched: { ...s.matched },
        unmatchedPaper: s.unmatchedPaper,
        unmatchedSystem: s.unmatchedSystem,
        durationMs: e.durationMs,
      };
    }
    case 'report':
      return {
        step: 'report',
        periodFrom: e.period.from,
        periodTo: e.period.to,
        paperRecords: e.paperRecords,
        neverClosed: e.neverClosed,
        dataQuality: e.dataQuality,
        findings: { ...e.findings },
        durationMs: e.durationMs,
      };
    case 'diff':
      return { step: 'diff', previousRunId: e.previousRunId, new: e.new, resolved: e.resolved, stillOpen: e.stillOpen };
    case 'reports.written':
      return {
        step: 'reports.written',
        files: e.files.length,
        removedFolders: e.removed.length,
        durationMs: e.durationMs,
      };
    case 'fail-on':
      return { step: 'fail-on', rule: e.rule, value: e.value, limit: e.limit };
    case 'reports.incomplete':
      return { step: 'reports.incomplete', removed: e.removed.length };
  }
}
