/**
 * The matcher's fast paths give exactly what the plain computations give: keys hashed piece by
 * piece, the name agreement without its similarity, the string distances in reused buffers, the
 * code join limited to member dossiers, shared reason lists, decisions skipped when there are none,
 * and the match inputs read without provenance.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeNeighbours } from '../src/match/search/code-join.js';
import { extractDigitIds } from '../src/normalize/digits.js';
import { DEFAULT_MATCH_CONFIG } from '../src/match/config.js';
import { applyDecisions, attachDecisions } from '../src/match/decisions.js';
import { hashString, PairHasher, SEED_A, SEED_B } from '../src/match/search/hash.js';
import { comparePrepared, nameAgreement, prepareName } from '../src/match/compare/names.js';
import { sharedReasons } from '../src/match/reasons.js';
import { contactDigits } from '../src/normalize/digits.js';
import { preparePaper, prepareSystem } from '../src/match/compare/score.js';
import { damerauLevenshtein, jaro } from '../src/match/compare/strings.js';
import type { PaperCandidate, SystemCandidate } from '../src/match/types.js';
import { openDb } from '../src/store/db.js';
import { LATEST_SYSTEM_SQL, loadMatchInputs } from '../src/store/row-reads.js';
import { cli, tempDir } from './helpers/cli.js';

/** The distance as first written (whole strings, fresh arrays): the reference for the buffered one. */
function referenceDamerau(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}

/** Jaro as first written (boolean arrays per call). */
function referenceJaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const am = new Array<boolean>(a.length).fill(false);
  const bm = new Array<boolean>(b.length).fill(false);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (bm[j] || a[i] !== b[j]) continue;
      am[i] = bm[j] = true;
      m++;
      break;
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!am[i]) continue;
    while (!bm[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  return (m / a.length + m / b.length + (m - t / 2) / m) / 3;
}

const letters = fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyAB0123 '.split(''));
const text = fc.array(letters, { maxLength: 14 }).map((c) => c.join(''));

describe('string distances in reused buffers', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['nguyen', 'nguyen', 0],
    ['nguyen', 'nguyne', 1],
    ['hung', 'hugn', 1],
    ['ca', 'abc', 3],
    ['000.00.07.H53-250312-1004', '000.00.07.H53-250312-1040', 1],
    ['000.00.07.H53-250312-1004', '000.00.07.H53-250321-1004', 1],
  ])('damerauLevenshtein(%j, %j) = %d', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(referenceDamerau(a, b)).toBe(d);
  });

  it('equal the plain computations on random strings (with and without a bound)', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom(1, 2, Number.POSITIVE_INFINITY), (a, b, max) => {
        expect(damerauLevenshtein(a, b, max)).toBe(referenceDamerau(a, b, max));
        expect(jaro(a, b)).toBe(referenceJaro(a, b));
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});

