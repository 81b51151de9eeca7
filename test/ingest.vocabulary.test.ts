/** The field's vocabulary: national statuses, export and register header words, title blocks, JSON records. */
import { describe, expect, it } from 'vitest';
import { classifyColumn, classifyLabel, detectHeader, matchLabel } from '../src/ingest/interpret/detect-header.js';
import { classifyRow, extractRow, splitNameAddress } from '../src/ingest/interpret/extract.js';
import { foldLabel } from '../src/ingest/interpret/header-synonyms.js';
import { fillMergedGroupHeaders } from '../src/ingest/interpret/merged-header.js';
import { JsonFormatError, JsonRecordParser } from '../src/ingest/read/read-json.js';
import { findExportDate } from '../src/ingest/interpret/title-block.js';
import { buildStatusTable, statusState } from '../src/normalize/status.js';
import type { RawRow } from '../src/types.js';

describe('national statuses, as labels and as numbers', () => {
  const table = buildStatusTable();
  it.each([
    ['1', 'open', 'Mới đăng ký'],
    ['2', 'open', 'Được tiếp nhận'],
    ['3', 'closed', 'Không được tiếp nhận'],
    ['4', 'open', 'Đang xử lý'],
    ['5', 'open', 'Yêu cầu bổ sung giấy tờ'],
    ['6', 'open', 'Yêu cầu thực hiện nghĩa vụ tài chính'],
    ['7', 'closed', 'Công dân yêu cầu rút hồ sơ'],
    ['8', 'closed', 'Dừng xử lý'],
    ['9', 'open', 'Đã xử lý xong'],
    ['10', 'closed', 'Đã trả kết quả'],
  ])('%s and its label → %s (%s)', (code, state, label) => {
    expect(statusState(code, table)).toBe(state);
    expect(statusState(label, table)).toBe(state);
    expect(statusState(label.toUpperCase(), table)).toBe(state);
  });

  it.each([
    'Yêu cầu một cửa bổ sung',
    'Yêu cầu công dân bổ sung',
    'Công dân đã gửi bổ sung',
    'Hoàn thành bổ sung',
    'Chờ bổ sung tiếp nhận',
    'HOÀN THÀNH BỔ SUNG',
    'Hoan thanh bo sung',
    'Đã trả kết quả bổ sung',
    'Hoàn thành bổ sung hồ sơ (trực tuyến)',
  ])('a supplement sub-state is open, whatever prefix it starts with: %s', (label) => {
    expect(statusState(label, table)).toBe('open');
  });

  it.each([
    ['new', 'open'],
    ['receiving', 'open'],
    ['processing', 'open'],
    ['waiting', 'open'],
    ['pausing', 'open'],
    ['correcting', 'open'],
    ['paying', 'open'],
    ['releasing', 'open'],
    ['done', 'closed'],
    ['cancelled', 'closed'],
    ['denied', 'closed'],
    ['DONE', 'closed'],
  ])('the OpenCPS word %s → %s', (label, state) => {
    expect(statusState(label, table)).toBe(state);
  });

  it('a user entry still decides a supplement label', () => {
    expect(
      statusState('Hoàn thành bổ sung', buildStatusTable([{ label: 'Hoàn thành bổ sung', state: 'closed' }])),
    ).toBe('closed');
  });

  it('an unknown label stays unknown', () => {
    expect(statusState('Đã bàn giao', table)).toBe('unknown');
    expect(statusState('11', table)).toBe('unknown');
  });
});

