/**
 * Units over time (the 2025 reorganisation): a units file with periods and successors, resolution
 * by the row's received date, matching across the change, and the report as received or rolled
 * into today's units. One province in miniature, end to end through the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockByLineOfSuccession, loadMatchInputs } from '../src/store/row-reads.js';
import { cli, tempDir } from './helpers/cli.js';

const dir = tempDir('motcua-units-time-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, `\uFEFF${text.trim()}\n`);
  return f;
};

/**
 * Departments merged on 1 March 2025, a district abolished on 1 July, a commune merged twice, two communes whose names
 * differ by one tone.
 */
const UNITS = `code,name,aliases,validFrom,validTo,successor
000.00.01.H53,Sở Tài nguyên và Môi trường,,,28/02/2025,000.00.10.H53
000.00.02.H53,Sở Nông nghiệp và Phát triển nông thôn,,,28/02/2025,000.00.10.H53
000.00.10.H53,Sở Nông nghiệp và Môi trường,,01/03/2025,,
000.00.03.H53,Sở Thông tin và Truyền thông,,,28/02/2025,000.00.11.H53
000.00.11.H53,Sở Khoa học và Công nghệ,,,,
000.00.20.H53,UBND huyện Gò Dầu,,,30/06/2025,000.20.30.H53
000.20.30.H53,UBND xã Gò Dầu,,01/07/2025,,
000.21.19.H53,UBND xã Hiệp Thạnh,,,31/03/2025,000.21.20.H53
000.21.20.H53,UBND xã Thạnh Đức,,,30/06/2025,000.20.31.H53
000.20.31.H53,UBND xã Thạnh Đức,,01/07/2025,,
000.21.21.H53,UBND xã Phước Thạnh,,,30/06/2025,000.20.31.H53
000.22.10.H53,UBND xã Long Thành,,,,
000.22.11.H53,UBND xã Long Thạnh,,,,`;

/** The unified system lists old dossiers under their successor; the codes keep the old prefix. */
const SYSTEM = `DANH SÁCH HỒ SƠ
Ngày xuất: 15/08/2025

STT,Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Cơ quan tiếp nhận,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái
1,000.00.01.H53-250115-0001,Cấp giấy phép môi trường,Nguyễn Văn An,Sở Nông nghiệp và Môi trường,15/01/2025,30/01/2025,20/01/2025,Đã trả kết quả
2,000.00.10.H53-250310-0001,Cấp giấy phép khai thác nước mặt,Trần Thị Bình,Sở Nông nghiệp và Môi trường,10/03/2025,30/03/2025,,Đang xử lý
3,000.00.20.H53-250610-0001,Đăng ký khai sinh,Lê Văn Cường,UBND xã Gò Dầu,10/06/2025,12/06/2025,12/06/2025,Đã trả kết quả
4,000.20.30.H53-250701-0001,Chứng thực bản sao từ bản chính,Phạm Thị Dung,UBND xã Gò Dầu,01/07/2025,03/07/2025,,Đang xử lý
5,000.21.20.H53-250512-0001,Đăng ký kết hôn,Hoàng Văn Em,UBND xã Thạnh Đức,12/05/2025,15/05/2025,15/05/2025,Đã trả kết quả
6,000.20.31.H53-250805-0001,Đăng ký khai tử,Võ Thị Hoa,UBND xã Thạnh Đức,05/08/2025,07/08/2025,07/08/2025,Đã trả kết quả
7,000.21.19.H53-250220-0001,Xác nhận thông tin cư trú,Đỗ Văn Giang,UBND xã Thạnh Đức,20/02/2025,25/02/2025,,Đang xử lý
8,000.00.03.H53-250120-0001,Cấp giấy phép bưu chính,Bùi Văn Hải,Sở Khoa học và Công nghệ,20/01/2025,30/01/2025,,Đang xử lý
9,000.22.10.H53-250402-0001,Chứng thực chữ ký,Ngô Thị Lan,UBND xa Long Thanh,02/04/2025,03/04/2025,03/04/2025,Đã trả kết quả
10,000.22.11.H53-250403-0001,Chứng thực chữ ký,Đinh Văn Minh,UBND xã Long Thạnh,03/04/2025,04/04/2025,04/04/2025,Đã trả kết quả
11,000.21.21.H53-250520-0001,Chứng thực chữ ký,Trương Văn Nam,UBND xã Thạnh Đức,20/05/2025,21/05/2025,21/05/2025,Đã trả kết quả`;

