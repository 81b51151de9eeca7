/**
 * The config of an unattended run (`motcua-audit run --config audit.json`): read once, validated
 * field by field with an error that names the field, defaulted, and with every path resolved
 * against the config file's folder. Only `database`, `system` and `paper` are required.
 */
import { UNIT_VIEWS, type UnitView } from '../report/model/unit-view.js';
import fs from 'node:fs';
import path from 'node:path';
import { AuditError } from '../errors.js';
import { checkPattern } from './glob.js';
import { checkMatchOptions, type ConfigMatchOptions, MATCH_OPTION_KEYS } from './match-options.js';
import { type Expectation, expectationText } from '../i18n/index.js';

/** Report formats a run can write as files (the terminal table is not one); renderers in src/run/report-files.ts. */
export const REPORT_FILE_FORMATS = ['json', 'csv', 'xlsx', 'html', 'md'] as const;
/** One report file format. */
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];
/** Which dossiers the written reports cover, by received date. */
export const REPORT_PERIODS = ['all', 'previous-month'] as const;
/** The report period. */
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** One paper source: a pattern of register files and the unit they belong to. */
export interface PaperSource {
  /** Pattern relative to the config folder (`*`, `?`, `**`). */
  path: string;
  /** The unit whose registers these are (a unit column in a file still wins per row). */
  unit: string;
}

/** Where and how a run writes its reports. */
export interface ReportsConfig {
  /** Absolute folder holding one sub-folder per run and latest.json. */
  dir: string;
  formats: ReportFileFormat[];
  period: ReportPeriod;
  /** File mode of the written reports (e.g. 0o600). */
  mode: number;
  /** How many run folders to keep (older ones are removed). */
  keep: number;
  /**
   * Unmasked personal data in the report files for people (xlsx, html, csv, md), as `report
   * --show-personal-data`. Default false: names to initials, numbers to their last digits.
   */
  showPersonalData: boolean;
  /** The issuing agency printed on the reports for people (as `report --agency`), or null. */
  agency: string | null;
  /** The report title (as `report --title`); null: the built-in title. */
  title: string | null;
  /** Name under "Người lập biểu" (as `report --signer-prepared`); null: a dotted line to sign. */
  signerPrepared: string | null;
  /** Name under "Thủ trưởng đơn vị" (as `report --signer-head`); null: a dotted line to sign. */
  signerHead: string | null;
  /** Above this many findings the HTML page gives counts by unit (as `report --html-max-findings`; default 2000). */
  htmlMaxFindings: number;
  /** Units as received (default) or rolled into today's (as `report --units`). */
  units: UnitView;
}

/** Thresholds over the written report: exceeding one makes the run exit 1. null = no threshold. */
export interface FailOnConfig {
  neverClosed: number | null;
  dataQuality: number | null;
}

/** A validated, defaulted config. */
export interface AuditConfig {
  /** The config file as the user named it (shown in messages). */
  file: string;
  /** Absolute folder of the config file: every relative path is resolved against it. */
  dir: string;
  /** Absolute path of the SQLite database. */
  database: string;
  /** Absolute path of the units CSV, or null. */
  units: string | null;
  /** Absolute path of the status table (JSON, as `report --statuses`), or null for the built-in one. */
  statuses: string | null;
  /** Patterns of system exports, relative to `dir`. */
  system: string[];
  paper: PaperSource[];
  /** Matcher options for `runMatch`; null: the matcher's stored or default options, as `match` uses. */
  match: ConfigMatchOptions | null;
  reports: ReportsConfig;
  failOn: FailOnConfig;
}

/** Defaults of the optional fields. */
export const CONFIG_DEFAULTS = {
  reports: {
    dir: 'reports',
    formats: ['json', 'xlsx'] as ReportFileFormat[],
    period: 'all' as ReportPeriod,
    mode: '0600',
    keep: 24,
    showPersonalData: false,
    htmlMaxFindings: 2000,
  },
  failOn: { neverClosed: null, dataQuality: null },
} as const;

const TOP_KEYS = ['database', 'units', 'statuses', 'system', 'paper', 'match', 'reports', 'failOn'];
const PAPER_KEYS = ['path', 'unit'];
const REPORT_KEYS = [
  'dir',
  'formats',
  'period',
  'mode',
  'keep',
  'showPersonalData',
  'agency',
  'title',
  'signerPrepared',
  'signerHead',
  'htmlMaxFindings',
  'units',
];
const FAIL_ON_KEYS = ['neverClosed', 'dataQuality'];

