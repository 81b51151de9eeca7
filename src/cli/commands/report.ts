/**
 * `report [--format table|json|csv|xlsx|html|md] [--out FILE|DIR]... [--unit NAME] [--from DATE] [--to DATE]
 * [--agency TEXT] [--title TEXT] [--signer-prepared NAME] [--signer-head NAME] [--split-by-unit]
 * [--show-personal-data]`.
 */
import {
  unitsWithoutSystemData,
  SECTIONS,
  REPORT_OPTION_HELP,
  DEFAULT_HTML_MAX_FINDINGS,
  memoLabels,
  helpTexts,
  usageError,
} from '../../i18n/index.js';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Command } from 'commander';
import { openAuditReport } from '../../audit/report.js';
import {
  auditPath,
  chunked,
  countingFindingSet,
  materialize,
  type RenderOptions,
  renderTable,
  type Report,
  type ReportFormat,
  reportForUnit,
  type ReportHead,
  type ReportText,
  reportText,
  resolveRenderOptions,
  type StreamedReport,
  tableWidth,
  uniqueFileNames,
  UNIT_VIEWS,
  type UnitView,
  writePrivateFileAtomically,
  writeReportFormat,
  writeTextFile,
} from '../../audit/report-output.js';
import { phaseProgressBar } from '../progress.js';
import { loadStatusTable } from '../../audit/context.js';
import { addCommand, type CommandEnv } from '../command.js';
import { parseDateOption, type Ctx } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface ReportCliOptions {
  format: string;
  out?: string;
  unit?: string;
  from?: string;
  to?: string;
  failOn?: string;
  showPersonalData?: boolean;
  statuses?: string;
  agency?: string;
  title?: string;
  signerPrepared?: string;
  signerHead?: string;
  splitByUnit?: boolean;
  wide?: boolean;
  htmlMaxFindings?: string;
  units?: string;
}

const FORMATS = ['table', 'json', 'csv', 'xlsx', 'html', 'md'];
const EXTENSION: Record<string, string> = { json: 'json', csv: 'csv', xlsx: 'xlsx', html: 'html', md: 'md' };
const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

/** Writes a report text to its file (0600, atomically): a whole text at once, a streamed one piece by piece. */
function writeReportText(file: string, text: ReportText): void {
  if (typeof text === 'string') writePrivateFileAtomically(file, text);
  else writeTextFile(file, text);
}

/** Writes a report text to stdout: a whole text at once, a streamed one in chunks. */
function printReportText(c: Ctx, text: ReportText): void {
  if (typeof text === 'string') {
    c.data(text);
    return;
  }
  const sink = chunked((chunk) => c.data(chunk.toString('utf8')));
  text(sink.write);
  sink.end();
}

/**
 * The options that shaped the report, as the user gave them, for the provenance sheet: `--format`
 * only when given, every `--out` (relative to the working folder, never an absolute path of the
 * machine), then the language and the other options.
 */
