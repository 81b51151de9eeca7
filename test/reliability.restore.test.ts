/**
 * Issue 19.8 and 19.9: a database restored with `sqlite3 .dump` (every table, user_version 0) is
 * recognised from its tables and carries on, or is refused with one line saying why, and `doctor`
 * says what the commands do; a healthy database in a folder that cannot be written is healthy
 * to `doctor`, and `report` reads it (exit 0).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/schema.js';
import { detectSchemaVersion } from '../src/store/schema-detect.js';
import { cli, FIXED_NOW, fixture, importDemo, tempDir } from './helpers/cli.js';
import { dumpDatabase } from './helpers/hostile-files.js';

const BIN = fileURLToPath(new URL('../bin/motcua-audit.js', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) {
    fs.chmodSync(path.join(d, 'ro'), 0o755);
    fs.rmSync(d, { recursive: true, force: true });
  }
});
const fresh = (): string => {
  const d = tempDir('motcua-restore-');
  fs.mkdirSync(path.join(d, 'ro'));
  dirs.push(d);
  return d;
};

/**
 * What `sqlite3 old.db .dump | sqlite3 new.db` makes: every table created from its stored SQL and
 * filled, then the indexes; `PRAGMA user_version` is not part of a dump, so it is 0.
 */
function dumpRestore(from: string, to: string): void {
  const src = new Database(from, { readonly: true });
  const objects = src
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'table' DESC, rowid",
    )
    .all() as Array<{ type: string; name: string; sql: string }>;
  src.close();
  const dst = new Database(to);
  dst.exec(`ATTACH DATABASE '${from.replace(/'/g, "''")}' AS old`);
  dst.exec('BEGIN');
  for (const o of objects) {
    dst.exec(`${o.sql};`);
    if (o.type === 'table') dst.exec(`INSERT INTO main."${o.name}" SELECT * FROM old."${o.name}"`);
  }
  dst.exec('COMMIT');
  dst.exec('DETACH DATABASE old');
  expect(dst.pragma('user_version', { simple: true })).toBe(0);
  dst.close();
}

