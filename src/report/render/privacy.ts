/**
 * Masking of personal data in reports that leave the office (Decree 13/2023/NĐ-CP): names
 * become initials, phone and ID numbers keep their last 3 digits, addresses keep only the
 * commune-level part. Dossier codes are never masked.
 */
import { isOrganisationName, looksLikePerson, maskPersonalText } from '../../normalize/personal.js';
import { cleanText, foldText } from '../../normalize/text.js';

/**
 * "Nguyễn Văn An" → "N.V.A."; organisations keep their name (they are not personal data). What is
 * an organisation is decided on whole words and on what follows an ambiguous first word
 * ({@link isOrganisationName}): "Trường THPT Trảng Bàng" is kept, "Trường Minh Tuấn" is masked.
 */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const clean = cleanText(name);
  if (clean === '' || isOrganisationName(clean)) return clean;
  return clean
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => `${Array.from(w)[0]!.toUpperCase()}.`)
    .join('');
}

/** Every digit but the last 3 replaced by "*" in runs of 7+ digits (phones, CCCD/CMND). */
export function maskNumbers(text: string | null): string | null {
  if (text === null) return null;
  return text.replace(/\d[\d .-]{5,}\d/g, (run) => {
    const digits = run.replace(/\D/g, '');
    if (digits.length < 7) return run;
    return '*'.repeat(digits.length - 3) + digits.slice(-3);
  });
}

/** Keeps only the last parts of an address from the commune level up ("xã/phường/thị trấn …"). */
export function maskAddress(address: string | null): string | null {
  if (address === null) return null;
  const parts = cleanText(maskNumbers(address) ?? '')
    .split(/\s*[,;-]\s*/)
    .filter((p) => p !== '');
  const i = parts.findIndex((p) => /^(xã|phường|thị trấn|x\.|p\.|tt\.?)\s/iu.test(p));
  if (i >= 0) return parts.slice(i).join(', ');
  return parts.length > 2 ? parts.slice(-2).join(', ') : '***';
}

/** Makes a text value safe for a spreadsheet cell read from CSV: no leading formula character. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const NAME_HINT = /(nguoi nop|chu ho so|ho ten|ho va ten|ten ca nhan|ten to chuc|ten nguoi|applicant|holder)/;
const ADDRESS_HINT = /(dia chi|address)/;
const NUMBER_HINT = /(dien thoai|so dt|sdt|cccd|cmnd|can cuoc|phone|id number|id_number)/;

/** Rules whose raw value is a dossier code as typed. */
const CODE_RULES = new Set(['code_malformed', 'code_date_mismatch', 'duplicate_code', 'code_unit_mismatch']);
/** A dossier code's unit part ("….H53"): the value is a code, perhaps malformed, not personal data. */
const CODE_SHAPE = /\.[A-Z]\d{2}(?:\b|[-.])/;

/**
 * Masks a data-quality raw value by what its column or rule says it holds (a name, an address, a
 * phone or ID number), and otherwise by its content: whatever was typed into a date or code
 * column, a phone or ID number keeps its last 3 digits and a person's name becomes initials
 * (`maskPersonalText`); a unit cell is masked when it holds a person (`looksLikePerson`). Dates,
 * dossier codes and lower-case words, what the rules are mostly about, stay readable.
 */
function maskRawValue(
  value: string | null,
  column: string | null | undefined,
  rule: string | undefined,
): string | null {
  if (value === null) return null;
  const hint = `${foldText(column ?? '')} ${foldText((rule ?? '').replace(/_/g, ' '))}`;
  if (NAME_HINT.test(hint)) return maskName(value);
  if (ADDRESS_HINT.test(hint)) return maskAddress(value);
  if (NUMBER_HINT.test(hint)) return maskNumbers(value);
  if (rule === 'unit_unknown') return looksLikePerson(value) ? maskPersonalText(value) : value;
  if (rule !== undefined && CODE_RULES.has(rule) && CODE_SHAPE.test(value.replace(/\s+/g, '').toUpperCase()))
    return value;
  return maskPersonalText(value);
}

/** Masks the personal fields of any nested object (a matcher's `review` candidates): names, addresses, phones, IDs. */
function maskDeep(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    const k = key.toLowerCase();
    if (k === 'applicant' || k === 'name' || k === 'holder') return maskName(value);
    if (k === 'address') return maskAddress(value);
    if (k === 'phone' || k === 'idnumber') return maskNumbers(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, key));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, k)]));
  return value;
}

/**
 * A finding as it may leave the office: applicant as initials, a data-quality raw value masked by
 * its column's meaning (names, addresses, digits of phones and ID numbers), review candidates
 * masked the same way. Dossier codes, procedures, dates and files are kept as they are.
 */
export function maskFinding<
  F extends {
    paper: { applicant: string | null } | null;
    rule?: string;
    column?: string | null;
    rawValue?: string | null;
  },
>(f: F): F {
  const out = { ...f } as F & { review?: unknown };
  if (f.paper) out.paper = { ...f.paper, applicant: maskName(f.paper.applicant) };
  if (f.rawValue !== undefined) out.rawValue = maskRawValue(f.rawValue, f.column, f.rule);
  const review = (f as { review?: unknown }).review;
  if (review !== undefined) out.review = maskDeep(review);
  return out;
}

/** The report with every finding masked, unless `showPersonalData`. Counters are untouched. */
export function maskReport<R extends { findings: Array<Parameters<typeof maskFinding>[0]> }>(
  report: R,
  showPersonalData: boolean,
): R {
  if (showPersonalData) return report;
  return { ...report, findings: report.findings.map((f) => maskFinding(f)) };
}
