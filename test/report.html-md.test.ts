/** The HTML page and the Markdown memo draft: same figures as the JSON, chart, language, review band, usage. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { FINDING_CSV_COLUMNS, renderFindingsCsv } from '../src/report/render/csv.js';
import { CATEGORY_LABELS, FINDING_CSV_HEADERS, reportLabels, ruleLabel } from '../src/i18n/index.js';
import { renderHtml } from '../src/report/render/html/html.js';
import { neutralizeFormula } from '../src/report/render/privacy.js';
import type { Finding, Report } from '../src/report/model/types.js';
import { buildWorkbook } from '../src/report/render/xlsx/xlsx.js';
import { cli, tempDir } from './helpers/cli.js';
import { buildDemoDb, run, tableRows } from './helpers/report-data.js';

const dir = tempDir('motcua-html-');
const db = path.join(dir, 'demo.sqlite');
let json: Report;

beforeAll(async () => {
  await buildDemoDb(db);
  json = JSON.parse(await run(db, 'report', '--format', 'json')) as Report;
}, 60_000);

/** The cells of the summary table's body rows. */
function summaryCells(html: string): string[][] {
  const table = /<table class="grid summary-table">([\s\S]*?)<\/table>/.exec(html)![1]!;
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(table)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!),
  );
}

