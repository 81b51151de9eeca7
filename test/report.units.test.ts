/** Pure parts of the memo-ready reports: timeliness buckets, masking, file names, escaping. */
import { describe, expect, it } from 'vitest';
import { buildStatusTable } from '../src/normalize/status.js';
import { mdEscape } from '../src/report/render/md.js';
import { maskFinding, maskReport, neutralizeFormula } from '../src/report/render/privacy.js';
import { safeFileName, uniqueFileNames } from '../src/report/model/split.js';
import { computeTimeliness, timelinessBucket } from '../src/report/model/timeliness.js';
import { displayDateTime, rateBand } from '../src/i18n/index.js';
import { esc } from '../src/report/render/html/html-chart.js';

const table = buildStatusTable();

describe('timelinessBucket (calendar days; pending relative to the snapshot as-of)', () => {
  const cases: Array<[string, string | null, string | null, string | null, string | null, string, string]> = [
    // status, due, returned, result, asOf, expected, why
    ['Đã trả kết quả', '2025-03-10', '2025-03-09', null, '2025-04-01', 'resolvedEarly', 'returned the day before'],
    ['Đã trả kết quả', '2025-03-10', '2025-03-10', null, '2025-04-01', 'resolvedOnTime', 'returned on the due day'],
    ['Hoàn thành', '2025-03-10', '2025-03-11', null, '2025-04-01', 'resolvedLate', 'returned the day after'],
    [
      'Đã trả kết quả',
      '2025-03-10 17:00',
      '2025-03-10 08:00',
      null,
      '2025-04-01',
      'resolvedOnTime',
      'times do not count',
    ],
    [
      'Đã trả kết quả',
      '2025-03-10',
      null,
      '2025-03-08',
      '2025-04-01',
      'resolvedEarly',
      'result date when no return date',
    ],
    ['Đã trả kết quả', null, '2025-03-08', null, '2025-04-01', 'resolvedUndated', 'no due date'],
    ['Rút hồ sơ', '2025-03-10', null, null, '2025-04-01', 'withdrawnOrRefused', 'withdrawn (7)'],
    ['Từ chối', '2025-03-10', null, null, '2025-04-01', 'withdrawnOrRefused', 'refused (3)'],
    ['Dừng xử lý', '2025-03-10', null, null, '2025-04-01', 'withdrawnOrRefused', 'stopped (8)'],
    ['10', '2025-03-10', '2025-03-12', null, '2025-04-01', 'resolvedLate', 'national code 10'],
    ['Đang xử lý', '2025-04-01', null, null, '2025-04-01', 'pendingWithinDue', 'due on the as-of day'],
    ['Đang xử lý', '2025-03-31', null, null, '2025-04-01', 'pendingPastDue', 'due the day before as-of'],
    ['Đã có kết quả', '2025-03-31', null, '2025-03-20', '2025-04-01', 'pendingPastDue', 'result ready is still open'],
    ['Nhãn lạ', '2025-05-01', null, null, '2025-04-01', 'pendingWithinDue', 'unknown label counts as open'],
    ['Chờ bổ sung', null, null, null, '2025-04-01', 'pendingUndated', 'no due date'],
  ];
  it.each(cases)(
    '%s due %s returned %s result %s as-of %s → %s (%s)',
    (status, dueDate, returnedDate, resultDate, asOf, expected) => {
      expect(timelinessBucket({ status, dueDate, returnedDate, resultDate, asOf: asOf! }, table)).toBe(expected);
    },
  );

  it('counts per unit with the report scope and adds up', () => {
    const row = (
      unitId: number | null,
      receivedDate: string,
      status: string,
      dueDate: string | null,
      returnedDate: string | null,
    ) => ({
      codeKey: `${unitId}-${receivedDate}-${status}`,
      code: 'X',
      unitId,
      applicant: null,
      procedure: null,
      receivedDate,
      dueDate,
      resultDate: null,
      returnedDate,
      status,
      asOf: '2025-04-01',
      file: 'f',
      sheet: null,
      rowNumber: 1,
      matched: 0,
    });
    const block = computeTimeliness({
      units: [
        { id: 1, name: 'A' },
        { id: 2, name: 'B' },
      ],
      system: [
        row(1, '2025-01-05', 'Đã trả kết quả', '2025-01-10', '2025-01-09'),
        row(1, '2025-02-05', 'Đang xử lý', '2025-02-10', null),
        row(2, '2025-03-01', 'Đang xử lý', '2025-05-01', null),
        row(null, '2025-01-01', 'Đang xử lý', null, null),
        row(2, '2024-12-01', 'Đang xử lý', null, null),
      ],
      statusTable: table,
      filters: { unit: null, from: '2025-01-01', to: null },
      unitId: null,
      order: ['B', 'A', 'C'],
    });
    expect(
      block.units.map((u) => [u.unit, u.systemRecords, u.resolvedEarly, u.pendingPastDue, u.pendingWithinDue]),
    ).toEqual([
      ['B', 1, 0, 0, 1],
      ['A', 2, 1, 1, 0],
      ['C', 0, 0, 0, 0],
    ]);
    expect(block.totals.systemRecords).toBe(3);
  });
});

