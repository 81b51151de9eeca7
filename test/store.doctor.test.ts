/** `doctor`: one screen, exit 0 when healthy and 1 on problems, and it never changes the database. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../src/store/doctor.js';
import { SCHEMA_VERSION } from '../src/store/schema.js';
import { cli, fixture, tempDir } from './helpers/cli.js';
import { dumpDatabase, randomBytes } from './helpers/hostile-files.js';

const dir = tempDir('motcua-doctor-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const base = path.join(dir, 'base.sqlite');
const paperCopy = path.join(dir, 'so-hs-xa-2025.csv');
const systemCopy = path.join(dir, 'xuat-hs-quy1-2025.xlsx');
let n = 0;

/** A fresh copy of the healthy database, to damage. */
function copy(): string {
  const p = path.join(dir, `case-${++n}.sqlite`);
  fs.copyFileSync(base, p);
  fs.chmodSync(p, 0o600);
  return p;
}

function edit(db: string, f: (h: Database.Database) => void): void {
  const h = new Database(db);
  try {
    h.pragma('foreign_keys = OFF');
    f(h);
  } finally {
    h.close();
  }
}

async function doctor(db: string) {
  const r = await cli(['--db', db, '--lang', 'en', 'doctor']);
  expect(r.stderr).not.toContain('    at ');
  return r;
}

describe('doctor', () => {
  beforeAll(async () => {
    fs.copyFileSync(fixture('demo', 'paper', 'phuoc-thanh', 'so-hs-xa-2025.csv'), paperCopy);
    fs.copyFileSync(fixture('demo', 'system', 'xuat-hs-quy1-2025.xlsx'), systemCopy);
    for (const args of [
      ['units', 'import', fixture('demo', 'units.csv')],
      ['import', 'system', systemCopy],
      ['import', 'paper', paperCopy, '--unit', 'UBND xã Phước Thạnh'],
      ['match'],
    ])
      expect((await cli(['--db', base, ...args])).code).toBe(0);
  });

  it('a healthy database: every check ✔, one screen, exit 0, and the database untouched', async () => {
    const db = copy();
    const dump = dumpDatabase(db);
    const bytes = fs.readFileSync(db);
    const r = await doctor(db);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines.filter((l) => l.startsWith('✔'))).toHaveLength(7);
    expect(r.stdout).toContain('Integrity (integrity_check): ok');
    expect(r.stdout).toContain(`Schema version: ${SCHEMA_VERSION} (current)`);
    expect(r.stdout).toContain('Imported files: 2 still on disk, unchanged');
    expect(r.stdout).toContain('healthy');
    expect(dumpDatabase(db)).toBe(dump);
    expect(fs.readFileSync(db).equals(bytes)).toBe(true);
    const vi = await cli(['--db', db, 'doctor']);
    expect(vi.stdout).toContain('Kết luận: cơ sở dữ liệu tốt');
    const json = JSON.parse((await cli(['--db', db, 'doctor', '--format', 'json'])).stdout);
    expect(json.healthy).toBe(true);
    expect(json.checks.map((c: { id: string }) => c.id)).toEqual([
      'integrity',
      'schema',
      'orphans',
      'row-counts',
      'files',
      'wal',
      'permissions',
    ]);
  });

  it('no database → exit 2 with one line', async () => {
    const r = await doctor(path.join(dir, 'none.sqlite'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a file that is not a database → integrity ✘, exit 1', async () => {
    const db = path.join(dir, 'random.sqlite');
    fs.writeFileSync(db, randomBytes(64 * 1024, 9));
    const r = await doctor(db);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✘ Integrity: DAMAGED.*SQLITE_NOTADB/);
  });

  it('damaged pages → integrity ✘, exit 1', async () => {
    const db = copy();
    const buf = fs.readFileSync(db);
    // Overwrite the middle of every page after the schema pages: b-tree pages no longer parse.
    for (let p = 4096 * 3; p + 4096 <= buf.length; p += 4096) randomBytes(512, p).copy(buf, p + 1024);
    fs.writeFileSync(db, buf);
    const r = await doctor(db);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✘ Integrity: DAMAGED');
  });

  it('orphan rows → ✘, exit 1', async () => {
    const db = copy();
    edit(db, (h) => {
      const row = h.prepare('SELECT * FROM paper_rows LIMIT 1').get() as Record<string, unknown>;
      h.prepare(
        'INSERT INTO paper_rows(import_id, sheet, row_number, unit_id, returned_on_paper, content_key, raw_json) VALUES (9999, NULL, 1, ?, 0, ?, ?)',
      ).run(row.unit_id, 'x', '[]');
    });
    const r = await doctor(db);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✘ Orphan rows: 1 row(s)');
    expect(r.stdout).toContain('paper_rows → imports: 1');
  });

  it('an import missing some of its rows (half-written) → ✘, exit 1', async () => {
    const db = copy();
    edit(db, (h) =>
      h.prepare('DELETE FROM paper_rows WHERE id IN (SELECT id FROM paper_rows ORDER BY id DESC LIMIT 3)').run(),
    );
    const r = await doctor(db);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✘ Rows per import: 1\/2 imports/);
    expect(r.stdout).toContain('so-hs-xa-2025.csv');
  });

  it('a newer schema → ✘ exit 1; an older one → ! (upgraded on the next write), exit 0', async () => {
    const newer = copy();
    edit(newer, (h) => h.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    expect((await doctor(newer)).code).toBe(1);
    const older = copy();
    edit(older, (h) => h.pragma(`user_version = ${SCHEMA_VERSION - 1}`));
    const r = await doctor(older);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`! Schema version: ${SCHEMA_VERSION - 1}, upgraded to ${SCHEMA_VERSION}`);
  });

  it('imported files missing or changed on disk, loose permissions, a big WAL → ! notes, exit 0', async () => {
    const db = copy();
    fs.chmodSync(db, 0o644);
    const saved = fs.readFileSync(paperCopy);
    fs.appendFileSync(paperCopy, '\n');
    fs.renameSync(systemCopy, `${systemCopy}.moved`);
    try {
      const r = await doctor(db);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('! Imported files: 1 no longer on disk, 1 changed since import');
      expect(r.stdout).toContain(`~ ${paperCopy}`);
      expect(r.stdout).toContain(`- ${systemCopy}`);
      expect(r.stdout).toContain('! Permissions');
    } finally {
      fs.writeFileSync(paperCopy, saved);
      fs.renameSync(`${systemCopy}.moved`, systemCopy);
    }
    const holder = new Database(db);
    holder.pragma('wal_autocheckpoint = 0');
    holder.exec("INSERT INTO meta(key, value) VALUES ('doctor-test', 'x')");
    try {
      const wal = runDoctor(db, { walWarnBytes: 1 }).checks.find((c) => c.id === 'wal')!;
      expect(wal.status).toBe('warn');
      expect(Number(wal.params.bytes)).toBeGreaterThan(0);
    } finally {
      holder.close();
    }
  });
});