const HEADER = 'STT,Mã hồ sơ,Tên thủ tục,Người nộp,Địa chỉ,Ngày nhận,Ngày hẹn trả,Ngày trả,Ghi chú';

const run = async (...args: string[]) => {
  const r = await cli(['--db', path.join(dir, 'audit.sqlite'), '--lang', 'en', ...args]);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};
type Line = Record<string, any>;
const reportJson = async (...args: string[]) =>
  JSON.parse((await run('report', '--format', 'json', ...args)).stdout) as {
    schema: string;
    units: Line[];
    findings: Line[];
    totals: Line;
    unitView?: string;
  };
const byCode = (units: Line[]) => new Map(units.map((u) => [u.unitCode, u]));

describe('units over time, end to end', () => {
  beforeAll(async () => {
    await run('units', 'import', file('units.csv', UNITS));
    await run('import', 'system', file('system/xuat-hs.csv', SYSTEM));
    // A department's register, before the merger.
    await run(
      'import',
      'paper',
      file(
        'stnmt/so.csv',
        `${HEADER}\n1,000.00.01.H53-250115-0001,Cấp giấy phép môi trường,Nguyễn Văn An,Ấp ` +
          `1,15/01/2025,30/01/2025,20/01/2025,`,
      ),
      '--unit',
      'Sở Tài nguyên và Môi trường',
    );
    // The abolished district's register: its last row, without a code, is in the system under the commune that took
    // over, a day later.
    await run(
      'import',
      'paper',
      file(
        'go-dau/so.csv',
        [
          HEADER,
          '1,000.00.20.H53-250610-0001,Đăng ký khai sinh,Lê Văn Cường,Ấp 2,10/06/2025,12/06/2025,12/06/2025,',
          '2,,Chứng thực bản sao từ bản chính,Phạm Thị Dung,Ấp 3,30/06/2025,03/07/2025,02/07/2025,',
        ].join('\n'),
      ),
      '--unit',
      'UBND huyện Gò Dầu',
    );
    // One register across the change, for a name that two units bear one after the other.
    await run(
      'import',
      'paper',
      file(
        'thanh-duc/so.csv',
        [
          HEADER,
          '1,000.21.20.H53-250512-0001,Đăng ký kết hôn,Hoàng Văn Em,Ấp 4,12/05/2025,15/05/2025,15/05/2025,',
          '2,000.20.31.H53-250805-0001,Đăng ký khai tử,Võ Thị Hoa,Ấp 5,05/08/2025,07/08/2025,07/08/2025,',
        ].join('\n'),
      ),
      '--unit',
      'UBND xã Thạnh Đức',
    );
  });

  it('lists each unit with its period and successor', async () => {
    const list = JSON.parse((await run('units', 'list', '--format', 'json')).stdout) as Line[];
    expect(list).toHaveLength(13);
    const thanhDuc = list
      .filter((u) => u.name === 'UBND xã Thạnh Đức')
      .map((u) => [u.code, u.validFrom, u.validTo, u.successor, u.paperRows, u.systemDossiers]);
    expect(thanhDuc).toEqual([
      ['000.21.20.H53', null, '2025-06-30', '000.20.31.H53', 1, 1],
      ['000.20.31.H53', '2025-07-01', null, null, 1, 1],
    ]);
    const table = (await run('units', 'list')).stdout;
    expect(table).toContain('(01/07/2025–)');
    expect(table).toContain('(–28/02/2025)');
  });

  it('reports each unit as it was when the dossier was received (by unitCode), the period shown', async () => {
    const r = await reportJson();
    expect(r.schema).toBe('motcua-audit/report@2');
    expect(r.unitView).toBeUndefined();
    const u = byCode(r.units);
    // System rows under the successor's name went to the predecessor their code names (1, 3, 7, 8, and 11,
    // named "Thạnh Đức" in May when an older Thạnh Đức existed too), or by date to the unit of that name
    // that existed then (5, 6); Long Thanh without tones to the unit of the code (9).
    expect([...u.keys()].sort()).toEqual([
      '000.00.01.H53',
      '000.00.03.H53',
      '000.00.10.H53',
      '000.00.20.H53',
      '000.20.30.H53',
      '000.20.31.H53',
      '000.21.19.H53',
      '000.21.20.H53',
      '000.21.21.H53',
      '000.22.10.H53',
      '000.22.11.H53',
    ]);
    for (const line of r.units) expect(line.systemRecords, line.unit).toBe(1);
    expect(u.get('000.00.01.H53')).toMatchObject({
      unit: 'Sở Tài nguyên và Môi trường (–28/02/2025)',
      validFrom: null,
      validTo: '2025-02-28',
      paperRecords: 1,
      closed: 1,
    });
    expect(u.get('000.21.20.H53')).toMatchObject({
      unit: 'UBND xã Thạnh Đức (–30/06/2025)',
      paperRecords: 1,
      closed: 1,
    });
    expect(u.get('000.20.31.H53')).toMatchObject({
      unit: 'UBND xã Thạnh Đức (01/07/2025–)',
      validFrom: '2025-07-01',
      validTo: null,
      paperRecords: 1,
      closed: 1,
    });
    expect(u.get('000.22.11.H53')).toMatchObject({ unit: 'UBND xã Long Thạnh', validFrom: null, validTo: null });
    // The district's last row matched the dossier the system files under the commune that took over.
    expect(u.get('000.00.20.H53')).toMatchObject({ paperRecords: 2, closed: 1, openInSystem: 1, notInSystem: 0 });
    expect(u.get('000.20.30.H53')).toMatchObject({ paperRecords: 0, systemOnly: 0 });
    const dung = r.findings.find((f) => f.paper?.applicant === 'Phạm Thị Dung')!;
    expect(dung).toMatchObject({
      category: 'open_in_system',
      unit: 'UBND huyện Gò Dầu (–30/06/2025)',
      system: { code: '000.20.30.H53-250701-0001' },
      match: { method: 'fuzzy' },
    });
    // No unit was created: every spelling found its unit, none by merging two official ones.
    expect(r.findings.filter((f) => f.rule === 'unit_unknown' || f.rule === 'code_unit_mismatch')).toEqual([]);
  });

  it(
    'rolls every unit into the unit of today with --units ' + 'current, predecessors named, each the sum of its line',
    async () => {
      const received = await reportJson();
      const current = await reportJson('--units', 'current');
      expect(current.unitView).toBe('current');
      const u = byCode(current.units);
      expect([...u.keys()].sort()).toEqual([
        '000.00.10.H53',
        '000.00.11.H53',
        '000.20.30.H53',
        '000.20.31.H53',
        '000.22.10.H53',
        '000.22.11.H53',
      ]);
      // A chain: Hiệp Thạnh → Thạnh Đức → the new Thạnh Đức.
      expect(u.get('000.20.31.H53')!.predecessors.map((p: Line) => [p.unitCode, p.validTo])).toEqual([
        ['000.21.19.H53', '2025-03-31'],
        ['000.21.21.H53', '2025-06-30'],
        ['000.21.20.H53', '2025-06-30'],
      ]);
      expect(u.get('000.20.31.H53')!.unit).toBe(
        'UBND xã Thạnh Đức (01/07/2025–) ← UBND xã Hiệp Thạnh; UBND xã Phước Thạnh; UBND xã Thạnh Đức',
      );
      expect(u.get('000.00.10.H53')!.predecessors.map((p: Line) => p.unit)).toEqual([
        'Sở Nông nghiệp và Phát triển nông thôn',
        'Sở Tài nguyên và Môi trường',
      ]);
      expect(u.get('000.22.10.H53')!.predecessors).toEqual([]);
      const was = byCode(received.units);
      for (const line of current.units) {
        const codes = [line.unitCode, ...line.predecessors.map((p: Line) => p.unitCode)];
        for (const k of [
          'paperRecords',
          'systemRecords',
          'closed',
          'openInSystem',
          'notInSystem',
          'systemOnly',
          'neverClosedElectronically',
          'dataQuality',
        ]) {
          expect(line[k], `${line.unit} ${k}`).toBe(codes.reduce((n, c) => n + (was.get(c)?.[k] ?? 0), 0));
        }
      }
      // Every counter of the totals is the same in both views. The indicators' totals are not: they sum
      // the units with both a register and system data (issue 22), and a unit whose register and
      // dossiers were filed under different periods' units is compared only once they are rolled together.
      const counters = (t: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'indicators'));
      expect(counters(current.totals)).toEqual(counters(received.totals));
      // Finding ids do not depend on the view; the unit named is today's.
      const dung = current.findings.find((f) => f.paper?.applicant === 'Phạm Thị Dung')!;
      expect(dung.id).toBe(received.findings.find((f) => f.paper?.applicant === 'Phạm Thị Dung')!.id);
      expect(dung.unit).toBe('UBND xã Gò Dầu (01/07/2025–) ← UBND huyện Gò Dầu');
      // The terminal table fits 100 columns when piped and shortens long names with "…" (issue 23);
      // --wide prints them whole.
      const table = (await run('report', '--units', 'current')).stdout;
      expect(table).toContain('UBND xã Gò Dầu (01/07/2025–) …');
      const wide = (await run('report', '--units', 'current', '--wide')).stdout;
      expect(wide).toContain('UBND xã Gò Dầu (01/07/2025–) ← UBND huyện Gò Dầu');
    },
  );

  it("filters by a name two periods share: today's unit, or the one written with its period", async () => {
    const now = await reportJson('--unit', 'UBND xã Thạnh Đức');
    expect(now.units.map((x) => x.unitCode)).toEqual(['000.20.31.H53']);
    const then = await reportJson('--unit', 'UBND xã Thạnh Đức (–30/06/2025)');
    expect(then.units.map((x) => x.unitCode)).toEqual(['000.21.20.H53']);
    const rolled = await reportJson('--unit', 'UBND xã Hiệp Thạnh', '--units', 'current');
    expect(rolled.units.map((x) => [x.unitCode, x.systemRecords])).toEqual([['000.20.31.H53', 4]]);
  });

  it(
    'gives the matcher a unit and its line of succession as one block (one unit id: the thread share, by unit, ' +
      'keeps it whole)',
    () => {
      const db = new Database(path.join(dir, 'audit.sqlite'), { readonly: true });
      try {
        const idOf = db.prepare('SELECT id FROM units WHERE code = ?').pluck();
        const { paper, system } = loadMatchInputs(db, { provenance: false });
        blockByLineOfSuccession(db, paper, system);
        const blocks = new Set([...paper.map((p) => p.unitId), ...system.map((s) => s.unitId)]);
        const today = [
          '000.00.10.H53',
          '000.00.11.H53',
          '000.20.30.H53',
          '000.20.31.H53',
          '000.22.10.H53',
          '000.22.11.H53',
        ].map((c) => idOf.get(c));
        expect([...blocks].sort()).toEqual([...today].sort());
        // The stored rows keep the unit they had when received.
        expect(
          db
            .prepare(
              "SELECT COUNT(*) FROM paper_rows WHERE unit_id = (SELECT id FROM units WHERE code = '000.00.20.H53')",
            )
            .pluck()
            .get(),
        ).toBe(2);
      } finally {
        db.close();
      }
    },
  );

  it('refuses an unknown view with exit 2', async () => {
    const r = await cli(['--db', path.join(dir, 'audit.sqlite'), 'report', '--units', 'today']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--units: chọn một trong received, current');
  });
});

