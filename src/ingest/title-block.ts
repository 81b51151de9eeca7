/** What the title block above a header says: the export date of a system export. */
import { parseVietnameseDate } from '../normalize/dates.js';
import { foldText } from '../normalize/text.js';

const EXPORT_DATE_WORDS = ['ngay xuat', 'xuat ngay', 'ngay ket xuat', 'ngay in', 'ngay lap', 'thoi diem xuat', 'ngay trich xuat', 'tinh den ngay', 'ngay bao cao', 'export date', 'exported'];

/** Finds the export date in title lines ("Ngày xuất: 10/04/2025", "Tây Ninh, ngày 10 tháng 4 năm 2025"). */
export function findExportDate(lines: readonly string[]): string | null {
  for (const line of lines) {
    const folded = foldText(line);
    const word = EXPORT_DATE_WORDS.find((w) => folded.includes(w));
    if (!word) continue;
    const date = firstDateIn(line.slice(Math.max(0, indexAfterWord(line, word))));
    if (date) return date;
  }
  for (const line of lines) {
    // "Tây Ninh, ngày 10 tháng 4 năm 2025": a place and a date, the way documents are dated.
    const folded = foldText(line);
    if (/^[a-z ]+ ngay \d{1,2} thang \d{1,2} nam \d{4}$/.test(folded) && !/\btu ngay\b|\bden ngay\b/.test(folded)) {
      const m = /ngay \d{1,2} thang \d{1,2} nam \d{4}/.exec(folded);
      const r = m ? parseVietnameseDate(m[0]) : null;
      if (r?.ok) return r.date;
    }
  }
  return null;
}

function indexAfterWord(line: string, word: string): number {
  // Positions in folded text and the original match closely enough: folding keeps one char per letter.
  const folded = line.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const i = folded.indexOf(word.split(' ')[0]!);
  return i < 0 ? 0 : i;
}

/** The first date written in a piece of text, in any form we read. */
export function firstDateIn(text: string): string | null {
  const patterns = [
    /ng[àa]y\s+\d{1,2}\s+th[áa]ng\s+\d{1,2}\s+n[ăa]m\s+\d{4}/iu,
    /\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?/,
    /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/,
  ];
  for (const re of patterns) {
    const m = re.exec(text.normalize('NFC'));
    if (m) {
      const r = parseVietnameseDate(m[0]);
      if (r.ok) return r.date;
    }
  }
  return null;
}
