/**
 * Personal data told by its content, not by the column it was typed in: a phone or ID number (a
 * run of 7 or more digits that is neither a date nor part of a dossier code), a person's name (a
 * run of capitalised words that no organisation word explains), and whether a name is an
 * organisation's (kept in reports) or a person's (masked). Pure; used by the report masking and
 * by the import, which never makes a unit of a person.
 */
import { cleanText, toneKey } from './text.js';

/** A dossier code or unit code token: upper-case letters and digits in groups joined by "." or "-", with a letter. */
const CODE_TOKEN = /^(?=[0-9A-Z.-]*[A-Z])[0-9A-Z]+(?:[.-][0-9A-Z]+)+$/;

/**
 * A run of digits with spaces, dots or hyphens inside (a phone "0912 345 678", an ID), not glued to a letter or digit.
 */
const DIGIT_RUN = /(?<![\p{L}\p{N}])\+?\d[\d .-]{5,}\d(?![\p{L}\p{N}:])/gu;

/** A date written with its separators ("2025-03-15", "15.03.2025", "15-03-2025"): not a number to mask. */
const DATE_RUN = /^(?:\d{4} ?[.-]? ?\d{1,2} ?[.-]? ?\d{1,2}|\d{1,2} ?[ .-] ?\d{1,2} ?[ .-] ?\d{2,4})$/;

/** Eight digits that are a date (yyyymmdd or ddmmyyyy). */
const DATE_DIGITS =
  /^(?:(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d{2})$/;

/** Placeholders for protected code tokens while digit runs are replaced (private-use characters). */
const HOLD = '\uE000';

/**
 * Calls `each` on every phone/ID-like digit run of `text` (7+ digits) that is not a date and not
 * inside a code token, and returns the text with each run replaced by what `each` returns.
 */
function replaceNumbers(text: string, each: (run: string, digits: string) => string): string {
  if (!/\d{2}/.test(text)) return text;
  const held: string[] = [];
  const parts = text.split(/(\s+)/).map((t) => {
    if (!CODE_TOKEN.test(t)) return t;
    held.push(t);
    return `${HOLD}${String.fromCharCode(0xe100 + held.length - 1)}`;
  });
  const masked = parts.join('').replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/\D/g, '');
    if (digits.length < 7 || (digits.length <= 8 && DATE_RUN.test(run.trim())) || DATE_DIGITS.test(digits)) return run;
    return each(run, digits);
  });
  return held.length === 0
    ? masked
    : masked.replace(/\uE000([\uE100-\uEFFF])/g, (_m, c: string) => held[c.charCodeAt(0) - 0xe100]!);
}

/** True when `text` holds a phone or ID number (7+ digits in a run, not a date, not a code). */
export function hasPersonalNumber(text: string): boolean {
  let found = false;
  replaceNumbers(text, (run) => {
    found = true;
    return run;
  });
  return found;
}

/** Every phone/ID-like number of `text` with all but its last 3 digits replaced by "*"; dates and codes kept. */
export function maskPersonalNumbers(text: string): string {
  return replaceNumbers(text, (_run, digits) => '*'.repeat(digits.length - 3) + digits.slice(-3));
}

/**
 * Words that start an organisation's name whatever follows (tone keys, lower case): a person's
 * name never begins with them.
 */
const ORGANISATION_STARTS = [
  'công ty',
  'cty',
  'tổng công ty',
  'doanh nghiệp',
  'dntn',
  'hợp tác xã',
  'htx',
  'chi nhánh',
  'ngân hàng',
  'ủy ban',
  'ubnd',
  'văn phòng',
  'hộ kinh doanh',
  'liên hiệp',
  'tập đoàn',
  'quỹ tín dụng',
].map((w) => w.split(' '));

/** Words anywhere in a name that make it an organisation's. */
const ORGANISATION_ANYWHERE = new Set(['tnhh', 'cổ phần', 'jsc', 'ltd', 'mtv', 'dntn', 'htx', 'ubnd']);

/**
 * Words that start an organisation's name only when the rest reads like one ("Trường THPT Trảng
 * Bàng", "Sở Tư pháp", "Phòng Tài nguyên và Môi trường"), not like a person's name ("Trường Minh
 * Tuấn" is a person: the rest is capitalised words only).
 */
const AMBIGUOUS_STARTS = [
  'trường',
  'sở',
  'phòng',
  'ban',
  'bệnh viện',
  'trung tâm',
  'chi cục',
  'cục',
  'hội',
  'viện',
  'bộ phận',
  'đội',
  'công an',
  'nhà',
  'ủy ban nhân dân',
].map((w) => w.split(' '));

/** Institution acronyms that make the rest of an ambiguous start an organisation's, even in capitals. */
const INSTITUTION_ACRONYMS = new Set([
  'thpt',
  'thcs',
  'th',
  'mn',
  'mg',
  'pt',
  'ptdtnt',
  'ptdtbt',
  'gdtx',
  'gdnn',
  'cđ',
  'đh',
  'tc',
  'ubnd',
  'hđnd',
  'tnhh',
  'cp',
  'htx',
  'mtv',
  'bhxh',
  'ttyt',
  'tt',
  'ytế',
  'ca',
  'qs',
  'nn',
  'ptnt',
  'tn',
  'mt',
  'gd',
  'đt',
  'tp',
  'tx',
  'tw',
  'vhtt',
  'lđtbxh',
  'khcn',
  'tnmt',
  'gtvt',
  'kh',
]);

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= words.length && prefix.every((w, i) => words[i] === w);
}

