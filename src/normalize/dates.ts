/**
 * Dates as they are written in registers and system exports: day first, always.
 *
 * Results are calendar dates ('YYYY-MM-DD') and optional wall-clock times ('HH:MM:SS'). Nothing
 * here goes through the local time zone: Date objects are read with UTC getters and every
 * calculation is pure day-number arithmetic, so a date never shifts because the machine runs at
 * UTC+7 or UTC.
 */
import { cleanText, foldText } from './text.js';

/** Outcome of {@link parseVietnameseDate}. A time of exactly 00:00:00 is reported as null. */
export type DateResult =
  | { ok: true; date: string; time: string | null }
  | { ok: false; reason: 'empty' | 'unparseable' | 'out-of-range' | 'invalid-calendar-date' };

/** Options for {@link parseVietnameseDate}. */
export interface DateParseOptions {
  /** workbook uses the 1904 date system (Mac) — affects bare serial numbers only */
  date1904?: boolean;
  /** accepted year range, default 1990..2100 */
  minYear?: number;
  /** accepted year range, default 1990..2100 */
  maxYear?: number;
}

/** Bare numbers in [SERIAL_MIN, SERIAL_MAX) are read as Excel serials (1954..2119 in the 1900 system). */
const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;
/** Day number (days since 1970-01-01) of 1899-12-30, the 1900-system epoch for serials >= 61. */
const EPOCH_1900 = -25569;
/** Day number of 1904-01-01, the 1904-system serial 0. */
const EPOCH_1904 = -24107;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link dayNumber}: 'YYYY-MM-DD'. */
function isoFromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 0 ? '-' : ''}${pad(Math.abs(y), 4)}-${pad(m)}-${pad(d)}`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** 'HH:MM:SS' from seconds in the day, null for midnight. */
function timeOfSeconds(s: number): string | null {
  if (s === 0) return null;
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Parses an ISO calendar date (a trailing time after 'T' or a space is ignored) into y, m, d. */
function splitIso(a: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(a);
  if (!m) throw new RangeError(`not an ISO date: ${JSON.stringify(a)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`not a calendar date: ${a}`);
  return [y, mo, d];
}

/**
 * Converts an Excel serial number into a calendar date and a time of day (from the fraction,
 * rounded to the second; 00:00:00 gives null; a fraction that rounds to 24:00 moves to the next day).
 *
 * 1900 system: serial 1 = 1900-01-01 and Lotus's phantom leap day is honoured: serial 60 is
 * returned as '1900-02-29' (the day Excel shows, which does not exist), serial 61 = 1900-03-01.
 * 1904 system: serial 0 = 1904-01-01.
 *
 * @param serial the serial, finite
 * @param date1904 the workbook uses the 1904 date system
 * @throws RangeError when serial is not finite
 */
export function excelSerialToDate(serial: number, date1904 = false): { date: string; time: string | null } {
  if (!Number.isFinite(serial)) throw new RangeError(`not an Excel serial: ${serial}`);
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) [days, secs] = [days + 1, secs - 86400];
  const time = timeOfSeconds(secs);
  if (date1904) return { date: isoFromDayNumber(EPOCH_1904 + days), time };
  if (days === 60) return { date: '1900-02-29', time };
  // Serials before the phantom day count from 1899-12-31, one day later than the 1899-12-30 epoch.
  return { date: isoFromDayNumber(EPOCH_1900 + days + (days < 60 ? 1 : 0)), time };
}

/**
 * Number of days from a to b (b - a), by pure arithmetic.
 *
 * @param a ISO date 'YYYY-MM-DD' (a trailing time is ignored)
 * @param b ISO date 'YYYY-MM-DD' (a trailing time is ignored)
 * @throws RangeError when either is not a valid ISO calendar date
 */
export function daysBetween(a: string, b: string): number {
  return dayNumber(...splitIso(b)) - dayNumber(...splitIso(a));
}

/**
 * Adds n days (may be negative; integer) to an ISO date.
 *
 * @param a ISO date 'YYYY-MM-DD' (a trailing time is ignored)
 * @param n number of days
 * @throws RangeError when a is not a valid ISO calendar date or n is not an integer
 */
