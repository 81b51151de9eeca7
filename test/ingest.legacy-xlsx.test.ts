/** A register typed in TCVN3 (.VnTime / .VnTimeH, title and headers included) gives the same audit as its Unicode twin. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeTcvn3 } from '../src/normalize/legacy.js';
import { cli, fixture, tempDir } from './helpers/cli.js';

/** Unicode → TCVN3 raw characters, built by inverting the decoder (so the test cannot share its bugs silently: it checks round trips). */
const REVERSE = new Map<string, string>();
for (let c = 0xa1; c <= 0xff; c++) {
  const raw = String.fromCharCode(c);
  const decoded = decodeTcvn3(raw);
  if (decoded !== raw && [...decoded].length === 1 && !REVERSE.has(decoded)) REVERSE.set(decoded, raw);
}

/** Encodes text as a TCVN3 typist would: all-caps text in the capital font, lower-case code points. */
function encodeTcvn3(text: string): { raw: string; upper: boolean } {
  const nfc = text.normalize('NFC');
  const upper = /\p{L}/u.test(nfc) && nfc === nfc.toUpperCase();
  const source = upper ? nfc.toLowerCase() : nfc;
  let raw = '';
  for (const ch of source) raw += REVERSE.get(ch) ?? REVERSE.get(ch.toLowerCase()) ?? ch;
  return { raw, upper };
}

async function makeTwin(src: string, dest: string): Promise<number> {
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

describe('TCVN3 register', () => {
  const dir = tempDir();
  const twin = path.join(dir, 'so-tiep-nhan-2025.xlsx');
  const D = (...p: string[]) => fixture('demo', ...p);
  const reports: Record<string, { units: Array<Record<string, unknown>>; findings: Array<Record<string, any>> }> = {};

  beforeAll(async () => {
    expect(await makeTwin(D('paper', 'trang-bang', 'so-tiep-nhan-2025.xlsx'), twin)).toBeGreaterThan(50);
    for (const [name, file] of [['unicode', D('paper', 'trang-bang', 'so-tiep-nhan-2025.xlsx')], ['tcvn3', twin]] as const) {
      const db = path.join(dir, `${name}.sqlite`);
      for (const args of [
        ['units', 'import', D('units.csv')],
        ['import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx'), D('system', 'xuat-hs-6thang-2025.csv')],
        ['import', 'paper', file, '--unit', 'UBND thị xã Trảng Bàng'],
      ]) {
        const r = await cli(['--db', db, ...args]);
        expect(r.code, r.stderr).toBe(0);
      }
      reports[name] = JSON.parse((await cli(['--db', db, 'report', '--format', 'json', '--unit', 'UBND thị xã Trảng Bàng'])).stdout);
    }
  });

  it('the twin really is legacy text', () => {
    const raw = fs.readFileSync(twin);
    expect(raw.length).toBeGreaterThan(0);
    expect(encodeTcvn3('NGUYỄN VĂN ĐỨC')).toEqual({ raw: 'nguyÔn v¨n ®øc', upper: true });
    expect(encodeTcvn3('Đăng ký').raw).toBe('§¨ng ký');
    expect(encodeTcvn3('Thủ tục hành chính').raw).toBe('Thñ tôc hµnh chÝnh');
  });

  it('gives the same counts and findings as the Unicode register', () => {
    expect(reports.tcvn3!.units).toEqual(reports.unicode!.units);
    const strip = (f: Record<string, any>) => ({ id: f.id, category: f.category, rule: f.rule, row: f.paper?.row, code: f.paper?.code ?? f.system?.code });
    expect(reports.tcvn3!.findings.map(strip)).toEqual(reports.unicode!.findings.map(strip));
    const applicants = (r: { findings: Array<Record<string, any>> }) => r.findings.filter((f) => f.paper?.applicant).map((f) => f.paper.applicant.normalize('NFC'));
    expect(applicants(reports.tcvn3!)).toEqual(applicants(reports.unicode!).map((a) => a.toUpperCase()));
  });
});
