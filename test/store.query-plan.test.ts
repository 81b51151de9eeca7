import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/store/db.js';
import * as queries from '../src/store/row-reads.js';
import type { Db } from '../src/store/db.js';
import { cli } from './helpers/cli.js';

const demo = 'fixtures/demo';
const BIG_TABLES = new Set(['paper_rows', 'system_rows', 'matches', 'dq_issues']);

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** Aliases of the big tables in a statement ("FROM paper_rows p" → p). */
function bigAliases(sql: string): Set<string> {
  const out = new Set<string>();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    if (BIG_TABLES.has(m[1]!)) out.add(m[2] && !/^(ON|WHERE|JOIN|LEFT|ORDER|GROUP)$/i.test(m[2]) ? m[2] : m[1]!);
  }
  return out;
}

/** Full scans of a big table that sit inside a correlated subquery, or beside another one in the same loop nest. */
function scansInLoops(sql: string, plan: PlanRow[]): string[] {
  const aliases = bigAliases(sql);
  const byId = new Map(plan.map((r) => [r.id, r]));
  const isBigScan = (r: PlanRow) => {
    const m = /^SCAN (\w+)/.exec(r.detail);
    return m !== null && aliases.has(m[1]!);
  };
  const correlated = (r: PlanRow) => {
    for (let p = byId.get(r.parent); p; p = byId.get(p.parent)) if (p.detail.includes('CORRELATED')) return true;
    return false;
  };
  const bad = plan.filter((r) => isBigScan(r) && correlated(r)).map((r) => `correlated: ${r.detail}`);
  const perNest = new Map<number, PlanRow[]>();
  for (const r of plan.filter(isBigScan)) perNest.set(r.parent, [...(perNest.get(r.parent) ?? []), r]);
  for (const rows of perNest.values())
    if (rows.length > 1) bad.push(`nested: ${rows.map((r) => r.detail).join(' × ')}`);
  return bad;
}

describe('query plans of the report and match queries', () => {
  let dir: string;
  let db: Db;
  const statements: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-eqp-'));
    const file = path.join(dir, 'a.sqlite');
    for (const args of [
      ['units', 'import', `${demo}/units.csv`],
      ['import', 'system', `${demo}/system/xuat-hs-quy1-2025.xlsx`, `${demo}/system/xuat-hs-6thang-2025.csv`],
      ['import', 'paper', `${demo}/paper/go-dau/so-theo-doi-2025.csv`, '--unit', 'UBND huyện Gò Dầu'],
      ['match'],
    ]) {
      const r = await cli(['--db', file, '--quiet', ...args]);
      expect(r.code, r.stderr).toBe(0);
    }
    db = openDb(file);
    // Plans as for a province, not for the few rows of the fixtures: without statistics the planner
    // assumes big tables (the import's PRAGMA optimize may have measured these tiny ones).
    const hasStats = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get();
    if (hasStats) db.exec('DELETE FROM sqlite_stat1; ANALYZE sqlite_schema;');
    const prepare = db.prepare.bind(db);
    (db as { prepare: Db['prepare'] }).prepare = ((sql: string) => {
      if (/^\s*SELECT/i.test(sql)) statements.push(sql);
      return prepare(sql);
    }) as Db['prepare'];
    queries.loadMatchInputs(db);
    queries.loadPaperRows(db);
    queries.loadSystemDossiers(db);
    queries.loadCoverage(db);
    queries.loadDqIssues(db);
    queries.loadImportSources(db);
    (db as { prepare: Db['prepare'] }).prepare = prepare;
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('captured the statements', () => {
    expect(statements.length).toBeGreaterThanOrEqual(6);
  });

  it('never scans a big table inside a correlated subquery or a join loop', () => {
    for (const sql of statements) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as PlanRow[];
      expect(scansInLoops(sql, plan), sql.replace(/\s+/g, ' ')).toEqual([]);
    }
  });

  it("reads the matcher's inputs in the order they are wanted, without sorting them", () => {
    const plans = statements
      .filter((sql) => /FROM (paper_rows p|system_rows s) CROSS JOIN imports/.test(sql))
      .map((sql) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as PlanRow[]).map((r) => r.detail).join(' | '));
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(plan).not.toMatch(/TEMP B-TREE/);
    // Paper rows in id order; dossier states grouped by code through the code index.
    expect(plans.some((plan) => /^SCAN p\b/.test(plan))).toBe(true);
    expect(plans.some((plan) => /SCAN s USING (COVERING )?INDEX system_rows_code/.test(plan))).toBe(true);
  });

  it('the check itself catches a correlated full scan', () => {
    const sql =
      'SELECT p.id, (SELECT COUNT(*) FROM system_rows s WHERE s.applicant LIKE p.applicant) FROM paper_rows p';
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as PlanRow[];
    expect(scansInLoops(sql, plan).length).toBeGreaterThan(0);
  });
});