describe('header words of real exports and registers', () => {
  it.each([
    ['MaHoSo', 'code'],
    ['MaTTHC', 'procedureCode'],
    ['TenTTHC', 'procedure'],
    ['ChuHoSo', 'applicant'],
    ['DonViXuLy', 'unit'],
    ['NoiNopHoSo', null],
    ['NgayNopHoSo', 'submittedDate'],
    ['NgayTiepNhan', 'receivedDate'],
    ['NgayHenTra', 'dueDate'],
    ['NgayKetThucXuLy', 'resultDate'],
    ['NgayTra', 'returnedDate'],
    ['TrangThaiHoSo', 'status'],
    ['KenhThucHien', 'channel'],
    ['ngayTiepNhan', 'receivedDate'],
    ['MAHOSO', 'code'],
    ['Ngày nộp hồ sơ', 'submittedDate'],
    ['Ngày nhận', 'receivedDate'],
    ['Ngày tiếp nhận', 'receivedDate'],
    ['Ngày kết thúc xử lý', 'resultDate'],
    ['Ngày trả', 'returnedDate'],
    ['Ngày trả thực tế', 'returnedDate'],
    ['Đơn vị tiếp nhận', 'unit'],
    ['Chủ hồ sơ', 'applicant'],
    ['Tên chủ hồ sơ', 'applicant'],
    ['Người nộp', 'submitter'],
    ['Nội dung hồ sơ', 'procedure'],
    ['Nội dung công việc cần giải quyết', 'procedure'],
    ['Chuyển HS tới cơ quan giải quyết', 'transferDate'],
    ['Chuyển HS tới CQ giải quyết', 'transferDate'],
    ['Ngày trả KQ', 'returnedDate'],
    ['Nhận KQ từ CQ giải quyết', 'resultDate'],
    ['Mã TTHC', 'procedureCode'],
    ['Mã HS', 'code'],
    ['Ngày TN', 'receivedDate'],
    ['Người có trách nhiệm giải quyết', 'person'],
    ['Người ký hồ sơ', 'person'],
    ['Cán bộ tiếp nhận', 'person'],
    ['Chuyên viên xử lý', 'person'],
    ['Ký nhận', 'signature'],
    ['Chữ ký', 'signature'],
  ])('%j → %s', (label, field) => {
    expect(classifyLabel(label)).toBe(field);
  });

  it('folds camel-case names and abbreviations into words', () => {
    expect(foldLabel('NgayKetThucXuLy')).toBe('ngay ket thuc xu ly');
    expect(foldLabel('MaTTHC')).toBe('ma tthc');
    expect(foldLabel('Chuyển HS tới CQ giải quyết')).toBe('chuyen ho so toi co quan giai quyet');
    expect(matchLabel('Ngày trả KQ')).toEqual({ field: 'returnedDate', words: 'tra ket qua' });
  });

  it.each([
    ['Ký nhận', 'Ngày', 'returnedDate'],
    ['Ký nhận', 'Chữ ký', 'signature'],
    ['Chuyển hồ sơ đến cơ quan giải quyết', 'Ngày, tháng, năm', 'transferDate'],
    ['Chuyển hồ sơ đến cơ quan giải quyết', 'Ký nhận', 'signature'],
    ['Ngày, tháng, năm', 'Chuyển', 'transferDate'],
    ['Ngày, tháng, năm', 'Nhận kết quả', 'resultDate'],
    ['SỔ THEO DÕI HỒ SƠ\nTừ ngày 01/01/2025 Đến ngày 30/06/2025', 'Người có trách nhiệm giải quyết', 'person'],
    ['SỔ THEO DÕI HỒ SƠ\nTừ ngày 01/01/2025 Đến ngày 30/06/2025', 'Ngày', null],
  ])('%j over %j → %s', (group, sub, field) => {
    expect(classifyColumn(group, sub)).toBe(field);
  });
});

const row = (rowNumber: number, cells: Array<string | null>): RawRow => ({ rowNumber, cells });

describe('register headers', () => {
  const title = 'SỔ THEO DÕI HỒ SƠ\nBộ phận Một cửa\nTừ ngày 01/01/2025 Đến ngày 30/06/2025';

  it(
    'a title merged across the sheet (filled into every cell, as a whole-file reader gives it) is never a header ' +
      'row',
    () => {
      const rows = [
        row(1, Array(6).fill(title)),
        row(2, [
          'STT',
          'Họ tên, địa chỉ người nộp hồ sơ',
          'Nội dung công việc cần giải quyết',
          'Ngày nhận',
          'Người có trách nhiệm giải quyết',
          'Ngày trả',
        ]),
        row(3, ['1', 'Nguyễn Văn An, ấp 3', 'Khai sinh', '10/02/2025', 'Hùng', '12/02/2025']),
      ];
      const h = detectHeader(fillMergedGroupHeaders(rows))!;
      expect(h.headerRows).toEqual([2]);
      expect(h.columns).toMatchObject({
        applicant: 1,
        address: 1,
        procedure: 2,
        receivedDate: 3,
        person: 4,
        returnedDate: 5,
      });
      expect(h.splitApplicant).toBe(true);
      const r = extractRow(rows[2]!, null, h);
      expect([r.applicant, r.address, r.returnedDate]).toEqual(['Nguyễn Văn An', 'ấp 3', '2025-02-12']);
    },
  );

  it('the streamed title (one cell, the rest empty) is not spread over a header below it', () => {
    const rows = [
      row(1, [title, null, null, null]),
      row(2, ['STT', 'Mã hồ sơ', 'Người nộp', 'Ngày nhận']),
      row(3, ['1', 'X-1', 'A', '10/02/2025']),
    ];
    const filled = fillMergedGroupHeaders(rows);
    expect(filled[0]!.cells).toEqual([title, null, null, null]);
    expect(detectHeader(filled)!.headerRows).toEqual([2]);
  });

  it('a header row of sub-labels left below the header is never a dossier', () => {
    const rows = [
      row(1, ['TT', 'Mã hồ sơ', 'Tên TTHC', 'Tên cá nhân, tổ chức', 'Nhận hồ sơ', 'Trả kết quả', null]),
      row(2, ['1', '000.00.12.H53-250210-0001', 'Khai sinh', 'A', '10/02/2025', '12/02/2025', 'ký']),
    ];
    const h = detectHeader(rows)!;
    expect(classifyRow(row(2, [null, null, null, null, 'Ngày', 'Ngày, tháng, năm', 'Ký nhận']), h)).toBe('header');
    expect(classifyRow(row(2, ['(1)', '(2)', '(3)', '(4)', 'Ngày', '(6)', 'Ký nhận']), h)).toBe('header');
    expect(classifyRow(row(2, ['1', null, 'Khai sinh', 'Nguyễn Văn An', null, null, null]), h)).toBeNull();
    expect(classifyRow(rows[1]!, h)).toBeNull();
  });

  it.each([
    ['Nguyễn Văn An, ấp 3, xã Thạnh Đức', 'Nguyễn Văn An', 'ấp 3, xã Thạnh Đức'],
    ['Nguyễn Văn An\nấp 3', 'Nguyễn Văn An', 'ấp 3'],
    ['Công ty TNHH Minh Phát - 12 Lê Lợi', 'Công ty TNHH Minh Phát', '12 Lê Lợi'],
    ['Trần Thị Bích', 'Trần Thị Bích', null],
  ])('splits %j', (text, name, address) => {
    expect(splitNameAddress(text)).toEqual({ name, address });
  });
});

