/**
 * The report reads its paper rows and dossiers as raw arrays and makes them objects itself
 * (paperReportRow, systemReportRow: much faster than named rows). Both ways must give the very same
 * rows, every column under its name: checked on the demo province, matched.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMatchReasons, paperReportRow, systemReportRow } from '../src/store/row-reads.js';
import { createLatestTable, PAPER_SQL, SYSTEM_SQL } from '../src/store/report-reads.js';
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

  for (const [name, sql] of [
    ['paper', PAPER_SQL],
    ['system', SYSTEM_SQL],
  ] as const) {
    it(`${name} rows: the same objects as better-sqlite3's named rows`, () => {
      const reasons = loadMatchReasons(db as never);
      const make = (a: unknown[]) => (name === 'paper' ? paperReportRow(a, reasons) : systemReportRow(a));
      // The paper rows' reasons id is read as the text of its list (one string per list).
      const named = (db.prepare(sql).all() as Array<Record<string, unknown>>).map((r) => {
        if ('paperLink' in r) {
          // A dossier's linked rows are read once: `matched` is the count that opens `paperLink`.
          const { paperLink, ...rest } = r;
          return { ...rest, matched: paperLink === null ? 0 : Number(String(paperLink).split('|')[0]), paperLink };
        }
        if (!('reasonsId' in r)) return r;
        const { reasonsId, ...rest } = r;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(rest)) {
          out[k] = v;
          if (k === 'score')
            out.reasonsJson =
              reasonsId === null
                ? null
                : db.prepare('SELECT reasons_json FROM match_reasons WHERE id = ?').pluck().get(reasonsId);
        }
        return out;
      });
      const made = (db.prepare(sql).raw().all() as unknown[][]).map(make);
      expect(named.length).toBeGreaterThan(80);
      expect(Object.keys(made[0]!)).toEqual(Object.keys(named[0]!));
      expect(made).toEqual(named);
      if (name === 'paper') {
        // Every matched row has its reasons, a list of (field, agreement, weight).
        const matched = made.filter((r) => (r as { method: unknown }).method !== null) as Array<{
          reasonsJson: string | null;
        }>;
        expect(matched.length).toBeGreaterThan(40);
        for (const m of matched)
          expect(JSON.parse(m.reasonsJson!)).toContainEqual({
            field: expect.any(String),
            agreement: expect.any(String),
            weight: expect.any(Number),
          });
      }
      // Matched rows carry their match and dossier columns (not only NULLs).
      if (name === 'paper')
        expect(made.filter((r) => (r as { sysCode: unknown }).sysCode !== null).length).toBeGreaterThan(40);
    });
  }
});
