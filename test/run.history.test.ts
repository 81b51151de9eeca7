/**
 * Runs over a province folder, in process: idempotent re-runs, a register re-sent with more rows,
 * a newer export resolving findings (seen by `diff` and the xlsx "Thay đổi" sheet), the run
 * folders and latest.json, retention, file modes, the report period and the JSON log.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture } from './helpers/cli.js';
import { latest, makeProvince, runFolders, systemExportCsv, type Province } from './helpers/run-folder.js';

const expected = JSON.parse(fs.readFileSync(fixture('demo', 'expected.json'), 'utf8'));
const TOTALS = [
  'paperRecords',
  'systemRecords',
  'closed',
  'openInSystem',
  'notInSystem',
  'needsNewerExport',
  'inProgress',
  'paperOpenSystemClosed',
  'systemOnly',
  'systemOutsideCoverage',
  'neverClosedElectronically',
];
const pick = (o: Record<string, unknown>) => Object.fromEntries(TOTALS.map((k) => [k, o[k]]));

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

describe('scheduled runs over a folder', () => {
  let p: Province;
  const log = () =>
    fs
      .readFileSync(p.at('run.log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
  const run = (...extra: string[]) => cli(['run', '--config', p.config, '--log-json', p.at('run.log.jsonl'), ...extra]);
  let first: ReturnType<typeof latest>;

  beforeAll(async () => {
    p = makeProvince({
      reports: {
        formats: ['json', 'xlsx', 'csv', 'html', 'md'],
        keep: 3,
        agency: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
        title: 'Báo cáo đối chiếu tháng',
        signerPrepared: 'Trần Văn Lập',
      },
    });
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    first = latest(p);
  });

  it('the first run imports every file and gives the expected counts', () => {
    expect(pick(first.totals)).toEqual(pick(expected.initial.totals));
    const files = log().filter((l) => l.step === 'file');
    expect(files.map((f) => f.outcome)).toEqual(Array(7).fill('imported'));
    expect(files.reduce((a, f) => a + f.rowsImported, 0)).toBe(64 + 119 + 101);
  });

  it('writes its own folder, never overwritten, plus latest.json equal to its JSON report', async () => {
    const [folder] = runFolders(p);
    expect(folder).toMatch(/^\d{4}-\d{2}-\d{2}_\d{6}-1$/);
    const dir = path.join(p.reports, folder!);
    expect(fs.readdirSync(dir).sort()).toEqual([
      'bao-cao.csv',
      'bao-cao.html',
      'bao-cao.json',
      'bao-cao.md',
      'bao-cao.xlsx',
    ]);
    expect(fs.readFileSync(path.join(dir, 'bao-cao.html'), 'utf8')).toContain('<html');
    expect(fs.readFileSync(path.join(dir, 'bao-cao.json'), 'utf8')).toBe(
      fs.readFileSync(path.join(p.reports, 'latest.json'), 'utf8'),
    );
    for (const f of [...fs.readdirSync(dir).map((n) => path.join(dir, n)), path.join(p.reports, 'latest.json')])
      expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(await sheetNames(path.join(dir, 'bao-cao.xlsx'))).not.toContain('Thay đổi');
  });

  it('the heading and signer of the config are on the files for people', async () => {
    const dir = path.join(p.reports, runFolders(p)[0]!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'bao-cao.xlsx'));
    const texts: string[] = [];
    wb.getWorksheet('Tổng hợp')!.eachRow((row) => row.eachCell((c) => void texts.push(String(c.value))));
    expect(texts).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(
      texts.some((t) => t.includes('Báo cáo đối chiếu tháng'.toUpperCase()) || t.includes('Báo cáo đối chiếu tháng')),
    ).toBe(true);
    expect(texts).toContain('Trần Văn Lập');
    for (const name of ['bao-cao.html', 'bao-cao.md']) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      expect(text, name).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    }
  });

  it('a second run imports nothing and finds the same findings', async () => {
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('= 7 tệp đã được nhập ở lần trước');
    const second = log().filter((l) => l.runId === 2);
    expect(second.filter((l) => l.step === 'file').map((l) => l.outcome)).toEqual(Array(7).fill('unchanged'));
    expect(second.find((l) => l.step === 'units')?.outcome).toBe('unchanged');
    const now = latest(p);
    expect(now.findings.map((f) => f.id)).toEqual(first.findings.map((f) => f.id));
    expect(now.totals).toEqual(first.totals);
    const d = await cli(['diff', '--config', p.config, '--format', 'json']);
    expect(d.code, d.stderr).toBe(0);
    const diff = JSON.parse(d.stdout);
    expect(diff.from.id).toBe(1);
    expect(diff.to.id).toBe(2);
    expect(diff.totals).toEqual({ new: 0, resolved: 0, stillOpen: first.findings.length });
    const folder = runFolders(p)[1]!;
    expect(await sheetNames(path.join(p.reports, folder, 'bao-cao.xlsx'))).toContain('Thay đổi');
  });

  it('a register re-sent with more rows replaces its earlier version', async () => {
    fs.copyFileSync(
      fixture('demo', 'paper-update', 'trang-bang', 'so-tiep-nhan-2025.xlsx'),
      p.at('paper', 'trang-bang', 'so-tiep-nhan-2025.xlsx'),
    );
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('phiên bản mới của sổ');
    const files = log().filter((l) => l.runId === 3 && l.step === 'file');
    expect(files.filter((f) => f.outcome === 'replaced')).toHaveLength(1);
    expect(files.filter((f) => f.outcome === 'unchanged')).toHaveLength(6);
    expect(pick(latest(p).totals)).toEqual(pick(expected.afterUpdate.totals));
  });

  it('a new export closing dossiers shows them as resolved in diff and in the "Thay đổi" sheet', async () => {
    const before = latest(p);
    const open = before.findings.filter((f) => f.category === 'open_in_system').slice(0, 4);
    expect(open).toHaveLength(4);
    fs.writeFileSync(
      p.at('system', 'xuat-hs-thang7-2025.csv'),
      systemExportCsv(
        '25/07/2025',
        open.map((f) => ({
          code: f.system.code,
          procedure: f.paper.procedure ?? 'Thủ tục',
          applicant: f.paper.applicant ?? 'Không rõ',
          unit: f.unit,
          received: (f.system.receivedDate as string).split('-').reverse().join('/'),
          returned: '24/07/2025',
          status: 'Đã trả kết quả',
        })),
      ),
    );
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    const after = latest(p);
    expect(after.totals.openInSystem).toBe(before.totals.openInSystem - 4);
    const d = await cli(['--lang', 'en', 'diff', '--config', p.config, '--format', 'json']);
    const diff = JSON.parse(d.stdout);
    expect(diff.from.id).toBe(3);
    expect(diff.to.id).toBe(4);
    const resolved = diff.items.filter((i: { change: string }) => i.change === 'resolved');
    expect(resolved.map((i: { id: string }) => i.id).sort()).toEqual(open.map((f) => f.id).sort());
    expect(diff.totals).toEqual({ new: 0, resolved: 4, stillOpen: before.findings.length - 4 });
    const table = await cli(['--lang', 'en', 'diff', '--config', p.config]);
    expect(table.stdout).toContain('CHANGES BETWEEN RUN #3');
    expect(table.stdout).toMatch(/Total\s*│\s*0\s*│\s*4\s*│/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(p.reports, runFolders(p).at(-1)!, 'bao-cao.xlsx'));
    const sheet = wb.getWorksheet('Thay đổi')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === 'Tổng cộng')).toEqual(['Tổng cộng', 0, 4, before.findings.length - 4]);
    const resolvedRows = rows.filter((r) => r[1] === 'Đã khắc phục');
    expect(resolvedRows.map((r) => r[2]).sort()).toEqual(open.map((f) => f.id).sort());
    expect(resolvedRows.map((r) => r[5]).sort()).toEqual(open.map((f) => f.system.code).sort());
  });

  it('keeps only reports.keep run folders, the newest', () => {
    expect(runFolders(p).map((n) => n.split('-').pop())).toEqual(['2', '3', '4']);
  });

  it('runs list shows every run with its counts', async () => {
    const r = await cli(['runs', 'list', '--config', p.config, '--format', 'json']);
    const runs = JSON.parse(r.stdout);
    expect(runs.map((x: { id: number; status: string; exitCode: number }) => [x.id, x.status, x.exitCode])).toEqual([
      [4, 'completed', 0],
      [3, 'completed', 0],
      [2, 'completed', 0],
      [1, 'completed', 0],
    ]);
    expect(runs[3].counts.files).toEqual({ imported: 7, replaced: 0, unchanged: 0, failed: 0 });
    expect(runs[2].counts.files).toEqual({ imported: 0, replaced: 0, unchanged: 7, failed: 0 });
    expect(runs[1].counts.files).toEqual({ imported: 0, replaced: 1, unchanged: 6, failed: 0 });
    expect(runs[0].counts.diff).toEqual({
      previousRunId: 3,
      new: 0,
      resolved: 4,
      stillOpen: runs[1].counts.report.findings - 4 + 0,
    });
    const table = await cli(['--db', p.db, 'runs', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('#4');
    expect(table.stdout).toContain('hoàn tất');
    const older = await cli(['diff', '--config', p.config, '--from', '1', '--to', '#2', '--format', 'json']);
    expect(JSON.parse(older.stdout).totals.new).toBe(0);
  });

  it('the JSON log has one line per step with codes and counts only, no personal data', () => {
    const lines = log();
    const steps = new Set(lines.map((l) => l.step));
    for (const s of ['run.start', 'units', 'file', 'match', 'report', 'diff', 'reports.written', 'run.end'])
      expect(steps, s).toContain(s);
    for (const l of lines)
      expect(typeof l.runId === 'number' && typeof l.ts === 'string', JSON.stringify(l)).toBe(true);
    const text = fs.readFileSync(p.at('run.log.jsonl'), 'utf8');
    const personal = first.findings
      .flatMap((f) => [f.paper?.applicant, f.paper?.procedure])
      .filter((s): s is string => typeof s === 'string' && s.length > 3);
    expect(personal.length).toBeGreaterThan(20);
    for (const s of personal) expect(text).not.toContain(s);
    for (const s of [p.dir, 'Sở Tư pháp', 'Gò Dầu', 'so-theo-doi', '.xlsx', '000.00.']) expect(text).not.toContain(s);
    expect(fs.statSync(p.at('run.log.jsonl')).mode & 0o777).toBe(0o600);
  });
});

describe('report period and modes', () => {
  it('previous-month reports the calendar month before the run clock, as report --from/--to does', async () => {
    const p = makeProvince({ reports: { period: 'previous-month', formats: ['json'], mode: '0640' } });
    const r = await cli(['run', '--config', p.config]);
    expect(r.code, r.stderr).toBe(0);
    const report = latest(p);
    expect(report.filters).toEqual({ unit: null, from: '2025-06-01', to: '2025-06-30' });
    const same = await cli(['--db', p.db, 'report', '--format', 'json', '--from', '01/06/2025', '--to', '30/06/2025']);
    expect(JSON.parse(same.stdout).totals).toEqual(report.totals);
    expect(report.totals.paperRecords).toBeGreaterThan(0);
    expect(report.totals.paperRecords).toBeLessThan(expected.initial.totals.paperRecords);
    const dir = path.join(p.reports, runFolders(p)[0]!);
    expect(fs.statSync(path.join(dir, 'bao-cao.json')).mode & 0o777).toBe(0o640);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o750);
  });
});