export function addDays(a: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return isoFromDayNumber(dayNumber(...splitIso(a)) + n);
}

/**
 * The month 'YYYY-MM' of an ISO date.
 *
 * @param a ISO date 'YYYY-MM-DD' (a trailing time is ignored)
 * @throws RangeError when a is not a valid ISO calendar date
 */
export function monthOf(a: string): string {
  const [y, m] = splitIso(a);
  return `${pad(y, 4)}-${pad(m)}`;
}

type Fail = Extract<DateResult, { ok: false }>['reason'];
const fail = (reason: Fail): DateResult => ({ ok: false, reason });

type Range = { min: number; max: number };

/** Validates the parts in order: shape (unparseable), year range, then calendar validity. */
function build(y: number, mo: number, d: number, secs: number | null, range: Range): DateResult {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31) || secs === -1) return fail('unparseable');
  if (y < range.min || y > range.max) return fail('out-of-range');
  if (d > daysInMonth(y, mo)) return fail('invalid-calendar-date');
  return { ok: true, date: `${pad(y, 4)}-${pad(mo)}-${pad(d)}`, time: timeOfSeconds(secs ?? 0) };
}

/** Seconds in the day from h, m, s and an optional AM/PM marker; -1 when invalid. */
function seconds(h: string | undefined, m: string | undefined, s: string | undefined, ampm?: string): number {
  let hh = Number(h ?? 0);
  const [mm, ss] = [Number(m ?? 0), Number(s ?? 0)];
  if (ampm) {
    if (hh < 1 || hh > 12) return -1;
    hh = (hh % 12) + (ampm === 'pm' || ampm === 'ch' ? 12 : 0); // SA = sáng (AM), CH = chiều (PM)
  }
  if (hh > 23 || mm > 59 || ss > 59) return -1;
  return hh * 3600 + mm * 60 + ss;
}