describe('export date in the title block', () => {
  it.each([
    [['Từ ngày 01/01/2018 đến ngày 30/06/2018 - Ngày xuất: 01/07/2018 07:00'], '2018-07-01'],
    [['DANH SÁCH HỒ SƠ', 'Từ ngày 01/01/2018 đến ngày 30/06/2018', 'Ngày xuất: 01/07/2018 07:00'], '2018-07-01'],
    [['Từ ngày 01/01/2018 đến ngày 30/06/2018. Thời điểm xuất: 02/07/2018 08:15:00'], '2018-07-02'],
    [['Kỳ báo cáo: Quý 2/2018 - Ngày in: 03/07/2018'], '2018-07-03'],
    [['Ngày xuất:', '04/07/2018 07:00'], '2018-07-04'],
    [['Từ ngày 01/01/2018 đến ngày 30/06/2018'], null],
  ])('%j → %s', (lines, date) => {
    expect(findExportDate(lines)).toBe(date);
  });
});

describe('JSON record parser', () => {
  const text =
    '\ufeff{"total": 2, "meta": {"a": [1, {"b": null}]}, "data": [{"MaHoSo": "X-1", "TrangThaiHoSo": 10, ' +
    '"Ghi\\"Chu": "a\\u00e2\\nb", "Ds": [1, 2], "Ok": true},\n {"MaHoSo": "X-2", "TrangThaiHoSo": null}], ' +
    '"after": "x"}';
  const expected = [
    [
      ['MaHoSo', 'X-1'],
      ['TrangThaiHoSo', '10'],
      ['Ghi"Chu', 'aâ\nb'],
      ['Ds', '[1, 2]'],
      ['Ok', 'true'],
    ],
    [
      ['MaHoSo', 'X-2'],
      ['TrangThaiHoSo', null],
    ],
  ];

  it('reads the same records however the text is cut into chunks', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new JsonRecordParser();
      const out = p.push(text.slice(0, cut));
      p.push(text.slice(cut), out);
      p.end();
      expect(out, `cut at ${cut}`).toEqual(expected);
    }
  });

  it.each([
    ['{"data": [{"a": 1}', /cut short/],
    ['[{"a": 1}] x', /after the end/],
    ['[{"a": 01}]', /unexpected/],
    ['{"data": 3}', /no list of records/],
    ['"text"', /list of records/],
    ['', /no JSON/],
    ['[{"a": "x\ny"}]', /control character/],
  ])('refuses %j', (bad, message) => {
    const p = new JsonRecordParser();
    expect(() => {
      p.push(bad);
      p.end();
    }).toThrow(JsonFormatError);
    const q = new JsonRecordParser();
    expect(() => {
      q.push(bad);
      q.end();
    }).toThrow(message);
  });

  it('names the line where the text goes wrong', () => {
    const p = new JsonRecordParser();
    try {
      p.push('[\n{"a": 1},\n{"a": 2}\n{"a": 3}]');
      p.end();
      expect.unreachable();
    } catch (e) {
      expect((e as JsonFormatError).line).toBe(4);
    }
  });
});

describe('more of the field', () => {
  const table = buildStatusTable();
  it.each([
    ['10 - Đã trả kết quả', 'closed'],
    ['5. Yêu cầu bổ sung', 'open'],
    ['9 - Kết quả sẵn sàng', 'open'],
    ['Đã trả kết quả (10)', 'closed'],
  ])('status %j → %s', (label, state) => {
    expect(statusState(label, table)).toBe(state);
  });

  it.each([
    ['Người nhận kết quả', 'person'],
    ['Người nhận (ký, ghi rõ họ tên)', 'person'],
    ['Phòng chuyên môn', null],
    ['Chuyển', 'transferDate'],
  ])('%j → %s', (label, field) => {
    expect(classifyLabel(label)).toBe(field);
  });
});
