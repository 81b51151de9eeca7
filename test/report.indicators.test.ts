/**
 * Each unit's indicators as the system shows them and as the registers show them (issue 22): a
 * small province whose both views are known by construction (every expected figure worked out by
 * hand below, dossier by dossier), including a unit without system data and one without a
 * register; the invariants on the demo province; the xlsx sheet, the HTML chart, md and the
 * terminal in both languages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatusTable } from '../src/normalize/status.js';
import { IndicatorTally, indicatorGap, parsePaperLink, type IndicatorView } from '../src/report/model/indicators.js';
import type { Report, UnitSummary } from '../src/report/model/types.js';
import { printFit } from '../src/report/render/xlsx/xlsx-indicators.js';
import { cli, tempDir } from './helpers/cli.js';
import { buildDemoDb, readWorkbook, run } from './helpers/report-data.js';

const dir = tempDir('motcua-indicators-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const A = 'Sở Tư pháp';
const B = 'UBND huyện Gò Dầu';
const C = 'UBND xã Thạnh Đức';
const D = 'UBND xã Phước Thạnh';

/**
 * The constructed province. Data as of 10/04/2025 (`--as-of`), every dossier received in 2025.
 *
 * Unit A (Sở Tư pháp), system:
 *   A1 due 16/01, returned 15/01 (Đã trả kết quả)  — register: returned 15/01
 *   A2 due 17/01, returned 20/01 (late)            — register: returned 20/01
 *   A3 due 18/01, Đang xử lý (overdue on 10/04)    — register: returned 17/01  → open_in_system
 *   A4 due 19/01, Đang xử lý (overdue)             — register: no return      → in_progress
 *   A5 due 20/01, Rút hồ sơ (withdrawn)            — no register row          → system_only
 *   A6 due 30/04, Đang xử lý (not yet due)         — register: returned 25/01 → open_in_system
 * Unit A, register only: P7 due 13/02 returned 12/02; P8 due 20/02 no return; P9 no due, returned 25/02.
 * Unit B (Gò Dầu), system:
 *   B1 due 16/01 returned 10/01 — register returned 10/01; B2 due 17/01 Đang xử lý — register returned 12/01;
 *   B3 due 18/01 returned 25/01 (late) — no register row.
 * Unit B, register only: P13 due 14/02 returned 20/02 (late); P14 due 15/02 no return; P15 no due, no return.
 * Unit C (Thạnh Đức): a register, no system dossier. P20 due 13/01 returned 12/01; P21 due 14/01 no return.
 * Unit D (Phước Thạnh): a system dossier, no register. D1 due 16/01 Đang xử lý.
 */
