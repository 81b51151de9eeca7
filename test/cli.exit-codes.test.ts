/** The exit-code contract: 0 ok, 1 findings, 2 usage, 3 unreadable input, 4 locked, 70 internal. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from '../src/cli/exit-codes.js';
import { cli, fixture, tempDir } from './helpers/cli.js';

const dir = tempDir();
const db = path.join(dir, 'a.sqlite');
const write = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

function oneLineError(stderr: string) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe('exit codes', () => {
  it('has one table', () => {
    expect(EXIT).toEqual({ OK: 0, FINDINGS: 1, USAGE: 2, INPUT: 3, LOCKED: 4, INTERNAL: 70 });
    expect(exitCodeFor('INGEST_UNREADABLE')).toBe(3);
    expect(exitCodeFor('DB_LOCKED')).toBe(4);
    expect(exitCodeFor('UNIT_REQUIRED')).toBe(2);
    expect(exitCodeFor('INTERNAL')).toBe(70);
  });

  it.each([
    [['no-such-command']],
    [['report', '--format', 'pdf']],
    [['--lang', 'fr', 'report']],
    [['report', '--from', '32/13/2025']],
    [['report', '--fail-on', 'lots']],
    [['import', 'paper']],
  ])('usage error %j → 2', async (args) => {
    const r = await cli(['--db', db, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('help and version exit 0', async () => {
    const h = await cli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Cách dùng');
    expect(h.stdout).toContain('units');
    const en = await cli(['--lang', 'en', 'import', 'paper', '--help']);
    expect(en.stdout).toContain('--unit');
    expect(en.stdout).toContain('Usage');
    expect((await cli(['--version'])).code).toBe(0);
  });

  it('a missing file → 3, one line naming it, and the other files still import', async () => {
    const r = await cli([
      '--db',
      db,
      'import',
      'system',
      path.join(dir, 'missing.xlsx'),
      fixture('demo', 'system', 'xuat-hs-quy1-2025.xlsx'),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.split('\n').filter((l) => l.includes('missing.xlsx'))).toHaveLength(1);
    expect(r.stdout).toContain('xuat-hs-quy1-2025.xlsx');
  });

  it('a CSV without a recognisable header → 3, and the database is unchanged', async () => {
    const before = fs.readFileSync(db);
    const f = write('noheader.csv', 'a,b,c\n1,2,3\n');
    const r = await cli(['--db', db, 'import', 'paper', f, '--unit', 'Sở Tư pháp']);
    expect(r.code).toBe(3);
    expect(oneLineError(r.stderr)).toContain('noheader.csv');
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('missing required columns → 3 with what was found and what is missing', async () => {
    const f = write(
      'nodate.csv',
      'STT,Mã hồ sơ,Thủ tục,Người nộp\n1,000.00.07.H53-250106-0001,Chứng thực,Nguyễn Văn An\n',
    );
    const r = await cli(['--db', db, '--lang', 'en', 'import', 'paper', f, '--unit', 'Sở Tư pháp']);
    expect(r.code).toBe(3);
    const line = oneLineError(r.stderr);
    expect(line).toContain('receivedDate');
    expect(line).toContain('Mã hồ sơ');
    expect(line).toContain('inspect');
  });

  it('random bytes named .xlsx and .csv → 3', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    for (const name of ['random.xlsx', 'random.csv']) {
      const r = await cli(['--db', db, 'import', 'system', write(name, bytes)]);
      expect(r.code, name).toBe(3);
      expect(oneLineError(r.stderr)).toContain(name);
    }
  });

  it('an unknown --sheet → 3 listing the sheets', async () => {
    const r = await cli([
      '--db',
      db,
      'import',
      'paper',
      fixture('demo', 'paper', 'so-tu-phap', 'so-theo-doi-hs-2025.xlsx'),
      '--unit',
      'Sở Tư pháp',
      '--sheet',
      'Quý IV',
    ]);
    expect(r.code).toBe(3);
    expect(oneLineError(r.stderr)).toContain('Quý I');
  });

  it('a paper register without --unit and no unit in its title → 2', async () => {
    const r = await cli(['--db', db, 'import', 'paper', fixture('demo', 'paper', 'go-dau', 'so-theo-doi-2025.csv')]);
    expect(r.code).toBe(2);
    expect(oneLineError(r.stderr)).toContain('--unit');
  });

  it('a database locked by another process → 4', async () => {
    const holder = new Database(db);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const r = await cli(
        [
          '--db',
          db,
          'import',
          'paper',
          fixture('demo', 'paper', 'go-dau', 'so-theo-doi-2025.csv'),
          '--unit',
          'UBND huyện Gò Dầu',
        ],
        { MOTCUA_AUDIT_BUSY_TIMEOUT_MS: '50' },
      );
      expect(r.code).toBe(4);
      oneLineError(r.stderr);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it.each(['json', 'csv', 'xlsx', 'html', 'md'])(
    'a report written where it cannot be (%s) → 2, one line naming the path',
    async (format) => {
      // A path through a file: no folder can be made there.
      const blocker = write(`blocker-${format}`, 'not a folder');
      const out = path.join(blocker, `bao-cao.${format}`);
      for (const lang of ['vi', 'en']) {
        const r = await cli(['--db', db, '--lang', lang, '--quiet', 'report', '--format', format, '--out', out]);
        expect(r.code, r.stderr).toBe(2);
        const line = oneLineError(r.stderr);
        expect(line).toContain(`blocker-${format}`);
        expect(line).toMatch(lang === 'vi' ? /không phải thư mục|cùng tên/ : /not a folder|already there/);
      }
      expect(fs.readFileSync(blocker, 'utf8')).toBe('not a folder');
    },
  );

  it('--debug shows the stack, otherwise never', async () => {
    const r = await cli(['--db', db, '--debug', 'import', 'system', path.join(dir, 'missing.csv')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