describe('report --format html', () => {
  it('is one self-contained page: inline CSS and SVG, no script, no external resource', async () => {
    const html = await run(db, 'report', '--format', 'html', '--agency', 'Sở TT&TT', '--title', 'Báo cáo tháng 6');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toContain('@page { size: A4 landscape');
    expect(html).not.toMatch(/<script|<link|<img|\b(src|href)=|url\(|@import/i);
    expect(html).toContain('Sở TT&amp;TT');
    expect(html).toContain('<title>Báo cáo tháng 6</title>');
    expect(html).toMatch(/<svg class="chart"/);
    // Two bars per unit with paper rows at most in the first chart: closure rate and never-closed
    // (the second chart, system and reality, is tested in report.indicators.test.ts).
    const firstChart = html.slice(html.indexOf('<svg class="chart"'), html.indexOf('</svg>'));
    expect((firstChart.match(/<rect /g) ?? []).length).toBe(
      json.units.filter((u) => u.electronicClosureRate !== null).length +
        json.units.filter((u) => u.neverClosedElectronically > 0).length,
    );
  });

  it('summary numbers equal the JSON, in unit order, with the total', async () => {
    const html = await run(db, '--lang', 'en', 'report', '--format', 'html');
    const rows = summaryCells(html);
    expect(rows).toHaveLength(json.units.length + 1);
    json.units.forEach((u, i) => {
      expect(rows[i]![1]).toBe(u.unit.replace(/&/g, '&amp;'));
      expect(Number(rows[i]![2])).toBe(u.paperRecords);
      expect(Number(rows[i]![12])).toBe(u.neverClosedElectronically);
      expect(rows[i]![13]).toBe(
        u.electronicClosureRate === null ? '–' : `${(u.electronicClosureRate * 100).toFixed(1)}%`,
      );
    });
    expect(Number(rows.at(-1)![12])).toBe(json.totals.neverClosedElectronically);
    expect(html).toContain('Never closed electronically');
    for (const f of json.findings) expect(html, f.id).toContain(f.id);
  });

  it('--split-by-unit --format html writes one page per unit', async () => {
    const out = path.join(dir, 'split-html');
    await run(db, 'report', '--format', 'html', '--split-by-unit', '--out', out);
    expect(fs.readdirSync(out)).toHaveLength(json.units.length);
    const page = fs.readFileSync(path.join(out, 'So-Tu-phap.html'), 'utf8');
    expect(summaryCells(page)).toHaveLength(2);
    expect(page).not.toContain('UBND huyện Gò Dầu');
  });
});

describe('report --format md', () => {
  it('gives the headline, the summary and the top findings for a memo', async () => {
    const md = await run(db, 'report', '--format', 'md', '--agency', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(md).toContain('**SỞ KHOA HỌC VÀ CÔNG NGHỆ**');
    expect(md).toContain(`Có **${json.totals.neverClosedElectronically}** hồ sơ`);
    expect(md).toContain('## Tổng hợp theo đơn vị');
    expect(md).toContain('### Chưa đóng trên hệ thống');
    const open = json.findings.filter((f) => f.category === 'open_in_system');
    expect(md).toContain(open[0]!.paper!.code!);
    expect(md).toContain(`… và ${open.length - 15} hồ sơ khác`);
    expect(md).not.toContain(open[0]!.paper!.applicant!);
  });

  it('in English with --lang en', async () => {
    const md = await run(db, '--lang', 'en', 'report', '--format', 'md');
    expect(md).toContain('## Summary by unit');
    expect(md).toContain('| **Total** |');
  });
});

describe('report --format csv', () => {
  /** Leaf paths of a JSON value ("paper.code"); an array is one leaf (flattened to text); null carries nothing. */
  const leaves = (v: unknown, prefix = ''): string[] =>
    v === null
      ? []
      : typeof v === 'object' && !Array.isArray(v)
        ? Object.entries(v).flatMap(([k, x]) => leaves(x, prefix ? `${prefix}.${k}` : k))
        : [prefix];

  it('flattens every JSON field of every finding into a column, with the same values', async () => {
    const text = await run(db, 'report', '--format', 'csv', '--show-personal-data');
    const [shown, ...rows] = parse(text.slice(1)) as string[][];
    // Vietnamese headers by default, column for column with the JSON field paths.
    expect(shown).toEqual([...FINDING_CSV_HEADERS.vi]);
    const header: string[] = [...FINDING_CSV_COLUMNS];
    expect(rows).toHaveLength(json.findings.length);
    const byId = new Map(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    // Category, rule and match method are shown by their Vietnamese names.
    const shownAs = (leaf: string, v: unknown): string =>
      leaf === 'category'
        ? CATEGORY_LABELS.vi[String(v)]!
        : leaf === 'rule'
          ? ruleLabel(String(v), 'vi')
          : leaf === 'match.method'
            ? reportLabels('vi').method[String(v) as 'code']!
            : String(v);
    for (const f of json.findings) {
      const row = byId.get(f.id)!;
      for (const leaf of leaves(f)) {
        expect(header, leaf).toContain(leaf);
        const value = leaf.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], f);
        if (Array.isArray(value)) continue;
        expect(row[leaf], `${f.id} ${leaf}`).toBe(neutralizeFormula(shownAs(leaf, value)));
      }
    }
    const matched = json.findings.find((f) => f.match?.reasons?.length)!;
    expect(byId.get(matched.id)!['match.reasons']).toContain(
      `${matched.match!.reasons![0]!.field}=${matched.match!.reasons![0]!.agreement}(`,
    );
  });
});

describe('review band and usage', () => {
  it('renders "Cần xem xét" when findings carry a review object', async () => {
    const f: Finding & { review: unknown } = {
      id: 'p-1',
      category: 'not_in_system',
      unit: 'Sở Tư pháp',
      system: null,
      match: null,
      paper: {
        file: 'a.csv',
        sheet: null,
        row: 3,
        code: null,
        applicant: 'Lê Văn Sáu',
        procedure: 'Cấp phiếu',
        receivedDate: '2025-01-02',
        returnedDate: null,
      },
      review: { candidates: [{ code: '000.00.07.H53-250102-0003', score: 0.71, applicant: 'Lê Văn Sáu' }] },
    };
    const report: Report = { ...json, findings: [f] };
    const wb = buildWorkbook(report, { lang: 'vi' });
    const ws = wb.getWorksheet('Cần xem xét')!;
    const rows = tableRows(ws, 'Đơn vị');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.values).toEqual(expect.arrayContaining(['000.00.07.H53-250102-0003 (0,71)', 'L.V.S.']));
    // The demo has review pairs of its own: without review objects there is no such sheet.
    const withoutReview = { ...json, findings: json.findings.map(({ review: _review, ...rest }) => rest) };
    expect(buildWorkbook(withoutReview, { lang: 'vi' }).getWorksheet('Cần xem xét')).toBeUndefined();
    expect(renderHtml(report, { lang: 'en' })).toContain('Needs review — 1 dossier');
    const csv = renderFindingsCsv(report, { showPersonalData: false });
    expect(csv).toContain('000.00.07.H53-250102-0003 (0.71)');
    expect(csv).not.toContain('Lê Văn Sáu');
  });

  it.each([
    [['report', '--format', 'xlsx', '--split-by-unit']],
    [['report', '--split-by-unit', '--out', 'x']],
    [['report', '--format', 'pdf']],
  ])('%j is a usage error (exit 2)', async (args) => {
    const r = await cli(args, { MOTCUA_AUDIT_DB: db });
    expect(r.code).toBe(2);
  });
});
