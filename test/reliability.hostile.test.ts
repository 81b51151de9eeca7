/**
 * Hostile workbooks: zip bombs (honest, lying and zip64), a million formatted-but-empty rows,
 * 100,000 columns, 1 MB cells, formulas and external links. Each is refused before it is
 * inflated, or read in bounded time and memory; formulas are read as their cached values and
 * nothing is ever evaluated or fetched.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyLabel, detectHeader, MAX_HEADER_LABEL } from '../src/ingest/interpret/detect-header.js';
import { readXlsx } from '../src/ingest/read/read-xlsx.js';
import { guardXlsx, xlsxLimits } from '../src/ingest/read/zip-guard.js';
import { cli, fixture, tempDir } from './helpers/cli.js';
import {
  buildXlsx,
  dumpDatabase,
  fakeSoffice,
  ole2Bytes,
  refusal,
  REGISTER_HEADER,
  registerRows,
  rowXml,
  sheetXml,
  workbookParts,
  writeFile,
  writeZip,
  zipBombXlsx,
} from './helpers/hostile-files.js';

const dir = tempDir('motcua-hostile-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'audit.sqlite');
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const UNIT = ['--unit', 'Sở Tư pháp'];

/** Imports through the CLI and checks the refusal: exit 3, one line naming the file, database unchanged. */
async function expectRefused(file: string, reason: RegExp): Promise<number> {
  const before = dumpDatabase(db);
  const t0 = performance.now();
  const r = await cli(['--db', db, '--lang', 'en', 'import', 'paper', file, ...UNIT]);
  const ms = performance.now() - t0;
  expect(r.code, r.stderr).toBe(3);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(path.basename(file));
  expect(lines[0]).toMatch(reason);
  expect(r.stderr).not.toContain('    at ');
  expect(dumpDatabase(db)).toBe(before);
  return ms;
}

beforeAll(async () => {
  // A database with content, so that "unchanged" means something.
  expect(
    (
      await cli([
        '--db',
        db,
        'import',
        'paper',
        fixture('demo', 'paper', 'so-tu-phap', 'so-theo-doi-hs-2025.xlsx'),
        ...UNIT,
      ])
    ).code,
  ).toBe(0);
});