describe('keys hashed piece by piece', () => {
  it('equal hashString of the whole key', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(61, 35, 115, 111),
        fc.array(text, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (prefix, words, spaced) => {
          const h = new PairHasher().start(prefix);
          words.forEach((w, k) => {
            if (k > 0 && spaced) h.char(32);
            h.text(w);
          });
          const key = String.fromCharCode(prefix) + words.join(spaced ? ' ' : '');
          expect([h.first, h.second]).toEqual([hashString(key, SEED_A), hashString(key, SEED_B)]);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('from a position (the last digits of a phone number)', () => {
    const h = new PairHasher().start(100).text('0912345678', 1);
    expect(h.first).toBe(hashString('d912345678', SEED_A));
  });
});

describe('the name agreement alone', () => {
  const names = [
    'Nguyễn Văn An',
    'Nguyen Van An',
    'NGUYỄN VĂN ÂN',
    'Văn An Nguyễn',
    'Nguyễn An',
    'Nguyễn V. An',
    'Nguyễn Văn Ann',
    'Nguyễn Vn Anh',
    'Nguyễn Văn Hùng',
    'Nguyễn Văn Hưng',
    'Trần Thị Bình',
    'Ngọc Hân',
    'NgọcHân',
    'Lê Minh Cường Phát',
    'Lê Phát',
    'Lê Minh Phát',
    'Công ty TNHH Đông Á',
    'Công ty TNHH Thương mại Đông Á',
    'CTY TNHH MTV Đông Á Xanh',
    'HTX Nông nghiệp Phước Thạnh',
    'Ông Trần Văn Ba',
    '',
    null,
  ];

  it.each(names.flatMap((a) => names.map((b) => [a, b] as const)))('%j vs %j', (a, b) => {
    const pa = prepareName(a);
    const pb = prepareName(b);
    expect(nameAgreement(pa, pb)).toBe(comparePrepared(pa, pb).agreement);
  });

  // Figures of the implementation before the split (agreement and similarity computed together).
  it.each([
    ['Nguyễn Văn An', 'Nguyễn Văn An', 'exact', 1],
    ['Nguyễn Văn An', 'Nguyen Van An', 'folded-equal', 0.99],
    ['Nguyễn Văn Hùng', 'Nguyễn Văn Hưng', 'tone-differs', 0.97],
    ['Nguyễn Văn Hùnng', 'Nguyễn Văn Hùng', 'typo', 0.9874999999999999],
    ['Nguyễn Văn Ann', 'Nguyễn Văn An', 'differs', 0.9703703703703703],
    ['Trần Thị Bình', 'Lê Phát', 'differs', 0.25069444444444444],
  ])('%j vs %j: %s, similarity %d', (a, b, agreement, similarity) => {
    expect(comparePrepared(prepareName(a), prepareName(b))).toEqual({ agreement, similarity });
  });
});

describe('the code join limited to member dossiers', () => {
  it('visits the same member neighbours as the join over every dossier', () => {
    const code = (n: number) => `000.00.07.H53-250312-${String(1000 + n)}`;
    const system: SystemCandidate[] = Array.from({ length: 40 }, (_, i) => ({
      codeKey: code(i * 3),
      unitId: 1 + (i % 2),
      applicant: 'X',
      procedure: null,
      receivedDate: '2025-03-12',
    }));
    const paper: PaperCandidate[] = [code(3), code(31), code(60).replace('060', '006'), 'SHORT', null].map((k, i) => ({
      id: i + 1,
      unitId: 1,
      codeKey: k,
      applicant: 'Y',
      procedure: null,
      receivedDate: '2025-03-12',
    }));
    const pp = paper.map((p) => preparePaper(p, DEFAULT_MATCH_CONFIG));
    const ps = system.map((s) => prepareSystem(s, DEFAULT_MATCH_CONFIG));
    const members = Uint8Array.from(system, (_, i) => (i % 3 === 0 ? 0 : 1));
    const all = new CodeNeighbours(pp, ps);
    const some = new CodeNeighbours(pp, ps, members);
    for (const cap of [0, 1, 30]) {
      for (let k = 0; k < pp.length; k++) {
        const a: number[] = [];
        const b: number[] = [];
        all.forEach(
          k,
          members,
          cap,
          () => true,
          (i) => a.push(i),
        );
        some.forEach(
          k,
          members,
          cap,
          () => true,
          (i) => b.push(i),
        );
        expect(b).toEqual(a);
      }
    }
  });
});

describe('shared reason lists and skipped decisions', () => {
  it('one list per content', () => {
    const a = sharedReasons([
      { field: 'code', agreement: 'exact', weight: 12.29 },
      { field: 'unit', agreement: 'agree', weight: 0 },
    ]);
    const b = sharedReasons([
      { field: 'code', agreement: 'exact', weight: 12.29 },
      { field: 'unit', agreement: 'agree', weight: 0 },
    ]);
    const c = sharedReasons([
      { field: 'code', agreement: 'exact', weight: 12.29 },
      { field: 'unit', agreement: 'missing', weight: 0 },
    ]);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(JSON.stringify(b)).toBe(
      '[{"field":"code","agreement":"exact","weight":12.29},{"field":"unit","agreement":"agree","weight":0}]',
    );
  });

  it('no decisions: nothing attached, nothing decided', () => {
    const paper: PaperCandidate[] = [
      {
        id: 1,
        unitId: 1,
        codeKey: 'A',
        applicant: null,
        procedure: null,
        receivedDate: null,
        contentKey: 'k',
        baseName: 'f',
      },
    ];
    expect(attachDecisions([], paper).size).toBe(0);
    const out = applyDecisions([], paper, [
      { codeKey: 'A', unitId: 1, applicant: null, procedure: null, receivedDate: null },
    ]);
    expect(out).toEqual({ links: [], decidedPaper: new Set(), takenSystem: new Set(), outcomes: [] });
  });
});

describe('phone/ID digits of a contact text, found at once when it has too few digits', () => {
  it.each([
    ['Ấp 3, xã Phước Thạnh, ĐT 0912.345.678', ['0912345678']],
    ['+84 912 345 678; CCCD 072085001234', ['072085001234', '0912345678']],
    ['Số 12/3 đường 30/4, khu phố 5', []],
    ['', []],
  ])('%s', (text, expected) => {
    expect(contactDigits(text)).toEqual(expected);
  });
  it('gives what extractDigitIds gives, for any text', () => {
    const piece = fc.constantFrom(
      '0',
      '9',
      '1',
      '84',
      '+84',
      ' ',
      '.',
      '-',
      'ĐT',
      'ấp',
      '/',
      '12',
      '0912',
      '345678',
      ',',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
        (text) => {
          expect(contactDigits(text)).toEqual(extractDigitIds(text));
        },
      ),
      { numRuns: 3000, seed: 3 },
    );
  });
});

describe('match inputs without provenance', () => {
  it('the same rows and matching fields, without the provenance fields', async () => {
    const dir = tempDir('motcua-inputs-');
    const file = path.join(dir, 'a.sqlite');
    const demo = 'fixtures/demo';
    for (const args of [
      ['units', 'import', `${demo}/units.csv`],
      ['import', 'system', `${demo}/system/xuat-hs-6thang-2025.csv`],
      ['import', 'paper', `${demo}/paper/go-dau/so-theo-doi-2025.csv`, '--unit', 'UBND huyện Gò Dầu'],
    ]) {
      const r = await cli(['--db', file, '--quiet', ...args]);
      expect(r.code, r.stderr).toBe(0);
    }
    const db = openDb(file);
    try {
      const full = loadMatchInputs(db);
      const lean = loadMatchInputs(db, { provenance: false });
      expect(full.paper.length).toBeGreaterThan(0);
      expect(lean.paper).toEqual(
        full.paper.map(({ contentKey: _c, baseName: _b, sheet: _s, rowNumber: _r, ...rest }) => rest),
      );
      expect(lean.system).toEqual(full.system.map(({ code: _c, ...rest }) => rest));
    } finally {
      db.close();
    }
  });
});

describe('the latest state of each dossier, read in one pass over the code index', () => {
  it(
    'is the state LATEST_SYSTEM_SQL picks: newest as-of, then import, row number and id; replaced imports left ' +
      'out',
    async () => {
      const dir = tempDir('motcua-latest-');
      const file = path.join(dir, 'a.sqlite');
      for (const args of [
        ['units', 'import', 'fixtures/demo/units.csv'],
        ['import', 'system', 'fixtures/demo/system/xuat-hs-6thang-2025.csv'],
        ['import', 'system', 'fixtures/demo/system/xuat-hs-quy1-2025.xlsx'],
      ]) {
        const r = await cli(['--db', file, '--quiet', ...args]);
        expect(r.code, r.stderr).toBe(0);
      }
      const db = openDb(file);
      try {
        // Crafted states of a few dossiers: each wins or loses on one key of the order.
        const codes = db
          .prepare('SELECT DISTINCT code_key FROM system_rows ORDER BY code_key LIMIT 6')
          .pluck()
          .all() as string[];
        const copy =
          db.prepare(`INSERT INTO system_rows(import_id, sheet, row_number, unit_id, code, code_key, applicant, procedure, received_date, due_date, result_date, returned_date, status, as_of)
        SELECT import_id + ?, 'Khác', row_number + ?, unit_id, code, code_key, ? || applicant, procedure, received_date, due_date, result_date, returned_date, status, printf('%04d', substr(as_of, 1, 4) + ?) || substr(as_of, 5)
        FROM system_rows WHERE code_key = ? ORDER BY id LIMIT 1`);
        const replaced = db
          .prepare(`INSERT INTO imports(kind, path, base_name, sha256, size, format, rows_read, rows_imported, rows_skipped, details_json, imported_at, status)
        VALUES ('system', 'old.csv', 'old.csv', 'x', 0, 'csv', 0, 0, 0, '{}', '2025-01-01T00:00:00Z', 'replaced')`)
          .run().lastInsertRowid as number;
        copy.run(0, 0, 'later ', 1, codes[0]!); // newer as of (a year on)
        copy.run(0, 0, 'earlier ', -1, codes[1]!); // older as of
        copy.run(0, 5, 'row ', 0, codes[2]!); // same as of and import, later row
        copy.run(0, 0, 'tie ', 0, codes[3]!); // every key equal but the id
        copy.run(0, 0, 'tie again ', 0, codes[3]!);
        copy.run(0, 0, 'replaced ', 2, codes[4]!); // newest, but in a replaced import
        db.prepare(`UPDATE system_rows SET import_id = ? WHERE applicant LIKE 'replaced %'`).run(replaced);
        const expected = db
          .prepare(
            `SELECT code_key AS codeKey, code, unit_id AS unitId, applicant, procedure, received_date AS receivedDate FROM (${LATEST_SYSTEM_SQL}) ORDER BY code_key`,
          )
          .all();
        const { system } = loadMatchInputs(db);
        expect(system.length).toBeGreaterThan(50);
        expect(system).toEqual(expected);
        const applicant = (k: string) => system.find((x) => x.codeKey === k)!.applicant!;
        expect(applicant(codes[0]!)).toMatch(/^later /);
        expect(applicant(codes[1]!)).not.toMatch(/^earlier /);
        expect(applicant(codes[2]!)).toMatch(/^row /);
        expect(applicant(codes[3]!)).toMatch(/^tie again /);
        expect(applicant(codes[4]!)).not.toMatch(/^replaced /);
      } finally {
        db.close();
      }
    },
  );
});

describe('the window index orders dossiers by day', () => {
  it('finds by key and scans by day whatever the spread of days (counting or comparison sort)', async () => {
    const { NO_DAY, WindowIndex } = await import('../src/match/search/window-index.js');
    for (const days of [[5, 3, null, 3, 9, 1], [null, null], [0, 3_000_000, -5, 12, 12, null], []]) {
      const index = new WindowIndex({
        count: days.length,
        unit: () => 1,
        day: (i) => days[i]!,
        special: (i) => i % 2 === 0,
        keys: (i) => ['k', `x${i}`],
      });
      const expected = days
        .map((d, i) => [d, i] as const)
        .filter(([d]) => d !== null)
        .sort((a, b) => a[0]! - b[0]! || a[1] - b[1])
        .map(([, i]) => i);
      const scanned: number[] = [];
      index.scan(1, -1e9, 1e9, false, (i) => scanned.push(i));
      expect(scanned).toEqual(expected);
      const found: number[] = [];
      expect(index.collect(1, 'k', days.length, new Uint8Array(days.length).fill(1), found)).toBe(true);
      expect(found).toEqual([...expected, ...days.flatMap((d, i) => (d === null ? [i] : []))]);
      expect(Array.from(index.days)).toEqual(days.map((d) => d ?? NO_DAY));
    }
  });

  it('collects the member dossiers of a key up to a limit, and says when there are more', async () => {
    const { WindowIndex } = await import('../src/match/search/window-index.js');
    const days = [4, 1, 7, 2, 9, 3];
    const index = new WindowIndex({
      count: days.length,
      unit: (i) => (i === 5 ? 2 : 1),
      day: (i) => days[i]!,
      special: () => false,
      keys: (i) => (i === 2 ? ['other'] : ['k']),
    });
    const members = Uint8Array.from([1, 1, 1, 0, 1, 1]);
    const out: number[] = [];
    // Members under 'k' in unit 1, in day order: 1 (day 1), 0 (day 4), 4 (day 9); 3 is no member, 2 another key, 5
    // another unit.
    expect(index.collect(1, 'k', 3, members, out)).toBe(true);
    expect(out).toEqual([1, 0, 4]);
    out.length = 0;
    expect(index.collect(1, 'k', 2, members, out)).toBe(false);
    out.length = 0;
    expect(index.collect(2, 'k', 0, members, out)).toBe(false);
    expect(index.collect(1, 'none', 0, members, out)).toBe(true);
    expect(out).toEqual([]);
  });
});
