import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  parseVietnameseDate,
  excelSerialToDate,
  daysBetween,
  addDays,
  monthOf,
  type DateParseOptions,
  type DateResult,
} from '../src/normalize/dates.js';

const ok = (date: string, time: string | null = null): DateResult => ({ ok: true, date, time });
const no = (reason: 'empty' | 'unparseable' | 'out-of-range' | 'invalid-calendar-date'): DateResult => ({
  ok: false,
  reason,
});
const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0) =>
  new Date(Date.UTC(y, m - 1, d, h, mi, s, ms));

/** Expectations never go through the local zone either: ISO date of a UTC day number. */
const isoOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const DAY_1990 = Date.UTC(1990, 0, 1) / 86_400_000;
const DAY_2100 = Date.UTC(2100, 11, 31) / 86_400_000;
const validDate = fc.integer({ min: DAY_1990, max: DAY_2100 }).map(isoOfDay);

describe('parseVietnameseDate: Date objects (UTC components = wall clock)', () => {
  it.each<[string, Date, DateResult]>([
    ['midnight → time null', utc(2018, 9, 12), ok('2018-09-12')],
    ['with time', utc(2018, 9, 12, 15), ok('2018-09-12', '15:00:00')],
    ['seconds', utc(2018, 9, 12, 15, 5, 30), ok('2018-09-12', '15:05:30')],
    ['last second of the day', utc(2018, 9, 12, 23, 59, 59), ok('2018-09-12', '23:59:59')],
    ['exceljs rounding 14:59:59.999', utc(2018, 9, 12, 14, 59, 59, 999), ok('2018-09-12', '15:00:00')],
    ['never rounds into the next day', utc(2018, 9, 12, 23, 59, 59, 700), ok('2018-09-12', '23:59:59')],
    ['0.3 s after midnight', utc(2018, 9, 12, 0, 0, 0, 300), ok('2018-09-12')],
    ['early morning UTC (would be previous day in Los Angeles)', utc(2018, 9, 12, 1), ok('2018-09-12', '01:00:00')],
    ['late evening UTC (would be next day in Vietnam)', utc(2018, 9, 12, 20), ok('2018-09-12', '20:00:00')],
    ['leap day', utc(2024, 2, 29), ok('2024-02-29')],
    ['Invalid Date', new Date(NaN), no('unparseable')],
    ['Excel epoch is out of range', utc(1899, 12, 30), no('out-of-range')],
    ['year 2101', utc(2101, 1, 1), no('out-of-range')],
  ])('%s', (_name, input, expected) => {
    expect(parseVietnameseDate(input)).toEqual(expected);
  });
});

describe('parseVietnameseDate: numbers', () => {
  it.each<[string, number, DateParseOptions, DateResult]>([
    ['serial', 43355, {}, ok('2018-09-12')],
    ['serial with time', 43355.625, {}, ok('2018-09-12', '15:00:00')],
    ['serial noon', 43355.5, {}, ok('2018-09-12', '12:00:00')],
    ['serial 2025-01-01', 45658, {}, ok('2025-01-01')],
    ['1904 serial', 41893, { date1904: true }, ok('2018-09-12')],
    ['1904 serial with time', 41893.75, { date1904: true }, ok('2018-09-12', '18:00:00')],
    ['1900 serial read as 1904 is 4 years later', 43355, { date1904: true }, ok('2022-09-13')],
    ['lowest serial, year out of range', 20000, {}, no('out-of-range')],
    ['lowest serial with minYear 1900', 20000, { minYear: 1900 }, ok('1954-10-03')],
    ['highest serial with maxYear 2200', 79999, { maxYear: 2200 }, ok('2119-01-10')],
    ['above the serial window', 80000, {}, no('unparseable')],
    ['row number', 5, {}, no('unparseable')],
    ['zero', 0, {}, no('unparseable')],
    ['negative', -43355, {}, no('unparseable')],
    ['NaN', Number.NaN, {}, no('unparseable')],
    ['Infinity', Number.POSITIVE_INFINITY, {}, no('unparseable')],
    ['yyyymmdd', 20180912, {}, ok('2018-09-12')],
    ['yyyyMMddHHmmss', 20180912150000, {}, ok('2018-09-12', '15:00:00')],
    ['yyyymmdd Feb 30', 20180230, {}, no('invalid-calendar-date')],
    ['yyyymmdd month 13', 20181312, {}, no('unparseable')],
    ['yyyymmdd 1985', 19850101, {}, no('out-of-range')],
    ['yyyyMMddHHmmss hour 25', 20180912250000, {}, no('unparseable')],
    ['ddmmyyyy is not read', 12092018, {}, no('unparseable')],
  ])('%s', (_name, input, opts, expected) => {
    expect(parseVietnameseDate(input, opts)).toEqual(expected);
  });
});