const UNITS_CSV = [
  'code,name,aliases',
  `000.00.07.H53,${A},`,
  `000.00.19.H53,${B},`,
  `000.19.31.H53,${C},`,
  `000.19.32.H53,${D},`,
].join('\n');
const SYSTEM_CSV = [
  'Mã hồ sơ,Thủ tục,Chủ hồ sơ,Đơn vị tiếp nhận,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái',
  `000.00.07.H53-250106-0001,Cấp phiếu lý lịch tư pháp,Trần Văn An,${A},06/01/2025,16/01/2025,15/01/2025,Đã ` +
    `trả kết quả`,
  `000.00.07.H53-250107-0001,Chứng thực bản sao,Lê Thị Bình,${A},07/01/2025,17/01/2025,20/01/2025,Đã trả kết quả`,
  `000.00.07.H53-250108-0001,Đăng ký khai sinh,Phạm Văn Cường,${A},08/01/2025,18/01/2025,,Đang xử lý`,
  `000.00.07.H53-250109-0001,Đăng ký kết hôn,Hoàng Thị Dung,${A},09/01/2025,19/01/2025,,Đang xử lý`,
  `000.00.07.H53-250110-0001,Cấp phiếu lý lịch tư pháp,Vũ Văn Em,${A},10/01/2025,20/01/2025,,Rút hồ sơ`,
  `000.00.07.H53-250113-0001,Chứng thực chữ ký,Đặng Thị Giang,${A},13/01/2025,30/04/2025,,Đang xử lý`,
  `000.00.19.H53-250106-0001,Cấp giấy phép xây dựng,Bùi Văn Hải,${B},06/01/2025,16/01/2025,10/01/2025,Đã trả kết quả`,
  `000.00.19.H53-250107-0001,Đăng ký hộ kinh doanh,Đỗ Thị Hạnh,${B},07/01/2025,17/01/2025,,Đang xử lý`,
  `000.00.19.H53-250108-0001,Cấp giấy phép xây dựng,Ngô Văn Khánh,${B},08/01/2025,18/01/2025,25/01/2025,Đã trả kết quả`,
  `000.19.32.H53-250106-0001,Đăng ký thường trú,Dương Văn Long,${D},06/01/2025,16/01/2025,,Đang xử lý`,
].join('\n');
const PAPER_HEAD = 'STT,Mã hồ sơ,Tên TTHC,Tên cá nhân/tổ chức,Ngày nhận,Ngày hẹn trả,Ngày trả kết quả';
const PAPER_A = [
  PAPER_HEAD,
  '1,000.00.07.H53-250106-0001,Cấp phiếu lý lịch tư pháp,Trần Văn An,06/01/2025,16/01/2025,15/01/2025',
  '2,000.00.07.H53-250107-0001,Chứng thực bản sao,Lê Thị Bình,07/01/2025,17/01/2025,20/01/2025',
  '3,000.00.07.H53-250108-0001,Đăng ký khai sinh,Phạm Văn Cường,08/01/2025,18/01/2025,17/01/2025',
  '4,000.00.07.H53-250109-0001,Đăng ký kết hôn,Hoàng Thị Dung,09/01/2025,19/01/2025,',
  '5,000.00.07.H53-250113-0001,Chứng thực chữ ký,Đặng Thị Giang,13/01/2025,30/04/2025,25/01/2025',
  '6,,Cấp bản sao trích lục,Mai Thị Oanh,03/02/2025,13/02/2025,12/02/2025',
  '7,,Đăng ký khai tử,Tạ Văn Phúc,10/02/2025,20/02/2025,',
  '8,,Chứng thực hợp đồng,Lý Thị Quyên,17/02/2025,,25/02/2025',
].join('\n');
const PAPER_B = [
  PAPER_HEAD,
  '1,000.00.19.H53-250106-0001,Cấp giấy phép xây dựng,Bùi Văn Hải,06/01/2025,16/01/2025,10/01/2025',
  '2,000.00.19.H53-250107-0001,Đăng ký hộ kinh doanh,Đỗ Thị Hạnh,07/01/2025,17/01/2025,12/01/2025',
  '3,,Cấp đổi giấy phép lái xe,Châu Văn Sơn,04/02/2025,14/02/2025,20/02/2025',
  '4,,Đăng ký biến động đất đai,Kiều Thị Tâm,05/02/2025,15/02/2025,',
  '5,,Xác nhận tình trạng nhà ở,Lâm Văn Uy,06/02/2025,,',
].join('\n');
const PAPER_C = [
  PAPER_HEAD,
  '1,,Đăng ký khai sinh,Quách Thị Vân,03/01/2025,13/01/2025,12/01/2025',
  '2,,Chứng thực bản sao,Từ Văn Xuân,04/01/2025,14/01/2025,',
].join('\n');

const view = (
  received: number,
  returned: number,
  returnedOnTime: number,
  returnedUndated: number,
  openOverdue: number | null,
): IndicatorView => {
  const r4 = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);
  return {
    received,
    returned,
    returnedOnTime,
    returnedUndated,
    onTimeRate: r4(returnedOnTime, returned),
    closureRate: r4(returned, received),
    openOverdue,
  };
};

