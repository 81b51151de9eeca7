/**
 * The report reads its paper rows and dossiers as raw arrays and makes them objects itself
 * (paperReportRow, systemReportRow: much faster than named rows). Both ways must give the very same
 * rows, every column under its name: checked on the demo province, matched.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperReportRow, systemReportRow } from '../src/store/queries.js';
import { createLatestTable, PAPER_SQL, SYSTEM_SQL } from '../src/store/report-stream.js';
import { cli, importDemo, tempDir } from './helpers/cli.js';

const dir = tempDir('motcua-report-rows-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'audit.sqlite');

describe('raw report rows made objects', () => {
  let db: Database.Database;
  beforeAll(async () => {
    await importDemo(file);
    expect((await cli(['--db', file, 'match'])).code).toBe(0);
    db = new Database(file);
    createLatestTable(db as never);
  });
  afterAll(() => db?.close());

  for (const [name, sql, make] of [['paper', PAPER_SQL, paperReportRow], ['system', SYSTEM_SQL, systemReportRow]] as const) {
    it(`${name} rows: the same objects as better-sqlite3's named rows`, () => {
      const named = db.prepare(sql).all() as Array<Record<string, unknown>>;
      const made = (db.prepare(sql).raw().all() as unknown[][]).map((a) => make(a));
      expect(named.length).toBeGreaterThan(80);
      expect(Object.keys(made[0]!)).toEqual(db.prepare(sql).columns().map((c) => c.name));
      expect(made).toEqual(named);
      // Matched rows carry their match and dossier columns (not only NULLs).
      if (name === 'paper') expect(made.filter((r) => (r as { sysCode: unknown }).sysCode !== null).length).toBeGreaterThan(40);
    });
  }
});
