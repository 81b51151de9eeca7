/** Matching shared by unit with a worker thread gives the very result of matching on one thread. */
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_CONFIG } from '../src/match/config.js';
import type { Decision } from '../src/match/decisions.js';
import { matchAll, tiersFor } from '../src/match/match-run.js';
import {
  matchAllThreaded,
  matchThreadFallbacks,
  matchThreadSetting,
  matchThreadsUsed,
  packedBuffers,
  packShare,
  unpackShare,
} from '../src/match/threads.js';
import type { PaperCandidate, SystemCandidate } from '../src/match/types.js';
import { openDb } from '../src/store/db.js';
import { loadMatchInputs } from '../src/store/row-reads.js';
// @ts-expect-error: a JavaScript script without types
import { writeBenchData } from '../scripts/bench-data.mjs';
import { cli, tempDir } from './helpers/cli.js';

let dir = '';
let dbFile = '';
let paper: PaperCandidate[] = [];
let system: SystemCandidate[] = [];

/** Province-like data (the benchmark's generator: 8 units, every register layout), imported. */
beforeAll(async () => {
  dir = tempDir('motcua-threads-');
  const data = path.join(dir, 'data');
  const files = (await writeBenchData({ dossiers: 3000, seed: 11, out: data })) as {
    unitsFile: string;
    system: Array<{ file: string }>;
    registers: Array<{ file: string; unit: string }>;
  };
  dbFile = path.join(dir, 'a.sqlite');
  const steps = [
    ['units', 'import', files.unitsFile],
    ...files.system.map((s) => ['import', 'system', s.file]),
    ...files.registers.map((p) => ['import', 'paper', p.file, '--unit', p.unit]),
  ];
  for (const args of steps) {
    const r = await cli(['--db', dbFile, '--quiet', ...args]);
    expect(r.code, r.stderr).toBe(0);
  }
  const db = openDb(dbFile);
  try {
    ({ paper, system } = loadMatchInputs(db));
  } finally {
    db.close();
  }
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Decisions on a few rows: matches (one taking a dossier another row's code points to) and no-matches. */
function someDecisions(): Decision[] {
  const rows = paper.filter((_, i) => i % 97 === 5).slice(0, 12);
  return rows.map((p, k) => ({
    id: k + 1,
    contentKey: p.contentKey!,
    baseName: p.baseName!,
    sheet: p.sheet ?? null,
    rowNumber: p.rowNumber ?? null,
    occurrence: 1,
    decision: k % 3 === 0 ? 'no-match' : 'match',
    systemCode: k % 3 === 0 ? null : system[k * 13]!.codeKey,
    systemCodeKey: k % 3 === 0 ? null : system[k * 13]!.codeKey,
    note: null,
    decidedAt: `2025-07-${String(10 + k).padStart(2, '0')}T00:00:00Z`,
  }));
}

describe('a share as it crosses to the worker', () => {
  it(
    'comes back as the same rows (what scoring reads), nulls, repeated texts and digits included, its numbers ' +
      'moved',
    () => {
      const p: PaperCandidate[] = [
        {
          id: 7,
          unitId: 2,
          codeKey: 'H53-250107-0002',
          applicant: 'Nguyễn Văn An',
          procedure: 'Cấp GCN QSDĐ',
          receivedDate: '2025-01-07',
          digits: ['0912345678'],
          contentKey: 'k',
          baseName: 'so.csv',
          sheet: null,
          rowNumber: 4,
        },
        {
          id: 9_007_199_254,
          unitId: 3,
          codeKey: null,
          applicant: null,
          procedure: null,
          receivedDate: null,
          contact: 'Ấp 3, ĐT 0912.345.679',
        },
        {
          id: 11,
          unitId: 2,
          codeKey: null,
          applicant: 'CTY TNHH Đông Á',
          procedure: 'Cấp GCN QSDĐ',
          receivedDate: '2025-01-07',
          digits: [],
        },
      ];
      const s: SystemCandidate[] = [
        {
          codeKey: 'H53-250107-0002',
          code: '000.00.07.H53-250107-0002',
          unitId: 2,
          applicant: 'Nguyễn Văn An',
          procedure: 'Cấp GCN QSDĐ',
          receivedDate: '2025-01-07',
        },
        {
          codeKey: 'H53-250108-0001',
          unitId: 3,
          applicant: null,
          procedure: null,
          receivedDate: null,
          contact: '0912345679',
        },
      ];
      const packed = packShare({ paper: p, system: s, free: Uint8Array.from([1, 0]) });
      expect(packed.texts).toEqual(['Cấp GCN QSDĐ', '2025-01-07']);
      const { port1, port2 } = new MessageChannel();
      port1.postMessage(packed, packedBuffers(packed));
      const crossed = receiveMessageOnPort(port2)!.message as typeof packed;
      port1.close();
      expect(packed.paperId.length).toBe(0); // moved, not copied
      const back = unpackShare(crossed);
      expect(back.paper).toEqual([
        {
          id: 7,
          unitId: 2,
          codeKey: 'H53-250107-0002',
          applicant: 'Nguyễn Văn An',
          procedure: 'Cấp GCN QSDĐ',
          receivedDate: '2025-01-07',
          digits: ['0912345678'],
        },
        {
          id: 9_007_199_254,
          unitId: 3,
          codeKey: null,
          applicant: null,
          procedure: null,
          receivedDate: null,
          digits: ['0912345679'],
        },
        {
          id: 11,
          unitId: 2,
          codeKey: null,
          applicant: 'CTY TNHH Đông Á',
          procedure: 'Cấp GCN QSDĐ',
          receivedDate: '2025-01-07',
          digits: [],
        },
      ]);
      expect(back.system).toEqual([
        {
          codeKey: 'H53-250107-0002',
          unitId: 2,
          applicant: 'Nguyễn Văn An',
          procedure: 'Cấp GCN QSDĐ',
          receivedDate: '2025-01-07',
          digits: [],
        },
        {
          codeKey: 'H53-250108-0001',
          unitId: 3,
          applicant: null,
          procedure: null,
          receivedDate: null,
          digits: ['0912345679'],
        },
      ]);
      expect([...back.free]).toEqual([1, 0]);
    },
  );
});

describe('matching shared by unit with a worker thread', () => {
  it('reads its setting from MOTCUA_AUDIT_MATCH_THREAD', () => {
    expect([
      matchThreadSetting('always'),
      matchThreadSetting('never'),
      matchThreadSetting(undefined),
      matchThreadSetting('2'),
    ]).toEqual(['always', 'never', 'auto', 'auto']);
  });

  it.each([
    ['without decisions', () => [] as Decision[]],
    ['with decisions', someDecisions],
  ])(
    'gives the links, review candidates and decision outcomes of one thread, %s',
    (_what, decisions) => {
      const config = DEFAULT_MATCH_CONFIG;
      const one = matchAll(paper, system, { config, decisions: decisions(), tiers: tiersFor(config) });
      const used = matchThreadsUsed();
      const fallbacks = matchThreadFallbacks();
      const progress: Array<[number, number]> = [];
      const two = matchAllThreaded(paper, system, {
        config,
        decisions: decisions(),
        setting: 'always',
        onProgress: (d, t) => progress.push([d, t]),
      });
      expect(matchThreadsUsed()).toBe(used + 1);
      expect(matchThreadFallbacks()).toBe(fallbacks);
      // Every method and the review band are reached, so the comparison means something.
      expect(new Set(one.links.map((l) => l.method))).toEqual(
        new Set(decisions().length > 0 ? ['code', 'fuzzy', 'manual'] : ['code', 'fuzzy']),
      );
      expect(one.review.length).toBeGreaterThan(0);
      expect(two).toEqual(one);
      // Progress counts the rows of both threads, up to all of them.
      expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
      expect(progress.every(([d], i) => i === 0 || d >= progress[i - 1]![0])).toBe(true);
    },
    60_000,
  );

  it.each([
    ['that throws on its share', 'throw'],
    ['that ends without a word', 'exit'],
    ['that never starts', 'hang'],
  ])(
    'gives the same result when a worker %s is given up (its units matched here)',
    (_what, how) => {
      const script = path.join(dir, `worker-${how}.mjs`);
      fs.writeFileSync(
        script,
        how === 'throw'
          ? `import { workerData } from 'node:worker_threads';
           const { port, signal } = workerData;
           Atomics.store(signal, 0, 1);
           port.on('message', () => { port.postMessage({ t: 'error', message: 'broken' }); Atomics.add(signal, 1, 1); Atomics.notify(signal, 1); port.close(); });`
          : how === 'exit'
            ? `import { workerData } from 'node:worker_threads'; Atomics.store(workerData.signal, 0, 1); ` +
              `process.exit(0);`
            : `setInterval(() => {}, 1000);`,
      );
      const config = DEFAULT_MATCH_CONFIG;
      const one = matchAll(paper, system, { config, tiers: tiersFor(config) });
      const fallbacks = matchThreadFallbacks();
      const two = matchAllThreaded(paper, system, {
        config,
        setting: 'always',
        workerScript: script,
        startMs: 1_000,
        stallMs: 2_000,
      });
      expect(matchThreadFallbacks()).toBe(fallbacks + 1);
      expect(two).toEqual(one);
    },
    60_000,
  );

  it('stores the same match from the CLI on one thread and on two', async () => {
    const dump = (file: string) => {
      const db = openDb(file);
      try {
        return [
          db
            .prepare(
              'SELECT m.paper_row_id, m.system_code_key, m.method, m.score, r.reasons_json FROM matches m JOIN match_reasons r ON r.id = m.reasons_id ORDER BY 1',
            )
            .raw()
            .all(),
          db
            .prepare(
              'SELECT paper_row_id, system_code_key, rank, score, reasons_json FROM review_candidates ORDER BY 1, 3',
            )
            .raw()
            .all(),
        ];
      } finally {
        db.close();
      }
    };
    const stored: unknown[] = [];
    for (const setting of ['never', 'always']) {
      const file = path.join(dir, `${setting}.sqlite`);
      fs.copyFileSync(dbFile, file);
      const used = matchThreadsUsed();
      const r = await cli(['--db', file, '--quiet', 'match'], { MOTCUA_AUDIT_MATCH_THREAD: setting });
      expect(r.code, r.stderr).toBe(0);
      expect(matchThreadsUsed()).toBe(used + (setting === 'always' ? 1 : 0));
      stored.push(dump(file));
    }
    expect((stored[0] as unknown[][])[0]!.length).toBeGreaterThan(1000);
    expect(stored[1]).toEqual(stored[0]);
  }, 60_000);
});
