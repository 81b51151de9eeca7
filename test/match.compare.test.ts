/** Table-driven cases for every field comparison of the matcher. */
import { describe, expect, it } from 'vitest';
import { compareCodes, compareDates, compareDigits, swapDayMonth } from '../src/match/compare/compare.js';
import { extractDigitIds } from '../src/normalize/digits.js';
import { compareNames, prepareName } from '../src/match/compare/names.js';
import { compareProcedures, prepareProcedure, ProcedureIdf } from '../src/match/compare/procedures.js';
import { damerauLevenshtein, jaroWinkler } from '../src/match/compare/strings.js';

describe('string distances', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['abc', 'acb', 1],
    ['hung', 'huong', 1],
    ['nguyen', 'ngyuen', 1],
    ['ca', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('damerauLevenshtein(%j, %j) = %i', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
  });
  it('stops early past max', () => expect(damerauLevenshtein('abcdef', 'uvwxyz', 1)).toBe(2));
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.813],
    ['abc', 'abc', 1],
    ['abc', 'xyz', 0],
  ])('jaroWinkler(%j, %j) ≈ %f', (a, b, v) => expect(jaroWinkler(a, b)).toBeCloseTo(v, 2));
});

describe('compareNames', () => {
  it.each([
    ['Nguyễn Văn An', 'Nguyễn Văn An', 'exact'],
    ['Nguyễn Văn An', 'NGUYỄN VĂN AN', 'exact'],
    ['Lê Thị Hoà', 'Lê Thị Hòa', 'exact'],
    ['Nguyễn Văn An', 'Nguyen Van An', 'folded-equal'],
    ['Nguyễn Văn An', 'NGUYEN VAN AN', 'folded-equal'],
    ['Trần Văn Hùng', 'Trần Văn Hưng', 'tone-differs'],
    ['Nguyễn Văn An', 'Văn An Nguyễn', 'reordered'],
    ['Nguyễn Văn An', 'Nguyễn An', 'middle-dropped'],
    ['Nguyễn Thị Ngọc Lan', 'Nguyễn Ngọc Lan', 'middle-dropped'],
    ['Nguyễn Văn An', 'Nguyễn V. An', 'middle-dropped'],
    ['Nguyễn Văn Thành', 'Nguyễn Văn Thànhh', 'typo'],
    ['Phạm Minh Tuấn', 'Phạm Minh Tuán', 'folded-equal'],
    ['Trần Ngọc Ánh', 'Trân Ngoc Anh', 'folded-equal'],
    ['Phạm Minh Tuấn', 'Pham Minh Tuna', 'typo'],
    ['Lê Thị Ngọc Hân', 'Lê Thị NgọcHân', 'typo'],
    ['Công ty TNHH Xây dựng Minh Phát', 'CTY TNHH Xây dựng Minh Phát', 'exact'],
    ['Công ty TNHH MTV Thương mại Hòa Bình', 'Cty TNHH một thành viên Thương mại Hoà Bình', 'exact'],
    ['Công ty Cổ phần Sao Mai', 'CTCP Sao Mai', 'exact'],
    ['Doanh nghiệp tư nhân Tân Phú', 'DNTN Tân Phú', 'exact'],
    ['Hợp tác xã Nông nghiệp Thạnh Đức', 'HTX Nông nghiệp Thạnh Đức', 'exact'],
    ['Công ty TNHH Xây dựng Minh Phát', 'Công ty TNHH Minh Phát', 'contained'],
    ['Ông Nguyễn Văn An', 'Nguyễn Văn An', 'exact'],
    ['Nguyễn Văn An', 'Nguyễn Văn Anh', 'differs'],
    ['Nguyễn Văn An', 'Trần Thị Bình', 'differs'],
    ['Nguyễn Văn An', 'Nguyễn Thị An', 'differs'],
    ['Nguyễn Văn An', '', 'missing'],
    [null, 'Nguyễn Văn An', 'missing'],
  ])('%j vs %j → %s', (a, b, level) => {
    expect(compareNames(a, b).agreement).toBe(level);
    expect(compareNames(b, a).agreement).toBe(level);
  });
  it('marks organisations and strips the legal form', () => {
    expect(prepareName('CÔNG TY TNHH MTV Minh Phát')).toMatchObject({ tokens: ['minh', 'phat'], organisation: true });
    expect(prepareName('Nguyễn Văn An')).toMatchObject({
      tokens: ['nguyen', 'van', 'an'],
      organisation: false,
      hasMarks: true,
    });
    expect(prepareName('NGUYEN VAN AN').hasMarks).toBe(false);
  });
});

