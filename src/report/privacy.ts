/**
 * Masking of personal data in reports that leave the office (Decree 13/2023/NĐ-CP): names
 * become initials, phone and ID numbers keep their last 3 digits, addresses keep only the
 * commune-level part. Dossier codes are never masked.
 */
import { cleanText } from '../normalize/text.js';

const COMPANY_WORDS = /^(công ty|cong ty|cty|doanh nghiệp|hợp tác xã|htx|chi nhánh|văn phòng|trường|ubnd|ủy ban|uỷ ban|ngân hàng|tổng công ty)/iu;

/** "Nguyễn Văn An" → "N.V.A."; organisations keep their name (they are not personal data). */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const clean = cleanText(name);
  if (clean === '' || COMPANY_WORDS.test(clean)) return clean;
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
  const parts = cleanText(maskNumbers(address) ?? '').split(/\s*[,;-]\s*/).filter((p) => p !== '');
  const i = parts.findIndex((p) => /^(xã|phường|thị trấn|x\.|p\.|tt\.?)\s/iu.test(p));
  if (i >= 0) return parts.slice(i).join(', ');
  return parts.length > 2 ? parts.slice(-2).join(', ') : '***';
}

/** Makes a text value safe for a spreadsheet cell read from CSV: no leading formula character. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
