import { describe, expect, it } from 'vitest';
import { classifyColumn, classifyLabel, detectHeader } from '../src/ingest/interpret/detect-header.js';
import type { RawRow } from '../src/types.js';

describe('classifyLabel', () => {
  it.each([
    ['Mã hồ sơ', 'code'],
    ['Mã HS', 'code'],
    ['Số hồ sơ', 'code'],
    ['MÃ HỒ SƠ', 'code'],
    ['Tên TTHC', 'procedure'],
    ['Thủ tục', 'procedure'],
    ['Thủ tục hành chính', 'procedure'],
    ['Tên thủ tục', 'procedure'],
    ['Tên cá nhân, tổ chức', 'applicant'],
    ['Tên tổ chức/cá nhân', 'applicant'],
    ['Chủ hồ sơ', 'applicant'],
    // A submitter on its own; detectHeader makes it the applicant when no owner (chủ hồ sơ) column is there.
    ['Người nộp', 'submitter'],
    ['Ngày nhận', 'receivedDate'],
    ['Ngày tiếp nhận', 'receivedDate'],
    ['Nhận hồ sơ', 'receivedDate'],
    ['Hẹn trả', 'dueDate'],
    ['Ngày hẹn trả', 'dueDate'],
    ['Hạn xử lý', 'dueDate'],
    ['Hẹn trả kết quả', 'dueDate'],
    ['Ngày trả', 'returnedDate'],
    ['Ngày trả KQ', 'returnedDate'],
    ['Ngày trả kết quả', 'returnedDate'],
    ['Ngày có kết quả', 'resultDate'],
    ['Nhận kết quả từ cơ quan giải quyết', 'resultDate'],
    ['Chuyển hồ sơ đến cơ quan giải quyết', 'transferDate'],
    ['Trạng thái', 'status'],
    ['Đơn vị', 'unit'],
    ['Cơ quan tiếp nhận', 'unit'],
    ['Đơn vị tiếp nhận', 'unit'],
    ['Cơ quan chủ trì giải quyết', 'resolvingAgency'],
    ['Địa chỉ, số điện thoại', 'address'],
    ['Số lượng hồ sơ (bộ)', 'quantity'],
    ['Ghi chú', 'note'],
    ['TT', 'seq'],
    ['STT', 'seq'],
    ['Chữ ký', 'signature'],
    // Beyond the foundation's variants (issue 3) and the system exports' own wording.
    ['Số biên nhận', 'code'],
    ['Mã biên nhận', 'code'],
    ['Mã số hồ sơ', 'code'],
    ['Nội dung hồ sơ', 'procedure'],
    ['Trích yếu', 'procedure'],
    ['Trích yếu nội dung', 'procedure'],
    ['Tên thủ tục hành chính', 'procedure'],
    ['Họ tên chủ hồ sơ', 'applicant'],
    ['Họ và tên người nộp', 'applicant'],
    ['Tên người nộp hồ sơ', 'submitter'],
    ['Tổ chức, cá nhân nộp hồ sơ', 'applicant'],
    ['Người đứng tên', 'applicant'],
    ['Ngày nhận kết quả', 'resultDate'],
    ['Ngày giờ có kết quả', 'resultDate'],
    ['Ngày giờ tiếp nhận', 'receivedDate'],
    ['Thời điểm tiếp nhận', 'receivedDate'],
    ['Ngày giờ hẹn trả', 'dueDate'],
    ['Thời hạn giải quyết', 'dueDate'],
    ['Ngày giờ trả kết quả', 'returnedDate'],
    ['Ngày trả kết quả thực tế', 'returnedDate'],
    ['Ngày trả kết quả cho công dân', 'returnedDate'],
    ['Ký nhận', 'signature'],
    ['Quyển số', 'seq'],
    ['Số thứ tự', 'seq'],
    ['Số TT', 'seq'],
    ['Tình trạng', 'status'],
    ['Trạng thái hồ sơ', 'status'],
    ['Nơi tiếp nhận', 'unit'],
    ['Số điện thoại', 'phone'],
    ['Số CMND/CCCD', 'idNumber'],
    ['Nguyễn Văn An', null],
    ['Đăng ký khai sinh', null],
    ['', null],
  ])('%j → %s', (label, field) => {
    expect(classifyLabel(label)).toBe(field);
  });
});