/** The expected views, counted by hand from the table above. */
const EXPECTED = {
  // A system: 6 received; returned A1 (on time), A2 (late); open overdue A3, A4 (A5 withdrawn, A6 not due).
  [A]: { system: view(6, 2, 1, 0, 2), registers: view(9, 6, 4, 1, 2) },
  // A registers: A1..A6 + P7, P8, P9 = 9; returned A1 ✓, A2 ✗, A3 (17/01 ≤ 18/01) ✓, A6 (25/01 ≤ 30/04) ✓, P7 ✓, P9
  // undated; overdue A4, P8.
  [B]: { system: view(3, 2, 1, 0, 1), registers: view(6, 4, 2, 0, 1) },
  // B system: returned B1 ✓, B3 ✗; overdue B2. Registers: B1 ✓, B2 (12/01) ✓, B3 (system's 25/01) ✗, P13 ✗; overdue P14
  // (P15 has no due date).
  [C]: { system: null, registers: view(2, 1, 1, 0, 1) },
  [D]: { system: view(1, 0, 0, 0, 1), registers: null },
};

describe('indicators on a province known by construction', () => {
  const db = path.join(dir, 'built.sqlite');
  let report: Report;
  const unit = (name: string) => report.units.find((u) => u.unit === name)!;

  beforeAll(async () => {
    const w = (name: string, text: string) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text);
      return f;
    };
    await run(db, 'units', 'import', w('units.csv', UNITS_CSV));
    await run(db, 'import', 'system', w('system.csv', SYSTEM_CSV), '--as-of', '10/04/2025');
    await run(db, 'import', 'paper', w('a.csv', PAPER_A), '--unit', A);
    await run(db, 'import', 'paper', w('b.csv', PAPER_B), '--unit', B);
    await run(db, 'import', 'paper', w('c.csv', PAPER_C), '--unit', C);
    await run(db, 'match');
    report = JSON.parse(await run(db, 'report', '--format', 'json')) as Report;
  }, 60_000);

  it('is schema 2', () => expect(report.schema).toBe('motcua-audit/report@2'));

  it('the matching is as constructed (so the expected figures rest on it)', () => {
    expect(
      [A, B, C, D].map((n) => [unit(n).paperRecords, unit(n).systemRecords, unit(n).openInSystem, unit(n).notInSystem]),
    ).toEqual([
      [8, 6, 2, 3],
      [5, 3, 1, 3],
      [2, 0, 0, 2],
      [0, 1, 0, 0],
    ]);
  });

  it.each([A, B, C, D])('%s: both views as counted by hand', (name) => {
    const e = EXPECTED[name]!;
    expect(unit(name).indicators!.system).toEqual(e.system);
    expect(unit(name).indicators!.registers).toEqual(e.registers);
  });

  it('the gap in counts and points, and null (never 0) where the views cannot be compared', () => {
    expect(unit(A).indicators!.gap).toEqual({
      received: 3,
      returned: 4,
      returnedOnTime: 3,
      openOverdue: 0,
      onTimeRatePoints: 16.67,
      closureRatePoints: 33.34,
    });
    expect(unit(B).indicators!.gap).toEqual({
      received: 3,
      returned: 2,
      returnedOnTime: 1,
      openOverdue: 0,
      onTimeRatePoints: 0,
      closureRatePoints: 0,
    });
    expect(unit(C).indicators).toMatchObject({
      comparison: 'no_system_data',
      system: null,
      gap: null,
      rank: { system: null, registers: null, change: null, of: 2 },
    });
    expect(unit(D).indicators).toMatchObject({
      comparison: 'no_register',
      registers: null,
      gap: null,
      rank: { system: null, registers: null, change: null, of: 2 },
    });
    // D received one dossier and returned none: its closure rate is 0, its on-time rate cannot exist.
    expect(unit(D).indicators!.system).toMatchObject({ closureRate: 0, onTimeRate: null });
  });

  it('ranks by closure rate among compared units, ties sharing a rank, and the change', () => {
    // System: B 0.6667 → 1, A 0.3333 → 2. Registers: A 0.6667 and B 0.6667 → both 1.
    expect(unit(A).indicators!.rank).toEqual({ system: 2, registers: 1, change: 1, of: 2 });
    expect(unit(B).indicators!.rank).toEqual({ system: 1, registers: 1, change: 0, of: 2 });
  });

  it('totals sum the compared units only, and say how many were left out', () => {
    expect(report.totals.indicators).toEqual({
      unitsCompared: 2,
      unitsNotCompared: 2,
      system: view(9, 4, 2, 0, 3),
      registers: view(15, 10, 6, 1, 3),
      gap: {
        received: 6,
        returned: 6,
        returnedOnTime: 4,
        openOverdue: 0,
        onTimeRatePoints: 10,
        closureRatePoints: 22.23,
      },
    });
  });

  it('a period without system dossiers gives null, not 0', async () => {
    const feb = JSON.parse(await run(db, 'report', '--format', 'json', '--from', '2025-02-01')) as Report;
    const a = feb.units.find((u) => u.unit === A)!.indicators!;
    // Only P7, P8, P9 were received in February.
    expect(a).toMatchObject({ comparison: 'no_system_data', system: null, gap: null, registers: view(3, 2, 1, 1, 1) });
    expect(feb.totals.indicators).toEqual({
      unitsCompared: 0,
      unitsNotCompared: 2,
      system: null,
      registers: null,
      gap: null,
    });
  });

  it("open and overdue is judged on the data's as-of, never on the clock", async () => {
    // The same data with a later clock gives the same figures.
    const r = await cli(['--db', db, 'report', '--format', 'json'], { MOTCUA_AUDIT_NOW: '2030-01-01T00:00:00.000Z' });
    const later = JSON.parse(r.stdout) as Report;
    expect(later.units.map((u) => u.indicators)).toEqual(report.units.map((u) => u.indicators));
  });

  it(
    'the xlsx sheet "Hệ thống và thực tế": both views and the gap, sorted by the gap in closure rate, values ' +
      'equal to the JSON',
    async () => {
      const file = path.join(dir, 'built.xlsx');
      await run(db, 'report', '--format', 'xlsx', '--out', file);
      const wb = await readWorkbook(file);
      const ws = wb.getWorksheet('Hệ thống và thực tế')!;
      expect(ws).toBeDefined();
      const names = [5, 6, 7, 8].map((r) => ws.getRow(r).getCell(2).value);
      // A's gap (+33.34) before B's (0); C and D (not compared) last, in report order.
      expect(names.slice(0, 2)).toEqual([A, B]);
      expect(new Set(names.slice(2))).toEqual(new Set([C, D]));
      const rowA = ws.getRow(5);
      expect([3, 4, 5, 6, 7, 8].map((c) => rowA.getCell(c).value)).toEqual([6, 2, 1, 0.5, 0.3333, 2]);
      expect([9, 10, 11, 12, 13, 14].map((c) => rowA.getCell(c).value)).toEqual([9, 6, 4, 0.6667, 0.6667, 2]);
      expect([15, 16, 17, 18, 19, 20, 21, 22, 23].map((c) => rowA.getCell(c).value)).toEqual([
        3, 4, 3, 0, 16.67, 33.34, 2, 1, 1,
      ]);
      const rowC = ws.getRow(5 + names.indexOf(C));
      expect(rowC.getCell(3).value).toBe('Chưa có dữ liệu hệ thống');
      expect(rowC.getCell(9).value).toBe(2);
      expect(rowC.getCell(20).value).toBe('–');
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:4' });
      expect(ws.headerFooter.oddFooter).toContain('Trang &P / &N');
    },
  );
});