/** A word written with a capital first letter (or all in capitals). */
function isCapitalised(word: string): boolean {
  const first = Array.from(word)[0] ?? '';
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

/**
 * Whether a name is an organisation's (kept as it is in reports) rather than a person's (masked):
 * it starts with an organisation word (whole words: "Công ty", "HTX", "UBND"…) or holds one
 * ("TNHH", "Cổ phần"), or it starts with an ambiguous word ("Trường", "Sở", "Phòng"…) followed
 * by a rest that reads like an institution: a word in lower case, a number or an institution
 * acronym (THPT, THCS…). An ambiguous word followed by capitalised words only ("Trường Minh Tuấn",
 * "Sở Văn Hùng") is a person's name, and so is a bare ambiguous word. When in doubt: a person.
 */
export function isOrganisationName(name: string): boolean {
  const clean = cleanText(name);
  if (clean === '') return false;
  const original = clean.split(' ');
  const words = toneKey(clean)
    .replace(/[.,;:()]/g, ' ')
    .split(' ')
    .filter((w) => w !== '');
  if (ORGANISATION_STARTS.some((p) => startsWith(words, p))) return true;
  for (let i = 0; i < words.length; i++) {
    if (
      ORGANISATION_ANYWHERE.has(words[i]!) ||
      (i + 1 < words.length && ORGANISATION_ANYWHERE.has(`${words[i]} ${words[i + 1]}`))
    )
      return true;
  }
  const start = AMBIGUOUS_STARTS.filter((p) => startsWith(words, p)).sort((a, b) => b.length - a.length)[0];
  if (!start) return false;
  const rest = original.slice(start.length).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (rest.length === 0) return false;
  return rest.some(
    (w) => /\p{N}/u.test(w) || !isCapitalised(w) || INSTITUTION_ACRONYMS.has(toneKey(w).replace(/[^\p{L}]/gu, '')),
  );
}

/** A run of two or more capitalised words made of letters only: the shape of a person's name. */
const NAME_RUN = /(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*(?:[ ]+\p{Lu}[\p{L}\p{M}]*)+(?![\p{L}\p{M}])/gu;

/**
 * Masks what looks personal in a free text typed where it did not belong (a data-quality finding's
 * raw value: a name and a phone number in a date column, an ID number in "Hẹn trả"): phone and ID
 * numbers keep their last 3 digits; a run of capitalised words becomes initials unless the text
 * names an organisation. Dates, codes and lower-case words stay readable.
 */
export function maskPersonalText(text: string): string {
  const numbers = maskPersonalNumbers(text);
  if (isOrganisationName(numbers)) return numbers;
  return numbers.replace(NAME_RUN, (run) =>
    run
      .split(/ +/)
      .map((w) => `${Array.from(w)[0]!.toUpperCase()}.`)
      .join(''),
  );
}

/** Common Vietnamese family names (tone keys): the first word of a person's full name. */
const FAMILY_NAMES = new Set([
  'nguyễn',
  'trần',
  'lê',
  'phạm',
  'hoàng',
  'huỳnh',
  'phan',
  'vũ',
  'võ',
  'đặng',
  'bùi',
  'đỗ',
  'hồ',
  'ngô',
  'dương',
  'lý',
  'trương',
  'đinh',
  'đoàn',
  'lâm',
  'mai',
  'trịnh',
  'đào',
  'cao',
  'lưu',
  'tô',
  'tạ',
  'hà',
  'châu',
  'quách',
  'thái',
  'la',
  'lương',
  'kiều',
  'từ',
  'tăng',
  'chu',
  'triệu',
  'phùng',
  'thân',
  'nghiêm',
  'lục',
  'kim',
  'diệp',
  'vương',
  'mạc',
  'tôn',
  'hứa',
  'thạch',
  'lò',
  'âu',
  'khúc',
  'doãn',
  'lại',
  'lữ',
  'tống',
  'ninh',
  'hầu',
  'đàm',
  'khổng',
  'mã',
  'bế',
  'phí',
  'văn',
  'giang',
  'danh',
  'sơn',
  'đồng',
  'ông',
  'ôn',
  'lã',
  'quan',
  'trang',
  'vi',
  'hoa',
]);

/**
 * Whether a unit cell holds a person rather than a unit: a phone or ID number in it ("Nguyễn Văn
 * An 0912345678"), or a person's full name: a family name, then "Văn" or "Thị", in 3 to 5
 * capitalised words ("Trần Thị Mai"). Place names of that shape exist ("Trần Văn Thời"): such a
 * unit, when it is not in the unit list, is taken as a person (its name masked), never the reverse.
 */
export function looksLikePerson(text: string): boolean {
  if (hasPersonalNumber(text)) return true;
  const clean = cleanText(text);
  const words = clean.split(' ');
  if (words.length < 3 || words.length > 5 || !words.every((w) => /^[\p{L}\p{M}]+$/u.test(w) && isCapitalised(w)))
    return false;
  const keys = words.map((w) => toneKey(w));
  return FAMILY_NAMES.has(keys[0]!) && (keys[1] === 'văn' || keys[1] === 'thị') && !isOrganisationName(clean);
}
