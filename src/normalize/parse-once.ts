/**
 * Parsing helpers of the import's hot loop, with the results of the plain parsers: the last code
 * and date parsed are remembered (classifyRow then extractRow look at the same cells), days are
 * parsed once each, and "dd/mm/yyyy[ hh:mm:ss]" texts and plain codes are recognised character
 * by character.
 */
import { parseCode, type ParsedCode } from './codes.js';
import { parseVietnameseDate, type DateResult } from './dates.js';

// classifyRow and extractRow look at the same code and received date of a row, one after the
// other: the last parse of each is remembered (pure functions of the value).
let lastCodeIn: unknown;
let lastCodeOut: ParsedCode | null = null;
/** `parseCode(v)`, the last answer remembered. */
export function parseCodeOnce(v: unknown): ParsedCode | null {
  if (typeof v === 'string' && v === lastCodeIn) return lastCodeOut;
  lastCodeOut = parseCode(v);
  lastCodeIn = v;
  return lastCodeOut;
}
let lastDateIn: unknown;
let lastDate1904 = false;
let lastDateOut: DateResult | null = null;
function digitAt(s: string, i: number, max = 57): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= max;
}
/**
 * True for "dd/mm/yyyy", and the system exports' "dd/mm/yyyy hh:mm:ss" whose date is that of its
 * day part: /^\d{2}\/\d{2}\/\d{4}$/ or /^\d{2}\/\d{2}\/\d{4} (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/,
 * checked character by character.
 */
export function isDayText(v: string): boolean {
  const n = v.length;
  if (n !== 10 && n !== 19) return false;
  if (
    !(
      digitAt(v, 0) &&
      digitAt(v, 1) &&
      v.charCodeAt(2) === 47 &&
      digitAt(v, 3) &&
      digitAt(v, 4) &&
      v.charCodeAt(5) === 47
    )
  )
    return false;
  if (!(digitAt(v, 6) && digitAt(v, 7) && digitAt(v, 8) && digitAt(v, 9))) return false;
  if (n === 10) return true;
  const h = v.charCodeAt(11);
  const hourOk = h === 48 || h === 49 ? digitAt(v, 12) : h === 50 && digitAt(v, 12, 51);
  return (
    v.charCodeAt(10) === 32 &&
    hourOk &&
    v.charCodeAt(13) === 58 &&
    digitAt(v, 14, 53) &&
    digitAt(v, 15) &&
    v.charCodeAt(16) === 58 &&
    digitAt(v, 17, 53) &&
    digitAt(v, 18)
  );
}
const dayCache = new Map<number, DateResult>();
const dateObjectCache = new Map<number, DateResult>();
const isoCache = new Map<number, string>();
/** `d.toISOString()`, remembered by time (a bounded cache; an invalid date throws as toISOString does). */
export function isoOfDate(d: Date): string {
  const t = d.getTime();
  let s = isoCache.get(t);
  if (s === undefined) {
    s = d.toISOString();
    if (isoCache.size >= 4096) isoCache.clear();
    isoCache.set(t, s);
  }
  return s;
}
/** The digits of a "dd/mm/yyyy" prefix as one number (ddmmyyyy), a cache key without a new string. */
function dayKey(v: string): number {
  const d = (i: number) => v.charCodeAt(i) - 48;
  return ((d(0) * 10 + d(1)) * 100 + d(3) * 10 + d(4)) * 10000 + d(6) * 1000 + d(7) * 100 + d(8) * 10 + d(9);
}
/** A cell's date. The time of day is not kept for "dd/mm/yyyy hh:mm:ss" (only `ok` and `date` are read here). */
export function parseDateOnce(v: unknown, date1904: boolean): DateResult {
  if (lastDateOut !== null && v === lastDateIn && date1904 === lastDate1904) return lastDateOut;
  if (v instanceof Date && !date1904 && !Number.isNaN(v.getTime())) {
    // A Date (xlsx date cells) is read from its time alone: days repeat all year long.
    const key = v.getTime();
    let r = dateObjectCache.get(key);
    if (r === undefined) {
      r = parseVietnameseDate(v, { date1904 });
      if (dateObjectCache.size >= 4096) dateObjectCache.clear();
      dateObjectCache.set(key, r);
    }
    lastDateOut = r;
  } else if (typeof v === 'string' && isDayText(v)) {
    // Day strings repeat all year long: each is parsed once (a bounded cache).
    const key = dayKey(v);
    let r = dayCache.get(key);
    if (r === undefined) {
      r = parseVietnameseDate(v.slice(0, 10));
      if (dayCache.size >= 4096) dayCache.clear();
      dayCache.set(key, r);
    }
    lastDateOut = r;
  } else {
    lastDateOut = parseVietnameseDate(v, { date1904 });
  }
  lastDateIn = v;
  lastDate1904 = date1904;
  return lastDateOut;
}

/**
 * A code already in its normalized form (clean, upper case, no space, apostrophe or odd dash):
 * normalizeCode returns it unchanged, and its key follows from its parse.
 */
export const PLAIN_CODE = /^[0-9A-Z.-]+$/;
/** codeKey(code) for a plain code, from parseCode(code): the leading `000.` group of a four-group unit dropped. */
export function plainCodeKey(code: string, parsed: ParsedCode | null): string {
  // A parsed unit code has three or four dot-separated groups; four when it starts with `000.` and has a fourth dot.
  return parsed?.unitCode.startsWith('000.') && parsed.unitCode.indexOf('.', parsed.unitCode.indexOf('.', 4) + 1) >= 0
    ? code.slice(4)
    : code;
}