describe('indicators on the demo province', () => {
  const db = path.join(dir, 'demo.sqlite');
  let report: Report;
  beforeAll(async () => {
    await buildDemoDb(db);
    report = JSON.parse(await run(db, 'report', '--format', 'json')) as Report;
  }, 60_000);

  const rates = (v: IndicatorView | null) => (v ? [v.onTimeRate, v.closureRate] : []);

  // The demo's units as buildDemoDb imports them: five with registers and system data; Sở Thông tin
  // và Truyền thông (its register not imported here) and Sở Khoa học và Công nghệ have system
  // dossiers but no register.
  const compared = () => report.units.filter((u) => u.indicators!.comparison === 'compared');

  it('every unit with a register has both views, and the invariants hold; the unit without one says so', () => {
    expect(report.units.length).toBe(7);
    expect(compared()).toHaveLength(5);
    for (const u of report.units) {
      const ind = u.indicators!;
      if (u.paperRecords === 0) {
        expect(ind.comparison, u.unit).toBe('no_register');
        expect([ind.registers, ind.gap], u.unit).toEqual([null, null]);
        continue;
      }
      expect(ind.comparison, u.unit).toBe('compared');
      expect(ind.registers!.received, u.unit).toBeGreaterThanOrEqual(ind.system!.received);
      // Each open_in_system row is a dossier returned on paper but not in the system.
      expect(ind.registers!.returned - ind.system!.returned, u.unit).toBeGreaterThanOrEqual(u.openInSystem);
      for (const r of [...rates(ind.system), ...rates(ind.registers)])
        expect(r === null || (r >= 0 && r <= 1), `${u.unit} ${r}`).toBe(true);
    }
  });

  it(
    'the system view is the timeliness block and the ' +
      'system records; the registers add the dossiers only ' +
      'on paper',
    () => {
      for (const u of report.units) {
        const t = report.timeliness!.units.find((x) => x.unit === u.unit)!;
        const s = u.indicators!.system!;
        expect([s.received, s.returned, s.returnedOnTime, s.returnedUndated], u.unit).toEqual([
          u.systemRecords,
          t.resolved,
          t.resolvedEarly + t.resolvedOnTime,
          t.resolvedUndated,
        ]);
        if (u.paperRecords > 0) expect(u.indicators!.registers!.received, u.unit).toBe(u.systemRecords + u.notInSystem);
      }
    },
  );

  it('the totals are the sum of the units compared', () => {
    const t = report.totals.indicators!;
    expect([t.unitsCompared, t.unitsNotCompared]).toEqual([5, 2]);
    for (const k of ['received', 'returned', 'returnedOnTime', 'openOverdue'] as const) {
      expect(t.system![k]).toBe(compared().reduce((n, u) => n + u.indicators!.system![k]!, 0));
      expect(t.registers![k]).toBe(compared().reduce((n, u) => n + u.indicators!.registers![k]!, 0));
    }
    expect(t.gap).toEqual(indicatorGap(t.system!, t.registers!));
  });

  it(
    '--unit gives the unit the same views (ranked ' + "alone), and --split-by-unit keeps the province's " + 'ranks',
    async () => {
      const name = 'UBND xã Thạnh Đức';
      const whole = report.units.find((u) => u.unit === name)!.indicators!;
      const one = JSON.parse(await run(db, 'report', '--format', 'json', '--unit', name)) as Report;
      expect(one.units[0]!.indicators).toEqual({ ...whole, rank: { system: 1, registers: 1, change: 0, of: 1 } });
      expect(one.totals.indicators).toEqual({
        unitsCompared: 1,
        unitsNotCompared: 0,
        system: whole.system,
        registers: whole.registers,
        gap: whole.gap,
      });
      const out = path.join(dir, 'split');
      await run(db, 'report', '--format', 'json', '--split-by-unit', '--out', out);
      const split = JSON.parse(fs.readFileSync(path.join(out, 'UBND-xa-Thanh-Duc.json'), 'utf8')) as Report;
      expect(split.units[0]!.indicators).toEqual(whole);
      expect(split.totals.indicators).toEqual(one.totals.indicators);
    },
  );

  it('md and the terminal give the headline gap, in Vietnamese and in English', async () => {
    const t = report.totals.indicators!;
    const pct = (r: number, dec: string) => `${(r * 100).toFixed(1).replace('.', dec)}%`;
    const md = await run(db, 'report', '--format', 'md');
    expect(md).toContain(`Theo sổ theo dõi, tỷ lệ trả kết quả là ${pct(t.registers!.closureRate!, ',')}`);
    const table = await run(db, 'report');
    expect(table).toContain(`hệ thống ghi nhận ${pct(t.system!.closureRate!, ',')}`);
    expect(table).toContain('Đơn vị bị hệ thống phản ánh sai nhiều nhất');
    const en = await run(db, '--lang', 'en', 'report');
    expect(en).toContain(`By the registers, the closure rate is ${pct(t.registers!.closureRate!, '.')}`);
    expect(en).not.toMatch(/Theo sổ|hệ thống ghi nhận/);
    const enMd = await run(db, '--lang', 'en', 'report', '--format', 'md');
    expect(enMd).toContain('Unit the system misstates most');
  });

  it('the HTML page has a pair of bars per unit, inline, and the table; in English with --lang en', async () => {
    const html = await run(db, 'report', '--format', 'html');
    const section = html.slice(
      html.indexOf('<section class="indicators">'),
      html.indexOf('</section>', html.indexOf('<section class="indicators">')),
    );
    expect(section).toContain('<svg');
    // Two bars per unit compared, one for a unit without a register (its second line says why).
    expect(section.match(/<rect [^>]*height="11"/g)!.length).toBe(
      2 * compared().length + (report.units.length - compared().length),
    );
    for (const u of report.units) expect(section).toContain(u.unit);
    expect(section).not.toMatch(/(src|href)=/);
    const en = await run(db, '--lang', 'en', 'report', '--format', 'html');
    expect(en).toContain('Closure rate as the system and as the registers show it, by unit');
    expect(en).not.toContain('Theo sổ theo dõi');
  });

  it('the xlsx sheet in English, and printed at a readable size', async () => {
    const file = path.join(dir, 'demo-en.xlsx');
    await run(db, '--lang', 'en', 'report', '--format', 'xlsx', '--out', file);
    const wb = await readWorkbook(file);
    const ws = wb.getWorksheet('System and reality')!;
    expect(ws.getRow(4).getCell(3).value).toBe('Received');
    expect(ws.headerFooter.oddFooter).toContain('Page &P / &N');
    // Sorted by the gap in closure rate, largest first.
    const gaps = compared()
      .map((u) => u.indicators!.gap!.closureRatePoints!)
      .sort((a, b) => b - a);
    expect([5, 6, 7, 8, 9].map((r) => ws.getRow(r).getCell(20).value)).toEqual(gaps);
  });
});