export function optionsUsed(o: ReportRawOptions, lang: string, formatGiven: boolean, cwd: string): string[] {
  const q = (v: string) => (/[\s"]/.test(v) ? JSON.stringify(v) : v);
  const out: string[] = [];
  if (formatGiven) out.push(`--format ${o.format}`);
  for (const file of o.out ?? []) out.push(`--out ${q(auditPath(path.resolve(cwd, file), cwd))}`);
  out.push(`--lang ${lang}`);
  if (o.unit) out.push(`--unit ${q(o.unit)}`);
  if (o.from) out.push(`--from ${q(o.from)}`);
  if (o.to) out.push(`--to ${q(o.to)}`);
  if (o.statuses) out.push(`--statuses ${q(o.statuses)}`);
  if (o.agency) out.push(`--agency ${q(o.agency)}`);
  if (o.title) out.push(`--title ${q(o.title)}`);
  if (o.signerPrepared) out.push(`--signer-prepared ${q(o.signerPrepared)}`);
  if (o.signerHead) out.push(`--signer-head ${q(o.signerHead)}`);
  if (o.splitByUnit) out.push('--split-by-unit');
  if (o.showPersonalData) out.push('--show-personal-data');
  if (o.htmlMaxFindings !== undefined) out.push(`--html-max-findings ${q(o.htmlMaxFindings)}`);
  if (o.units) out.push(`--units ${o.units}`);
  return out;
}

/** The options as commander gives them: `--out` may be repeated. */
type ReportRawOptions = Omit<ReportCliOptions, 'out'> & { out?: string[] };

/** The format of a file by its extension, if it names one. */
function formatOfFile(file: string): string | null {
  const ext = path.extname(file).slice(1).toLowerCase();
  return Object.keys(EXTENSION).find((f) => EXTENSION[f] === ext) ?? null;
}

/**
 * What to write: one format to one place (`--format`, `--out`), or, when `--out` is repeated,
 * every file in the format its extension names, from one reading of the database.
 */
export function reportTargets(
  o: ReportRawOptions,
  formatGiven: boolean,
): Array<{ format: string; out: string | undefined }> {
  const outs = o.out ?? [];
  if (outs.length <= 1) {
    const out = outs[0];
    // One file: its extension names the format when --format is absent; a contradiction is an error
    // (never a table written into r.xlsx).
    const byExtension = out && !o.splitByUnit ? formatOfFile(out) : null;
    if (byExtension !== null && !formatGiven) return reportTargets({ ...o, format: byExtension }, true);
    if (byExtension !== null && byExtension !== o.format) {
      throw usageError('outFormatMismatch', { option: '--out', value: out, byExtension, format: o.format });
    }
    if (!FORMATS.includes(o.format))
      throw usageError('oneOf', { option: '--format', choices: FORMATS.join(', '), value: o.format });
    if (o.format === 'xlsx' && !out) throw usageError('xlsxNeedsOut', { option: '--out' });
    if (o.splitByUnit && (o.format === 'table' || !out)) throw usageError('splitByUnit', { option: '--split-by-unit' });
    return [{ format: o.format, out }];
  }
  if (formatGiven || o.splitByUnit) throw usageError('severalOutFormat', { option: '--out', several: true });
  const seen = new Set<string>();
  return outs.map((out) => {
    const format = formatOfFile(out);
    if (format === null)
      throw usageError('outNoExtension', { option: '--out', value: out, extensions: Object.values(EXTENSION) });
    const key = path.resolve(out);
    if (seen.has(key)) throw usageError('outTwice', { option: '--out', value: out });
    seen.add(key);
    return { format, out };
  });
}

/**
 * Makes each output's folder and checks that it can be written, before the long read: a wrong
 * `--out` fails at once (the same one-line error the writer would give), and with several `--out`
 * no file is written before another one's folder turns out unusable.
 */
export function prepareOutputs(targets: ReadonlyArray<{ out: string | undefined }>, splitByUnit: boolean): void {
  for (const { out } of targets) {
    if (!out) continue;
    const dir = splitByUnit ? out : path.dirname(out);
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    if (!splitByUnit && fs.statSync(out, { throwIfNoEntry: false })?.isDirectory()) {
      throw Object.assign(new Error(`${out}: is a folder`), { code: 'EISDIR', path: out });
    }
  }
}

/** Parses `--units received|current` (units over time). */
export function parseUnitView(value: string | undefined): UnitView {
  if (value === undefined) return 'received';
  const v = value.trim().toLowerCase() as UnitView;
  if (!UNIT_VIEWS.includes(v)) throw usageError('oneOf', { option: '--units', choices: UNIT_VIEWS.join(', '), value });
  return v;
}

/** Parses `--fail-on never-closed=N` into its threshold. */
export function parseFailOn(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^never-closed=(\d+)$/.exec(value.trim());
  if (!m) throw usageError('failOn', { option: '--fail-on', value });
  return Number(m[1]);
}

/** Parses `--html-max-findings N` (a whole number ≥ 0). */
export function parseHtmlMaxFindings(value: string | undefined): number {
  if (value === undefined) return DEFAULT_HTML_MAX_FINDINGS;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0)
    throw usageError('htmlMaxFindings', { option: '--html-max-findings', value });
  return n;
}

/** Formats written from the streamed findings (html reads them only up to its --html-max-findings). */
const STREAMED_FORMATS = ['table', 'json', 'csv', 'xlsx', 'html'];

/**
 * The report whose findings draw the "writing" progress bar as the writer reads them (on a terminal), and the call that
 * clears it.
 */
function withWriteProgress(
  c: Ctx,
  report: StreamedReport,
  format: string,
): { report: StreamedReport; finish: () => void } {
  const bar = phaseProgressBar(c, 'write');
  // The workbook reads each section twice: once to fit the column widths, once to write the rows.
  const total =
    format === 'xlsx' ? 2 * SECTIONS.reduce((n, s) => n + report.findings.count(s), 0) : report.findings.count();
  if (!bar || format === 'table' || format === 'html' || total === 0) return { report, finish: () => undefined };
  const findings = countingFindingSet(report.findings, (done) => bar(Math.min(done, total - 1), total));
  return { report: { ...report, findings }, finish: () => bar(total, total) };
}

/** Writes a streamed report (table, json, csv, xlsx) to --out or stdout; returns the file written, if any. */
async function writeStreamed(
  c: Ctx,
  report: StreamedReport,
  o: ReportCliOptions,
  render: RenderOptions,
): Promise<string | null> {
  if (o.format === 'xlsx') {
    // Streamed row by row to the file (created 0600): bounded memory for any number of findings.
    fs.mkdirSync(path.dirname(path.resolve(o.out!)), { recursive: true });
    await writeReportFormat('xlsx', report, render, o.out!, writeReportText);
    return o.out!;
  }
  if (o.format === 'table') {
    const text = renderTable(report, c.opts.lang, c.chalk, {
      width: tableWidth(c.io.env, c.io.stdoutColumns),
      wide: o.wide === true,
    });
    if (!o.out) {
      c.data(text);
      return null;
    }
    c.writePrivateFile(o.out, text);
    return o.out;
  }
  // json, csv (written one finding at a time) and html.
  const format = o.format as Exclude<ReportFormat, 'xlsx'>;
  if (o.out) {
    await writeReportFormat(format, report, render, o.out, writeReportText);
    return o.out;
  }
  printReportText(c, reportText(format, report, render));
  return null;
}

/** Writes a report held in memory (html, md, and every format with --split-by-unit). */
async function writeWhole(c: Ctx, report: Report, o: ReportCliOptions, render: RenderOptions): Promise<void> {
  if (o.splitByUnit) {
    const names = uniqueFileNames(report.units.map((u) => u.unit));
    fs.mkdirSync(o.out!, { recursive: true });
    for (const u of report.units) {
      const file = path.join(o.out!, `${names.get(u.unit)}.${EXTENSION[o.format]}`);
      const one = reportForUnit(report, u.unit);
      await writeReportFormat(o.format as ReportFormat, one, render, file, writeReportText);
      c.info(c.msg.wrote(file));
    }
    return;
  }
  const format = o.format as Exclude<ReportFormat, 'xlsx'>;
  if (o.out) {
    await writeReportFormat(format, report, render, o.out, writeReportText);
    c.info(c.msg.wrote(o.out));
  } else {
    printReportText(c, reportText(format, report, render));
  }
}

/** Registers `report`. */
export function registerReport(program: Command, { lang, ctx, setExit }: CommandEnv): void {
  const t = helpTexts(lang);
  const h = REPORT_OPTION_HELP[lang];
  addCommand(program, {
    name: 'report',
    description: t.report,
    options: [
      ['--format <format>', h.format, 'table'],
      {
        flags: '--out <file>',
        description: h.out,
        parse: (file: string, earlier: string[] | undefined) => [...(earlier ?? []), file],
      },
      ['--unit <name>', t.reportUnit],
      ['--from <date>', t.from],
      ['--to <date>', t.to],
      ['--fail-on <rule>', t.failOn],
      ['--show-personal-data', h.showPersonal],
      ['--agency <text>', h.agency],
      ['--title <text>', h.title],
      ['--signer-prepared <name>', h.signerPrepared],
      ['--signer-head <name>', h.signerHead],
      ['--split-by-unit', h.splitByUnit],
      ['--statuses <file>', t.statuses],
      ['--wide', memoLabels(lang).help.wide],
      ['--html-max-findings <n>', memoLabels(lang).help.htmlMaxFindings],
      ['--units <view>', h.units],
    ],
  }).action(async (raw: ReportRawOptions, cmd: Command) => {
    const c = ctx();
    const formatGiven = cmd.getOptionValueSource('format') === 'cli';
    const targets = reportTargets(raw, formatGiven);
    const htmlMaxFindings = parseHtmlMaxFindings(raw.htmlMaxFindings);
    const o: ReportCliOptions = { ...raw, out: raw.out?.[0] };
    const filters = {
      unit: o.unit ?? null,
      from: parseDateOption(o.from, '--from'),
      to: parseDateOption(o.to, '--to'),
    };
    if (filters.from !== null && filters.to !== null && filters.from > filters.to) {
      throw usageError('fromAfterTo', { option: '--from', value: String(o.from), to: String(o.to) });
    }
    const failOn = parseFailOn(o.failOn);
    const unitView = parseUnitView(o.units);
    const showPersonalData = o.showPersonalData === true;
    const db = c.openDb({ mustExist: true, readOnly: true });
    let report: ReportHead;
    try {
      prepareOutputs(targets, o.splitByUnit === true);
      const statusTable = loadStatusTable(o.statuses ?? c.io.env.MOTCUA_AUDIT_STATUSES);
      const opened = openAuditReport(db, {
        filters,
        statusTable,
        unitView,
        now: () => c.now(),
        onProgress: phaseProgressBar(c, 'read'),
        baseDir: process.cwd(),
      });
      try {
        if (opened.matchedNow) c.note(c.msg.matchedAuto);
        report = opened.report;
        // Read once, written as many times as there are files: each writer reads the findings back.
        let whole: Report | null = null;
        for (const target of targets) {
          const one: ReportCliOptions = { ...o, ...target };
          const render = resolveRenderOptions({
            lang: c.opts.lang,
            showPersonalData,
            agency: o.agency,
            title: o.title,
            preparedBy: o.signerPrepared,
            headOfUnit: o.signerHead,
            toolVersion: VERSION,
            optionsUsed: optionsUsed(raw, c.opts.lang, formatGiven, process.cwd()),
            htmlMaxFindings,
          });
          // Findings are streamed from a temporary store to the writers that can take them one at a
          // time (table, json, csv, xlsx); html, md and --split-by-unit need them all in memory.
          if (!one.splitByUnit && STREAMED_FORMATS.includes(one.format)) {
            const progress = withWriteProgress(c, opened.report, one.format);
            let written: string | null;
            try {
              written = await writeStreamed(c, progress.report, one, render);
            } finally {
              progress.finish();
            }
            if (written) c.info(c.msg.wrote(written));
          } else {
            whole ??= materialize(opened.report);
            await writeWhole(c, whole, one, render);
          }
        }
      } finally {
        opened.close();
      }
    } finally {
      db.close();
    }
    const without = unitsWithoutSystemData(report.units);
    if (without !== '') c.warn(c.msg.noSystemData(without));
    const never = report.totals.neverClosedElectronically ?? 0;
    if (failOn !== null && never > failOn) {
      c.warn(c.msg.failOn(never, failOn));
      setExit(EXIT.FINDINGS);
    }
  });
}
