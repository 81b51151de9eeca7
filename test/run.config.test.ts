/** The run config (validation, defaults, paths), the safe glob, the report period and the report folders. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAuditConfig, parseAuditConfig } from '../src/config/audit-config.js';
import { loadConfigStatusTable } from '../src/config/statuses.js';
import { statusState } from '../src/normalize/status.js';
import { checkPattern, expandPattern } from '../src/config/glob.js';
import { isAuditError } from '../src/errors.js';
import { formatError } from '../src/i18n/index.js';
import { collectInputs } from '../src/run/inputs.js';
import { periodFilters } from '../src/run/period.js';
import {
  createRunFolder,
  dirModeOf,
  listRunFolders,
  pruneRunFolders,
  runFolderName,
  writeNewFile,
} from '../src/run/report-dir.js';
import { tempDir } from './helpers/cli.js';

const BASE = {
  database: 'audit.sqlite',
  system: ['exports/*.xlsx'],
  paper: [{ path: 'registers/stp/*.xlsx', unit: 'Sở Tư pháp' }],
};

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (isAuditError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('config validation', () => {
  it('fills the defaults and resolves paths against the config folder', () => {
    const c = parseAuditConfig(BASE, '/srv/motcua/audit.json');
    expect(c.dir).toBe('/srv/motcua');
    expect(c.database).toBe('/srv/motcua/audit.sqlite');
    expect(c.units).toBeNull();
    expect(c.statuses).toBeNull();
    expect(c.reports).toEqual({
      dir: '/srv/motcua/reports',
      formats: ['json', 'xlsx'],
      period: 'all',
      mode: 0o600,
      keep: 24,
      showPersonalData: false,
      agency: null,
      title: null,
      signerPrepared: null,
      signerHead: null,
      htmlMaxFindings: 2000,
      units: 'received',
    });
    expect(c.failOn).toEqual({ neverClosed: null, dataQuality: null });
    expect(c.match).toBeNull();
    const full = parseAuditConfig(
      {
        ...BASE,
        database: '/srv/motcua/data/../db/a.sqlite',
        units: 'units.csv',
        statuses: 'tables/statuses.json',
        reports: {
          dir: 'out',
          formats: ['csv', 'json', 'csv'],
          period: 'previous-month',
          mode: '0640',
          keep: 3,
          showPersonalData: true,
          agency: ' SỞ KHOA HỌC VÀ CÔNG NGHỆ ',
          title: 'Báo cáo tháng',
          signerPrepared: 'Nguyễn Văn Lập',
          signerHead: null,
          htmlMaxFindings: 500,
          units: 'current',
        },
        failOn: { neverClosed: 0, dataQuality: null },
        _note: 'a comment',
      },
      '/srv/motcua/audit.json',
    );
    expect(full.database).toBe('/srv/motcua/db/a.sqlite');
    expect(full.units).toBe('/srv/motcua/units.csv');
    expect(full.statuses).toBe('/srv/motcua/tables/statuses.json');
    expect(full.reports).toEqual({
      dir: '/srv/motcua/out',
      formats: ['csv', 'json'],
      period: 'previous-month',
      mode: 0o640,
      keep: 3,
      showPersonalData: true,
      agency: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      title: 'Báo cáo tháng',
      signerPrepared: 'Nguyễn Văn Lập',
      signerHead: null,
      htmlMaxFindings: 500,
      units: 'current',
    });
    expect(full.failOn).toEqual({ neverClosed: 0, dataQuality: null });
    expect(
      parseAuditConfig({ ...BASE, match: { upper: 0.9, windowDays: 5, _why: 'stricter' } }, 'a.json').match,
    ).toEqual({ upper: 0.9, windowDays: 5 });
  });

  it.each([
    [{ system: [], paper: [] }, 'database: required field missing'],
    [{ database: 'a', paper: [] }, 'system: required field missing'],
    [{ database: 'a', system: [] }, 'paper: required field missing'],
    [
      { ...BASE, sytem: [] },
      'sytem: unknown field (allowed: database, units, statuses, system, paper, match, reports, failOn)',
    ],
    [{ ...BASE, database: '' }, 'database: expected a non-empty string'],
    [{ ...BASE, database: 3 }, 'database: expected a non-empty string'],
    [{ ...BASE, system: 'exports/*.xlsx' }, 'system: expected an array of path patterns, e.g. ["exports/*.xlsx"]'],
    [
      { ...BASE, system: ['/data/exports/*.xlsx'] },
      'system[0]: expected a pattern inside the config file\'s folder (no absolute path, no "..")',
    ],
    [{ ...BASE, system: ['ok/*.csv', '../exports/*.xlsx'] }, 'system[1]: expected a pattern inside'],
    [{ ...BASE, paper: {} }, 'paper: expected an array of { "path": "…", "unit": "…" }'],
    [{ ...BASE, paper: [{ path: 'x/*.csv' }] }, 'paper[0].unit: required field missing'],
    [
      { ...BASE, paper: [{ path: 'x/*.csv', unit: 'A', sheet: 'Q1' }] },
      'paper[0].sheet: unknown field (allowed: path, unit)',
    ],
    [{ ...BASE, paper: ['x/*.csv'] }, 'paper[0]: expected an object { … }'],
    [
      { ...BASE, match: { threshold: 0.9 } },
      'match.threshold: unknown field (allowed: upper, lower, windowDays, prior, nameFrequency, digits',
    ],
    [{ ...BASE, match: { upper: 1.5 } }, 'match.upper: invalid value 1.5'],
    [{ ...BASE, match: { windowDays: 2.5 } }, 'match.windowDays: invalid value 2.5'],
    [{ ...BASE, match: { levels: { nickname: {} } } }, 'match.levels.nickname: invalid value {}'],
    [{ ...BASE, match: [] }, 'match: expected an object { … }'],
    [{ ...BASE, reports: { keep: 0 } }, 'reports.keep: expected a whole number ≥ 1'],
    [{ ...BASE, reports: { keep: 2.5 } }, 'reports.keep: expected a whole number ≥ 1'],
    [{ ...BASE, reports: { keep: '24' } }, 'reports.keep: expected a whole number ≥ 1'],
    [{ ...BASE, reports: { htmlMaxFindings: -1 } }, 'reports.htmlMaxFindings: expected a whole number ≥ 0'],
    [{ ...BASE, reports: { htmlMaxFindings: '2000' } }, 'reports.htmlMaxFindings: expected a whole number ≥ 0'],
    [
      { ...BASE, reports: { formats: ['table'] } },
      'reports.formats[0]: expected an array of report file formats among "json", "csv", "xlsx", "html", "md" ' +
        '("table" is printed, not a file format)',
    ],
    [{ ...BASE, reports: { formats: 'xlsx' } }, 'reports.formats: expected an array of report file formats'],
    [{ ...BASE, reports: { period: 'last-month' } }, 'reports.period: expected one of "all", "previous-month"'],
    [{ ...BASE, reports: { units: 'today' } }, 'reports.units: expected one of "received", "current"'],
    [{ ...BASE, reports: { mode: 600 } }, 'reports.mode: expected an octal file mode as a string, e.g. "0600"'],
    [{ ...BASE, reports: { mode: '0800' } }, 'reports.mode: expected an octal file mode'],
    // Issue 19: a mode that locks the owner out, or lets others read or the group write, is refused.
    [{ ...BASE, reports: { mode: '0000' } }, 'reports.mode: expected a mode that lets the owner read and write'],
    [{ ...BASE, reports: { mode: '0400' } }, 'reports.mode: expected a mode that lets the owner read and write'],
    [
      { ...BASE, reports: { mode: '0777' } },
      'reports.mode: expected a mode that lets the owner read and write, nobody else read',
    ],
    [
      { ...BASE, reports: { mode: '0644' } },
      'reports.mode: expected a mode that lets the owner read and write, nobody else read',
    ],
    [
      { ...BASE, reports: { mode: '0660' } },
      'reports.mode: expected a mode that lets the owner read and write, nobody else read, and the group not write',
    ],
    // Issue 19: config paths stay inside the config folder.
    [{ ...BASE, database: '../audit.sqlite' }, "database: expected a path inside the config file's folder"],
    [{ ...BASE, database: 'data/../../audit.sqlite' }, 'database: expected a path inside'],
    [{ ...BASE, database: '/var/lib/motcua/a.sqlite' }, 'database: expected a path inside'],
    [{ ...BASE, units: '/etc/passwd' }, 'units: expected a path inside'],
    [{ ...BASE, statuses: '../tables/statuses.json' }, 'statuses: expected a path inside'],
    [{ ...BASE, reports: { dir: '..' } }, 'reports.dir: expected a path inside'],
    [{ ...BASE, reports: { dir: '/tmp/reports' } }, 'reports.dir: expected a path inside'],
    [
      { ...BASE, reports: { folder: 'x' } },
      'reports.folder: unknown field (allowed: dir, formats, period, mode, keep, showPersonalData, agency, ' +
        'title, signerPrepared, signerHead, htmlMaxFindings, units)',
    ],
    [{ ...BASE, reports: { agency: 42 } }, 'reports.agency: expected a non-empty string'],
    [{ ...BASE, reports: { title: '  ' } }, 'reports.title: expected a non-empty string'],
    [{ ...BASE, reports: { showPersonalData: 'yes' } }, 'reports.showPersonalData: expected true or false'],
    [{ ...BASE, reports: { showPersonalData: 1 } }, 'reports.showPersonalData: expected true or false'],
    [{ ...BASE, statuses: '' }, 'statuses: expected a non-empty string'],
    [{ ...BASE, statuses: ['a.json'] }, 'statuses: expected a non-empty string'],
    [{ ...BASE, failOn: { neverClosed: -1 } }, 'failOn.neverClosed: expected a whole number ≥ 0 or null'],
    [{ ...BASE, failOn: { dataQuality: '5' } }, 'failOn.dataQuality: expected a whole number ≥ 0 or null'],
    [{ ...BASE, failOn: { neverclosed: 0 } }, 'failOn.neverclosed: unknown field (allowed: neverClosed, dataQuality)'],
    [[], 'expected an object { … }'],
  ])('%j → %s', (value, message) => {
    const e = errorOf(() => parseAuditConfig(value, 'audit.json'));
    expect(e.code).toBe('RUN_CONFIG_INVALID');
    expect(formatError(e, 'en')).toContain(`audit.json: ${message}`);
  });

  it('names the field in one line, in Vietnamese by default', () => {
    const e = errorOf(() => parseAuditConfig({ ...BASE, reports: { keep: 0 } }, 'audit.json'));
    expect(formatError(e, 'en')).toBe('audit.json: reports.keep: expected a whole number ≥ 1');
    expect(formatError(e, 'vi')).toBe('audit.json: reports.keep: cần một số nguyên ≥ 1');
  });

  it('reads the file: missing, bad JSON with its line, BOM', () => {
    const dir = tempDir();
    expect(
      formatError(
        errorOf(() => loadAuditConfig(path.join(dir, 'none.json'))),
        'en',
      ),
    ).toMatch(/none\.json: config file not found$/);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{\n  "database": "a.sqlite",\n  "system": [],\n}\n');
    const e = errorOf(() => loadAuditConfig(bad));
    expect(e.context.row).toBe(4);
    expect(formatError(e, 'en')).toMatch(/bad\.json \(row 4\): not valid JSON/);
    const bom = path.join(dir, 'bom.json');
    fs.writeFileSync(bom, `\uFEFF${JSON.stringify(BASE)}`);
    expect(loadAuditConfig(bom).database).toBe(path.join(dir, 'audit.sqlite'));
  });
});

describe('the status table named by "statuses"', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const table = (statuses: string | null) =>
    loadConfigStatusTable({
      file: path.join(dir, 'audit.json'),
      dir,
      statuses: statuses === null ? null : path.join(dir, statuses),
    });

  it("adds the user's labels to the built-in ones; none named: the built-in table", () => {
    write(
      'trang-thai.json',
      JSON.stringify([
        { label: 'Đã bàn giao', state: 'closed' },
        { label: 'Tạm dừng', state: 'open' },
      ]),
    );
    expect(statusState('Đã bàn giao', table('trang-thai.json'))).toBe('closed');
    expect(statusState('Tạm dừng', table('trang-thai.json'))).toBe('open');
    expect(statusState('Đã trả kết quả', table('trang-thai.json'))).toBe('closed');
    expect(statusState('Đã bàn giao', table(null))).toBe('unknown');
  });

  it.each([
    ['none.json', null, 'statuses: none.json: file not found'],
    ['bad.json', '{ "label": ', 'statuses: bad.json: not a readable JSON file'],
    ['object.json', '{ "label": "x", "state": "open" }', 'statuses: object.json: expected a JSON list'],
    [
      'label.json',
      '[{ "label": "Xong", "state": "closed" }, { "label": "", "state": "open" }]',
      'statuses: label.json: [1]: expected "label" to be a status label',
    ],
    [
      'state.json',
      '[{ "label": "Xong", "state": "done" }]',
      'statuses: state.json: [0]: expected "state" to be "open" or "closed"',
    ],
  ])('%s → a config error naming the field, the file and the entry', (name, content, message) => {
    if (content !== null) write(name, content);
    const e = errorOf(() => table(name));
    expect(e.code).toBe('RUN_CONFIG_INVALID');
    expect(e.params.field).toBe('statuses');
    expect(formatError(e, 'en')).toContain(`audit.json: ${message}`);
    expect(formatError(e, 'vi')).toContain(`audit.json: statuses: ${name}: `);
  });
});

describe('the safe glob', () => {
  const root = tempDir();
  const touch = (...p: string[]) => {
    fs.mkdirSync(path.join(root, ...p.slice(0, -1)), { recursive: true });
    fs.writeFileSync(path.join(root, ...p), 'x');
  };
  touch('exports', 'a.xlsx');
  touch('exports', 'b.csv');
  touch('exports', '~$a.xlsx');
  touch('exports', '.hidden.xlsx');
  touch('exports', 'old', 'c.xlsx');
  touch('exports', 'old', 'deeper', 'd.xlsx');
  touch('registers', 'So tư pháp'.normalize('NFD'), 'so-1.xlsx');
  touch('registers', 'so tu phap', 'so-2.xlsx');
  touch('a[1]', 'x.csv');
  fs.symlinkSync(path.join(root, 'exports'), path.join(root, 'exports', 'old', 'loop'));
  const rel = (files: string[]) => files.map((f) => path.relative(root, f).normalize('NFC'));

  it.each([
    ['exports/*.xlsx', ['exports/a.xlsx']],
    ['exports/*', ['exports/a.xlsx', 'exports/b.csv']],
    ['exports/?.csv', ['exports/b.csv']],
    ['exports/.*.xlsx', ['exports/.hidden.xlsx']],
    ['exports/**/*.xlsx', ['exports/a.xlsx', 'exports/old/c.xlsx', 'exports/old/deeper/d.xlsx']],
    ['**/d.xlsx', ['exports/old/deeper/d.xlsx']],
    ['./exports//a.xlsx', ['exports/a.xlsx']],
    ['exports\\b.csv', ['exports/b.csv']],
    ['registers/So tư pháp/*.xlsx', ['registers/So tư pháp/so-1.xlsx']],
    ['registers/so*/*.xlsx', ['registers/so tu phap/so-2.xlsx']],
    ['a[1]/*.csv', ['a[1]/x.csv']],
    ['exports/*.pdf', []],
    ['nowhere/*.xlsx', []],
    ['exports/**', []],
  ])('%s', (pattern, expected) => {
    expect(rel(expandPattern(root, pattern))).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['/etc/*.csv', 'absolute'],
    ['C:\\data\\*.csv', 'absolute'],
    ['~/data/*.csv', 'absolute'],
    ['../x/*.csv', 'parent'],
    ['a/../../x.csv', 'parent'],
    ['a/*.csv', null],
  ])('checkPattern(%j) → %s', (pattern, problem) => {
    expect(checkPattern(pattern)).toBe(problem);
  });

  it('a file named by two entries that disagree is a config error naming both', () => {
    const c = parseAuditConfig(
      { database: 'a.sqlite', system: ['exports/*.xlsx'], paper: [{ path: 'exports/a.*', unit: 'Sở Tư pháp' }] },
      path.join(root, 'audit.json'),
    );
    expect(
      formatError(
        errorOf(() => collectInputs(c)),
        'en',
      ),
    ).toContain('paper[0].path: the file exports/a.xlsx is also matched by system[0]');
    const same = parseAuditConfig(
      { database: 'a.sqlite', system: ['exports/*.xlsx', 'exports/**/*.xlsx'], paper: [] },
      path.join(root, 'audit.json'),
    );
    expect(collectInputs(same).inputs).toHaveLength(3);
  });
});