describe('printFit: never below 8 pt on A4 landscape', () => {
  it.each([
    ['narrow columns fit one page wide', [4.5, 16, ...Array(21).fill(5.5)], true],
    [
      "a one-unit workbook's widths print at 80 % (LibreOffice fitted them below 8 pt)",
      [4.5, 14, ...Array(18).fill(6.5), 5.5, 5.5, 6],
      false,
    ],
    ['a province of millions overflows to a second page at 80 %', [4.5, 28, ...Array(21).fill(12)], false],
  ])('%s', (_why, widths, fits) => {
    const fit = printFit(widths);
    expect(fit.fitToPage).toBe(fits);
    if (!fit.fitToPage) expect(fit.scale).toBe(80);
  });
});

describe('parsePaperLink (the folded register facts of a dossier)', () => {
  it.each([
    ['no linked row', null, null],
    [
      'one row, returned',
      '1|1|2025-01-20|2025-01-25|7|2025-01-06',
      { returned: true, returnedDate: '2025-01-20', dueDate: '2025-01-25', unitId: 7, receivedDate: '2025-01-06' },
    ],
    [
      'two rows, none returned, no dates',
      '2|0|||12|',
      { returned: false, returnedDate: null, dueDate: null, unitId: 12, receivedDate: null },
    ],
    [
      '"đã trả" without a date',
      '1|1||2025-02-01|3|2025-01-20',
      { returned: true, returnedDate: null, dueDate: '2025-02-01', unitId: 3, receivedDate: '2025-01-20' },
    ],
  ])('%s', (_why, text, want) => expect(parsePaperLink(text)).toEqual(want));
});