/** The error for one field. `field` is a JSON path ("reports.keep", "paper[2].unit"); '' = the file. */
export function configError(file: string, field: string, expect: Expectation, row?: number): AuditError {
  const text = expectationText(expect, 'en');
  return new AuditError(
    'RUN_CONFIG_INVALID',
    `${file}: ${field ? `${field}: ` : ''}${text}`,
    { file, ...(row !== undefined ? { row } : {}) },
    { field, expect },
  );
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Keys starting with "$" or "_" are comments ("$schema", "_note") and are ignored. */
const isComment = (k: string) => k.startsWith('$') || k.startsWith('_');

/** An optional non-empty text field (null or absent: none). */
function optionalText(v: Validator, value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : v.string(value, field).trim();
}

class Validator {
  constructor(readonly file: string) {}

  fail(field: string, expect: Expectation): never {
    throw configError(this.file, field, expect);
  }

  object(v: unknown, field: string, allowed: readonly string[]): Obj {
    if (!isObject(v)) this.fail(field, { kind: 'object' });
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k) && !isComment(k))
        this.fail(field ? `${field}.${k}` : k, { kind: 'unknown-key', allowed: [...allowed] });
    }
    return v;
  }

  string(v: unknown, field: string): string {
    if (typeof v !== 'string' || v.trim() === '') this.fail(field, { kind: 'string' });
    return v;
  }

  pattern(v: unknown, field: string): string {
    const s = this.string(v, field);
    if (checkPattern(s)) this.fail(field, { kind: 'pattern-inside' });
    return s;
  }

  /**
   * A path field resolved against the config folder `dir`, refused unless it stays inside it: not
   * by "..", not by an absolute path elsewhere, not through a symbolic link (of the path or of a
   * folder on the way) that leads elsewhere. Parts that do not exist yet are taken as written.
   */
  inside(dir: string, value: unknown, field: string): string {
    const resolved = path.resolve(dir, this.string(value, field));
    if (!isInside(realExisting(dir), realExisting(resolved))) this.fail(field, { kind: 'path-inside' });
    return resolved;
  }

  boolean(v: unknown, field: string): boolean {
    if (typeof v !== 'boolean') this.fail(field, { kind: 'boolean' });
    return v;
  }

  wholeNumber(v: unknown, field: string, min: number, nullable: boolean): number | null {
    if (v === null && nullable) return null;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min)
      this.fail(field, { kind: nullable ? 'whole-number-or-null' : 'whole-number', min });
    return v;
  }
}

/** `p` with its longest existing part replaced by its real path (links followed); the rest as written. */
function realExisting(p: string): string {
  const rest: string[] = [];
  for (let at = path.resolve(p); ; at = path.dirname(at)) {
    try {
      return path.join(fs.realpathSync(at), ...rest);
    } catch {
      if (path.dirname(at) === at) return path.resolve(p);
      rest.unshift(path.basename(at));
    }
  }
}

