/** Every row-level data-quality rule: found with file, row, column and raw value; the row still counted. */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../src/ingest/read/read-csv.js';
import { cli, fixture, tempDir } from './helpers/cli.js';

const dir = tempDir();
const D = (...p: string[]) => fixture('demo', ...p);

const REGISTER = [
  'STT,Mã hồ sơ,Người nộp,Thủ tục,Đơn vị,Ngày nhận,Hẹn trả,Ngày trả',
  '1,000.00.07.H53-250106-0001,Nguyễn Văn An,Chứng thực,,06/01/2025,10/01/2025,08/01/2025', // clean (line 2)
  '2,000.00.07.H53-250107-0001,Trần Văn Bình,Chứng thực,,32/13/2025,,', // received_date_unreadable (3)
  '3,000.00.07.H53-250108-0001,Lê Thị Cúc,Chứng thực,,,,', // received_date_missing (4)
  // returned_before_received (5)
  '4,000.00.07.H53-250109-0001,Phạm Văn ' + 'Dũng,Chứng thực,,09/01' + '/2025,15/01/2025,05/0' + '1/2025',
  '5,000.00.07.H53-250110-0001,Võ Thị Em,Chứng thực,,10/01/2025,05/01/2025,', // due_before_received (6)
  '6,000.00.07.H53-25011-0001,Đỗ Văn Phúc,Chứng thực,,11/01/2025,,', // code_malformed (7)
  '7,000.00.07.H53-250101-0009,Hồ Thị Giang,Chứng thực,,13/01/2025,,', // code_date_mismatch (8)
  '8,000.00.19.H53-250114-0001,Ngô Văn Hải,Chứng thực,,14/01/2025,,', // code_unit_mismatch (9)
  '9,000.00.07.H53-250106-0001,Nguyễn Văn An,Chứng thực,,06/01/2025,,', // duplicate_code (10)
  '10,,,Chứng thực,,15/01/2025,,', // no_applicant_no_code (11)
  '11,,Bùi Thị Kim,Chứng thực,Phòng Không Tồn Tại,16/01/2025,,', // unit_unknown (12)
  '12,000.00.07.H53-250117-0001,Đặng Văn Long,Chứng thực,,17/01/2025,20/01/2025,abc', // date_unreadable (13)
].join('\r\n');

const EXPECTED: Array<[string, number, string | null]> = [
  ['received_date_unreadable', 3, 'F'],
  ['received_date_missing', 4, 'F'],
  ['returned_before_received', 5, 'H'],
  ['due_before_received', 6, 'G'],
  ['code_malformed', 7, 'B'],
  ['code_date_mismatch', 8, 'B'],
  ['code_unit_mismatch', 9, null],
  ['duplicate_code', 10, null],
  ['no_applicant_no_code', 11, null],
  ['unit_unknown', 12, null],
  ['date_unreadable', 13, 'H'],
];

describe('data-quality findings', () => {
  let report: any;
  let importOut: string;
  beforeAll(async () => {
    const db = path.join(dir, 'q.sqlite');
    const file = path.join(dir, 'so-loi.csv');
    fs.writeFileSync(file, REGISTER);
    expect((await cli(['--db', db, 'units', 'import', D('units.csv')])).code).toBe(0);
    // --new-unit: the row naming a unit outside the official list is kept (as unit_unknown) instead of refusing the
    // file.
    const r = await cli(['--db', db, 'import', 'paper', file, '--unit', 'Sở Tư pháp', '--new-unit']);
    expect(r.code, r.stderr).toBe(0);
    importOut = r.stdout;
    report = JSON.parse((await cli(['--db', db, 'report', '--format', 'json'])).stdout);
  });

  it.each(EXPECTED)('%s at line %i, column %s', (rule, row, column) => {
    const hits = report.findings.filter((f: any) => f.category === 'data_quality' && f.rule === rule);
    expect(hits.map((f: any) => [f.paper.row, f.column])).toContainEqual([row, column]);
    expect(hits.every((f: any) => f.paper.file.endsWith('so-loi.csv') && f.paper.sheet === null)).toBe(true);
  });

  it('keeps the raw value and still counts every row', () => {
    const unreadable = report.findings.find((f: any) => f.rule === 'received_date_unreadable');
    expect(unreadable.rawValue).toBe('32/13/2025');
    expect(report.totals.paperRecords).toBe(12);
    const clean = report.findings.filter((f: any) => f.category === 'data_quality' && f.paper.row === 2);
    expect(clean).toEqual([]);
  });

  it('import prints a per-file summary of the problems', () => {
    expect(importOut).toContain('chất lượng dữ liệu');
    expect(importOut).toContain('ngày nhận không đọc được');
    expect(importOut).toContain('đơn vị không có trong danh mục');
  });
});

describe('one register in every encoding gives one audit', () => {
  it('Windows-1258 ;  =  UTF-8 BOM ,  =  UTF-16LE tab', async () => {
    const original = fs.readFileSync(D('paper', 'go-dau', 'so-theo-doi-2025.csv'));
    const text = decodeText(original).text;
    const toTab = text.replace(/;/g, '\t');
    const twins: Record<string, Buffer> = {
      'w1258.csv': original,
      'utf8.csv': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          text
            .normalize('NFD')
            .replace(/"[^"]*"|;/g, (m) => (m === ';' ? ',' : `"${m.slice(1, -1).replace(/,/g, ',')}"`)),
        ),
      ]),
      'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(toTab, 'utf16le')]),
    };
    const results: Record<string, unknown> = {};
    for (const [name, buf] of Object.entries(twins)) {
      const db = path.join(dir, `${name}.sqlite`);
      const file = path.join(dir, name);
      fs.writeFileSync(file, buf);
      await cli(['--db', db, 'units', 'import', D('units.csv')]);
      await cli(['--db', db, 'import', 'system', D('system', 'xuat-hs-6thang-2025.csv')]);
      const r = await cli(['--db', db, 'import', 'paper', file, '--unit', 'UBND huyện Gò Dầu']);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      const rep = JSON.parse(
        (await cli(['--db', db, 'report', '--format', 'json', '--unit', 'UBND huyện Gò Dầu'])).stdout,
      );
      results[name] = {
        units: rep.units,
        findings: rep.findings.map((f: any) => [
          f.category,
          f.rule,
          f.paper?.row,
          f.paper?.code,
          f.paper?.applicant?.normalize('NFC'),
        ]),
      };
    }
    expect(results['utf8.csv']).toEqual(results['w1258.csv']);
    expect(results['utf16.txt']).toEqual(results['w1258.csv']);
    expect((results['w1258.csv'] as any).units[0].paperRecords).toBe(24);
  });
});
