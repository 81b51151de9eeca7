/** A bundled register rewritten as a TCVN3 typist would have typed it (legacy fonts, raw 8-bit text). */
import ExcelJS from 'exceljs';
import { decodeTcvn3 } from '../../src/normalize/legacy.js';

/**
 * Unicode → TCVN3 raw characters, built by inverting the decoder (so the test cannot share its bugs silently: it checks
 * round trips).
 */
const REVERSE = new Map<string, string>();
for (let c = 0xa1; c <= 0xff; c++) {
  const raw = String.fromCharCode(c);
  const decoded = decodeTcvn3(raw);
  if (decoded !== raw && [...decoded].length === 1 && !REVERSE.has(decoded)) REVERSE.set(decoded, raw);
}

/** Encodes text as a TCVN3 typist would: all-caps text in the capital font, lower-case code points. */
export function encodeTcvn3(text: string): { raw: string; upper: boolean } {
  const nfc = text.normalize('NFC');
  const upper = /\p{L}/u.test(nfc) && nfc === nfc.toUpperCase();
  const source = upper ? nfc.toLowerCase() : nfc;
  let raw = '';
  for (const ch of source) raw += REVERSE.get(ch) ?? REVERSE.get(ch.toLowerCase()) ?? ch;
  return { raw, upper };
}

/** Writes `dest`: `src` with every text cell in TCVN3 and a .VnTime/.VnTimeH font; returns the cells encoded. */
export async function makeTwin(src: string, dest: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  let encoded = 0;
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value !== 'string') return;
        const { raw, upper } = encodeTcvn3(cell.value);
        if (raw === cell.value.normalize('NFC') && !upper) return;
        cell.value = raw;
        cell.font = { ...(cell.font ?? {}), name: upper ? '.VnTimeH' : '.VnTime' };
        encoded++;
      });
    });
  });
  await wb.xlsx.writeFile(dest);
  return encoded;
}