/** A time of day: 15:00, 15:00:30, 3:05 PM, 3:05 SA/CH, 15h30, 15h. Groups: h, m, s, am/pm. */
const TIME = String.raw`(\d{1,2})(?:[:h](\d{2})(?::(\d{2})(?:[.,]\d+)?)?|h)\s*(am|pm|sa|ch)?`;
/** Day, month, year with one of / . - as separators. Groups: d, m, y. */
const DMY = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})`;

/** Between a date and a time: spaces and/or a comma, and "lúc" (at) or "ngày" (on). */
const SEP = String.raw`(?:\s+|\s*,\s*)`;
const RE_DMY_TIME = new RegExp(`^(?:ngay\\s+)?${DMY}(?:${SEP}(?:luc\\s+)?${TIME})?$`);
const RE_TIME_DMY = new RegExp(`^${TIME}${SEP}(?:ngay\\s+)?${DMY}$`);
const RE_ISO =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(?:z|[+-]\d{2}(?::?\d{2})?)?$/;
const RE_WORDS = /^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s*(?:nam\s+)?(\d{4})$/;

const twoDigitYear = (y: string): number => (y.length === 2 ? (Number(y) <= 69 ? 2000 : 1900) + Number(y) : Number(y));

/** yyyymmdd or yyyyMMddHHmmss digits. */
function parseCompact(digits: string, range: Range): DateResult {
  const n = (i: number, w: number) => Number(digits.slice(i, i + w));
  const secs = digits.length === 14 ? seconds(digits.slice(8, 10), digits.slice(10, 12), digits.slice(12, 14)) : null;
  return build(n(0, 4), n(4, 2), n(6, 2), secs, range);
}

function parseNumber(v: number, opts: DateParseOptions, range: Range): DateResult {
  if (!Number.isFinite(v) || v < 0) return fail('unparseable');
  if (Number.isInteger(v) && (String(v).length === 8 || String(v).length === 14)) return parseCompact(String(v), range);
  const lo = opts.date1904 ? SERIAL_MIN - 1462 : SERIAL_MIN;
  if (v < lo || v >= lo + (SERIAL_MAX - SERIAL_MIN)) return fail('unparseable');
  const { date, time } = excelSerialToDate(v, opts.date1904 === true);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const r = build(y, m, d, null, range);
  return r.ok ? { ...r, time } : r;
}

function parseDateObject(v: Date, range: Range): DateResult {
  const t = v.getTime();
  if (Number.isNaN(t)) return fail('unparseable');
  // Round to the second without leaving the calendar day (exceljs may give 14:59:59.999).
  const day = Math.floor(t / 86_400_000);
  const secs = Math.min(86399, Math.round((t - day * 86_400_000) / 1000));
  const [y, m, d] = isoFromDayNumber(day).split('-').map(Number) as [number, number, number];
  return build(y, m, d, secs, range);
}

function parseString(v: string, opts: DateParseOptions, range: Range): DateResult {
  let s = cleanText(v);
  if (s.startsWith("'")) s = s.slice(1).trim();
  if (s === '') return fail('empty');
  // Lower case without tones, punctuation kept: "Ngày 12 tháng 09 năm 2018" → "ngay 12 thang 09 nam 2018".
  const t = s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  if (/^\d{8}$|^\d{14}$/.test(t)) return parseCompact(t, range);
  if (/^\d+(?:[.,]\d+)?$/.test(t)) return parseNumber(Number(t.replace(',', '.')), opts, range);
  let m = RE_DMY_TIME.exec(t);
  if (m)
    return build(twoDigitYear(m[3]!), Number(m[2]), Number(m[1]), m[4] ? seconds(m[4], m[5], m[6], m[7]) : null, range);
  m = RE_TIME_DMY.exec(t);
  if (m) return build(twoDigitYear(m[7]!), Number(m[6]), Number(m[5]), seconds(m[1], m[2], m[3], m[4]), range);
  m = RE_ISO.exec(t);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4] ? seconds(m[4], m[5], m[6]) : null, range);
  m = RE_WORDS.exec(foldText(s));
  if (m) return build(Number(m[3]), Number(m[2]), Number(m[1]), null, range);
  return fail('unparseable');
}

/**
 * Parses any date value found in a register or export cell. Day first, always: "12/09/2018" is
 * 12 September 2018, and "12/13/2018" is unparseable (never swapped: that is a data-quality
 * problem to report).
 *
 * Accepted: Date objects (read with UTC getters: exceljs puts the sheet's wall-clock time in the
 * UTC fields); numbers (Excel serials 20000..79999, or 1904-system equivalents when `date1904`;
 * integers yyyymmdd and yyyyMMddHHmmss); strings, after cleanText and a leading Excel apostrophe:
 * d/m/yyyy with / . or - and two-digit years (yy <= 69 → 20yy, else 19yy), optionally followed or
 * preceded by a time (15:00, 15:00:30, 3:05 PM, 3:05 SA/CH, 15h30), ISO yyyy-mm-dd (also with / or
 * .) with an optional time and Z/offset (the written wall-clock date is kept, never shifted),
 * yyyymmdd, yyyyMMddHHmmss, "ngày 12 tháng 9 năm 2018" with or without tones, "12 tháng 9, 2018",
 * and numeric strings read as serials.
 *
 * Never throws. Failure reasons: 'empty' (null, undefined, blank), 'unparseable', 'out-of-range'
 * (year outside minYear..maxYear, default 1990..2100) and 'invalid-calendar-date' (31/02/2018).
 *
 * @param value the cell value
 * @param opts date system and accepted year range
 */
export function parseVietnameseDate(value: unknown, opts: DateParseOptions = {}): DateResult {
  const range: Range = { min: opts.minYear ?? 1990, max: opts.maxYear ?? 2100 };
  try {
    if (value === null || value === undefined) return fail('empty');
    if (value instanceof Date) return parseDateObject(value, range);
    if (typeof value === 'number') return parseNumber(value, opts, range);
    if (typeof value === 'string') return parseString(value, opts, range);
    return fail('unparseable');
  } catch {
    return fail('unparseable');
  }
}
