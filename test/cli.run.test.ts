/** `run`, `runs list` and `diff` through the CLI: every exit code, --quiet, one-line problems. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { latest, makeProvince, runFolders } from './helpers/run-folder.js';

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);
const lines = (s: string) => s.split('\n').filter((l) => l !== '');

describe('run exit codes', () => {
  it('0: all well, and --quiet prints nothing at all', async () => {
    const p = makeProvince({ failOn: { neverClosed: 1000, dataQuality: 1000 } });
    const r = await cli(['--quiet', 'run', '--config', p.config]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(latest(p).totals.paperRecords).toBe(101);
    const again = await cli(['--quiet', 'run', '--config', p.config]);
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('writes its reports with today\'s units when reports.units is "current"', async () => {
    const p = makeProvince({ reports: { dir: 'reports', formats: ['json'], units: 'current' } });
    const r = await cli(['--quiet', 'run', '--config', p.config]);
    expect(r.code, r.stderr).toBe(0);
    const report = latest(p) as unknown as { unitView: string; units: Array<{ unit: string; unitCode: string }> };
    expect(report.unitView).toBe('current');
    expect(report.units.map((u) => u.unitCode)).not.toContain('000.00.11.H53');
    expect(report.units.find((u) => u.unitCode === '000.00.12.H53')!.unit).toBe(
      'Sở Khoa học và Công nghệ ← Sở Thông tin và Truyền thông',
    );
  });

  it('passes the match options to the matcher', async () => {
    const p = makeProvince({ match: { upper: 0.9, windowDays: 5 } });
    const r = await cli(['--quiet', 'run', '--config', p.config]);
    expect(r.code, r.stderr).toBe(0);
    const db = new Database(p.db, { readonly: true });
    const stored = JSON.parse(
      (db.prepare("SELECT value FROM meta WHERE key = 'match_config'").get() as { value: string }).value,
    );
    db.close();
    expect(stored).toMatchObject({ upper: 0.9, windowDays: 5, lower: 0.5 });
  });

  it('1: a failOn threshold exceeded, one line each on stderr, reports still written', async () => {
    const p = makeProvince({ failOn: { neverClosed: 0, dataQuality: 2 } });
    const r = await cli(['--quiet', 'run', '--config', p.config]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      'vượt ngưỡng failOn.neverClosed: 32 > 0',
      'vượt ngưỡng failOn.dataQuality: 9 > 2',
    ]);
    expect(runFolders(p)).toHaveLength(1);
    const en = await cli(['--lang', 'en', 'run', '--config', p.config]);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain('Run #2');
    expect(lines(en.stderr)).toEqual(['failOn.neverClosed exceeded: 32 > 0', 'failOn.dataQuality exceeded: 9 > 2']);
    const runs = JSON.parse((await cli(['runs', 'list', '--config', p.config, '--format', 'json'])).stdout);
    expect(runs.map((x: { exitCode: number }) => x.exitCode)).toEqual([1, 1]);
  });

  it.each([
    [{ reports: { keep: 0 } }, 'audit.json: reports.keep: expected a whole number ≥ 1'],
    [{ failOn: { neverClosed: 'zero' } }, 'audit.json: failOn.neverClosed: expected a whole number ≥ 0 or null'],
    [
      { reports: { formats: ['xlsx', 'table'] } },
      'audit.json: reports.formats[1]: expected an array of report file formats',
    ],
    [{ match: { minScore: 0.8 } }, 'audit.json: match.minScore: unknown field'],
    [{ system: ['../elsewhere/*.csv'] }, 'audit.json: system[0]: expected a pattern inside'],
  ])('2: config error %j → one line naming the field', async (patch, message) => {
    const p = makeProvince(patch);
    const r = await cli(['--lang', 'en', '--quiet', 'run', '--config', p.config]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr.startsWith(`error: ${p.config}: `)).toBe(true);
    noStack(r.stderr);
    expect(fs.existsSync(p.db)).toBe(false);
  });

  it('2: usage errors and a missing config file', async () => {
    const p = makeProvince();
    for (const args of [
      ['run'],
      ['run', '--config', p.config, '--wait', 'soon'],
      ['run', '--config', p.config, '--wait', '-1'],
      ['run', '--config', p.at('none.json')],
    ]) {
      const r = await cli(['--quiet', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr), r.stderr).toHaveLength(1);
    }
    const log = await cli(['--quiet', 'run', '--config', p.config, '--log-json', p.at('units.csv', 'run.jsonl')]);
    expect(log.code).toBe(2);
    expect(log.stderr).toContain('--log-json');
    const vi = await cli(['run', '--config', p.at('none.json')]);
    expect(vi.stderr).toBe(`lỗi: ${p.at('none.json')}: không tìm thấy tệp cấu hình\n`);
  });

  it('2: a file named by two entries that disagree is refused before anything is imported', async () => {
    const p = makeProvince({ system: ['system/*', 'paper/go-dau/*.csv'] });
    const r = await cli(['--lang', 'en', 'run', '--config', p.config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'paper[1].path: the file paper/go-dau/so-theo-doi-2025.csv is also matched by system[1]',
    );
    const runs = JSON.parse((await cli(['runs', 'list', '--config', p.config, '--format', 'json'])).stdout);
    expect(runs.map((x: { status: string; exitCode: number }) => [x.status, x.exitCode])).toEqual([['failed', 2]]);
  });

  it('2: a reports folder that cannot be written, named as reports.dir; the run is recorded as failed', async () => {
    const p = makeProvince({ reports: { dir: 'units.csv/reports' } });
    const r = await cli(['--lang', 'en', '--quiet', 'run', '--config', p.config]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/audit\.json: reports\.dir: cannot write into this folder \(ENOTDIR /),
    ]);
    const runs = JSON.parse((await cli(['runs', 'list', '--config', p.config, '--format', 'json'])).stdout);
    expect(runs.map((x: { status: string; exitCode: number }) => [x.status, x.exitCode])).toEqual([['failed', 2]]);
  });

  it('3: an unreadable file; the rest is imported and reported; 3 wins over 1', async () => {
    const p = makeProvince({ failOn: { neverClosed: 0 } });
    fs.writeFileSync(p.at('system', 'hong.xlsx'), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)));
    const r = await cli(['--quiet', 'run', '--config', p.config]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const errs = lines(r.stderr);
    expect(errs).toHaveLength(2);
    expect(errs[0]).toContain('hong.xlsx');
    expect(errs[1]).toContain('failOn.neverClosed');
    noStack(r.stderr);
    expect(latest(p).totals.paperRecords).toBe(101);
    expect(latest(p).totals.systemRecords).toBe(120);
    // The next run tries the bad file again (it was never imported) and still says so.
    const again = await cli(['--quiet', 'run', '--config', p.config]);
    expect(again.code).toBe(3);
    fs.rmSync(p.at('system', 'hong.xlsx'));
    expect((await cli(['--quiet', 'run', '--config', p.config])).code).toBe(1);
  });

  it('4: another run holds the lock: one line naming its pid and start time; nothing touched', async () => {
    const p = makeProvince();
    fs.mkdirSync(path.dirname(p.db), { recursive: true });
    const startedAt = new Date().toISOString();
    fs.writeFileSync(
      `${p.db}.lock`,
      JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt, nonce: 'test' }),
    );
    const r = await cli(['--quiet', 'run', '--config', p.config]);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(`pid ${process.pid}`);
    expect(r.stderr).toContain(startedAt);
    expect(fs.existsSync(p.db)).toBe(false);
    expect(fs.existsSync(p.reports)).toBe(false);
    // With --wait, the run goes ahead as soon as the holder lets go.
    setTimeout(() => fs.rmSync(`${p.db}.lock`), 400);
    const waited = await cli(['--quiet', 'run', '--config', p.config, '--wait', '10']);
    expect(waited.code, waited.stderr).toBe(0);
  });

  it('a stale lock of a dead run is taken over, with a warning', async () => {
    const p = makeProvince();
    fs.mkdirSync(path.dirname(p.db), { recursive: true });
    fs.writeFileSync(
      `${p.db}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        hostname: os.hostname(),
        startedAt: new Date().toISOString(),
        nonce: 'dead',
      }),
    );
    const r = await cli(['--quiet', 'run', '--config', p.config]);
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([expect.stringContaining('lấy lại khoá')]);
    expect(fs.existsSync(`${p.db}.lock`)).toBe(false);
  });
});

describe('an older database', () => {
  it('is backed up beside itself before the runs tables are added', async () => {
    const p = makeProvince();
    fs.mkdirSync(path.dirname(p.db), { recursive: true });
    const { MIGRATIONS } = await import('../src/store/schema.js');
    const old = new Database(p.db);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old.close();
    const r = await cli(['--quiet', 'run', '--config', p.config]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(`${p.db}.schema-v1.bak`)).toBe(true);
  });
});

describe('runs list and diff', () => {
  it('need a database and two completed runs', async () => {
    const p = makeProvince();
    expect((await cli(['runs', 'list', '--config', p.config])).code).toBe(2);
    await cli(['--quiet', 'run', '--config', p.config]);
    const list = await cli(['runs', 'list', '--config', p.config]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('#1');
    const one = await cli(['diff', '--config', p.config]);
    expect(one.code).toBe(2);
    expect(one.stderr).toBe('lỗi: cần ít nhất hai lần chạy đã hoàn tất để so sánh; xem "motcua-audit runs list"\n');
    await cli(['--quiet', 'run', '--config', p.config]);
    const missing = await cli(['--lang', 'en', 'diff', '--config', p.config, '--from', '7']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no completed run #7');
    expect((await cli(['diff', '--config', p.config, '--from', 'last'])).code).toBe(2);
    expect((await cli(['diff', '--config', p.config, '--format', 'xlsx'])).code).toBe(2);
    expect((await cli(['diff', '--config', p.config, '--format', 'pdf'])).code).toBe(2);
    const out = p.at('thay-doi.xlsx');
    const x = await cli(['--quiet', 'diff', '--config', p.config, '--format', 'xlsx', '--out', out]);
    expect(x).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Thay đổi']);
    const db = new Database(p.db, { readonly: true });
    const snapshot = db.prepare('SELECT COUNT(*) AS n FROM run_findings WHERE run_id = 2').get() as { n: number };
    db.close();
    expect(snapshot.n).toBe(latest(p).findings.length);
  });
});

describe('config: statuses and reports.showPersonalData', () => {
  it('"statuses" names the status table the reports use, as report --statuses', async () => {
    const p = makeProvince();
    expect((await cli(['--quiet', 'run', '--config', p.config])).code).toBe(0);
    const before = latest(p).totals;
    // "Đang xử lý" declared closed: the dossiers open in the system in that state count as closed.
    fs.writeFileSync(p.at('trang-thai.json'), JSON.stringify([{ label: 'Đang xử lý', state: 'closed' }]));
    p.writeConfig({ statuses: 'trang-thai.json' });
    expect((await cli(['--quiet', 'run', '--config', p.config])).code).toBe(0);
    const after = latest(p).totals;
    expect(after.openInSystem).toBeLessThan(before.openInSystem);
    expect(after.neverClosedElectronically).toBeLessThan(before.neverClosedElectronically);
    const report = JSON.parse(
      (await cli(['--db', p.db, 'report', '--format', 'json', '--statuses', p.at('trang-thai.json')])).stdout,
    );
    expect(report.totals).toEqual(after);
  });

  it('2: a bad status table is a config error naming the field and the entry; nothing is created', async () => {
    const p = makeProvince({ statuses: 'trang-thai.json' });
    fs.writeFileSync(p.at('trang-thai.json'), JSON.stringify([{ label: 'Đang xử lý', state: 'done' }]));
    const r = await cli(['--lang', 'en', '--quiet', 'run', '--config', p.config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${p.config}: statuses: trang-thai.json: [0]: expected "state" to be "open" or "closed" (status ` +
        `table: [{ "label": "…", "state": "open" | "closed" }])\n`,
    );
    expect(fs.existsSync(p.db)).toBe(false);
    fs.rmSync(p.at('trang-thai.json'));
    const missing = await cli(['--quiet', 'run', '--config', p.config]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('statuses: trang-thai.json: không tìm thấy tệp');
  });

  it('reports.showPersonalData: the csv and md keep names only when asked; JSON always has them', async () => {
    // People, not organisations (Trảng Bàng's register writes names in capitals; a batch row of the demo is a notary
    // office's).
    const ORGANISATION = /^(Công ty|Doanh nghiệp|Văn phòng|Hợp tác xã)\s/;
    const names = (p: ReturnType<typeof makeProvince>) =>
      latest(p)
        .findings.map((f) => f.paper?.applicant)
        .filter(
          (s): s is string =>
            typeof s === 'string' && s.includes(' ') && s !== s.toUpperCase() && !ORGANISATION.test(s),
        );
    const files = (p: ReturnType<typeof makeProvince>) => {
      const dir = path.join(p.reports, runFolders(p)[0]!);
      return (
        fs.readFileSync(path.join(dir, 'bao-cao.csv'), 'utf8') + fs.readFileSync(path.join(dir, 'bao-cao.md'), 'utf8')
      );
    };
    const masked = makeProvince({ reports: { formats: ['json', 'csv', 'md'] } });
    expect((await cli(['--quiet', 'run', '--config', masked.config])).code).toBe(0);
    const people = names(masked);
    expect(people.length).toBeGreaterThan(10);
    for (const n of people) expect(files(masked)).not.toContain(n);
    const shown = makeProvince({ reports: { formats: ['json', 'csv', 'md'], showPersonalData: true } });
    expect((await cli(['--quiet', 'run', '--config', shown.config])).code).toBe(0);
    for (const n of names(shown)) expect(files(shown)).toContain(n);
  });
});

describe('finding ids across runs', () => {
  it(
    'a row inserted at the top of a register renumbers ' + 'nothing: diff shows one new finding, none resolved',
    async () => {
      const p = makeProvince();
      expect((await cli(['--quiet', 'run', '--config', p.config])).code).toBe(0);
      const register = p.at('paper', 'phuoc-thanh', 'so-hs-xa-2025.csv');
      // Reports name the register relative to the config's folder, never by the machine's absolute path.
      const shown = 'paper/phuoc-thanh/so-hs-xa-2025.csv';
      const before = latest(p).findings.filter((f) => f.paper?.file === shown);
      expect(before.length).toBeGreaterThan(3);
      // A data-quality finding too (the commune's copy of a transferred dossier's code): its id is no row number
      // either.
      expect(before.some((f) => f.category === 'data_quality')).toBe(true);
      const [header, ...rows] = fs.readFileSync(register, 'utf8').split(/\r?\n/);
      fs.writeFileSync(
        register,
        [header, '0,,Đăng ký khai tử,Trần Văn Mới,Xã Phước Thạnh,03/01/2025,04/01/2025,,', ...rows].join('\n'),
      );
      expect((await cli(['--quiet', 'run', '--config', p.config])).code).toBe(0);
      const after = latest(p).findings.filter((f) => f.paper?.file === shown);
      // Every earlier finding keeps its id while its row moved down one line.
      for (const f of before) {
        const same = after.find((g) => g.id === f.id);
        expect(same, f.id).toBeDefined();
        expect(same!.paper.row).toBe(f.paper.row + 1);
      }
      const diff = JSON.parse((await cli(['diff', '--config', p.config, '--format', 'json'])).stdout);
      expect(diff.totals.resolved).toBe(0);
      expect(
        diff.items.filter((i: { change: string }) => i.change === 'new').map((i: { row: number }) => i.row),
      ).toEqual([2]);
    },
  );
});