describe('zip bombs are refused before they are inflated', () => {
  it(
    'a sheet declaring 2 GiB (an honest bomb, 2 GiB of real rows in a few MB): refused on its declared size at ' +
      'once',
    async () => {
      const file = writeFile(dir, 'bom-2gb.xlsx', zipBombXlsx(2048));
      expect(fs.statSync(file).size).toBeLessThan(8 << 20);
      const ms = await expectRefused(file, /total uncompressed size|uncompressed size of one part/);
      expect(ms).toBeLessThan(3000);
    },
  );

  it('a 64 MiB sheet compressed 300:1: refused on its ratio', async () => {
    const e = await refusal(zipBombXlsx(64));
    expect(e.code).toBe('INGEST_TOO_LARGE');
    expect(e.params.reason).toBe('ratio');
    await expectRefused(writeFile(dir, 'bom-ti-le.xlsx', zipBombXlsx(64)), /compression ratio/);
  });

  it(
    'a sheet that lies about its size (declares 100 ' + 'KB, inflates to 64 MiB): stopped at the declared ' + 'size',
    async () => {
      const e = await refusal(zipBombXlsx(64, 100_000));
      expect(e.params.reason).toBe('inflated-size');
      await expectRefused(
        writeFile(dir, 'bom-noi-doi.xlsx', zipBombXlsx(64, 100_000)),
        /inflates beyond its declared size/,
      );
    },
  );

  it('zip64 sizes are read: a part declaring 16 GiB through the zip64 field is refused', async () => {
    const buf = writeZip([
      ...workbookParts(['Sổ']),
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.from(sheetXml(registerRows(2))),
        declaredSize: 16 * 2 ** 30,
        zip64: true,
      },
    ]);
    const e = await refusal(buf);
    expect(e.params.reason).toBe('entry-size');
    expect(String(e.params.detail)).toContain('16.0 GiB');
  });

  it('the cap is configurable: MOTCUA_AUDIT_MAX_XLSX_BYTES, with a clear message', async () => {
    const small = buildXlsx([{ name: 'Sổ', xml: sheetXml(registerRows(50)) }]);
    await expect(guardXlsx(small, 'f.xlsx', xlsxLimits({}))).resolves.toBeTruthy();
    const e = await refusal(small, xlsxLimits({ MOTCUA_AUDIT_MAX_XLSX_BYTES: '4096' }));
    expect(e.params).toMatchObject({ env: 'MOTCUA_AUDIT_MAX_XLSX_BYTES' });
    expect(['total-size', 'entry-size']).toContain(e.params.reason);
    expect(() => xlsxLimits({ MOTCUA_AUDIT_MAX_XLSX_BYTES: 'lots' })).toThrow(/not a positive number/);
    expect(xlsxLimits({}).maxBytes).toBe(512 * 2 ** 20);
  });

  it('an encrypted zip entry, an unknown compression method, and 20,000 parts are refused', async () => {
    const parts = workbookParts(['Sổ']);
    const encrypted = writeZip(parts);
    encrypted.writeUInt16LE(1, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    expect((await refusal(encrypted)).code).toBe('INGEST_ENCRYPTED');
    const deflate64 = writeZip(parts);
    deflate64.writeUInt16LE(9, deflate64.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    expect((await refusal(deflate64)).code).toBe('INGEST_UNREADABLE');
    const many = writeZip([
      ...parts,
      ...Array.from({ length: 20_000 }, (_, i) => ({ name: `x/${i}`, data: Buffer.alloc(0), method: 0 as const })),
    ]);
    expect((await refusal(many)).params.reason).toBe('entries');
  });
});

describe('.xls and .ods files converted by LibreOffice pass the same zip guard as .xlsx', () => {
  const withConverter = async <T>(converted: Buffer, name: string, f: () => Promise<T>): Promise<T> => {
    const saved = process.env.MOTCUA_AUDIT_SOFFICE;
    process.env.MOTCUA_AUDIT_SOFFICE = fakeSoffice(dir, name, converted);
    try {
      return await f();
    } finally {
      if (saved === undefined) delete process.env.MOTCUA_AUDIT_SOFFICE;
      else process.env.MOTCUA_AUDIT_SOFFICE = saved;
    }
  };

  it('an .xls and an .ods that convert to a zip bomb are refused, the database unchanged', async () => {
    await withConverter(zipBombXlsx(64), 'bomb', async () => {
      await expectRefused(writeFile(dir, 'bom.xls', ole2Bytes()), /compression ratio/);
      await expectRefused(writeFile(dir, 'bom.ods', Buffer.from('PK\x03\x04 not really an ods')), /compression ratio/);
    });
  });

  it('a converted workbook over MOTCUA_AUDIT_MAX_XLSX_CELLS is refused; a sound one is imported', async () => {
    const register = buildXlsx([{ name: 'Sổ', xml: sheetXml(registerRows(30)) }]);
    await withConverter(register, 'ok', async () => {
      const saved = process.env.MOTCUA_AUDIT_MAX_XLSX_CELLS;
      process.env.MOTCUA_AUDIT_MAX_XLSX_CELLS = '50';
      try {
        await expectRefused(writeFile(dir, 'nhieu-o.xls', ole2Bytes()), /MOTCUA_AUDIT_MAX_XLSX_CELLS|cells/);
      } finally {
        if (saved === undefined) delete process.env.MOTCUA_AUDIT_MAX_XLSX_CELLS;
        else process.env.MOTCUA_AUDIT_MAX_XLSX_CELLS = saved;
      }
      const r = await cli([
        '--db',
        db,
        '--lang',
        'en',
        'import',
        'paper',
        writeFile(dir, 'so-cu.xls', ole2Bytes()),
        ...UNIT,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('30 dossiers imported');
    });
  });
});

describe('XML entity tricks are not expanded', () => {
  const withDoctype = (doctype: string, value: string) => {
    const xml = sheetXml(
      rowXml(3, REGISTER_HEADER) +
        `<row r="4"><c r="A4"><v>1</v></c><c r="B4" ` +
        `t="inlineStr"><is><t>000.00.07.H53-250106-0801</t></is></c><c r="D4" ` +
        `t="inlineStr"><is><t>${value}</t></is></c><c r="E4" t="inlineStr"><is><t>06/01/2025</t></is></c></row>`,
    );
    return xml.replace('<worksheet', `${doctype}<worksheet`);
  };

  it('a billion-laughs entity bomb in a sheet: refused at once, nothing expanded', async () => {
    const lol = [
      '<!ENTITY l0 "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`),
    ].join('');
    const file = writeFile(
      dir,
      'entity-bomb.xlsx',
      buildXlsx([{ name: 'Sổ', xml: withDoctype(`<!DOCTYPE worksheet [${lol}]>`, '&l9;') }]),
    );
    const ms = await expectRefused(file, /cannot be read/);
    expect(ms).toBeLessThan(5000);
  });

  it('an external entity (XXE) naming a local file: never read', async () => {
    const file = writeFile(
      dir,
      'xxe.xlsx',
      buildXlsx([
        { name: 'Sổ', xml: withDoctype('<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;') },
      ]),
    );
    const r = await cli(['--db', db, '--lang', 'en', 'import', 'paper', file, ...UNIT]);
    expect(r.stdout + r.stderr).not.toContain('root:');
    if (r.code === 0) {
      const rep = JSON.parse((await cli(['--db', db, 'report', '--format', 'json'])).stdout);
      expect(JSON.stringify(rep)).not.toContain('root:');
    } else {
      expect(r.code).toBe(3);
    }
  });
});

describe("sheets past Excel's own limits are refused", () => {
  it('100,000 columns: refused at the first cell past XFD, in well under a second of work', async () => {
    const wide = rowXml(3, [
      ...REGISTER_HEADER,
      ...Array.from({ length: 100_000 - REGISTER_HEADER.length }, (_, i) => i),
    ]);
    const file = writeFile(
      dir,
      'rong-100k-cot.xlsx',
      buildXlsx([{ name: 'Sổ', xml: sheetXml(wide + registerRows(5).replace(/<row r="3">.*?<\/row>/, '')) }]),
    );
    const ms = await expectRefused(file, /columns beyond Excel's limit.*16385 > 16384/);
    expect(ms).toBeLessThan(5000);
  });

  it('a declared dimension past row 1,048,576 or column XFD is refused from the first bytes', async () => {
    expect(
      (await refusal(buildXlsx([{ name: 'S', xml: sheetXml(registerRows(2), 'A1:K2000000') }]))).params.reason,
    ).toBe('rows');
    expect((await refusal(buildXlsx([{ name: 'S', xml: sheetXml(registerRows(2), 'A1:ZZZZ10') }]))).params.reason).toBe(
      'columns',
    );
  });

  it('more cells holding a value than MOTCUA_AUDIT_MAX_XLSX_CELLS is refused', async () => {
    const e = await refusal(
      buildXlsx([{ name: 'S', xml: sheetXml(registerRows(100)) }]),
      xlsxLimits({ MOTCUA_AUDIT_MAX_XLSX_CELLS: '500' }),
    );
    expect(e.params).toMatchObject({ reason: 'cells', env: 'MOTCUA_AUDIT_MAX_XLSX_CELLS' });
  });
});

describe('a million formatted-but-empty rows are read in bounded memory and time', () => {
  it('compaction drops only empty elements: the rows read are exactly the same', async () => {
    const bloat: string[] = [];
    for (let r = 30; r < 30_030; r++)
      bloat.push(
        r % 2
          ? `<row r="${r}" s="1" customFormat="1"/>`
          : `<row r="${r}"><c r="A${r}" s="1"/><c r="C${r}" s="1"/></row>`,
      );
    const xml = sheetXml(`${registerRows(20)}${bloat.join('')}${rowXml(40_000, ['Người lập biểu'])}`, 'A1:G40000');
    const file = writeFile(dir, 'phinh.xlsx', buildXlsx([{ name: 'Sổ', xml }]));
    const guard = await guardXlsx(fs.readFileSync(file), file);
    expect(guard.compacted).not.toBeNull();
    // Counted: 15,000 self-closing rows and 30,000 empty cells (in the other 15,000 rows, dropped too once emptied).
    expect(guard.sheets[0]).toMatchObject({
      rows: 30_023,
      emptyRows: 15_000,
      emptyCells: 30_000,
      maxRow: 40_000,
      maxColumn: 7,
      dimension: 'A1:G40000',
      unreferenced: 0,
    });
    expect(guard.compacted!.length).toBeLessThan(20_000);
    const plain = await readXlsx(file, file);
    const compacted = await readXlsx(file, file, guard.compacted);
    expect(compacted.sheets.map((s) => s.rows)).toEqual(plain.sheets.map((s) => s.rows));
    expect(plain.sheets[0]!.rows.at(-1)).toEqual({ rowNumber: 40_000, cells: ['Người lập biểu'] });
  });

  it('1,000,000 styled empty rows through the real CLI under a 256 MB heap cap', () => {
    const rows: string[] = [];
    for (let r = 30; r < 530_030; r++) rows.push(`<row r="${r}" s="1" customFormat="1"/>`);
    for (let r = 530_030; r < 1_000_030; r++)
      rows.push(`<row r="${r}"><c r="A${r}" s="1"/><c r="B${r}" s="1"/><c r="G${r}" s="1"/></row>`);
    const file = writeFile(
      dir,
      'trieu-dong.xlsx',
      buildXlsx([{ name: 'Sổ', xml: sheetXml(registerRows(20) + rows.join(''), 'A1:G1000029') }]),
    );
    const probe = writeFile(
      dir,
      'rss.cjs',
      "process.on('exit', () => process.stderr.write(`MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));",
    );
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=256',
        '--require',
        probe,
        path.join(ROOT, 'bin', 'motcua-audit.js'),
        '--db',
        path.join(dir, 'bloat.sqlite'),
        '--lang',
        'en',
        'import',
        'paper',
        file,
        ...UNIT,
      ],
      { encoding: 'utf8', env: { ...process.env, MOTCUA_AUDIT_NOW: '2025-07-20T03:00:00Z' } },
    );
    const seconds = (performance.now() - t0) / 1000;
    const rssMb = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1]) / 1024;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('20 dossiers imported');
    // Measured: about 4 s and 120 MB; exceljs alone on the same file needs about 1.7 GB.
    expect(seconds).toBeLessThan(30);
    expect(rssMb).toBeLessThan(400);
  });
});

