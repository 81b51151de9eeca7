/**
 * Hostile values (formulas, markup) in codes, names and procedures, and personal data, through
 * every format made for people: xlsx (read back: strings, never formulas), csv (neutralized),
 * html (escaped), md (escaped); masked by default, shown with --show-personal-data; codes never masked.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report/model/types.js';
import { tempDir } from './helpers/cli.js';
import { allCells, buildHostileDb, HOSTILE, PERSON, readWorkbook, run } from './helpers/report-data.js';

const dir = tempDir('motcua-safety-');
const db = path.join(dir, 'hostile.sqlite');
let json: Report;

async function render(format: 'xlsx' | 'csv' | 'html' | 'md', show: boolean): Promise<string> {
  const file = path.join(dir, `r-${show ? 'shown' : 'masked'}.${format}`);
  await run(db, 'report', '--format', format, '--out', file, ...(show ? ['--show-personal-data'] : []));
  return file;
}

beforeAll(async () => {
  await buildHostileDb(db, dir);
  json = JSON.parse(await run(db, 'report', '--format', 'json')) as Report;
}, 60_000);

describe('hostile values and personal data in reports', () => {
  it('the JSON (machine interface) carries everything unmasked', () => {
    const applicants = json.findings.map((f) => f.paper?.applicant);
    expect(applicants).toContain(PERSON);
    expect(applicants).toContain('=HYPERLINK("http://x","y")');
    expect(json.findings.map((f) => f.paper?.code ?? f.system?.code)).toEqual(
      expect.arrayContaining(['-1+2', '=1+1', '@SUM(A1)']),
    );
  });

  for (const show of [false, true]) {
    it(
      `xlsx ${show ? 'with' : 'without'} --show-personal-data: every hostile value is a string cell, no formula ` +
        `anywhere`,
      async () => {
        const wb = await readWorkbook(await render('xlsx', show));
        const cells = allCells(wb);
        expect(
          cells.filter(({ cell }) => cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined),
        ).toEqual([]);
        // Merged slave cells echo their master's value; the master is checked.
        const hostile = cells.filter(
          ({ cell }) =>
            cell.type !== ExcelJS.ValueType.Merge && typeof cell.value === 'string' && /^[=+\-@<]/.test(cell.value),
        );
        expect(hostile.length).toBeGreaterThan(4);
        for (const { cell } of hostile) expect(cell.type).toBe(ExcelJS.ValueType.String);
        const values = cells.map(({ cell }) => cell.value);
        // Codes are never masked; procedures are not personal data.
        expect(values).toEqual(
          expect.arrayContaining(['-1+2', '=1+1', '@SUM(A1)', '+cmd', '=HYPERLINK("http://x","y")']),
        );
        expect(values.includes(PERSON)).toBe(show);
        if (!show) expect(values).toContain('N.T.B.N.');
      },
    );

    it(
      `csv ${show ? 'with' : 'without'} --show-personal-` + `data: no field starts a formula, masking applies`,
      async () => {
        const text = fs.readFileSync(await render('csv', show), 'utf8');
        expect(text.startsWith('\uFEFF')).toBe(true);
        const rows = parse(text.slice(1), { relax_column_count: false }) as string[][];
        expect(rows.length).toBe(json.findings.length + 1);
        for (const field of rows.flat()) expect(field, field).not.toMatch(/^[=+\-@\t\r]/);
        const flat = rows.flat();
        expect(flat).toEqual(
          expect.arrayContaining(["'-1+2", "'=1+1", "'@SUM(A1)", "'+cmd", `'=HYPERLINK("http://x","y")`]),
        );
        expect(text.includes(PERSON)).toBe(show);
      },
    );

    it(`html ${show ? 'with' : 'without'} --show-personal-data: everything escaped, self-contained`, async () => {
      const html = fs.readFileSync(await render('html', show), 'utf8');
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
      expect(html).not.toMatch(/<(a|img|link|iframe|object)\b/i);
      expect(html).not.toMatch(/\b(src|href)=/i);
      expect(html).toContain(`default-src 'none'`);
      expect(html).toContain('-1+2');
      expect(html.includes(PERSON)).toBe(show);
    });

    it(`md ${show ? 'with' : 'without'} --show-personal-data: no markup, no HTML, no autolink`, async () => {
      const md = fs.readFileSync(await render('md', show), 'utf8');
      expect(md).not.toMatch(/<script/i);
      expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*');
      expect(md).not.toContain('http://');
      // Every line of a table has as many cells as its header: no value adds a "|".
      const widths = new Set(
        md
          .split('\n\n')
          .filter((b) => b.startsWith('| '))
          .map((b) =>
            b
              .split('\n')
              .map((l) => l.split(/(?<!\\)\|/).length)
              .join(','),
          ),
      );
      for (const w of widths) expect(new Set(w.split(',')).size).toBe(1);
      expect(md.includes(PERSON)).toBe(show);
      expect(md).toContain('000.00.07.H53-250110-0001');
    });
  }

  it('the terminal table shows counts, no finding values', async () => {
    const table = await run(db, 'report');
    expect(table).toContain('Sở Tư pháp');
    expect(HOSTILE.some((h) => table.includes(h))).toBe(false);
  });
});
