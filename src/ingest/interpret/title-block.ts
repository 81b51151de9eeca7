/** What the title block above a header says: the export date of a system export. */
import { parseVietnameseDate } from '../../normalize/dates.js';
import { foldText } from '../../normalize/text.js';

const EXPORT_DATE_WORDS = [
  'ngay xuat',
  'xuat ngay',
  'ngay ket xuat',
  'ngay in',
  'in ngay',
  'ngay lap',
  'thoi diem xuat',
  'thoi gian xuat',
  'ngay gio xuat',
  'xuat luc',
  'in luc',
  'thoi diem in',
  'thoi gian in',
  'ngay trich xuat',
  'thoi diem trich xuat',
  'tinh den ngay',
  'ngay bao cao',
  'export date',
  'exported',
];

/** Finds the export date in title lines ("Ngày xuất: 10/04/2025", "Tây Ninh, ngày 10 tháng 4 năm 2025"). */
export function findExportDate(lines: readonly string[]): string | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.normalize('NFC');
    const folded = foldText(line);
    const word = EXPORT_DATE_WORDS.find((w) => ` ${folded} `.includes(` ${w} `));
    if (!word) continue;
    // The date after the words: "Từ ngày 01/01 đến ngày 30/06/2018 - Ngày xuất: 01/07/2018 07:00",
    // or, when the words end their line ("Ngày xuất:"), alone on the next one.
    const rest = line.slice(indexAfterWord(line, word));
    const date =
      firstDateIn(rest) ?? (foldText(rest) === '' && i + 1 < lines.length ? firstDateIn(lines[i + 1]!) : null);
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

/** Index in `line` just after the folded words `word` (0 when not found). */
function indexAfterWord(line: string, word: string): number {
  // Each character folded on its own keeps the positions of the line (NFC: one char per letter).
  const text = line.normalize('NFC');
  let folded = '';
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd');
    const one = f.length === 1 && /[a-z0-9]/.test(f) ? f : ' ';
    folded += ch.length === 2 ? one + ' ' : one;
  }
  const re = new RegExp(`(^| )${word.replace(/ /g, ' +')}( |$)`);
  const m = re.exec(folded);
  return m ? m.index + m[0].trimEnd().length : 0;
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