describe('parseVietnameseDate: strings', () => {
  it.each<[string, DateResult]>([
    ['12/09/2018', ok('2018-09-12')],
    ['12/9/2018', ok('2018-09-12')],
    ['1/2/2018', ok('2018-02-01')],
    ['12-9-2018', ok('2018-09-12')],
    ['12.09.2018', ok('2018-09-12')],
    ['12 / 09 / 2018', ok('2018-09-12')],
    ['12/9/18', ok('2018-09-12')],
    ['12/9/69', ok('2069-09-12')],
    ["'12/09/2018", ok('2018-09-12')],
    ['  12/09/2018\u00A0', ok('2018-09-12')],
    ['12/09/2018\u200B', ok('2018-09-12')],
    ['ngày 12/09/2018', ok('2018-09-12')],
    ['12/09/2018 15:00', ok('2018-09-12', '15:00:00')],
    ['12/09/2018 15:00:30', ok('2018-09-12', '15:00:30')],
    ['12/09/2018 3:05 PM', ok('2018-09-12', '15:05:00')],
    ['12/09/2018 3:05 AM', ok('2018-09-12', '03:05:00')],
    ['12/09/2018 3:05PM', ok('2018-09-12', '15:05:00')],
    ['12/09/2018 3:05 SA', ok('2018-09-12', '03:05:00')],
    ['12/09/2018 3:05 CH', ok('2018-09-12', '15:05:00')],
    ['12/09/2018 12:30 PM', ok('2018-09-12', '12:30:00')],
    ['12/09/2018 12:00 AM', ok('2018-09-12')],
    ['12/09/2018 00:00:00', ok('2018-09-12')],
    ['12/09/2018, 15:00', ok('2018-09-12', '15:00:00')],
    ['12/09/2018 lúc 15h30', ok('2018-09-12', '15:30:00')],
    ['12/09/2018 15h', ok('2018-09-12', '15:00:00')],
    ['15:00 12/09/2018', ok('2018-09-12', '15:00:00')],
    ['15:00:30 12/9/2018', ok('2018-09-12', '15:00:30')],
    ['3:05 CH 12/09/2018', ok('2018-09-12', '15:05:00')],
    ['15h30 ngày 12/09/2018', ok('2018-09-12', '15:30:00')],
    ['2018-09-12', ok('2018-09-12')],
    ['2018-9-2', ok('2018-09-02')],
    ['2018-09-12 15:00:00', ok('2018-09-12', '15:00:00')],
    ['2018-09-12 15:00', ok('2018-09-12', '15:00:00')],
    ['2018-09-12T15:00:00', ok('2018-09-12', '15:00:00')],
    ['2018-09-12T23:30:00Z', ok('2018-09-12', '23:30:00')],
    ['2018-09-12T01:00:00+07:00', ok('2018-09-12', '01:00:00')],
    ['2018-09-12T20:00:00-0800', ok('2018-09-12', '20:00:00')],
    ['2018-09-12T15:00:00.000Z', ok('2018-09-12', '15:00:00')],
    ['2018-09-12 00:00:00', ok('2018-09-12')],
    ['2018/09/12', ok('2018-09-12')],
    ['20180912', ok('2018-09-12')],
    ['20180912150000', ok('2018-09-12', '15:00:00')],
    ['ngày 12 tháng 9 năm 2018', ok('2018-09-12')],
    ['Ngày 12 tháng 09 năm 2018', ok('2018-09-12')],
    ['NGÀY 12 THÁNG 9 NĂM 2018', ok('2018-09-12')],
    ['ngay 12 thang 9 nam 2018', ok('2018-09-12')],
    ['Nga\u0300y 12 tha\u0301ng 9 na\u0306m 2018', ok('2018-09-12')],
    ['12 tháng 9, 2018', ok('2018-09-12')],
    ['12 tháng 9 năm 2018', ok('2018-09-12')],
    ['43355', ok('2018-09-12')],
    ['43355.625', ok('2018-09-12', '15:00:00')],
    ['29/02/2020', ok('2020-02-29')],
    ['31/02/2018', no('invalid-calendar-date')],
    ['29/02/2019', no('invalid-calendar-date')],
    ['31/04/2018', no('invalid-calendar-date')],
    ['2018-02-30', no('invalid-calendar-date')],
    ['ngày 30 tháng 2 năm 2018', no('invalid-calendar-date')],
    ['12/09/1985', no('out-of-range')],
    ['12/09/2101', no('out-of-range')],
    ['12/9/70', no('out-of-range')],
    ['12/13/2018', no('unparseable')],
    ['00/09/2018', no('unparseable')],
    ['32/01/2018', no('unparseable')],
    ['12/00/2018', no('unparseable')],
    ['2018-13-01', no('unparseable')],
    ['12/09/2018 25:00', no('unparseable')],
    ['12/09/2018 15:60', no('unparseable')],
    ['12/09/2018 13:00 PM', no('unparseable')],
    ['12/09/201', no('unparseable')],
    ['12/09', no('unparseable')],
    ['abc', no('unparseable')],
    ['25/STP', no('unparseable')],
    ['12/09/2018 (đã trả)', no('unparseable')],
    ['5', no('unparseable')],
    ['', no('empty')],
    ['   ', no('empty')],
    ['\u00A0\u200B', no('empty')],
    ["'", no('empty')],
  ])('%j', (input, expected) => {
    expect(parseVietnameseDate(input)).toEqual(expected);
  });

  it.each<[string, DateParseOptions, DateResult]>([
    ['12/9/70', { minYear: 1900 }, ok('1970-09-12')],
    ['12/09/2018', { minYear: 2019 }, no('out-of-range')],
    ['12/09/2018', { maxYear: 2017 }, no('out-of-range')],
    ['43355', { date1904: true }, ok('2022-09-13')],
    ['20180912', { date1904: true }, ok('2018-09-12')],
    ['12/09/2018', { date1904: true }, ok('2018-09-12')],
  ])('%j with %j', (input, opts, expected) => {
    expect(parseVietnameseDate(input, opts)).toEqual(expected);
  });
});