describe('units import refuses what would merge or rename units silently (exit 2, naming the rows)', () => {
  const cases: Array<[string, string, string]> = [
    [
      'one code twice',
      'code,name\n000.22.10.H53,UBND xã Long Thành\n000.22.10.H53,UBND xã Long Thạnh',
      '(row 3, column code): unit list: the code 000.22.10.H53 is on rows 2 and 3',
    ],
    [
      'one name twice in overlapping periods',
      'code,name,aliases,validFrom,validTo\n000.21.20.H53,UBND xã Thạnh Đức,,,30/06/2025\n000.20.31.H53,Ủy ban ' +
        'nhân dân xã Thạnh Đức,,30/06/2025,',
      '(row 3, column name): unit list: "Ủy ban nhân dân xã Thạnh Đức" is on rows 2 and 3 with overlapping periods',
    ],
    [
      'one name twice without periods',
      'code,name\n,UBND xã Long Thành\n,UBND XÃ LONG THÀNH',
      'is on rows 2 and 3 with overlapping periods',
    ],
    [
      'an unknown successor',
      'code,name,aliases,validFrom,validTo,successor\n000.00.20.H53,UBND huyện Gò Dầu,,,30/06/2025,000.20.99.H53',
      '(row 2, column successor): unit list: the successor 000.20.99.H53 is no unit code of the list',
    ],
    [
      'a circle of successors',
      'code,name,successor\nA.H53,UBND xã A,B.H53\nB.H53,UBND xã B,C.H53\nC.H53,UBND xã C,A.H53',
      'unit list: rows 2, 3, 4 succeed one another in a circle',
    ],
    [
      'a unit that is its own successor',
      'code,name,successor\nA.H53,UBND xã A,A.H53',
      'unit list: rows 2 succeed one another in a circle',
    ],
    [
      'a period that ends before it starts',
      'code,name,validFrom,validTo\nA.H53,UBND xã A,01/07/2025,30/06/2025',
      '(row 2, column validTo): unit list: the period ends (2025-06-30) before it starts (2025-07-01)',
    ],
    [
      'a date that is not one',
      'code,name,validFrom\nA.H53,UBND xã A,mùng một',
      '(row 2, column validFrom): unit list: "mùng một" is not a date',
    ],
  ];
  it.each(cases)('%s', async (_why, text, message) => {
    const db = path.join(dir, `refused-${_why.replace(/\W+/g, '-')}.sqlite`);
    const units = file(`refused/${_why.replace(/\W+/g, '-')}.csv`, text);
    const r = await cli(['--db', db, '--lang', 'en', 'units', 'import', units]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('    at ');
    const vi = await cli(['--db', db, 'units', 'import', units]);
    expect(vi.stderr).toContain('danh mục đơn vị');
  });

  it(
    'keeps Long Thành and Long Thạnh, Tân Hưng and Tân ' +
      'Hùng apart, and folds a spelling only to a unique ' +
      'unit',
    async () => {
      const db = path.join(dir, 'tones.sqlite');
      const go = async (...args: string[]) => {
        const r = await cli(['--db', db, '--lang', 'en', ...args]);
        expect(r.code, r.stderr).toBe(0);
        return r;
      };
      await go(
        'units',
        'import',
        file(
          'tones/units.csv',
          'code,name\n000.22.10.H53,UBND xã Long Thành\n000.22.11.H53,UBND xã Long Thạnh\n000.23.01.H53,UBND xã ' +
            'Tân Hưng\n000.23.02.H53,UBND xã Tân Hùng\n000.23.03.H53,UBND xã Phước Chỉ',
        ),
      );
      // A spelling in another case or with old tone placement finds its unit; one without tones only when it is the
      // only one.
      const reg = (name: string) =>
        file(
          `tones/${name}.csv`,
          `${HEADER}\n1,,Chứng thực chữ ký,Nguyễn Văn ${name},Ấp 1,02/04/2025,03/04/2025,03/04/2025,`,
        );
      await go('import', 'paper', reg('a'), '--unit', 'UBND XÃ LONG THẠNH');
      await go('import', 'paper', reg('b'), '--unit', 'Ủy ban nhân dân xã Tân Hùng');
      await go('import', 'paper', reg('c'), '--unit', 'ubnd xa phuoc chi');
      // Without tones it could be either: never folded to one of them. With an official list it is
      // refused, naming both (issue 18), and becomes a unit of its own only with --new-unit.
      const refused = await cli([
        '--db',
        db,
        '--lang',
        'en',
        'import',
        'paper',
        reg('d'),
        '--unit',
        'UBND xa Tan Hung',
      ]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        'no unit "UBND xa Tan Hung" in the official unit list. Did you mean: UBND xã Tân Hùng, UBND xã Tân Hưng?',
      );
      const ambiguous = await go('import', 'paper', reg('d'), '--unit', 'UBND xa Tan Hung', '--new-unit');
      expect(ambiguous.stderr).toContain('UBND xa Tan Hung');
      // Importing the list again renames and merges nothing.
      await go('units', 'import', path.join(dir, 'tones/units.csv'));
      const list = JSON.parse((await go('units', 'list', '--format', 'json')).stdout) as Line[];
      const rows = Object.fromEntries(list.map((u) => [u.name, [u.code, u.official, u.paperRows]]));
      expect(rows).toEqual({
        'UBND xã Long Thành': ['000.22.10.H53', true, 0],
        'UBND xã Long Thạnh': ['000.22.11.H53', true, 1],
        'UBND xã Tân Hưng': ['000.23.01.H53', true, 0],
        'UBND xã Tân Hùng': ['000.23.02.H53', true, 1],
        'UBND xã Phước Chỉ': ['000.23.03.H53', true, 1],
        'UBND xa Tan Hung': [null, false, 1],
      });
    },
  );
});
