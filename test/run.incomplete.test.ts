/**
 * Issue 19.10: a run killed while writing its reports leaves a run folder with some files, a
 * `.part` file of the workbook being written and perhaps `latest.json.<pid>.tmp`. The next run
 * removes them and says so; complete folders of earlier runs stay.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/store/db.js';
import { startRun } from '../src/store/runs.js';
import { createRunFolder, runFolderName } from '../src/run/report-dir.js';
import { cli } from './helpers/cli.js';
import { makeProvince, runFolders } from './helpers/run-folder.js';

const dirs: string[] = [];
afterAll(() =>
  dirs.forEach((d) => {
    fs.rmSync(d, { recursive: true, force: true });
  }),
);

/**
 * Leaves what a run SIGKILLed half-way through its report files leaves: its row still `running`, its folder
 * half-written.
 */
function killedRun(db: string, reports: string, pid = 999_999): { name: string } {
  const h = openDb(db);
  let id: number;
  try {
    id = startRun(h, { startedAt: '2025-07-20T03:05:00.000Z', pid, hostname: 'may-chu', configPath: 'audit.json' });
  } finally {
    h.close();
  }
  const dir = createRunFolder(reports, runFolderName(new Date('2025-07-20T03:05:00.000Z'), id), 0o600);
  fs.writeFileSync(path.join(dir, 'bao-cao.json'), '{"schema":"motcua-audit/report@1","totals":{"paperRec', {
    mode: 0o600,
  });
  fs.writeFileSync(path.join(dir, `.bao-cao.xlsx.${pid}.part`), Buffer.from('PK\u0003\u0004 half a workbook'), {
    mode: 0o600,
  });
  fs.writeFileSync(path.join(reports, `latest.json.${pid}.tmp`), '{"schema":', { mode: 0o600 });
  return { name: path.basename(dir) };
}

describe('issue 19.10: the next run removes what a killed run left in the reports folder', () => {
  it.each(['vi', 'en'] as const)(
    'the half-written folder and the .part and .tmp files go, with one warning line each; complete folders stay (%s)',
    async (lang) => {
      const p = makeProvince();
      dirs.push(p.dir);
      const first = await cli(['--quiet', 'run', '--config', p.config]);
      expect(first.code, first.stderr).toBe(0);
      const [complete] = runFolders(p);
      const { name } = killedRun(p.db, p.reports);
      expect(runFolders(p)).toHaveLength(2);

      const next = await cli(['--lang', lang, 'run', '--config', p.config]);
      expect(next.code, next.stderr).toBe(0);
      const warned = next.stderr.trim().split('\n');
      expect(warned).toEqual(
        lang === 'vi'
          ? [
              `cảnh báo: đã xoá ${name}: báo cáo ghi dở của một lần chạy bị ngắt trước đó`,
              `cảnh báo: đã xoá latest.json.999999.tmp: báo cáo ghi dở của một lần chạy bị ngắt trước đó`,
            ]
          : [
              `warning: removed ${name}: the half-written reports of an earlier, interrupted run`,
              'warning: removed latest.json.999999.tmp: the half-written reports of an earlier, interrupted run',
            ],
      );
      const folders = runFolders(p);
      expect(folders).toHaveLength(2);
      expect(folders).toContain(complete);
      expect(folders).not.toContain(name);
      const leftovers = fs
        .readdirSync(p.reports, { recursive: true })
        .map(String)
        .filter((f) => /\.part$|\.tmp$/.test(f));
      expect(leftovers).toEqual([]);
      // The killed run is recorded as interrupted; a third run has nothing to remove.
      const list = JSON.parse((await cli(['runs', 'list', '--config', p.config, '--format', 'json'])).stdout);
      expect(list.map((r: { status: string }) => r.status)).toEqual(
        expect.arrayContaining(['interrupted', 'completed']),
      );
      const third = await cli(['run', '--config', p.config]);
      expect(third.code).toBe(0);
      expect(third.stderr).toBe('');
    },
  );

  it('a folder of a run this database does not know is left alone, unless it holds a .part file', async () => {
    const p = makeProvince();
    dirs.push(p.dir);
    const foreign = createRunFolder(p.reports, runFolderName(new Date('2025-06-01T01:00:00.000Z'), 4242), 0o600);
    fs.writeFileSync(path.join(foreign, 'bao-cao.json'), '{}');
    const foreignPart = createRunFolder(p.reports, runFolderName(new Date('2025-06-02T01:00:00.000Z'), 4243), 0o600);
    fs.writeFileSync(path.join(foreignPart, '.bao-cao.xlsx.1.part'), 'x');
    const r = await cli(['--lang', 'en', 'run', '--config', p.config]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      `warning: removed ${path.basename(foreignPart)}: the half-written reports of an earlier, interrupted run`,
    ]);
    expect(fs.existsSync(foreign)).toBe(true);
  });
});