describe('parseVietnameseDate: other values', () => {
  it.each<[string, unknown, DateResult]>([
    ['null', null, no('empty')],
    ['undefined', undefined, no('empty')],
    ['boolean', true, no('unparseable')],
    ['object', {}, no('unparseable')],
    ['array', ['12/09/2018'], no('unparseable')],
    ['bigint', 20180912n, no('unparseable')],
    ['symbol', Symbol('x'), no('unparseable')],
  ])('%s', (_name, input, expected) => {
    expect(parseVietnameseDate(input)).toEqual(expected);
  });

  it('never throws on arbitrary input', () => {
    const valid = (r: DateResult) => typeof r.ok === 'boolean';
    fc.assert(
      fc.property(fc.anything(), (v) => valid(parseVietnameseDate(v))),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string(), (v) => valid(parseVietnameseDate(v))),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double(), fc.boolean(), (v, b) => valid(parseVietnameseDate(v, { date1904: b }))),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.date({ noInvalidDate: false }), (v) => valid(parseVietnameseDate(v))),
      { numRuns: 2000 },
    );
  });
});

describe('parseVietnameseDate: every valid date round-trips', () => {
  const formats: Array<[string, (y: number, m: number, d: number) => unknown]> = [
    ['dd/mm/yyyy', (y, m, d) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`],
    ['d/m/yyyy', (y, m, d) => `${d}/${m}/${y}`],
    ['yyyy-mm-dd', (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`],
    ['ngày D tháng M năm Y', (y, m, d) => `ngày ${d} tháng ${m} năm ${y}`],
    ['UTC Date object', (y, m, d) => utc(y, m, d)],
    ['yyyymmdd number', (y, m, d) => y * 10000 + m * 100 + d],
    ['Excel serial', (y, m, d) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569],
  ];
  it.each(formats)('%s', (_name, format) => {
    fc.assert(
      fc.property(validDate, (iso) => {
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        const r = parseVietnameseDate(format(y, m, d));
        return r.ok && r.date === iso && r.time === null;
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        process.env.TZ = tz;
        expect(parseVietnameseDate(utc(2018, 9, 12))).toEqual(ok('2018-09-12'));
        expect(parseVietnameseDate(utc(2018, 9, 12, 23, 30))).toEqual(ok('2018-09-12', '23:30:00'));
        expect(parseVietnameseDate(43355.99)).toEqual(ok('2018-09-12', '23:45:36'));
        expect(parseVietnameseDate('2018-09-12T23:30:00Z')).toEqual(ok('2018-09-12', '23:30:00'));
        expect(addDays('2018-03-10', 1)).toBe('2018-03-11');
        expect(daysBetween('2018-03-10', '2018-03-12')).toBe(2);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('excelSerialToDate', () => {
  it.each<[number, boolean, string, string | null]>([
    [1, false, '1900-01-01', null],
    [2, false, '1900-01-02', null],
    [59, false, '1900-02-28', null],
    [60, false, '1900-02-29', null],
    [61, false, '1900-03-01', null],
    [0, false, '1899-12-31', null],
    [25569, false, '1970-01-01', null],
    [36526, false, '2000-01-01', null],
    [43355, false, '2018-09-12', null],
    [43355.625, false, '2018-09-12', '15:00:00'],
    [43355.0000001, false, '2018-09-12', null],
    [43355.999999, false, '2018-09-13', null],
    [43355 + 1 / 86400, false, '2018-09-12', '00:00:01'],
    [2958465, false, '9999-12-31', null],
    [0.5, false, '1899-12-31', '12:00:00'],
    [0, true, '1904-01-01', null],
    [1, true, '1904-01-02', null],
    [59, true, '1904-02-29', null],
    [41893, true, '2018-09-12', null],
    [41893.5, true, '2018-09-12', '12:00:00'],
  ])('%d (1904: %s) → %s %s', (serial, d1904, date, time) => {
    expect(excelSerialToDate(serial, d1904)).toEqual({ date, time });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('throws on %d', (serial) => {
    expect(() => excelSerialToDate(serial)).toThrow(RangeError);
  });
});

describe('daysBetween / addDays / monthOf', () => {
  it.each<[string, string, number]>([
    ['2018-09-12', '2018-09-12', 0],
    ['2018-09-12', '2018-09-13', 1],
    ['2018-09-13', '2018-09-12', -1],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['1999-12-31', '2000-01-01', 1],
    ['1900-01-01', '2000-01-01', 36524],
    ['1970-01-01', '2018-09-12', 17786],
    ['2018-03-10', '2018-03-12', 2],
    ['2018-10-27', '2018-10-29', 2],
    ['2018-09-12 15:00:00', '2018-09-13T01:00:00', 1],
  ])('daysBetween(%s, %s) = %d', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it.each<[string, number, string]>([
    ['2018-09-12', 0, '2018-09-12'],
    ['2018-09-12', 1, '2018-09-13'],
    ['2018-12-31', 1, '2019-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2018-03-01', -1, '2018-02-28'],
    ['2018-01-31', 30, '2018-03-02'],
    ['2018-09-12', -17786, '1970-01-01'],
    ['2018-09-12', 365, '2019-09-12'],
  ])('addDays(%s, %d) = %s', (a, n, expected) => {
    expect(addDays(a, n)).toBe(expected);
  });

  it.each<[string, string]>([
    ['2018-09-12', '2018-09'],
    ['2018-01-01', '2018-01'],
    ['2018-12-31T23:59:59', '2018-12'],
  ])('monthOf(%s) = %s', (a, expected) => {
    expect(monthOf(a)).toBe(expected);
  });

  it.each(['', '12/09/2018', '2018-9-12', '2018-02-30', '2018-13-01', 'abc'])('rejects %j', (bad) => {
    expect(() => daysBetween(bad, '2018-09-12')).toThrow(RangeError);
    expect(() => addDays(bad, 1)).toThrow(RangeError);
    expect(() => monthOf(bad)).toThrow(RangeError);
  });

  it('agrees with UTC arithmetic and round-trips', () => {
    fc.assert(
      fc.property(validDate, validDate, (a, b) => {
        const n = (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
        return daysBetween(a, b) === n && addDays(a, n) === b && monthOf(a) === a.slice(0, 7);
      }),
      { numRuns: 2000 },
    );
  });
});