const report = async (db: string) => {
  const r = await cli(['--db', db, 'report', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('issue 19.8: a database restored from a dump (user_version 0)', () => {
  it(
    'is recognised from its tables: doctor says so (exit 0), every command works and gives the same report, the ' +
      'version is written back',
    async () => {
      const d = fresh();
      const original = path.join(d, 'goc.sqlite');
      await importDemo(original);
      const want = await report(original);
      const restored = path.join(d, 'khoi-phuc.sqlite');
      dumpRestore(original, restored);

      const doc = await cli(['--db', restored, '--lang', 'en', 'doctor']);
      expect(doc.code, doc.stdout).toBe(0);
      expect(doc.stdout).toContain(
        `! Schema version: not recorded (0, as after a restore with sqlite3 .dump); the tables are ` +
          `version ${SCHEMA_VERSION}, recorded by the next command`,
      );
      const vi = await cli(['--db', restored, 'doctor']);
      expect(vi.stdout).toContain(`các bảng đúng phiên bản ${SCHEMA_VERSION}, sẽ được ghi lại ở lệnh tiếp theo`);

      expect(await report(restored)).toEqual(want);
      const h = new Database(restored, { readonly: true });
      expect(h.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      h.close();
      const after = await cli(['--db', restored, '--lang', 'en', 'doctor']);
      expect(after.stdout).toContain(`✔ Schema version: ${SCHEMA_VERSION} (current)`);
      const imp = await cli([
        '--db',
        restored,
        'import',
        'paper',
        fixture('demo', 'paper-update', 'trang-bang', 'so-tiep-nhan-2025.xlsx'),
        '--unit',
        'UBND thị xã Trảng Bàng',
      ]);
      expect(imp.code, imp.stderr).toBe(0);
    },
  );

  it.each(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1))(
    'the tables of version %i are recognised as that version, and upgraded after a backup',
    async (v) => {
      const d = fresh();
      const db = path.join(d, `v${v}.sqlite`);
      const h = new Database(db);
      for (const step of MIGRATIONS.slice(0, v)) h.exec(step);
      expect(detectSchemaVersion(h)).toBe(v);
      h.close();
      const r = await cli(['--db', db, 'units', 'import', fixture('demo', 'units.csv')]);
      expect(r.code, r.stderr).toBe(0);
      const after = new Database(db, { readonly: true });
      expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      after.close();
      expect(fs.existsSync(`${db}.schema-v${v}.bak`)).toBe(v < SCHEMA_VERSION);
    },
  );

  it(
    'tables of no version: every command refuses in one ' +
      'line (exit 3), doctor fails (exit 1), nothing ' +
      'changed',
    async () => {
      const d = fresh();
      const original = path.join(d, 'goc.sqlite');
      await importDemo(original);
      const restored = path.join(d, 'la.sqlite');
      dumpRestore(original, restored);
      const h = new Database(restored);
      h.exec('ALTER TABLE units ADD COLUMN ghi_chu TEXT');
      h.close();
      const before = dumpDatabase(restored);
      for (const args of [
        ['report', '--format', 'json'],
        ['import', 'paper', fixture('demo', 'paper', 'go-dau', 'so-theo-doi-2025.csv'), '--unit', 'UBND huyện Gò Dầu'],
        ['units', 'list'],
        ['match'],
      ]) {
        const r = await cli(['--db', restored, '--lang', 'en', ...args]);
        expect(r.code, `${args[0]}: ${r.stderr}`).toBe(3);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(
          'the database has tables but no schema version (user_version = 0, as after a restore with sqlite3 ' +
            ".dump) and its tables are no version of motcua-audit's; nothing was changed",
        );
      }
      const doc = await cli(['--db', restored, '--lang', 'en', 'doctor']);
      expect(doc.code).toBe(1);
      expect(doc.stdout).toContain(
        '✘ Schema version: not recorded (0) and the tables are no known version; every command refuses this database',
      );
      expect(dumpDatabase(restored)).toBe(before);
    },
  );
});

/**
 * Runs the built CLI in `folder` made read-only: for the current user when not root (the folder's
 * mode), else as user nobody (root writes anywhere) owning the files, the folder mode 0555.
 */
/**
 * A JSON report with every file name reduced to its base name: reports name files relative to the
 * working folder (issue 23), so the same audit seen from the read-only folder names the demo's
 * registers (outside that folder) by base name, and from the repository by their relative path.
 */
function sameAudit(json: string): unknown {
  return JSON.parse(json, (key, value: unknown) =>
    key === 'file' && typeof value === 'string' ? path.basename(value) : value,
  );
}

function runReadOnly(
  base: string,
  args: string[],
  filesToo = false,
): { status: number | null; stdout: string; stderr: string } {
  const ro = path.join(base, 'ro');
  const root = process.getuid?.() === 0;
  const files = fs.readdirSync(ro).map((n) => path.join(ro, n));
  if (root) {
    for (const f of [base, ro, ...files]) fs.chownSync(f, 65534, 65534);
  }
  // As on a read-only mount: the files themselves cannot be written either.
  if (filesToo) for (const f of files) fs.chmodSync(f, 0o400);
  fs.chmodSync(ro, 0o555);
  try {
    const cmd = root
      ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]
      : [process.execPath];
    const r = spawnSync(cmd[0]!, [...cmd.slice(1), BIN, ...args], {
      cwd: ro,
      encoding: 'utf8',
      env: { ...process.env, MOTCUA_AUDIT_NOW: FIXED_NOW },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.chmodSync(ro, 0o755);
    if (filesToo) for (const f of files) fs.chmodSync(f, 0o600);
  }
}

const privateCopies = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('motcua-audit-ro-')).length;

describe('issue 19.9: a database in a folder that cannot be written', () => {
  it(
    'doctor calls the healthy database healthy (exit 0); report reads it (exit 0) and gives the same report as ' +
      'in a writable folder',
    async () => {
      const d = fresh();
      const db = path.join(d, 'ro', 'audit.sqlite');
      await importDemo(db);
      const want = await cli(['--db', db, 'report', '--format', 'json']);
      expect(want.code).toBe(0);
      expect(fs.readdirSync(path.join(d, 'ro'))).toEqual(['audit.sqlite']);
      const copies = privateCopies();

      const doc = runReadOnly(d, ['--lang', 'en', '--db', 'audit.sqlite', 'doctor']);
      expect(doc.status, doc.stdout + doc.stderr).toBe(0);
      expect(doc.stdout).toContain('✔ Integrity (integrity_check): ok');
      expect(doc.stdout).toContain('Verdict: the database is healthy');
      expect(doc.stdout).not.toMatch(/DAMAGED|restore a backup/);

      const rep = runReadOnly(d, ['--db', 'audit.sqlite', 'report', '--format', 'json']);
      expect(rep.status, rep.stderr).toBe(0);
      expect(sameAudit(rep.stdout)).toEqual(sameAudit(want.stdout));
      expect(privateCopies()).toBe(copies);
    },
  );

  it(
    'a report that must match first matches in its private copy (exit 0, every row counted); a write command is ' +
      'refused (exit 3)',
    async () => {
      const d = fresh();
      const db = path.join(d, 'ro', 'audit.sqlite');
      await importDemo(db);
      const whole = await report(db);
      // Stale again: an import not yet matched.
      expect(
        (
          await cli([
            '--db',
            db,
            'import',
            'paper',
            fixture('demo', 'paper-update', 'trang-bang', 'so-tiep-nhan-2025.xlsx'),
            '--unit',
            'UBND thị xã Trảng Bàng',
          ])
        ).code,
      ).toBe(0);
      // Another reader keeps the WAL and its index beside the database: SQLite then opens it there and
      // would only fail when the report stores the matches it makes first.
      const reader = new Database(db, { readonly: true });
      reader.prepare('SELECT COUNT(*) FROM paper_rows').get();
      expect(fs.readdirSync(path.join(d, 'ro')).sort()).toEqual([
        'audit.sqlite',
        'audit.sqlite-shm',
        'audit.sqlite-wal',
      ]);
      let rep: ReturnType<typeof runReadOnly>;
      try {
        rep = runReadOnly(d, ['--db', 'audit.sqlite', 'report', '--format', 'json'], true);
      } finally {
        reader.close();
      }
      expect(rep.status, rep.stderr).toBe(0);
      expect(JSON.parse(rep.stdout).totals.paperRecords).toBeGreaterThan(0);
      expect(JSON.parse(rep.stdout).totals).not.toEqual(whole.totals);
      const before = dumpDatabase(db);
      const imp = runReadOnly(d, [
        '--lang',
        'en',
        '--db',
        'audit.sqlite',
        'import',
        'paper',
        fixture('demo', 'paper', 'go-dau', 'so-theo-doi-2025.csv'),
        '--unit',
        'UBND huyện Gò Dầu',
      ]);
      expect(imp.status, imp.stderr).toBe(3);
      expect(imp.stderr.trim().split('\n')).toHaveLength(1);
      expect(dumpDatabase(db)).toBe(before);
      // Back in a writable folder, the report matches and stores, and equals the read-only one.
      const now = await cli(['--db', db, 'report', '--format', 'json']);
      expect(sameAudit(now.stdout)).toEqual(sameAudit(rep.stdout));
    },
  );
});
