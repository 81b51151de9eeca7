/**
 * The streamed report (findings in a temporary store, read back in order) against the in-memory
 * model on the demo province: same counters, same findings in the same order, same JSON bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatusTable } from '../src/normalize/status.js';
import { PaperIdAssigner } from '../src/report/model/accumulate.js';
import { arrayFindingSet, materialize } from '../src/report/model/finding-set.js';
import { renderReportJson } from '../src/report/render/json.js';
import { sectionFilter, SECTIONS } from '../src/i18n/index.js';
import { buildReport } from '../src/report/model/build.js';
import type { Report, ReportFilters } from '../src/report/model/types.js';
import { CollationRanks, compareFindings } from '../src/report/model/order.js';
import { buildProvenance } from '../src/report/model/provenance.js';
import { writeTextFile } from '../src/report/render/sink.js';
import { computeTimeliness } from '../src/report/model/timeliness.js';
import { getMeta, openDb, type Db } from '../src/store/db.js';
import { loadReviewRows } from '../src/store/match-store.js';
import {
  loadCoverage,
  loadDqIssues,
  loadImportSources,
  loadPaperRows,
  loadSystemDossiers,
  loadUnits,
} from '../src/store/row-reads.js';
import { createLatestTable } from '../src/store/report-reads.js';
import { loadReportShapes, loadReportUnits, openStreamedReport } from '../src/audit/report-stream.js';
import { cli, importDemo, tempDir } from './helpers/cli.js';

const GENERATED = '2025-07-20T03:00:00.000Z';
const statusTable = buildStatusTable();

/** The report as the in-memory model builds it from fully loaded rows (the reference). */
function reference(db: Db, filters: ReportFilters, unitId: number | null): Report {
  const units = loadReportUnits(db);
  const paper = loadPaperRows(db);
  const system = loadSystemDossiers(db);
  // The demo has rows that are not one-to-one (transfers, supplement cycles, batch rows): the model takes their shapes.
  createLatestTable(db);
  const { shapes, dossiers } = loadReportShapes(db);
  expect(shapes.size).toBeGreaterThan(0);
  const report = buildReport({
    units,
    paper,
    system,
    coverage: loadCoverage(db),
    dq: loadDqIssues(db),
    review: loadReviewRows(db),
    statusTable,
    filters,
    unitId,
    generatedAt: GENERATED,
    shapes,
    dossiers,
  });
  report.timeliness = computeTimeliness({
    units,
    system,
    statusTable,
    filters,
    unitId,
    order: report.units.map((u) => u.unit),
  });
  // The tie-out counts a row linked only as a further row of a dossier or as a batch row in the tier of its evidence.
  const tier = (p: (typeof paper)[number]) => {
    const shape = shapes.get(p.id);
    if (p.method !== null || !shape || !shape.dossiers.some((k) => dossiers.has(k))) return p.method;
    return shape.evidence.includes('same-code') || shape.evidence.includes('listed-code') ? 'code' : 'fuzzy';
  };
  const tied = paper.map((p) => ({ ...p, method: tier(p) }));
  report.provenance = buildProvenance({
    report,
    units,
    sources: loadImportSources(db),
    paper: tied,
    system,
    unitId,
    matchedAt: getMeta(db, 'matched_at'),
  });
  return report;
}

