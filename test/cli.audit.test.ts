/** The whole audit on the demo province, end to end through the CLI, against expected counts. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, importDemo, tempDir } from './helpers/cli.js';

const expected = JSON.parse(fs.readFileSync(fixture('demo', 'expected.json'), 'utf8'));
const D = (...p: string[]) => fixture('demo', ...p);
const COUNTERS = Object.keys(expected.initial.totals) as string[];

interface UnitLine {
  unit: string;
  [k: string]: unknown;
}

function expectCounts(
  report: { totals: Record<string, unknown>; units: UnitLine[] },
  exp: { totals: Record<string, unknown>; units: Record<string, Record<string, unknown>> },
) {
  for (const k of COUNTERS) expect(report.totals[k], `totals.${k}`).toBe(exp.totals[k]);
  expect(report.units.map((u) => u.unit).sort()).toEqual(Object.keys(exp.units).sort());
  for (const u of report.units) {
    for (const k of COUNTERS) expect(u[k], `${u.unit}.${k}`).toBe(exp.units[u.unit]![k]);
  }
}

describe('the whole audit on the demo province', () => {
  const dir = tempDir();
  const db = path.join(dir, 'audit.sqlite');
  let initial: {
    totals: Record<string, unknown>;
    units: UnitLine[];
    findings: Array<Record<string, any>>;
    schema: string;
    filters: unknown;
    generatedAt: string;
  };

  beforeAll(async () => {
    await importDemo(db);
    const m = await cli(['--db', db, 'match']);
    expect(m.code).toBe(0);
    const r = await cli(['--db', db, 'report', '--format', 'json']);
    expect(r.code).toBe(0);
    initial = JSON.parse(r.stdout);
  });

  it('gives the expected per-unit counts', () => {
    expectCounts(initial, expected.initial);
  });

  it('rolls the merged department into its successor with --units current, as expected.json says', async () => {
    const r = await cli(['--db', db, 'report', '--format', 'json', '--units', 'current']);
    expect(r.code).toBe(0);
    const current = JSON.parse(r.stdout);
    expectCounts(current, expected.currentUnits.initial);
    const khcn = current.units.find((u: UnitLine) => u.unitCode === '000.00.12.H53');
    expect(khcn.predecessors).toEqual([
      { unit: 'Sở Thông tin và Truyền thông', unitCode: '000.00.11.H53', validFrom: null, validTo: '2025-02-28' },
    ]);
    // As received, the merged department's dossiers listed under its successor stay its own.
    const tttt = initial.units.find((u) => u.unitCode === '000.00.11.H53')!;
    expect(tttt).toMatchObject({
      unit: 'Sở Thông tin và Truyền thông (–28/02/2025)',
      validTo: '2025-02-28',
      systemRecords: 5,
    });
  });

  it('follows the JSON contract', () => {
    expect(initial.schema).toBe('motcua-audit/report@2');
    expect(initial.generatedAt).toBe('2025-07-20T03:00:00.000Z');
    expect(initial.filters).toEqual({ unit: null, from: null, to: null });
    const unit = initial.units.find((u) => u.unit === 'UBND huyện Gò Dầu')!;
    expect(unit.unitCode).toBe('000.00.19.H53');
    const categories = new Set(initial.findings.map((f) => f.category));
    for (const c of [
      'not_in_system',
      'open_in_system',
      'needs_newer_export',
      'paper_open_system_closed',
      'system_only',
      'data_quality',
    ])
      expect(categories.has(c), c).toBe(true);
    expect(categories.has('closed')).toBe(false);
    expect(categories.has('in_progress')).toBe(false);
    const open = initial.findings.find((f) => f.category === 'open_in_system')!;
    // Schema 2 adds the register's due date.
    expect(Object.keys(open.paper).sort()).toEqual([
      'applicant',
      'code',
      'dueDate',
      'file',
      'procedure',
      'receivedDate',
      'returnedDate',
      'row',
      'sheet',
    ]);
    expect(Object.keys(open.system).sort()).toEqual(['code', 'receivedDate', 'returnedDate', 'status']);
    expect(open.match).toMatchObject({ method: 'code', score: 1 });
    const sysOnly = initial.findings.find((f) => f.category === 'system_only')!;
    expect(sysOnly.paper).toBeNull();
    expect(Object.keys(sysOnly.system).sort()).toEqual(['code', 'dueDate', 'receivedDate', 'returnedDate', 'status']);
    expect(sysOnly.match).toBeNull();
    // Every paper finding names the row the user sees in Excel / the CSV line.
    for (const f of initial.findings.filter((x) => x.paper)) expect(f.paper.row).toBeGreaterThan(1);
    const ids = initial.findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names paper rows by their Excel row and CSV line, as expected-rows.json says', () => {
    const rows = JSON.parse(fs.readFileSync(D('expected-rows.json'), 'utf8'));
    const paperRows: Array<{ file: string; sheet: string | null; row: number; category: string }> =
      rows.initial?.paper ?? rows.paper ?? [];
    expect(paperRows.length).toBeGreaterThan(50);
    const byPlace = new Map(
      initial.findings
        .filter((f) => f.paper && f.category !== 'data_quality')
        .map((f) => [`${path.basename(f.paper.file)}#${f.paper.sheet ?? ''}#${f.paper.row}`, f.category]),
    );
    let checked = 0;
    for (const r of paperRows) {
      if (r.category === 'closed' || r.category === 'in_progress') continue;
      expect(byPlace.get(`${path.basename(r.file)}#${r.sheet ?? ''}#${r.row}`), `${r.file} ${r.sheet} ${r.row}`).toBe(
        r.category,
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('shows the rows that are not one-to-one with their shape and dossiers, as expected.json says', () => {
    const byPlace = new Map(
      initial.findings
        .filter((f) => f.paper && f.category !== 'data_quality')
        .map((f) => [`${path.basename(f.paper.file)}#${f.paper.sheet ?? ''}#${f.paper.row}`, f]),
    );
    let checked = 0;
    for (const [shape, rows] of Object.entries(
      expected.shapes as Record<
        string,
        Array<{
          file: string;
          sheet: string | null;
          row: number;
          category: string;
          superseded?: boolean;
          dossiers: string[];
        }>
      >,
    )) {
      for (const r of rows) {
        const f = byPlace.get(`${path.basename(r.file)}#${r.sheet ?? ''}#${r.row}`);
        if (r.category === 'closed' || r.category === 'in_progress') {
          expect(f, `${r.file} ${r.row}`).toBeUndefined();
          continue;
        }
        expect(f?.category, `${r.file} ${r.row}`).toBe(r.category);
        expect(f!.match).toMatchObject({ shape, ...(r.superseded ? { superseded: true } : {}) });
        expect([f!.system.code, ...(f!.systemAlso ?? []).map((x: { code: string }) => x.code)].sort()).toEqual(
          [...r.dossiers].sort(),
        );
        checked++;
      }
    }
    // A transfer and a batch row open in the system, a supplement cycle's two rows, a batch row closed in the system.
    expect(checked).toBeGreaterThanOrEqual(6);
    // The twin (the same citizen, another procedure, the same day) stays a dossier of its own.
    const twin = initial.findings.find(
      (f) => f.paper?.applicant === 'Tô Thị Mỹ Lệ' && f.category === 'paper_open_system_closed',
    );
    expect(twin?.match).toMatchObject({ shape: 'one', related: [] });
  });

  it('is idempotent: importing the same files again changes nothing', async () => {
    const again = await cli(['--db', db, 'import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('không thay đổi');
    const r = await cli(['--db', db, 'report', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual(initial);
  });

  it('replaces an earlier version of a register re-sent with more rows, and never counts it twice', async () => {
    const r = await cli([
      '--db',
      db,
      'import',
      'paper',
      D('paper-update', 'trang-bang', 'so-tiep-nhan-2025.xlsx'),
      '--unit',
      'UBND thị xã Trảng Bàng',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/thay thế lần nhập #\d+/);
    // The older version sent again is recognised and changes nothing.
    const old = await cli([
      '--db',
      db,
      'import',
      'paper',
      D('paper', 'trang-bang', 'so-tiep-nhan-2025.xlsx'),
      '--unit',
      'UBND thị xã Trảng Bàng',
    ]);
    expect(old.stdout).toContain('không thay đổi');
    const rep = await cli(['--db', db, 'report', '--format', 'json']);
    expectCounts(JSON.parse(rep.stdout), expected.afterUpdate);
  });

  it('filters by unit and by received date', async () => {
    const u = JSON.parse((await cli(['--db', db, 'report', '--format', 'json', '--unit', 'ubnd huyen go dau'])).stdout);
    expect(u.units.map((x: UnitLine) => x.unit)).toEqual(['UBND huyện Gò Dầu']);
    expect(u.units[0].paperRecords).toBe(expected.afterUpdate.units['UBND huyện Gò Dầu'].paperRecords);
    expect(u.findings.every((f: { unit: string }) => f.unit === 'UBND huyện Gò Dầu')).toBe(true);
    const q1 = JSON.parse(
      (await cli(['--db', db, 'report', '--format', 'json', '--from', '01/01/2025', '--to', '31/03/2025'])).stdout,
    );
    expect(q1.filters).toEqual({ unit: null, from: '2025-01-01', to: '2025-03-31' });
    for (const f of q1.findings) {
      const d = f.paper?.receivedDate ?? f.system?.receivedDate;
      expect(d >= '2025-01-01' && d <= '2025-03-31').toBe(true);
    }
    expect(q1.totals.paperRecords).toBeLessThan(expected.afterUpdate.totals.paperRecords);
  });

  it('prints the per-unit table with a total row, in Vietnamese and in English', async () => {
    const vi = await cli(['--db', db, 'report']);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('Tổng cộng');
    expect(vi.stdout).toContain('UBND huyện Gò Dầu');
    expect(vi.stdout).not.toMatch(/\u001b\[/); // no colour when not a TTY
    const en = await cli(['--db', db, '--lang', 'en', 'report']);
    expect(en.stdout).toContain('Total');
    expect(en.stdout).toContain('electronically');
  });

  it('writes CSV with a BOM and the xlsx report, owner-only', async () => {
    const csv = path.join(dir, 'findings.csv');
    expect((await cli(['--db', db, 'report', '--format', 'csv', '--out', csv])).code).toBe(0);
    const text = fs.readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0]).toContain('Sổ: tệp');
    expect(fs.statSync(csv).mode & 0o777).toBe(0o600);
    const xlsx = path.join(dir, 'report.xlsx');
    expect((await cli(['--db', db, 'report', '--format', 'xlsx', '--out', xlsx])).code).toBe(0);
    expect(fs.statSync(xlsx).size).toBeGreaterThan(1000);
    expect(fs.statSync(db).mode & 0o777).toBe(0o600);
  });

  it('lists units with aliases and counts', async () => {
    const r = await cli(['--db', db, 'units', 'list', '--format', 'json']);
    const list = JSON.parse(r.stdout);
    const goDau = list.find((u: { name: string }) => u.name === 'UBND huyện Gò Dầu');
    expect(goDau.aliases).toEqual(expect.arrayContaining(['Huyện Gò Dầu', 'BPTN&TKQ huyện Gò Dầu']));
    expect(goDau.paperRows).toBe(expected.afterUpdate.units['UBND huyện Gò Dầu'].paperRecords);
    expect(list.every((u: { official: boolean }) => u.official)).toBe(true);
  });

  it('exits 1 when never-closed findings exceed --fail-on', async () => {
    const r = await cli(['--db', db, 'report', '--format', 'json', '--fail-on', 'never-closed=0']);
    expect(r.code).toBe(1);
    const ok = await cli(['--db', db, 'report', '--format', 'json', '--fail-on', 'never-closed=1000']);
    expect(ok.code).toBe(0);
  });
});
