/**
 * Dossier codes (mã hồ sơ): `UNITCODE-YYMMDD-NNNN`, e.g. `000.00.07.H53-250115-0003`.
 * On paper they are copied by hand, so the key forgives case, spaces, odd dashes and an Excel
 * apostrophe, and treats a missing leading `000.` group as the same code.
 */
import { cleanText } from './text.js';

/** What a code says about itself, when it is well formed. */
export interface ParsedCode {
  /** The unit identifier as written (e.g. `000.00.07.H53` or `00.07.H53`). */
  unitCode: string;
  /** Receive date embedded in the code, ISO `YYYY-MM-DD`, or null when the six digits are no date. */
  date: string | null;
  seq: string;
}

/** Text that normalizeCode returns unchanged: digits, upper-case ASCII letters, dots and hyphens. */
const PLAIN_CODE = /^[0-9A-Z.-]+$/;

const CODE_RE = /^((?:\d{3}\.)?\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{6})-(\d{3,5})$/;

/**
 * The display form of a code: cleaned, upper case, no spaces, no apostrophe. Returns null when
 * nothing is left.
 */
export function normalizeCode(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  // Already normalized (the common case of system exports): every step below leaves it as is.
  if (typeof raw === 'string' && PLAIN_CODE.test(raw)) return raw;
  let s = cleanText(String(raw));
  s = s.replace(/^['‘’`]+/, '');
  s = s.replace(/\s+/g, '').toUpperCase();
  s = s.replace(/[–—_]/g, '-');
  return s.length > 0 ? s : null;
}

/**
 * The matching key of a code: the normalized code with a leading `000.` group dropped when the
 * unit part has four groups, so exports that omit it still match.
 */
export function codeKey(raw: unknown): string | null {
  const c = normalizeCode(raw);
  if (c === null) return null;
  const m = CODE_RE.exec(c);
  if (m && m[1]!.split('.').length === 4 && m[1]!.startsWith('000.')) return c.slice(4);
  return c;
}

/** Unit-code key: the identifier without a leading `000.` group, upper case. */
export function unitCodeKey(raw: string): string {
  const c = raw.replace(/\s+/g, '').toUpperCase();
  return c.split('.').length === 4 && c.startsWith('000.') ? c.slice(4) : c;
}

/** Parse a well-formed code; null when the text is not of the `UNIT-YYMMDD-NNNN` form. */
export function parseCode(raw: unknown): ParsedCode | null {
  const c = normalizeCode(raw);
  if (c === null) return null;
  const m = CODE_RE.exec(c);
  if (!m) return null;
  const digits = m[2]!;
  const two = (i: number) => (digits.charCodeAt(i) - 48) * 10 + digits.charCodeAt(i + 1) - 48;
  const yy = two(0);
  const mm = two(2);
  const dd = two(4);
  let date: string | null = null;
  if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= (mm === 2 ? ((2000 + yy) % 4 === 0 ? 29 : 28) : DAYS_IN_MONTH[mm - 1]!)) {
    date = `20${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`;
  }
  return { unitCode: m[1]!, date, seq: m[3]! };
}

/** Days of each month of a common year (February's leap day is added by parseCode). */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the text looks like a dossier code rather than a local receipt number. */
export function isWellFormedCode(raw: unknown): boolean {
  return parseCode(raw) !== null;
}