describe('streamed report = in-memory model (demo province)', () => {
  const dir = tempDir();
  const file = path.join(dir, 'audit.sqlite');
  let db: Db;

  beforeAll(async () => {
    await importDemo(file);
    expect((await cli(['--db', file, 'match'])).code).toBe(0);
    db = openDb(file);
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cases: Array<[string, ReportFilters, () => number | null]> = [
    ['whole province', { unit: null, from: null, to: null }, () => null],
    [
      'one unit',
      { unit: 'UBND huyện Gò Dầu', from: null, to: null },
      () => loadUnits(db).find((u) => u.name === 'UBND huyện Gò Dầu')!.id,
    ],
    ['a date range', { unit: null, from: '2025-02-01', to: '2025-04-30' }, () => null],
  ];

  it.each(cases)(
    '%s: same counters, timeliness, provenance and findings in the same order',
    (_name, filters, unitOf) => {
      const unitId = unitOf();
      const ref = reference(db, filters, unitId);
      const opened = openStreamedReport(db, { filters, statusTable, unitId, generatedAt: GENERATED });
      try {
        const whole = materialize(opened.report);
        expect(ref.findings.length).toBeGreaterThan(10);
        expect(whole).toEqual(ref);
        // Byte for byte the JSON the in-memory model gives.
        expect(renderReportJson(opened.report)).toBe(`${JSON.stringify(ref, null, 2)}\n`);
        // Each section read back alone, with its count.
        for (const section of SECTIONS) {
          const expected = ref.findings.filter(sectionFilter(section));
          expect([...opened.report.findings.iterate(section)], section).toEqual(expected);
          expect(opened.report.findings.count(section), section).toBe(expected.length);
        }
        expect(opened.report.findings.count()).toBe(ref.findings.length);
      } finally {
        opened.close();
      }
    },
  );

  it('orders findings that tie on unit, category, file, sheet and row by code, rule and id', () => {
    const opened = openStreamedReport(db, {
      filters: { unit: null, from: null, to: null },
      statusTable,
      unitId: null,
      generatedAt: GENERATED,
    });
    try {
      const systemOnly = [...opened.report.findings.iterate('system_only')];
      const byUnit = new Map<string, string[]>();
      for (const f of systemOnly) byUnit.set(f.unit, [...(byUnit.get(f.unit) ?? []), f.system!.code]);
      // The demo has units with several system-only dossiers: one tie group each, sorted by code.
      expect(Math.max(...[...byUnit.values()].map((c) => c.length))).toBeGreaterThan(2);
      for (const codes of byUnit.values()) expect(codes).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
      expect(systemOnly).toEqual([...systemOnly].sort(compareFindings()));
    } finally {
      opened.close();
    }
  });

  it('leaves nothing behind in the database: no temporary table, no change to the file', () => {
    const before = fs.readFileSync(file);
    const opened = openStreamedReport(db, {
      filters: { unit: null, from: null, to: null },
      statusTable,
      unitId: null,
      generatedAt: GENERATED,
    });
    opened.close();
    expect(db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table'").all()).toEqual([]);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('CollationRanks (integer ranks in Vietnamese collation order)', () => {
  const cases: Array<[string, string[], string, string, '<' | '=' | '>']> = [
    ['D before Đ', ['Đông', 'Dương'], 'Dương', 'Đông', '<'],
    ['tones after the base letter', ['Bá', 'Ba', 'Bà'], 'Ba', 'Bá', '<'],
    [
      'NFC and NFD are the same name',
      ['Sở Tư pháp'.normalize('NFD'), 'Sở Tư pháp'.normalize('NFC')],
      'Sở Tư pháp'.normalize('NFD'),
      'Sở Tư pháp'.normalize('NFC'),
      '=',
    ],
    ['digits one by one, as the collator compares them', ['so-2.xlsx', 'so-10.xlsx'], 'so-10.xlsx', 'so-2.xlsx', '<'],
    ['empty first', ['', 'a'], '', 'a', '<'],
    ['unknown after every known', ['a', 'b'], 'b', 'zzz', '<'],
  ];
  it.each(cases)('%s', (_why, values, a, b, rel) => {
    const ranks = new CollationRanks(values);
    const d = ranks.of(a) - ranks.of(b);
    expect(rel === '<' ? d < 0 : rel === '=' ? d === 0 : d > 0).toBe(true);
  });
});

describe('writeReportJson', () => {
  const head: Omit<Report, 'findings'> = {
    schema: 'motcua-audit/report@2',
    generatedAt: GENERATED,
    filters: { unit: null, from: null, to: null },
    totals: buildReport({
      units: [],
      paper: [],
      system: [],
      coverage: [],
      dq: [],
      statusTable,
      filters: { unit: null, from: null, to: null },
      unitId: null,
      generatedAt: GENERATED,
    }).totals,
    units: [],
  };
  it.each([
    ['no findings', []],
    [
      'one finding with nested objects',
      [
        {
          id: 'q-1',
          category: 'data_quality',
          unit: 'U "1"',
          rule: 'date_invalid',
          column: 'Ngày',
          rawValue: '=1+1\n',
          paper: null,
          system: null,
          match: null,
        },
      ],
    ],
  ])('%s: byte for byte JSON.stringify(report, null, 2)', (_name, findings) => {
    const report = { ...head, findings } as Report;
    expect(renderReportJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(renderReportJson({ ...head, findings: arrayFindingSet(report.findings) })).toBe(
      `${JSON.stringify(report, null, 2)}\n`,
    );
  });
});

describe('writeTextFile', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the whole text, owner-only, in chunks', () => {
    const file = path.join(dir, 'out', 'r.json');
    const piece = 'ă'.repeat(1000);
    writeTextFile(file, (write) => {
      for (let i = 0; i < 3000; i++) write(piece);
    });
    expect(fs.readFileSync(file, 'utf8')).toBe(piece.repeat(3000));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves no file (and no partial file) when writing fails, and keeps an older file', () => {
    const file = path.join(dir, 'keep.csv');
    fs.writeFileSync(file, 'old');
    expect(() =>
      writeTextFile(file, (write) => {
        write('x'.repeat(3 << 20));
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});

describe('PaperIdAssigner', () => {
  it('gives stable ids from the code or the content, numbering repeats in row order', () => {
    const ids = new PaperIdAssigner();
    const row = (over: Record<string, unknown>) => ({
      unitId: 1,
      codeKey: null,
      baseName: 'so.xlsx',
      applicant: 'Lê Văn Tám',
      procedure: 'Cấp phiếu',
      receivedDate: '2025-03-01',
      ...over,
    });
    const a = ids.next(row({}));
    const b = ids.next(row({ applicant: 'LÊ VĂN TÁM' }));
    const c = ids.next(row({ codeKey: '000.00.16.H56-250301-0001' }));
    expect(a).toMatch(/^p-[0-9a-f]{12}$/);
    expect(b).toBe(`${a}-2`);
    expect(c).not.toBe(a);
    expect(new PaperIdAssigner().next(row({}))).toBe(a);
  });
});