describe('compareProcedures', () => {
  const official = [
    'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    'Cấp đổi Giấy chứng nhận quyền sử dụng đất',
    'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    'Chứng thực chữ ký trong các giấy tờ, văn bản',
    'Đăng ký khai sinh',
    'Đăng ký kết hôn',
    'Cấp Giấy chứng nhận đăng ký hộ kinh doanh',
  ].map((p) => prepareProcedure(p));
  const idf = new ProcedureIdf(official);
  const cmp = (a: string, b: string) => compareProcedures(prepareProcedure(a), prepareProcedure(b), idf);
  it.each([
    ['Đăng ký khai sinh', 'Đăng ký khai sinh', 'equal'],
    ['dang ky khai sinh', 'ĐĂNG KÝ KHAI SINH', 'equal'],
    ['Cấp GCN QSDĐ lần đầu', 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', 'equal'],
    ['ĐK khai sinh', 'Đăng ký khai sinh', 'equal'],
    ['CT bản sao', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'similar'],
    [
      'Cấp phiếu LLTP',
      'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
      'similar',
    ],
    ['Cấp GCN ĐK hộ kinh doanh', 'Cấp Giấy chứng nhận đăng ký hộ kinh doanh', 'equal'],
    ['Cấp GCN ĐKKD', 'Cấp Giấy chứng nhận đăng ký kinh doanh', 'equal'],
    ['Cấp giấy phép KTSDNDĐ', 'Cấp giấy phép khai thác, sử dụng nước dưới đất', 'equal'],
    ['ĐK khai sinh YTNN', 'Đăng ký khai sinh có yếu tố nước ngoài', 'equal'],
    ['Thẩm định ĐGTĐMT', 'Thẩm định báo cáo đánh giá tác động môi trường', 'equal'],
    ['Đăng ký khai sinh', 'Đăng ký kết hôn', 'differs'],
    ['Chứng thực bản sao', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'differs'],
    ['Cấp đổi GCN QSDĐ', 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', 'partial'],
    ['', 'Đăng ký khai sinh', 'missing'],
  ])('%j vs %j → %s', (a, b, level) => {
    expect(cmp(a, b).agreement).toBe(level);
  });
  it('ranks the right official name first for a short form', () => {
    expect(cmp('Chứng thực bản sao', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản').similarity).toBeGreaterThan(
      cmp('Chứng thực bản sao', 'Chứng thực chữ ký trong các giấy tờ, văn bản').similarity,
    );
    const short = 'Cấp GCN QSDĐ lần đầu';
    expect(cmp(short, 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu').similarity).toBeGreaterThan(
      cmp(short, 'Cấp đổi Giấy chứng nhận quyền sử dụng đất').similarity,
    );
  });
});

describe('compareDates', () => {
  it.each([
    ['2025-03-05', '2025-03-05', 3, 'same-day', 0],
    ['2025-03-05', '2025-03-06', 3, 'one-day', 1],
    ['2025-03-06', '2025-03-05', 3, 'one-day', -1],
    ['2025-03-05', '2025-03-08', 3, 'within-window', 3],
    ['2025-03-05', '2025-03-09', 3, 'far', 4],
    ['2025-03-05', '2025-05-03', 3, 'day-month-swap', 59],
    ['2025-05-03', '2025-03-05', 3, 'day-month-swap', -59],
    ['2025-03-05', '2025-05-04', 3, 'day-month-swap', 60],
    ['2025-03-13', '2025-13-03', 3, 'missing', null],
    ['2025-03-05', null, 3, 'missing', null],
    ['2025-03-05', '2025-03-06', 0, 'far', 1],
  ])('%s vs %s (±%i) → %s', (a, b, w, level, days) => {
    if (b === '2025-13-03') return expect(swapDayMonth('2025-03-13')).toBeNull();
    expect(compareDates(a, b, w)).toEqual({ agreement: level, days });
  });
  it.each([
    ['2025-03-05', '2025-05-03'],
    ['2025-12-01', '2025-01-12'],
    ['2025-03-03', null],
    ['2025-03-13', null],
    ['2025-02-10', '2025-10-02'],
    [null, null],
  ])('swapDayMonth(%s) = %s', (a, b) => expect(swapDayMonth(a)).toBe(b));
});

describe('phone and ID digits', () => {
  it.each([
    ['Ấp 3, xã Phước Thạnh, ĐT 0912.345.678', ['0912345678']],
    ['Tổ 5, 0912 345 678; CCCD 072085001234', ['072085001234', '0912345678']],
    ['+84 912-345-678', ['0912345678']],
    ['Số 12/3 đường 30/4, ngày 12/09/2025', []],
    ['', []],
    [null, []],
  ])('extractDigitIds(%j)', (text, ids) => expect(extractDigitIds(text)).toEqual(ids));
  it.each([
    [['0912345678'], ['84912345678'], 'last-digits-equal'],
    [['0912345678'], ['0912345679'], 'differs'],
    [[], ['0912345678'], 'missing'],
  ])('compareDigits(%j, %j) = %s', (a, b, level) => expect(compareDigits(a, b)).toBe(level));
});

describe('compareCodes', () => {
  it.each([
    ['00.07.H53-250305-0001', '00.07.H53-250305-0001', 'exact'],
    ['00.07.H53-250305-0007', '00.07.H53-250305-0001', 'one-slip'],
    ['00.07.H53-250350-0001', '00.07.H53-250305-0001', 'one-slip'],
    ['00.07.H53-250306-0002', '00.07.H53-250305-0001', 'two-slips'],
    ['00.19.H53-250101-0042', '00.07.H53-250305-0001', 'differs'],
    ['25/STP', '00.07.H53-250305-0001', 'missing'],
    [null, '00.07.H53-250305-0001', 'missing'],
  ])('%s vs %s → %s', (a, b, level) => expect(compareCodes(a, b)).toBe(level));
});