describe('big cells, formulas and external links', () => {
  let server: http.Server;
  let port = 0;
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a 1 MB cell of text is read whole, in bounded time', async () => {
    const words = ['Nguyễn', 'Văn', 'Trần', 'Thị', 'Lê', 'Hoàng', 'Phạm', 'Minh', 'Đức', 'Ánh', 'Quốc', 'Bảo'];
    let big = '';
    for (let i = 0; big.length < 1_000_000; i++) big += `${words[(i * 7919 + (i >> 3)) % words.length]}${i % 97} `;
    const file = writeFile(
      dir,
      'o-1mb.xlsx',
      buildXlsx([
        {
          name: 'Sổ',
          xml: sheetXml(
            rowXml(3, REGISTER_HEADER) +
              rowXml(4, [1, '000.00.07.H53-250106-0901', 'Chứng thực', big, '06/01/2025', '', '']),
          ),
        },
      ]),
    );
    const t0 = performance.now();
    const r = await cli(['--db', db, '--lang', 'en', 'import', 'paper', file, ...UNIT]);
    expect(r.code, r.stderr).toBe(0);
    // Measured: about 1 s (4 s before header detection skipped cells longer than a label).
    expect(performance.now() - t0).toBeLessThan(15_000);
    const rep = JSON.parse((await cli(['--db', db, 'report', '--format', 'json'])).stdout);
    const f = rep.findings.find((x: { paper?: { code?: string } }) => x.paper?.code === '000.00.07.H53-250106-0901');
    expect(f.paper.applicant.length).toBeGreaterThanOrEqual(999_000);
  });

  it('header detection skips cells longer than a label: a 1 MB cell costs milliseconds, not seconds', () => {
    const big = 'Nguyễn Văn An mã hồ sơ ngày tiếp nhận '.repeat(30_000);
    const rows = [
      { rowNumber: 3, cells: [...REGISTER_HEADER] },
      { rowNumber: 4, cells: [1, '000.00.07.H53-250106-0901', big, big, '06/01/2025', big, ''] },
      { rowNumber: 5, cells: [big, big, big, big, big, big, big] },
    ];
    const t0 = performance.now();
    const header = detectHeader(rows);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(header?.headerRows).toEqual([3]);
    // A label at the limit still names its field; one character more is data.
    const label = `Mã hồ sơ ${'x'.repeat(MAX_HEADER_LABEL - 9)}`;
    expect(label).toHaveLength(MAX_HEADER_LABEL);
    expect(classifyLabel(label)).toBe('code');
    expect(classifyLabel(`${label}x`)).toBeNull();
  });

  it('formulas are read as their cached values and never evaluated; external links are never fetched', async () => {
    const url = `http://127.0.0.1:${port}`;
    const rows =
      rowXml(3, REGISTER_HEADER) +
      rowXml(4, [
        { f: '1+1', v: 5 },
        { f: 'CONCATENATE("000.00.07.H53-","250106-0951")', v: '000.00.07.H53-250106-0951' },
        { f: `WEBSERVICE("${url}/leak")`, v: 'Chứng thực bản sao' },
        { f: "'[1]Danh sách'!$B$2", v: 'Trần Thị Cache' },
        { f: 'DATE(2025,1,6)', v: 45664 },
        null,
        { f: `HYPERLINK("${url}/click","x")`, v: 'x' },
      ]);
    const extLink =
      `<?xml version="1.0" encoding="UTF-8"?><externalLink ` +
      `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
      `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook ` +
      `r:id="rId1"><sheetNames><sheetName val="Danh sách"/></sheetNames></externalBook></externalLink>`;
    const extRels =
      `<?xml version="1.0" encoding="UTF-8"?><Relationships ` +
      `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ` +
      `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" ` +
      `Target="${url}/book.xlsx" TargetMode="External"/></Relationships>`;
    const file = writeFile(
      dir,
      'cong-thuc.xlsx',
      buildXlsx(
        [{ name: 'Sổ', xml: sheetXml(rows) }],
        [
          { name: 'xl/externalLinks/externalLink1.xml', data: Buffer.from(extLink) },
          { name: 'xl/externalLinks/_rels/externalLink1.xml.rels', data: Buffer.from(extRels) },
        ],
        {
          rels:
            '<Relationship Id="rIdX" ' +
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" ' +
            'Target="externalLinks/externalLink1.xml"/>',
          types:
            '<Override PartName="/xl/externalLinks/externalLink1.xml" ' +
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>',
        },
      ),
    );
    const r = await cli(['--db', db, '--lang', 'en', 'import', 'paper', file, ...UNIT]);
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse((await cli(['--db', db, 'report', '--format', 'json'])).stdout);
    const f = rep.findings.find((x: { paper?: { code?: string } }) => x.paper?.code === '000.00.07.H53-250106-0951');
    // The cached values, not what the formulas would compute: DATE(2025,1,6) cached as 45664 = 07/01/2025.
    expect(f.paper).toMatchObject({
      applicant: 'Trần Thị Cache',
      procedure: 'Chứng thực bản sao',
      receivedDate: '2025-01-07',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hits).toEqual([]);
  });
});