describe('masking', () => {
  const finding = (over: Record<string, unknown>) => ({
    id: 'x',
    category: 'data_quality' as const,
    unit: 'U',
    system: null,
    match: null,
    paper: {
      file: 'f.csv',
      sheet: null,
      row: 2,
      code: '000.00.07.H53-250110-0001',
      applicant: 'Nguyễn Thị Bảo Ngọc',
      procedure: 'Cấp phiếu',
      receivedDate: null,
      returnedDate: null,
    },
    ...over,
  });
  it.each([
    ['Số điện thoại', 'phone_malformed', '0912 345 678', '*******678'],
    ['CCCD', 'id_unreadable', '072095001234', '*********234'],
    ['Địa chỉ', 'address_missing', 'Số 12, ấp 3, xã Phước Thạnh, huyện Gò Dầu', 'xã Phước Thạnh, huyện Gò Dầu'],
    ['Người nộp', 'x', 'Trần Văn An', 'T.V.A.'],
    ['E', 'received_date_unreadable', '32/13/2025', '32/13/2025'],
    ['B', 'code_malformed', '000.00.19.H53-250217-0001', '000.00.19.H53-250217-0001'],
  ])('raw value of column %s / rule %s: %s → %s', (column, rule, raw, expected) => {
    expect(maskFinding(finding({ column, rule, rawValue: raw })).rawValue).toBe(expected);
  });
  it('names become initials, codes stay, and the original is not changed', () => {
    const f = finding({});
    const m = maskFinding(f);
    expect(m.paper!.applicant).toBe('N.T.B.N.');
    expect(m.paper!.code).toBe('000.00.07.H53-250110-0001');
    expect(f.paper.applicant).toBe('Nguyễn Thị Bảo Ngọc');
  });
  it('masks review candidates whatever their shape', () => {
    const m = maskFinding(
      finding({
        review: {
          candidates: [
            {
              code: 'C-1',
              score: 0.7,
              applicant: 'Lê Văn Sáu',
              phone: '0987654321',
              system: { applicant: 'Lê Văn Sáu' },
            },
          ],
        },
      }),
    ) as { review?: unknown };
    expect(m.review).toEqual({
      candidates: [
        { code: 'C-1', score: 0.7, applicant: 'L.V.S.', phone: '*******321', system: { applicant: 'L.V.S.' } },
      ],
    });
  });
  it('maskReport leaves the report as is with showPersonalData', () => {
    const r = { findings: [finding({})] };
    expect(maskReport(r, true)).toBe(r);
    expect(maskReport(r, false).findings[0]!.paper!.applicant).toBe('N.T.B.N.');
  });
});

describe('escaping', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['a=b', 'a=b'],
    ['000.00-1', '000.00-1'],
  ])('csv neutralizes %j → %j', (v, expected) => expect(neutralizeFormula(v)).toBe(expected));
  it.each([
    ['<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
    ['a | b', 'a \\| b'],
    ['*x* _y_ [l](u)', '\\*x\\* \\_y\\_ \\[l\\](u)'],
    ['http://x.vn', 'http:&#47;&#47;x.vn'],
    ['www.x.vn', 'www&#46;x.vn'],
    ['=cmd', '\\=cmd'],
    ['-1+2', '\\-1+2'],
    ['line\nbreak', 'line break'],
    ['Gò Dầu', 'Gò Dầu'],
  ])('markdown escapes %j → %j', (v, expected) => expect(mdEscape(v)).toBe(expected));
  it('html escapes the five characters', () =>
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'));
});

describe('file names and labels', () => {
  it.each([
    ['UBND huyện Gò Dầu', 'UBND-huyen-Go-Dau'],
    ['Sở Tư pháp', 'So-Tu-phap'],
    ['Ủy ban nhân dân xã Đức Hòa', 'Uy-ban-nhan-dan-xa-Duc-Hoa'],
    ['BPTN&TKQ / huyện: "X"', 'BPTN-TKQ-huyen-X'],
    ['../../etc/passwd', 'etc-passwd'],
    ['CON', 'CON-unit'],
    ['', 'unit'],
    ['   ', 'unit'],
    [
      'Ủy ban nhân dân xã Đức Hòa'.repeat(5),
      'Uy-ban-nhan-dan-xa-Duc-HoaUy-ban-nhan-dan-xa-Duc-HoaUy-ban-nhan-dan-xa-Duc-HoaUy',
    ],
  ])('safeFileName(%j) → %j', (name, expected) => expect(safeFileName(name)).toBe(expected));
  it('keeps names unique when units fold alike', () => {
    expect([...uniqueFileNames(['Xã Hòa', 'xã hoà', 'Xã Hoa']).values()]).toEqual(['Xa-Hoa', 'xa-hoa-2', 'Xa-Hoa-3']);
  });
  it.each([
    [null, null],
    [0.8, 'good'],
    [0.7999, 'fair'],
    [0.5, 'fair'],
    [0.4999, 'poor'],
    [0, 'poor'],
  ])('rateBand(%j) → %j', (r, band) => expect(rateBand(r)).toBe(band));
  it('shows times in Vietnam time whatever the machine zone', () =>
    expect(displayDateTime('2025-07-20T18:30:00.000Z')).toBe('21/07/2025 01:30 (UTC+7)'));
});