/** True when `p` is `dir` or below it. */
function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Validates a parsed config and resolves its paths against the folder of `file`. */
export function parseAuditConfig(value: unknown, file: string): AuditConfig {
  const v: Validator = new Validator(file);
  const dir = path.dirname(path.resolve(file));
  const top = v.object(value, '', TOP_KEYS);
  for (const k of ['database', 'system', 'paper']) if (top[k] === undefined) v.fail(k, { kind: 'required' });

  const database = v.inside(dir, top.database, 'database');
  const units = top.units === undefined || top.units === null ? null : v.inside(dir, top.units, 'units');
  const statuses = top.statuses === undefined || top.statuses === null ? null : v.inside(dir, top.statuses, 'statuses');

  if (!Array.isArray(top.system)) v.fail('system', { kind: 'patterns' });
  const system = (top.system as unknown[]).map((p, i) => v.pattern(p, `system[${i}]`));

  if (!Array.isArray(top.paper)) v.fail('paper', { kind: 'paper-list' });
  const paper = (top.paper as unknown[]).map((entry, i): PaperSource => {
    const o = v.object(entry, `paper[${i}]`, PAPER_KEYS);
    if (o.path === undefined) v.fail(`paper[${i}].path`, { kind: 'required' });
    if (o.unit === undefined) v.fail(`paper[${i}].unit`, { kind: 'required' });
    return { path: v.pattern(o.path, `paper[${i}].path`), unit: v.string(o.unit, `paper[${i}].unit`).trim() };
  });

  let match: ConfigMatchOptions | null = null;
  if (top.match !== undefined && top.match !== null) {
    const m = v.object(top.match, 'match', MATCH_OPTION_KEYS);
    match = Object.fromEntries(Object.entries(m).filter(([k]) => !isComment(k))) as ConfigMatchOptions;
    const problem = checkMatchOptions(match);
    if (problem) v.fail(problem.field, problem.expect);
  }

  const r = top.reports === undefined ? {} : v.object(top.reports, 'reports', REPORT_KEYS);
  const d = CONFIG_DEFAULTS.reports;
  const formats = r.formats === undefined ? [...d.formats] : parseFormats(v, r.formats);
  if (r.period !== undefined && !REPORT_PERIODS.includes(r.period as ReportPeriod))
    v.fail('reports.period', { kind: 'one-of', values: [...REPORT_PERIODS] });
  if (r.units !== undefined && !UNIT_VIEWS.includes(r.units as UnitView))
    v.fail('reports.units', { kind: 'one-of', values: [...UNIT_VIEWS] });
  const modeText = r.mode === undefined ? d.mode : r.mode;
  if (typeof modeText !== 'string' || !/^0?[0-7]{3}$/.test(modeText.trim())) v.fail('reports.mode', { kind: 'mode' });
  // The owner must keep reading and writing its reports ("0000" would make every later run fail),
  // and they hold personal data: never readable by others, never writable by the group.
  const modeValue = parseInt(modeText.trim(), 8);
  if ((modeValue & 0o600) !== 0o600 || (modeValue & 0o027) !== 0) v.fail('reports.mode', { kind: 'mode-private' });
  const reports: ReportsConfig = {
    dir: v.inside(dir, r.dir === undefined ? d.dir : r.dir, 'reports.dir'),
    formats,
    period: (r.period as ReportPeriod | undefined) ?? d.period,
    mode: modeValue,
    keep: r.keep === undefined ? d.keep : v.wholeNumber(r.keep, 'reports.keep', 1, false)!,
    showPersonalData:
      r.showPersonalData === undefined ? d.showPersonalData : v.boolean(r.showPersonalData, 'reports.showPersonalData'),
    agency: optionalText(v, r.agency, 'reports.agency'),
    title: optionalText(v, r.title, 'reports.title'),
    signerPrepared: optionalText(v, r.signerPrepared, 'reports.signerPrepared'),
    signerHead: optionalText(v, r.signerHead, 'reports.signerHead'),
    htmlMaxFindings:
      r.htmlMaxFindings === undefined
        ? d.htmlMaxFindings
        : v.wholeNumber(r.htmlMaxFindings, 'reports.htmlMaxFindings', 0, false)!,
    units: (r.units as UnitView | undefined) ?? 'received',
  };

  const f = top.failOn === undefined ? {} : v.object(top.failOn, 'failOn', FAIL_ON_KEYS);
  const failOn: FailOnConfig = {
    neverClosed: f.neverClosed === undefined ? null : v.wholeNumber(f.neverClosed, 'failOn.neverClosed', 0, true),
    dataQuality: f.dataQuality === undefined ? null : v.wholeNumber(f.dataQuality, 'failOn.dataQuality', 0, true),
  };

  return { file, dir, database, units, statuses, system, paper, match, reports, failOn };
}

function parseFormats(v: Validator, value: unknown): ReportFileFormat[] {
  const allowed = [...REPORT_FILE_FORMATS] as string[];
  if (!Array.isArray(value)) v.fail('reports.formats', { kind: 'formats', values: allowed });
  const out: ReportFileFormat[] = [];
  (value as unknown[]).forEach((x, i) => {
    if (typeof x !== 'string' || !allowed.includes(x))
      v.fail(`reports.formats[${i}]`, { kind: 'formats', values: allowed });
    if (!out.includes(x as ReportFileFormat)) out.push(x as ReportFileFormat);
  });
  return out;
}

/** Line (1-based) of a character offset in `text`. */
function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Reads, parses and validates the config file. Every problem is a RUN_CONFIG_INVALID error (exit 2). */
export function loadAuditConfig(file: string): AuditConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw configError(file, '', code === 'ENOENT' ? { kind: 'file-missing' } : { kind: 'unreadable', detail: code });
  }
  text = text.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const detail = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    throw configError(file, '', { kind: 'json', detail }, pos ? lineOf(text, Number(pos[1])) : undefined);
  }
  return parseAuditConfig(json, file);
}
