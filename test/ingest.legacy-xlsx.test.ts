/**
 * A register typed in TCVN3 (.VnTime / .VnTimeH, title and headers included) gives the same audit as its Unicode twin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, tempDir } from './helpers/cli.js';
import { encodeTcvn3, makeTwin } from './helpers/legacy.js';

describe('TCVN3 register', () => {
  const dir = tempDir();
  const twin = path.join(dir, 'so-tiep-nhan-2025.xlsx');
  const D = (...p: string[]) => fixture('demo', ...p);
  const reports: Record<string, { units: Array<Record<string, unknown>>; findings: Array<Record<string, any>> }> = {};

  beforeAll(async () => {
    expect(await makeTwin(D('paper', 'trang-bang', 'so-tiep-nhan-2025.xlsx'), twin)).toBeGreaterThan(50);
    for (const [name, file] of [
      ['unicode', D('paper', 'trang-bang', 'so-tiep-nhan-2025.xlsx')],
      ['tcvn3', twin],
    ] as const) {
      const db = path.join(dir, `${name}.sqlite`);
      for (const args of [
        ['units', 'import', D('units.csv')],
        ['import', 'system', D('system', 'xuat-hs-quy1-2025.xlsx'), D('system', 'xuat-hs-6thang-2025.csv')],
        ['import', 'paper', file, '--unit', 'UBND thị xã Trảng Bàng'],
      ]) {
        const r = await cli(['--db', db, ...args]);
        expect(r.code, r.stderr).toBe(0);
      }
      reports[name] = JSON.parse(
        (await cli(['--db', db, 'report', '--format', 'json', '--unit', 'UBND thị xã Trảng Bàng'])).stdout,
      );
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
    const strip = (f: Record<string, any>) => ({
      id: f.id,
      category: f.category,
      rule: f.rule,
      row: f.paper?.row,
      code: f.paper?.code ?? f.system?.code,
    });
    expect(reports.tcvn3!.findings.map(strip)).toEqual(reports.unicode!.findings.map(strip));
    const applicants = (r: { findings: Array<Record<string, any>> }) =>
      r.findings.filter((f) => f.paper?.applicant).map((f) => f.paper.applicant.normalize('NFC'));
    expect(applicants(reports.tcvn3!)).toEqual(applicants(reports.unicode!).map((a) => a.toUpperCase()));
  });
});
