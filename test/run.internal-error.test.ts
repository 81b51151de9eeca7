/**
 * Exit 70: a bug inside a run (here a renderer that throws a TypeError, injected with vi.mock)
 * is one line on stderr without a stack (the stack only with --debug), the run is recorded as
 * failed with 70, the lock is released, no half-written run folder is left, the JSON log ends
 * with the code, and the next run completes.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { cli } from './helpers/cli.js';
import { latest, makeProvince, runFolders } from './helpers/run-folder.js';

vi.mock('../src/run/report-files.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/run/report-files.js')>();
  return {
    ...actual,
    writeReportFile: async (...args: Parameters<typeof actual.writeReportFile>) => {
      // The bug: the csv renderer reads a property of undefined.
      if (args[0] === 'csv') return (undefined as unknown as { render(): void }).render();
      return actual.writeReportFile(...args);
    },
  };
});

describe('70: an internal error during a run', () => {
  it('one line, no stack, recorded as failed, lock released, no half folder; the next run completes', async () => {
    const p = makeProvince({ reports: { formats: ['json', 'csv'] } });
    const log = p.at('run.jsonl');
    const r = await cli(['--quiet', 'run', '--config', p.config, '--log-json', log]);
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lỗi: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(`${p.db}.lock`)).toBe(false);
    expect(runFolders(p)).toEqual([]);
    expect(fs.existsSync(p.at('reports', 'latest.json'))).toBe(false);

    const runs = JSON.parse((await cli(['runs', 'list', '--config', p.config, '--format', 'json'])).stdout);
    expect(runs.map((x: { status: string; exitCode: number }) => [x.status, x.exitCode])).toEqual([['failed', 70]]);
    const end = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .at(-1);
    expect(end).toMatchObject({ step: 'run.end', status: 'failed', exitCode: 70, error: 'INTERNAL' });

    const debug = await cli(['--quiet', '--debug', 'run', '--config', p.config]);
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/\n\s+at /);

    const db = new Database(p.db, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // The data was imported before the bug struck; a run without the broken format completes.
    p.writeConfig({ reports: { formats: ['json'] } });
    const next = await cli(['--quiet', 'run', '--config', p.config]);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(latest(p).totals.paperRecords).toBe(101);
    expect(runFolders(p)).toHaveLength(1);
  });
});
