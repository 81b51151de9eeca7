/** `run --config audit.json [--wait SECONDS] [--log-json FILE]`: the unattended monthly run. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { loadAuditConfig } from '../../audit/context.js';
import { isAuditError, wrapFsError } from '../../errors.js';
import { displayDate, formatError, MSG_RELIABILITY, RUN_MSG, usageError } from '../../i18n/index.js';
import { runAudit } from '../../run/audit-run.js';
import { toLogRecord, type LogRecord, type RunEvent } from '../../run/events.js';
import { addCommand, type CommandEnv } from '../command.js';
import type { Ctx } from '../context.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { printImportResult } from './import.js';

const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

/** Exit code of an error thrown by a run. */
export function runErrorExitCode(e: unknown): number {
  // A file-system error naming its file (a full disk while writing a report) is operational, as in main.
  const w = wrapFsError(e);
  return isAuditError(w) ? exitCodeFor(w.code, w.params) : EXIT.INTERNAL;
}

/** Parses --wait: seconds, a whole or decimal number ≥ 0. */
export function parseWait(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw usageError('waitSeconds', { option: '--wait', value });
  return n;
}

/**
 * An append-only JSON-lines log (created 0600). Each line: time, run id, step fields. A log that
 * cannot be opened is a usage error; one that fails later (disk full) is reported once and the
 * run goes on: the audit matters more than its log.
 */
class JsonLog {
  private runId: number | null = null;
  private broken = false;
  constructor(
    private readonly file: string,
    private readonly now: () => Date,
    private readonly warn: (line: string) => void,
  ) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.closeSync(fs.openSync(file, 'a', 0o600));
    } catch (e) {
      throw usageError(
        'logJsonUnwritable',
        { option: '--log-json', file, fsCode: (e as NodeJS.ErrnoException).code ?? 'error' },
        { file },
      );
    }
  }

  write(record: LogRecord): void {
    if (typeof record.runId === 'number') this.runId = record.runId;
    if (this.broken) return;
    try {
      fs.appendFileSync(
        this.file,
        `${JSON.stringify({ ts: this.now().toISOString(), runId: this.runId, ...record })}\n`,
      );
    } catch (e) {
      this.broken = true;
      this.warn(`--log-json: ${this.file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
}

/** Prints run events for people: information on stdout (silent under --quiet), problems on stderr. */
function eventPrinter(c: Ctx): (e: RunEvent) => void {
  const m = RUN_MSG[c.opts.lang];
  let unchanged = 0;
  const flushUnchanged = () => {
    if (unchanged > 0) c.info(m.unchangedFiles(unchanged));
    unchanged = 0;
  };
  return (e) => {
    switch (e.type) {
      case 'lock.wait':
        return c.info(m.waiting(e.holder?.pid ?? null, e.holder?.hostname ?? null, e.holder?.startedAt ?? null));
      case 'run.start':
        c.info(m.runStarted(e.runId, e.database));
        if (e.tookOver) c.warn(m.tookOver(e.tookOver === 'garbled' ? null : e.tookOver.pid));
        return;
      case 'units':
        return c.info(e.result ? m.unitsImported(e.result.added, e.result.updated) : m.unitsUnchanged);
      case 'pattern.empty':
        return c.warn(m.noFiles(e.source, e.pattern));
      case 'file':
        if (e.outcome === 'unchanged' || !e.result) unchanged++;
        else printImportResult(c, e.result);
        return;
      case 'file.failed':
        c.warn(c.msg.failed(formatError(e.error, c.opts.lang)));
        if (c.opts.debug && e.error.stack) c.warn(e.error.stack);
        return;
      case 'match':
        flushUnchanged();
        return c.info(
          c.msg.matched(
            e.summary.matched.code,
            e.summary.matched.fuzzy,
            e.summary.matched.manual,
            e.summary.unmatchedPaper,
            e.summary.unmatchedSystem,
          ),
        );
      case 'report': {
        const period =
          e.period.from && e.period.to
            ? m.periodRange(displayDate(e.period.from), displayDate(e.period.to))
            : m.periodAll;
        return c.info(m.reportLine(e.paperRecords, e.neverClosed, e.dataQuality, period));
      }
      case 'diff':
        return c.info(
          e.previousRunId === null ? m.firstRun : m.diffLine(e.previousRunId, e.new, e.resolved, e.stillOpen),
        );
      case 'reports.written':
        c.info(m.wroteDir(e.dir, [...e.files, 'latest.json'].join(', ')));
        if (e.removed.length > 0) c.info(m.removedDirs(e.removed.length));
        return;
      case 'fail-on':
        return c.warn(m.failOn(e.rule, e.value, e.limit));
      case 'reports.incomplete':
        for (const name of e.removed) c.warn(MSG_RELIABILITY[c.opts.lang].incompleteRemoved(name));
        return;
    }
  };
}

/** Registers `run`. */
export function registerRun(program: Command, { lang, ctx, setExit }: CommandEnv): void {
  const h = RUN_MSG[lang].help;
  addCommand(program, {
    name: 'run',
    description: h.run,
    options: [
      { flags: '--config <file>', description: h.config, required: true },
      ['--wait <seconds>', h.wait],
      ['--log-json <file>', h.logJson],
    ],
  }).action(async (o: { config: string; wait?: string; logJson?: string }) => {
    const c = ctx();
    const waitSeconds = parseWait(o.wait ?? '0');
    const log = o.logJson
      ? new JsonLog(
          o.logJson,
          () => c.now(),
          (line) => c.warn(line),
        )
      : null;
    const started = performance.now();
    const print = eventPrinter(c);
    let runId: number | null = null;
    try {
      const config = loadAuditConfig(o.config);
      const timeout = Number(c.io.env.MOTCUA_AUDIT_BUSY_TIMEOUT_MS);
      const result = await runAudit({
        config,
        waitSeconds,
        lang: c.opts.lang,
        now: () => c.now(),
        toolVersion: VERSION,
        busyTimeoutMs: Number.isFinite(timeout) && timeout >= 0 ? timeout : undefined,
        exitCodes: { ok: EXIT.OK, threshold: EXIT.FINDINGS, input: EXIT.INPUT, forError: runErrorExitCode },
        onEvent: (e) => {
          if (e.type === 'run.start') runId = e.runId;
          const record = toLogRecord(e);
          if (log && record) log.write(record);
          print(e);
        },
      });
      log?.write({
        step: 'run.end',
        status: 'completed',
        exitCode: result.exitCode,
        durationMs: Math.round(performance.now() - started),
      });
      setExit(result.exitCode);
    } catch (e) {
      log?.write({
        step: 'run.end',
        status: runId === null ? 'not-started' : 'failed',
        exitCode: runErrorExitCode(e),
        error: isAuditError(e) ? e.code : 'INTERNAL',
        durationMs: Math.round(performance.now() - started),
      });
      throw e;
    }
  });
}