describe('classifyColumn (group over sub-header)', () => {
  it.each([
    ['Ngày, tháng, năm', 'Nhận hồ sơ', 'receivedDate'],
    ['Ngày, tháng, năm', 'Hẹn trả kết quả', 'dueDate'],
    ['Ngày, tháng, năm', 'Nhận kết quả từ cơ quan giải quyết', 'resultDate'],
    ['Trả kết quả cho cá nhân, tổ chức', 'Ngày, tháng, năm', 'returnedDate'],
    ['Trả kết quả cho cá nhân, tổ chức', 'Chữ ký', 'signature'],
    ['Mã hồ sơ', 'Mã hồ sơ', 'code'],
    ['Mã hồ sơ', '', 'code'],
    ['', 'Ngày nhận', 'receivedDate'],
    ['Ngày, tháng, năm', 'Ngày, tháng, năm', null],
  ])('%j / %j → %s', (group, sub, field) => {
    expect(classifyColumn(group, sub)).toBe(field);
  });
});

const row = (rowNumber: number, cells: Array<string | null>): RawRow => ({ rowNumber, cells });

describe('detectHeader', () => {
  it('finds the official two-row merged header under a title block', () => {
    const group = [
      'TT',
      'Mã hồ sơ',
      'Tên TTHC',
      'Số lượng hồ sơ (bộ)',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
      'Ngày, tháng, năm',
      'Ngày, tháng, năm',
      'Ngày, tháng, năm',
      'Ngày, tháng, năm',
      'Trả kết quả cho cá nhân, tổ chức',
      'Trả kết quả cho cá nhân, tổ chức',
      'Ghi chú',
    ];
    const sub = [
      'TT',
      'Mã hồ sơ',
      'Tên TTHC',
      'Số lượng hồ sơ (bộ)',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
      'Nhận hồ sơ',
      'Hẹn trả kết quả',
      'Chuyển hồ sơ đến cơ quan giải quyết',
      'Nhận kết quả từ cơ quan giải quyết',
      'Ngày, tháng, năm',
      'Chữ ký',
      'Ghi chú',
    ];
    const rows = [
      row(1, ['ỦY BAN NHÂN DÂN TỈNH TÂY NINH']),
      row(2, ['SỞ TƯ PHÁP']),
      row(3, ['SỔ THEO DÕI HỒ SƠ']),
      row(6, group),
      row(7, sub),
      row(
        8,
        sub.map((_, i) => `(${i + 1})`),
      ),
      row(9, [
        '1',
        '000.00.07.H53-250106-0001',
        'Cấp phiếu lý lịch tư pháp',
        '1',
        'Nguyễn Văn An',
        'Gò Dầu',
        'Sở Tư pháp',
        '06/01/2025',
        '16/01/2025',
        null,
        null,
        '15/01/2025',
        'An',
        null,
      ]),
    ];
    const h = detectHeader(rows)!;
    expect(h.headerRows).toEqual([6, 7]);
    expect(h.columns).toMatchObject({
      code: 1,
      procedure: 2,
      applicant: 4,
      address: 5,
      resolvingAgency: 6,
      receivedDate: 7,
      dueDate: 8,
      transferDate: 9,
      resultDate: 10,
      returnedDate: 11,
      signature: 12,
      note: 13,
    });
    expect(h.columns.unit).toBeUndefined();
  });

  it('finds a single header row below title lines', () => {
    const rows = [
      row(1, ['DANH SÁCH HỒ SƠ']),
      row(2, ['Ngày xuất: 10/04/2025']),
      row(4, [
        'STT',
        'Mã hồ sơ',
        'Tên thủ tục',
        'Chủ hồ sơ',
        'Cơ quan tiếp nhận',
        'Ngày tiếp nhận',
        'Ngày hẹn trả',
        'Ngày có kết quả',
        'Ngày trả kết quả',
        'Trạng thái',
      ]),
      row(5, [
        '1',
        '000.00.07.H53-250106-0001',
        'Cấp phiếu lý lịch tư pháp',
        'Nguyễn Văn An',
        'Sở Tư pháp',
        '06/01/2025',
        '16/01/2025',
        null,
        null,
        'Đang xử lý',
      ]),
    ];
    const h = detectHeader(rows)!;
    expect(h.headerRows).toEqual([4]);
    expect(h.columns).toMatchObject({
      code: 1,
      procedure: 2,
      applicant: 3,
      unit: 4,
      receivedDate: 5,
      dueDate: 6,
      resultDate: 7,
      returnedDate: 8,
      status: 9,
    });
  });

  it('returns null when nothing looks like a register header', () => {
    expect(detectHeader([row(1, ['Tổng hợp quý I']), row(2, ['Tổng số', '120'])])).toBeNull();
  });

  it('does not look below row 30', () => {
    const rows = [row(31, ['Mã hồ sơ', 'Thủ tục', 'Người nộp', 'Ngày nhận'])];
    expect(detectHeader(rows)).toBeNull();
  });
});