describe('report period, folders and retention', () => {
  it.each([
    [new Date(2025, 6, 20, 10, 0), '2025-06-01', '2025-06-30'],
    [new Date(2025, 7, 1, 0, 30), '2025-07-01', '2025-07-31'],
    [new Date(2025, 0, 15), '2024-12-01', '2024-12-31'],
    [new Date(2024, 2, 31, 23, 59), '2024-02-01', '2024-02-29'],
    [new Date(2025, 2, 1), '2025-02-01', '2025-02-28'],
  ])('previous month of %s is %s..%s', (now, from, to) => {
    expect(periodFilters('previous-month', now)).toEqual({ unit: null, from, to });
    expect(periodFilters('all', now)).toEqual({ unit: null, from: null, to: null });
  });

  it.each([
    [0o600, 0o700],
    [0o640, 0o750],
    [0o644, 0o755],
    [0o200, 0o200],
  ])('folder mode of %o is %o', (file, dir) => expect(dirModeOf(file)).toBe(dir));

  it('names folders by local time and run id, never reuses one, keeps the newest', () => {
    expect(runFolderName(new Date(2025, 6, 1, 2, 3, 4), 17)).toBe('2025-07-01_020304-17');
    const dir = tempDir();
    const a = createRunFolder(dir, '2025-07-01_020304-1', 0o600);
    const b = createRunFolder(dir, '2025-07-01_020304-1', 0o600);
    expect(path.basename(b)).toBe('2025-07-01_020304-1-2');
    expect(fs.statSync(a).mode & 0o777).toBe(0o700);
    writeNewFile(path.join(a, 'r.json'), '{}', 0o640);
    expect(fs.statSync(path.join(a, 'r.json')).mode & 0o777).toBe(0o640);
    expect(() => writeNewFile(path.join(a, 'r.json'), 'again', 0o600)).toThrow(/EEXIST/);
    createRunFolder(dir, '2025-08-01_000000-2', 0o600);
    createRunFolder(dir, '2025-08-01_000000-10', 0o600);
    fs.mkdirSync(path.join(dir, 'notes'));
    expect(listRunFolders(dir)).toEqual([
      '2025-08-01_000000-10',
      '2025-08-01_000000-2',
      '2025-07-01_020304-1-2',
      '2025-07-01_020304-1',
    ]);
    expect(pruneRunFolders(dir, 2)).toEqual(['2025-07-01_020304-1-2', '2025-07-01_020304-1']);
    expect(fs.readdirSync(dir).sort()).toEqual(['2025-08-01_000000-10', '2025-08-01_000000-2', 'notes']);
  });
});
