/**
 * Rows and dossiers that are not one-to-one: transfers between desks, supplement cycles, batch
 * rows. The code-list parser, the extra-link pass with its evidence rules (and the wrong-evidence
 * cases: a twin is no supplement, a transfer takes no one-to-one link), and the whole audit
 * through the CLI (categories follow the dossier, report@2 fields).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_CONFIG } from '../src/match/config.js';
import { findExtraLinks, type ShapeRowInfo } from '../src/match/shapes.js';
import type { MatchLink, PaperCandidate, SystemCandidate } from '../src/match/types.js';
import { splitCodeCell } from '../src/normalize/code-list.js';
import { cli, tempDir } from './helpers/cli.js';

describe('a code cell listing several codes', () => {
  it.each([
    [
      '000.00.19.H53-250107-0012, 000.00.19.H53-250107-0013',
      ['000.00.19.H53-250107-0012', '000.00.19.H53-250107-0013'],
    ],
    [
      '000.00.19.H53-250107-0012; 000.00.19.H53-250107-0013;000.00.19.H53-250107-0020',
      ['000.00.19.H53-250107-0012', '000.00.19.H53-250107-0013', '000.00.19.H53-250107-0020'],
    ],
    [
      '000.00.19.H53-250107-0012\n000.00.19.H53-250107-0013',
      ['000.00.19.H53-250107-0012', '000.00.19.H53-250107-0013'],
    ],
    ['000.00.19.H53-250107-0012 000.00.19.H53-250107-0013', ['000.00.19.H53-250107-0012', '000.00.19.H53-250107-0013']],
    [
      '000.00.19.H53-250107-0012 và 000.00.19.H53-250107-0013',
      ['000.00.19.H53-250107-0012', '000.00.19.H53-250107-0013'],
    ],
    [
      '000.00.19.H53-250107-0012 đến 0014',
      ['000.00.19.H53-250107-0012', '000.00.19.H53-250107-0013', '000.00.19.H53-250107-0014'],
    ],
    [
      '000.00.19.H53-250107-0012 den 000.00.19.H53-250107-0013',
      ['000.00.19.H53-250107-0012', '000.00.19.H53-250107-0013'],
    ],
    ['000.00.19.H53-250107-0012, 0015', ['000.00.19.H53-250107-0012', '000.00.19.H53-250107-0015']],
    ['00.19.h53 - 250107 - 0012, 00.19.H53-250107-0013', ['00.19.H53-250107-0012', '00.19.H53-250107-0013']],
  ])('%j → %j', (cell, codes) => {
    expect(splitCodeCell(cell)).toEqual(codes);
  });
  it.each([
    ['000.00.19.H53-250107-0012'],
    ['000.00.19.H53 - 250107 - 0012'],
    ['25/STP, quyển 2'],
    ['Quyển 2 - số 118'],
    ['000.00.19.H53-250107-0012, 000.00.19.H53-250107-0012'],
    ['000.00.19.H53-250107-0012 đến 0900'],
    [''],
  ])('%j is one code or none', (cell) => {
    // A range of hundreds is a typo, not a batch: only its first code is kept.
    const out = splitCodeCell(cell);
    expect(out === null || out.length === 1).toBe(true);
  });
});

// ── The extra-link pass on plain arrays ──────────────────────────────────────────────────────
const COMMUNE = 6;
const DISTRICT = 3;
const OTHER = 4;
const unitNames = new Map<number, string[]>([
  [COMMUNE, ['xa phuoc thanh']],
  [DISTRICT, ['huyen go dau']],
  [OTHER, ['thi xa trang bang']],
]);
const sys = (
  codeKey: string,
  unitId: number,
  applicant: string,
  procedure: string,
  receivedDate: string,
): SystemCandidate => ({ codeKey, unitId, applicant, procedure, receivedDate });
const row = (
  id: number,
  unitId: number,
  applicant: string,
  procedure: string,
  receivedDate: string,
  codeKey: string | null = null,
): PaperCandidate => ({ id, unitId, codeKey, applicant, procedure, receivedDate });
const link = (paperId: number, systemCodeKey: string): MatchLink => ({
  paperId,
  systemCodeKey,
  method: 'fuzzy',
  score: 0.99,
  reasons: [],
});
const info = (note: string | null, extra: Partial<ShapeRowInfo> = {}): ShapeRowInfo => ({
  note,
  agency: null,
  extraCodeKeys: [],
  returned: false,
  ...extra,
});
const run = (
  paper: PaperCandidate[],
  system: SystemCandidate[],
  links: MatchLink[],
  infos: Array<[number, ShapeRowInfo]>,
  decided: number[] = [],
) =>
  findExtraLinks({
    paper,
    system,
    links,
    decided: new Set(decided),
    info: new Map(infos),
    unitNames,
    config: DEFAULT_MATCH_CONFIG,
  });

describe('transfers between desks', () => {
  const D = sys(
    '31.19.H53-250303-0001',
    COMMUNE,
    'Nguyễn Văn Bình',
    'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    '2025-03-03',
  );
  const commune = row(1, COMMUNE, 'Nguyễn Văn Bình', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', '2025-03-03');
  const district = row(2, DISTRICT, 'NGUYEN VAN BINH', 'Cấp phép xây dựng nhà ở riêng lẻ', '2025-03-07');

  it("links the other desk's row on a transfer note, and the one-to-one link stays with the commune", () => {
    const out = run([commune, district], [D], [link(1, D.codeKey)], [[2, info('Liên thông từ UBND xã Phước Thạnh')]]);
    expect(out).toEqual([
      {
        paperId: 2,
        systemCodeKey: D.codeKey,
        shape: 'transfer',
        evidence: ['transfer-note', 'unit-named', 'name', 'procedure', 'date:+4'],
      },
    ]);
  });
  it('links on the other unit named in the resolving agency, without a note', () => {
    const out = run(
      [commune, district],
      [D],
      [link(1, D.codeKey)],
      [[2, info(null, { agency: 'UBND xã Phước Thạnh' })]],
    );
    expect(out.map((l) => [l.paperId, l.shape, l.evidence[0]])).toEqual([[2, 'transfer', 'unit-named']]);
  });
  it("links a row carrying the copied code of another unit's dossier", () => {
    const coded = { ...district, codeKey: D.codeKey };
    const out = run([commune, coded], [D], [link(1, D.codeKey)], []);
    expect(out.map((l) => [l.paperId, l.shape, l.evidence[0]])).toEqual([[2, 'transfer', 'same-code']]);
  });
  it('does not link a dossier without a received date: there is no date to tell the transfer window', () => {
    const undated = { ...D, receivedDate: null };
    const note: Array<[number, ShapeRowInfo]> = [[2, info('Liên thông từ UBND xã Phước Thạnh')]];
    expect(run([commune, district], [undated], [link(1, D.codeKey)], note)).toEqual([]);
  });
  it('does not link without evidence: no note, no unit named, no code', () => {
    expect(run([commune, district], [D], [link(1, D.codeKey)], [])).toEqual([]);
    expect(run([commune, district], [D], [link(1, D.codeKey)], [[2, info('Khách hàng hẹn lấy sau')]])).toEqual([]);
  });
  it(
    'does not link a transfer note to another applicant, ' +
      'another procedure or a dossier received too long ' +
      'before',
    () => {
      const note: Array<[number, ShapeRowInfo]> = [[2, info('Liên thông từ UBND xã Phước Thạnh')]];
      expect(run([commune, { ...district, applicant: 'Trần Thị Hoa' }], [D], [link(1, D.codeKey)], note)).toEqual([]);
      expect(run([commune, { ...district, procedure: 'Đăng ký kết hôn' }], [D], [link(1, D.codeKey)], note)).toEqual(
        [],
      );
      expect(run([commune, { ...district, receivedDate: '2025-03-20' }], [D], [link(1, D.codeKey)], note)).toEqual([]);
    },
  );
  it("never takes another unit's one-to-one link: the district's own dossier stays with its row", () => {
    const own = sys(
      '00.19.H53-250307-0001',
      DISTRICT,
      'Nguyễn Văn Bình',
      'Cấp giấy phép xây dựng nhà ở riêng lẻ',
      '2025-03-07',
    );
    const links = [link(1, D.codeKey), link(2, own.codeKey)];
    const third = row(3, DISTRICT, 'Nguyễn Văn Bình', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', '2025-03-07');
    const out = run([commune, district, third], [D, own], links, [[3, info('Liên thông từ UBND xã Phước Thạnh')]]);
    // Row 3 stands for the commune's dossier as an extra link; rows 1 and 2 keep theirs.
    expect(out.map((l) => [l.paperId, l.systemCodeKey, l.shape])).toEqual([[3, D.codeKey, 'transfer']]);
    expect(out.some((l) => l.paperId === 1 || l.paperId === 2)).toBe(false);
  });
  it('prefers the dossier of the unit the note names', () => {
    const elsewhere = sys(
      '00.20.H53-250306-0004',
      OTHER,
      'Nguyễn Văn Bình',
      'Cấp giấy phép xây dựng nhà ở riêng lẻ',
      '2025-03-06',
    );
    const out = run([district], [D, elsewhere], [], [[2, info('Liên thông từ UBND xã Phước Thạnh')]]);
    expect(out.map((l) => l.systemCodeKey)).toEqual([D.codeKey]);
  });
  it("links the receiving desk's row when the other desk's row took the dossier by its code", () => {
    const coded = { ...district, codeKey: D.codeKey };
    // The code tier's link, its unit check disagreeing (only code links and decisions cross units).
    const byCode: MatchLink = {
      ...link(2, D.codeKey),
      method: 'code',
      score: 1,
      reasons: [{ field: 'unit', agreement: 'disagree', weight: 0 }],
    };
    const out = run([commune, coded], [D], [byCode], []);
    expect(out.map((l) => [l.paperId, l.shape, l.evidence[0]])).toEqual([[1, 'transfer', 'home-unit']]);
  });
});

describe('supplement cycles', () => {
  const D = sys('00.19.H53-250303-0002', DISTRICT, 'Lê Thị Cúc', 'Đăng ký biến động chuyển nhượng', '2025-03-03');
  const first = row(1, DISTRICT, 'Lê Thị Cúc', 'Đăng ký biến động chuyển nhượng', '2025-03-03');
  const again = row(2, DISTRICT, 'LE THI CUC', 'ĐK biến động chuyển nhượng', '2025-03-12');

  it('links the re-received row to the dossier of the row returned for supplement', () => {
    const out = run(
      [first, again],
      [D],
      [link(1, D.codeKey)],
      [
        [1, info('Trả hồ sơ yêu cầu bổ sung')],
        [2, info('Nộp bổ sung')],
      ],
    );
    expect(out).toEqual([
      {
        paperId: 2,
        systemCodeKey: D.codeKey,
        shape: 'resubmission',
        evidence: ['supplement-note', 'name', 'procedure', 'date:+9'],
      },
    ]);
  });
  it('links the earlier row when the later one holds the dossier', () => {
    const out = run([first, again], [D], [link(2, D.codeKey)], [[1, info('Hướng dẫn bổ sung')]]);
    expect(out.map((l) => [l.paperId, l.shape])).toEqual([[1, 'resubmission']]);
  });
  it('does not link without a supplement note, or when the earlier row shows the result returned', () => {
    expect(run([first, again], [D], [link(1, D.codeKey)], [])).toEqual([]);
    expect(run([first, again], [D], [link(1, D.codeKey)], [[1, info('Khách hàng hẹn lấy sau')]])).toEqual([]);
    expect(
      run([first, again], [D], [link(1, D.codeKey)], [[1, info('Trả hồ sơ yêu cầu bổ sung', { returned: true })]]),
    ).toEqual([]);
    // The note on the later row alone is not a cycle.
    expect(run([first, again], [D], [link(1, D.codeKey)], [[2, info('Trả hồ sơ yêu cầu bổ sung')]])).toEqual([]);
  });
  it('never takes a twin (same applicant, another procedure, same day) for a supplement', () => {
    const twin = row(3, DISTRICT, 'Lê Thị Cúc', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', '2025-03-03');
    expect(run([first, twin], [D], [link(1, D.codeKey)], [[1, info('Trả hồ sơ yêu cầu bổ sung')]])).toEqual([]);
    // Nor another procedure days later.
    const other = row(4, DISTRICT, 'Lê Thị Cúc', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', '2025-03-12');
    expect(run([first, other], [D], [link(1, D.codeKey)], [[1, info('Trả hồ sơ yêu cầu bổ sung')]])).toEqual([]);
  });
  it('does not link a row of another unit, or one that comes back too late', () => {
    expect(
      run([first, { ...again, unitId: OTHER }], [D], [link(1, D.codeKey)], [[1, info('Trả hồ sơ yêu cầu bổ sung')]]),
    ).toEqual([]);
    expect(
      run(
        [first, { ...again, receivedDate: '2025-06-30' }],
        [D],
        [link(1, D.codeKey)],
        [[1, info('Trả hồ sơ yêu cầu bổ sung')]],
      ),
    ).toEqual([]);
  });
  it('leaves rows the auditor decided alone', () => {
    expect(run([first, again], [D], [link(1, D.codeKey)], [[1, info('Trả hồ sơ yêu cầu bổ sung')]], [2])).toEqual([]);
  });
});

describe('batch rows', () => {
  const A = sys('00.19.H53-250303-0003', DISTRICT, 'Phạm Văn Đức', 'Chứng thực bản sao', '2025-03-03');
  const B = sys('00.19.H53-250303-0004', DISTRICT, 'Phạm Văn Đức', 'Chứng thực bản sao', '2025-03-03');
  const C = sys('00.19.H53-250303-0005', DISTRICT, 'Phạm Văn Đức', 'Chứng thực bản sao', '2025-03-03');
  const batch = row(1, DISTRICT, 'Phạm Văn Đức', 'CT bản sao', '2025-03-03', A.codeKey);

  it('links every listed dossier to the row', () => {
    const out = run(
      [batch],
      [A, B, C],
      [link(1, A.codeKey)],
      [[1, info(null, { extraCodeKeys: [B.codeKey, C.codeKey] })]],
    );
    expect(out.map((l) => [l.systemCodeKey, l.shape])).toEqual([
      [B.codeKey, 'batch'],
      [C.codeKey, 'batch'],
    ]);
  });
  it('does not take a listed dossier another row holds, or one of another applicant', () => {
    const other = row(2, DISTRICT, 'Phạm Văn Đức', 'CT bản sao', '2025-03-03', B.codeKey);
    const stranger = sys('00.19.H53-250303-0005', DISTRICT, 'Võ Thị Mai', 'Chứng thực bản sao', '2025-03-03');
    const out = run(
      [batch, other],
      [A, B, stranger],
      [link(1, A.codeKey), link(2, B.codeKey)],
      [[1, info(null, { extraCodeKeys: [B.codeKey, C.codeKey] })]],
    );
    expect(out).toEqual([]);
  });
});

// ── The whole audit through the CLI ──────────────────────────────────────────────────────────
describe('the audit with transfers, supplement cycles and batch rows', () => {
  const dir = tempDir('motcua-shapes-');
  const db = path.join(dir, 'audit.sqlite');
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, `\uFEFF${text.trim().replace(/\n/g, '\r\n')}\r\n`);
    return f;
  };
  const exec = async (...args: string[]) => {
    const r = await cli(['--db', db, '--lang', 'en', ...args]);
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r;
  };
  let report: {
    schema: string;
    totals: Record<string, number>;
    units: Array<Record<string, any>>;
    findings: Array<Record<string, any>>;
  };
  const at = (unit: string, line: number) =>
    report.findings.find((f) => f.paper && f.unit === unit && f.paper.row === line && f.category !== 'data_quality');

  beforeAll(async () => {
    const units = file(
      'units.csv',
      `code,name,aliases
000.00.19.H53,UBND huyện Gò Dầu,
000.31.19.H53,UBND xã Phước Thạnh,Xã Phước Thạnh`,
    );
    const system = file(
      'xuat.csv',
      `DANH SÁCH HỒ SƠ
Ngày xuất: 05/07/2025

STT,Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Cơ quan tiếp nhận,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái
1,000.31.19.H53-250303-0001,Cấp giấy phép xây dựng nhà ở riêng lẻ,Nguyễn Văn Bình,UBND xã Phước Thạnh,03/03/2025,20/03/2025,,Đang xử lý
2,000.00.19.H53-250304-0001,Đăng ký biến động chuyển nhượng,Lê Thị Cúc,UBND huyện Gò Dầu,04/03/2025,30/03/2025,28/03/2025,Đã trả kết quả
3,000.00.19.H53-250305-0001,Chứng thực bản sao,Phạm Văn Đức,UBND huyện Gò Dầu,05/03/2025,06/03/2025,06/03/2025,Đã trả kết quả
4,000.00.19.H53-250305-0002,Chứng thực bản sao,Phạm Văn Đức,UBND huyện Gò Dầu,05/03/2025,06/03/2025,,Đang xử lý
5,000.00.19.H53-250305-0003,Chứng thực bản sao,Phạm Văn Đức,UBND huyện Gò Dầu,05/03/2025,06/03/2025,06/03/2025,Đã trả kết quả
6,000.00.19.H53-250306-0001,Đăng ký khai sinh,Trần Văn Giàu,UBND huyện Gò Dầu,06/03/2025,07/03/2025,07/03/2025,Đã trả kết quả
7,000.00.19.H53-250306-0002,Đăng ký kết hôn,Trần Văn Giàu,UBND huyện Gò Dầu,06/03/2025,07/03/2025,,Đang xử lý`,
    );
    const commune = file(
      'so-xa.csv',
      `STT,Mã hồ sơ,Tên thủ tục,Người nộp,Địa chỉ,Ngày nhận,Ngày hẹn trả,Ngày trả,Ghi chú
1,000.31.19.H53-250303-0001,Cấp giấy phép xây dựng nhà ở riêng lẻ,Nguyễn Văn Bình,Ấp 1,03/03/2025,20/03/2025,,Chuyển UBND huyện Gò Dầu`,
    );
    const district = file(
      'so-huyen.csv',
      `STT,Mã hồ sơ,Tên thủ tục,Người nộp,Địa chỉ,Ngày nhận,Ngày hẹn trả,Ngày trả,Ghi chú,Số lượng hồ sơ (bộ)
1,,Cấp phép xây dựng nhà ở riêng lẻ,NGUYEN VAN BINH,Ấp 1,07/03/2025,20/03/2025,19/03/2025,Liên thông từ UBND xã Phước Thạnh,1
2,000.00.19.H53-250304-0001,Đăng ký biến động chuyển nhượng,Lê Thị Cúc,Ấp 2,04/03/2025,30/03/2025,,Trả hồ sơ yêu cầu bổ sung,1
3,"000.00.19.H53-250305-0001, 000.00.19.H53-250305-0002; 000.00.19.H53-250305-0003",Chứng thực bản sao,Phạm Văn Đức,Ấp 3,05/03/2025,06/03/2025,06/03/2025,,3
4,,Đăng ký khai sinh,Trần Văn Giàu,Ấp 4,06/03/2025,07/03/2025,07/03/2025,,1
5,,Đăng ký kết hôn,Trần Văn Giàu,Ấp 4,06/03/2025,07/03/2025,07/03/2025,,1
6,,ĐK biến động chuyển nhượng,LE THI CUC,Ấp 2,14/03/2025,30/03/2025,28/03/2025,Nộp bổ sung,1`,
    );
    await exec('units', 'import', units);
    await exec('import', 'system', system);
    await exec('import', 'paper', commune, '--unit', 'UBND xã Phước Thạnh');
    await exec('import', 'paper', district, '--unit', 'UBND huyện Gò Dầu');
    const m = await exec('match');
    expect(m.stdout + m.stderr).toContain('transfers 1, resubmissions 1, batch dossiers 2');
    report = JSON.parse((await exec('report', '--format', 'json')).stdout);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes schema 2', () => {
    expect(report.schema).toBe('motcua-audit/report@2');
  });
  it("a transfer: both desks' rows stand for the one dossier, each with its own return", () => {
    const district = at('UBND huyện Gò Dầu', 2)!;
    expect(district.category).toBe('open_in_system');
    expect(district.match).toMatchObject({
      shape: 'transfer',
      evidence: expect.arrayContaining(['transfer-note', 'unit-named']),
    });
    expect(district.system.code).toBe('000.31.19.H53-250303-0001');
    const commune = report.findings.filter((f) => f.unit === 'UBND xã Phước Thạnh' && f.paper);
    // The commune row shows no return: in progress, so no finding; the district row names it as related.
    expect(commune).toEqual([]);
    expect(district.match.related).toHaveLength(1);
    expect(report.findings.some((f) => f.category === 'system_only')).toBe(false);
  });
  it("a supplement cycle: the superseded row takes the category of the cycle's last row, never not_in_system", () => {
    // Both rows: returned on the last row, closed in the system → closed, no finding for either.
    for (const line of [3, 7]) expect(at('UBND huyện Gò Dầu', line)).toBeUndefined();
    const u = report.units.find((x) => x.unit === 'UBND huyện Gò Dầu')!;
    expect(u.notInSystem).toBe(0);
  });
  it('a batch row: closed only when all its dossiers are; none of them system-only', () => {
    const batch = at('UBND huyện Gò Dầu', 4)!;
    expect(batch.category).toBe('open_in_system');
    expect(batch.match.shape).toBe('batch');
    // The dossier still open (0002) comes first: the one the unit must close; then the others, in the listed order.
    expect(batch.system).toMatchObject({ code: '000.00.19.H53-250305-0002', status: 'Đang xử lý' });
    expect(batch.systemAlso.map((s: { code: string }) => s.code)).toEqual([
      '000.00.19.H53-250305-0001',
      '000.00.19.H53-250305-0003',
    ]);
  });
  it('a twin (same applicant, two procedures, same day) stays two one-to-one dossiers', () => {
    // Row 5 (khai sinh) is closed; row 6 (kết hôn, returned on paper, open in the system) is open_in_system,
    // one-to-one.
    expect(at('UBND huyện Gò Dầu', 5)).toBeUndefined();
    expect(at('UBND huyện Gò Dầu', 6)).toMatchObject({
      category: 'open_in_system',
      match: { shape: 'one', related: [] },
    });
  });
  it('counts rows and dossiers apart; a dossier is never-closed once in the totals', () => {
    const u = report.units.find((x) => x.unit === 'UBND huyện Gò Dầu')!;
    // 6 rows: a transfer (1 dossier), a supplement cycle (2 rows, 1 dossier), a batch row (3 dossiers), twins (2).
    expect(u.paperRecords).toBe(6);
    expect(u.paperDossiers).toBe(7);
    expect(u.neverClosedElectronically).toBe(3);
    // transfer dossier, one open dossier of the batch, the twin's open dossier
    expect(report.totals.neverClosedDossiers).toBe(3);
    expect(report.totals.paperDossiers).toBe(8);
  });
  it('ties out: a row linked only as a second row of its dossier or as a batch row is matched, not unmatched', () => {
    const prov = (
      report as unknown as {
        provenance: { tieOut: { units: Array<Record<string, any>>; totals: Record<string, number> } };
      }
    ).provenance;
    const d = prov.tieOut.units.find((x) => x.unit === 'UBND huyện Gò Dầu')!;
    // 6 rows: the transfer row (named unit, scored), the re-received row (scored), the batch row (its listed codes)
    // and the others by code or score; none unmatched, as no row of the district is not_in_system.
    expect(d.paperRecords).toBe(6);
    expect(d.unmatchedPaper).toBe(0);
    expect(d.matchedByCode + d.matchedByFuzzy + d.matchedManually).toBe(6);
    // The tie-out's unmatched rows are the report's not_in_system rows, for every unit and in total.
    for (const u of report.units)
      expect(prov.tieOut.units.find((x) => x.unit === u.unit)!.unmatchedPaper).toBe(u.notInSystem);
    expect(prov.tieOut.totals.unmatchedPaper).toBe(report.totals.notInSystem);
    // Every system dossier is linked: 7 dossiers, none unmatched.
    expect(prov.tieOut.totals.systemMatched).toBe(7);
    expect(prov.tieOut.totals.systemUnmatched).toBe(0);
  });
  it('the human reports show the shape column', async () => {
    const r = await cli(['--db', db, 'report', '--format', 'md', '--show-personal-data']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Liên thông / Bổ sung / Nhiều hồ sơ');
    expect(r.stdout).toContain('Nhiều hồ sơ (3): 000.00.19.H53-250305-0001, 000.00.19.H53-250305-0003');
    expect(r.stdout).toMatch(/\| Liên thông \|/);
  });
  it('explain tells the shape and its evidence', async () => {
    const r = await exec('explain', 'so-huyen.csv##2');
    expect(r.stdout).toMatch(/transfer/i);
    expect(r.stdout).toContain('transfer-note');
    // A batch row's further dossier is no system-only dossier: explain names the row standing for it.
    const d = await exec('explain', 's-00.19.H53-250305-0002', '--format', 'json');
    const e = JSON.parse(d.stdout);
    expect(e.category).toBeNull();
    expect(e.shape).toMatchObject({ shape: 'batch', related: ['so-huyen.csv##4'] });
  });
});
