/**
 * Issue 19, items 7 and 11: report files are written by a temporary file beside them and a rename,
 * never through a symbolic link at the output path, in every format; a full disk exits 3 and
 * leaves the earlier report intact; a closed pipe (`report … | head -1`) is no crash; the paths
 * of the run config stay inside its folder, and `reports.mode` keeps the owner able to read and
 * write and everyone else out.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, FIXED_NOW, fixture, importDemo, tempDir } from './helpers/cli.js';
import { makeProvince } from './helpers/run-folder.js';

const BIN = fileURLToPath(new URL('../bin/motcua-audit.js', import.meta.url));
const dir = tempDir('motcua-out-');
const outside = tempDir('motcua-outside-');
const db = path.join(dir, 'audit.sqlite');
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});
beforeAll(async () => {
  await importDemo(db);
});
const mode = (f: string) => fs.statSync(f).mode & 0o777;
const leftovers = (folder: string) => fs.readdirSync(folder).filter((n) => n.endsWith('.part'));

describe('report --out never writes through a symbolic link', () => {
  it.each(['html', 'md', 'csv', 'json', 'xlsx', 'table'])(
    '%s: the link is replaced, its target untouched',
    async (format) => {
      const target = path.join(outside, `victim-${format}.txt`);
      fs.writeFileSync(target, 'keep me');
      fs.chmodSync(target, 0o644);
      const out = path.join(dir, `link.${format === 'table' ? 'txt' : format}`);
      fs.symlinkSync(target, out);
      const r = await cli(['--db', db, 'report', '--format', format, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
      expect(mode(target)).toBe(0o644);
      expect(fs.lstatSync(out).isSymbolicLink()).toBe(false);
      expect(fs.statSync(out).size).toBeGreaterThan(100);
      expect(mode(out)).toBe(0o600);
      expect(leftovers(dir)).toEqual([]);
    },
  );
});

describe('a full disk while writing a report: exit 3, the earlier report intact', () => {
  afterEach(() => vi.restoreAllMocks());
  const enospc = () =>
    Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    });

  it.each(['html', 'md', 'csv', 'json'])('%s', async (format) => {
    const out = path.join(dir, `full.${format}`);
    expect((await cli(['--db', db, 'report', '--format', format, '--out', out])).code).toBe(0);
    const before = fs.readFileSync(out);
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw enospc();
    });
    for (const lang of ['vi', 'en']) {
      const r = await cli(['--db', db, '--lang', lang, 'report', '--format', format, '--out', out]);
      expect(r.code).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(out);
      expect(r.stderr).toMatch(
        lang === 'vi' ? /ổ đĩa đầy; không có tệp nào bị ghi dở/ : /disk full; nothing was half-written/,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    vi.restoreAllMocks();
    expect(fs.readFileSync(out).equals(before)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('xlsx (streamed)', async () => {
    const out = path.join(dir, 'full.xlsx');
    expect((await cli(['--db', db, 'report', '--format', 'xlsx', '--out', out])).code).toBe(0);
    const before = fs.readFileSync(out);
    vi.spyOn(fs, 'write').mockImplementation(((...args: unknown[]) => {
      const cb = args[args.length - 1] as (e: Error) => void;
      process.nextTick(() => cb(enospc()));
    }) as typeof fs.write);
    const r = await cli(['--db', db, '--lang', 'en', 'report', '--format', 'xlsx', '--out', out]);
    vi.restoreAllMocks();
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('disk full');
    expect(fs.readFileSync(out).equals(before)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('a closed pipe is no crash (report … | head -1)', () => {
  /** Runs the real CLI with its standard output closed by the reader before anything is written. */
  function closedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, MOTCUA_AUDIT_NOW: FIXED_NOW },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  }

  it.each([
    ['report csv', ['report', '--format', 'csv']],
    ['report md', ['report', '--format', 'md']],
    ['report table', ['report']],
    ['units list', ['units', 'list']],
  ])('%s: exit 0, no stack trace', async (_name, args) => {
    const r = await closedPipe(['--db', db, ...args]);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at |Error/);
    expect(r.code).toBe(0);
  });

  it('import: exit 0, the file imported', async () => {
    const fresh = path.join(dir, 'pipe.sqlite');
    const r = await closedPipe([
      '--db',
      fresh,
      'import',
      'system',
      fixture('demo', 'system', 'xuat-hs-quy1-2025.xlsx'),
    ]);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at |Error/);
    expect(r.code).toBe(0);
    const list = JSON.parse((await cli(['--db', fresh, 'units', 'list', '--format', 'json'])).stdout) as Array<{
      systemDossiers: number;
    }>;
    expect(list.reduce((n, u) => n + u.systemDossiers, 0)).toBeGreaterThan(0);
  });
});

describe('config paths stay inside the config folder (run --config)', () => {
  it.each([
    ['database', (p: ReturnType<typeof makeProvince>) => fs.symlinkSync(outside, p.at('data')), {}],
    ['reports.dir', (p: ReturnType<typeof makeProvince>) => fs.symlinkSync(outside, p.at('reports')), {}],
    [
      'units',
      (p: ReturnType<typeof makeProvince>) => {
        fs.rmSync(p.at('units.csv'));
        fs.writeFileSync(path.join(outside, 'units.csv'), 'code,name,aliases\n');
        fs.symlinkSync(path.join(outside, 'units.csv'), p.at('units.csv'));
      },
      {},
    ],
    ['database', () => undefined, { database: '../audit.sqlite' }],
    ['database', () => undefined, { database: path.join(outside, 'audit.sqlite') }],
    ['reports.dir', () => undefined, { reports: { dir: '../reports' } }],
    ['reports.mode', () => undefined, { reports: { mode: '0000' } }],
    ['reports.mode', () => undefined, { reports: { mode: '0777' } }],
  ])(
    '%s escaping (or a mode that locks the owner out or lets others in): exit 2 naming the key, nothing created',
    async (key, plant, patch) => {
      const p = makeProvince();
      try {
        plant(p);
        p.writeConfig(patch);
        const before = fs.readdirSync(outside).sort();
        const r = await cli(['--lang', 'en', 'run', '--config', p.config]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(`audit.json: ${key}: expected`);
        expect(fs.readdirSync(outside).sort()).toEqual(before);
        expect(fs.existsSync(p.db)).toBe(false);
      } finally {
        fs.rmSync(p.dir, { recursive: true, force: true });
      }
    },
  );

  it('the same config with the folders inside runs (exit 0)', async () => {
    const p = makeProvince({ reports: { dir: 'reports', formats: ['json'], mode: '0640' } });
    try {
      const r = await cli(['--quiet', 'run', '--config', p.config]);
      expect(r.code, r.stderr).toBe(0);
    } finally {
      fs.rmSync(p.dir, { recursive: true, force: true });
    }
  });
});