describe('IndicatorTally: a dossier counts once', () => {
  const statusTable = buildStatusTable();
  const scope = { statusTable, filters: { unit: null, from: null, to: null }, unitId: null, asOf: '2025-04-10' };
  const sys = {
    unitId: 1,
    receivedDate: '2025-01-06',
    dueDate: '2025-01-16',
    resultDate: null,
    returnedDate: null,
    status: 'Đang xử lý',
    asOf: '2025-04-10',
  };
  const line = (): UnitSummary => ({ unit: 'U', unitCode: null }) as UnitSummary;

  it('a linked register row is counted with its dossier, not again on its own', () => {
    const t = new IndicatorTally(scope);
    t.paper({
      unitId: 1,
      receivedDate: '2025-01-06',
      dueDate: '2025-01-16',
      returnedDate: '2025-01-10',
      returnedOnPaper: 1,
      method: 'code',
    });
    t.system({ ...sys, paperLink: '1|1|2025-01-10|2025-01-16|1|2025-01-06' });
    const u = line();
    t.attach([u], {} as Report['totals'], () => 'U');
    expect(u.indicators!.registers).toEqual(view(1, 1, 1, 0, 0));
    expect(u.indicators!.system).toEqual(view(1, 0, 0, 0, 1));
  });

  it(
    'the register facts of several rows of one dossier are folded: a return on any row, the latest return and ' +
      'due dates',
    () => {
      // As the report's query folds them (MAX over the rows): one dossier, returned 20/01, due (system) 16/01 → late.
      expect(parsePaperLink('2|1|2025-01-20|2025-01-25|1|2025-01-06')).toEqual({
        returned: true,
        returnedDate: '2025-01-20',
        dueDate: '2025-01-25',
        unitId: 1,
        receivedDate: '2025-01-06',
      });
      const t = new IndicatorTally(scope);
      const row = {
        unitId: 1,
        receivedDate: '2025-01-06',
        dueDate: null,
        returnedDate: null,
        returnedOnPaper: 0,
        method: 'code' as const,
      };
      t.paper(row);
      t.paper({ ...row, dueDate: '2025-01-25', returnedDate: '2025-01-20', returnedOnPaper: 1 });
      t.system({ ...sys, paperLink: '2|1|2025-01-20|2025-01-25|1|2025-01-06' });
      const u = line();
      t.attach([u], {} as Report['totals'], () => 'U');
      expect(u.indicators!.registers).toEqual(view(1, 1, 0, 0, 0));
    },
  );

  it("without a system due date the register's is used; without an as-of, open-and-overdue is null", () => {
    const t = new IndicatorTally({ ...scope, asOf: null });
    t.paper({
      unitId: 1,
      receivedDate: '2025-01-06',
      dueDate: '2025-01-12',
      returnedDate: '2025-01-10',
      returnedOnPaper: 1,
      method: 'fuzzy',
    });
    t.system({ ...sys, dueDate: null, paperLink: '1|1|2025-01-10|2025-01-12|1|2025-01-06' });
    const u = line();
    t.attach([u], {} as Report['totals'], () => 'U');
    expect(u.indicators!.registers).toEqual(view(1, 1, 1, 0, null));
    expect(u.indicators!.system!.openOverdue).toBeNull();
  });

  it("a dossier the system gives no unit is counted in its register row's unit, in the registers' view only", () => {
    const t = new IndicatorTally(scope);
    t.paper({
      unitId: 1,
      receivedDate: '2025-01-06',
      dueDate: null,
      returnedDate: '2025-01-10',
      returnedOnPaper: 1,
      method: 'code',
    });
    t.system({ ...sys, unitId: null, paperLink: '1|1|2025-01-10||1|2025-01-06' });
    const u = line();
    t.attach([u], {} as Report['totals'], () => 'U');
    // Due from the system (16/01), returned by the register on 10/01: on time.
    expect(u.indicators).toMatchObject({ comparison: 'no_system_data', system: null, registers: view(1, 1, 1, 0, 0) });
  });
});
