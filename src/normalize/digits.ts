/** Phone and ID numbers in free text: the digit runs the matcher compares. */

/**
 * Phone and ID numbers found in free text ("Ấp 3, xã X, ĐT 0912.345.678"): digit runs of 9 to 12
 * digits once spaces, dots and dashes between digits are removed; "+84" becomes a leading 0.
 */
export function extractDigitIds(text: string | null | undefined): string[] {
  if (!text) return [];
  const joined = text.replace(/\+84[\s.-]?(?=\d)/g, '0').replace(/(\d)[\s.-](?=\d)/g, '$1');
  const out = new Set<string>();
  for (const m of joined.matchAll(/(?<!\d)\d{9,12}(?!\d)/g)) out.add(m[0]);
  return [...out].sort();
}

/** The digits of a row without any (shared: most rows have none; never modified). */
const NO_DIGITS: string[] = Object.freeze([]) as unknown as string[];

/**
 * The phone/ID digit runs of a contact text ({@link extractDigitIds}); the shared empty list when
 * there are none, found at once when the text has fewer than 9 digits in all (most addresses).
 */
export function contactDigits(text: string | null | undefined): string[] {
  if (!text) return NO_DIGITS;
  let digits = 0;
  for (let i = 0; i < text.length && digits < 9; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits < 9) return NO_DIGITS;
  const found = extractDigitIds(text);
  return found.length === 0 ? NO_DIGITS : found;
}
