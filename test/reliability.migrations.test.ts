/**
 * Schema migrations from every earlier version: a database left at version v (0 … current-1),
 * holding data, is upgraded by the next command to the current version, keeps its data, passes
 * the integrity check and `doctor`, and leaves a 0600 backup of the old file.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrateFrom } from '../src/store/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/schema.js';
import { cli, fixture, tempDir } from './helpers/cli.js';

const dir = tempDir('motcua-migrate-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database at schema version `v`, with one unit, one import and two paper rows when v >= 1. */
function databaseAt(v: number, name = `v${v}`): string {
  const file = path.join(dir, `${name}.sqlite`);
  const db = new Database(file);
  for (let i = 0; i < v; i++) db.exec(MIGRATIONS[i]!);
  db.pragma(`user_version = ${v}`);
  if (v >= 1) {
    db.prepare(
      "INSERT INTO units(id, code, code_key, name, name_key, official, created_at) VALUES (1, '000.00.19.H53', '00.19.H53', 'UBND huyện Gò Dầu', 'huyen go dau', 1, '2025-01-01')",
    ).run();
    db.prepare(`INSERT INTO imports(id, kind, path, base_name, sha256, size, format, encoding, unit_id, rows_read, rows_imported, rows_skipped, details_json, imported_at)
      VALUES (1, 'paper', 'so.csv', 'so.csv', 'abc', 10, 'csv', 'utf-8', 1, 2, 2, 0, '{}', '2025-01-01')`).run();
    const row =
      db.prepare(`INSERT INTO paper_rows(import_id, sheet, row_number, unit_id, code, code_key, applicant, procedure, received_date, returned_on_paper, content_key, raw_json)
      VALUES (1, NULL, ?, 1, ?, ?, 'Người nộp', 'Chứng thực', '2025-01-06', 0, ?, '[]')`);
    row.run(2, '000.00.19.H53-250106-0001', '00.19.H53-250106-0001', 'k1');
    row.run(3, '000.00.19.H53-250106-0002', '00.19.H53-250106-0002', 'k2');
  }
  db.close();
  fs.chmodSync(file, 0o600);
  return file;
}

describe('migrations from every earlier schema version', () => {
  it.each(Array.from({ length: SCHEMA_VERSION }, (_, v) => v))('from version %i to the current one', async (v) => {
    const file = databaseAt(v);
    const r = await cli(['--db', file, 'units', 'import', fixture('demo', 'units.csv')]);
    expect(r.code, r.stderr).toBe(0);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      if (v >= 1)
        expect((db.prepare('SELECT COUNT(*) AS n FROM paper_rows WHERE import_id = 1').get() as { n: number }).n).toBe(
          2,
        );
    } finally {
      db.close();
    }
    if (v >= 1) {
      const backup = `${file}.schema-v${v}.bak`;
      expect((fs.statSync(backup).mode & 0o777).toString(8)).toBe('600');
      const old = new Database(backup, { readonly: true });
      expect(old.pragma('user_version', { simple: true })).toBe(v);
      old.close();
    }
    const doctor = await cli(['--db', file, '--lang', 'en', 'doctor']);
    expect(doctor.stdout).toContain('Integrity (integrity_check): ok');
    expect(doctor.stdout).toContain(`Schema version: ${SCHEMA_VERSION} (current)`);
    expect(doctor.stdout).toContain('✔ Orphan rows: none');
  });
});

describe('version 4: match reasons stored once per distinct list', () => {
  it(
    'moves the links of a version 3 database over, each ' +
      'with its very reasons, and keeps them through a ' +
      'report',
    async () => {
      const file = databaseAt(3, 'v3-matches');
      const old = new Database(file);
      const code = JSON.stringify([{ field: 'code', agreement: 'exact', weight: 9 }]);
      const fuzzy = JSON.stringify([
        { field: 'applicant', agreement: 'exact', weight: 4.5 },
        { field: 'date', agreement: 'near', weight: 1 },
      ]);
      const link = old.prepare(
        'INSERT INTO matches(paper_row_id, system_code_key, method, score, reasons_json, matched_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      link.run(1, '00.19.H53-250106-0001', 'code', 1, code, '2025-07-01T00:00:00.000Z');
      link.run(2, '00.19.H53-250106-0009', 'fuzzy', 0.91, fuzzy, '2025-07-01T00:00:00.000Z');
      old.close();
      expect((await cli(['--db', file, 'units', 'import', fixture('demo', 'units.csv')])).code).toBe(0);
      const db = new Database(file, { readonly: true });
      try {
        expect(
          db
            .prepare(
              'SELECT m.paper_row_id AS id, m.method, m.score, r.reasons_json AS reasons FROM matches m JOIN match_reasons r ON r.id = m.reasons_id ORDER BY 1',
            )
            .all(),
        ).toEqual([
          { id: 1, method: 'code', score: 1, reasons: code },
          { id: 2, method: 'fuzzy', score: 0.91, reasons: fuzzy },
        ]);
        expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
        expect(db.prepare("SELECT name FROM pragma_table_info('matches') ORDER BY cid").pluck().all()).toEqual([
          'paper_row_id',
          'system_code_key',
          'method',
          'score',
          'reasons_id',
          'matched_at',
        ]);
      } finally {
        db.close();
      }
    },
  );
});

/** The state two racing migrations must leave: current schema, data kept, intact, one backup of v1. */
function expectMigratedOnce(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT COUNT(*) AS n FROM paper_rows').get() as { n: number }).n).toBe(2);
  } finally {
    db.close();
  }
  const old = new Database(`${file}.schema-v1.bak`, { readonly: true });
  expect(old.pragma('user_version', { simple: true })).toBe(1);
  old.close();
  expect(fs.readdirSync(dir).filter((n) => n.startsWith(path.basename(file)) && n.endsWith('.tmp'))).toEqual([]);
}

describe('two processes migrating one database at once', () => {
  it(
    'the one that read the old version before the other migrated finds the work done (user_version re-read in ' +
      'the transaction)',
    () => {
      const file = databaseAt(1, 'race');
      const a = new Database(file);
      const b = new Database(file);
      try {
        const seenByA = a.pragma('user_version', { simple: true }) as number;
        expect(seenByA).toBe(1);
        migrate(b, file);
        // Without the re-read, A would run migration 2 again: "table … already exists".
        expect(() => migrateFrom(a, file, seenByA)).not.toThrow();
      } finally {
        a.close();
        b.close();
      }
      expectMigratedOnce(file);
    },
  );

  it('four real processes opening an old database at the same moment all succeed', async () => {
    const file = databaseAt(1, 'race-processes');
    const dbModule = fileURLToPath(new URL('../dist/store/db.js', import.meta.url));
    const script = `const { openDb } = await import(${JSON.stringify(dbModule)}); openDb(process.argv[1]).close();`;
    const results = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], {
              stdio: ['ignore', 'ignore', 'pipe'],
            });
            let stderr = '';
            child.stderr.on('data', (d) => (stderr += d));
            child.on('close', (code) => resolve({ code, stderr }));
          }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ code: 0, stderr: '' })));
    expectMigratedOnce(file);
  });
});
