/** One-to-one assignment and the whole matcher on crafted conflicts. */
import { describe, expect, it } from 'vitest';
import { assignOneToOne, hungarian } from '../src/match/search/assign.js';
import { DEFAULT_MATCH_CONFIG, resolveMatchConfig } from '../src/match/config.js';
import { matchAll } from '../src/match/match-run.js';
import type { PaperCandidate, SystemCandidate } from '../src/match/types.js';

const U = 1;
let nextId = 1;
const paper = (p: Partial<PaperCandidate>): PaperCandidate => ({
  id: nextId++,
  unitId: U,
  codeKey: null,
  applicant: null,
  procedure: null,
  receivedDate: null,
  ...p,
});
const sys = (codeKey: string, s: Partial<SystemCandidate>): SystemCandidate => ({
  codeKey,
  code: `000.${codeKey}`,
  unitId: U,
  applicant: null,
  procedure: null,
  receivedDate: null,
  ...s,
});

describe('hungarian', () => {
  it.each([
    [
      [
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ],
      5,
    ],
    [
      [
        [1, 2],
        [2, 4],
      ],
      4,
    ],
    [[[0]], 0],
  ])('finds the minimum-cost assignment of %j', (cost, total) => {
    const a = hungarian(cost);
    expect(new Set(a).size).toBe(cost.length);
    expect(a.reduce((s, j, i) => s + cost[i]![j]!, 0)).toBe(total);
  });
});

describe('assignOneToOne', () => {
  it('prefers the best total over first come', () => {
    // Greedy would take P1–S1 (10) and leave P2 alone; the best total is P1–S2 + P2–S1 = 17.
    const chosen = assignOneToOne([
      { p: 'P1', s: 'S1', gain: 10 },
      { p: 'P1', s: 'S2', gain: 8 },
      { p: 'P2', s: 'S1', gain: 9 },
    ]);
    expect(chosen.map((e) => `${e.p}-${e.s}`).sort()).toEqual(['P1-S2', 'P2-S1']);
  });
  it('never uses a row or dossier twice, and keeps separate components apart', () => {
    const edges = [
      { p: 1, s: 'a', gain: 5 },
      { p: 2, s: 'a', gain: 6 },
      { p: 3, s: 'b', gain: 1 },
      { p: 3, s: 'c', gain: 2 },
      { p: 4, s: 'c', gain: 3 },
    ];
    const chosen = assignOneToOne(edges);
    expect(new Set(chosen.map((e) => e.p)).size).toBe(chosen.length);
    expect(new Set(chosen.map((e) => e.s)).size).toBe(chosen.length);
    expect(chosen.map((e) => `${e.p}${e.s}`).sort()).toEqual(['2a', '3b', '4c']);
  });
  it('falls back to greedy on a huge component and stays one-to-one', () => {
    const edges = Array.from({ length: 30 }, (_, i) => ({ p: i % 6, s: i % 5, gain: 1 + (i % 7) }));
    const chosen = assignOneToOne(edges, 2);
    expect(new Set(chosen.map((e) => e.p)).size).toBe(chosen.length);
    expect(new Set(chosen.map((e) => e.s)).size).toBe(chosen.length);
  });
});

describe('matchAll on crafted conflicts', () => {
  it('two paper rows competing for one dossier: the right applicant wins, the other stays unmatched', () => {
    const rightRow = paper({ applicant: 'Nguyễn Văn An', procedure: 'Đăng ký khai sinh', receivedDate: '2025-03-10' });
    const wrongRow = paper({ applicant: 'Nguyễn Văn Ân', procedure: 'Đăng ký khai sinh', receivedDate: '2025-03-12' });
    const s = [
      sys('00.19.H53-250310-0001', {
        applicant: 'Nguyễn Văn An',
        procedure: 'Đăng ký khai sinh',
        receivedDate: '2025-03-10',
      }),
    ];
    const run = matchAll([wrongRow, rightRow], s);
    expect(run.links).toHaveLength(1);
    expect(run.links[0]).toMatchObject({ paperId: rightRow.id, method: 'fuzzy' });
  });
  it('same applicant twice the same day with two procedures: each row gets its own dossier', () => {
    const a = paper({ applicant: 'TRẦN THỊ BÌNH', procedure: 'Chứng thực bản sao', receivedDate: '2025-03-10' });
    const b = paper({
      applicant: 'Tran Thi Binh',
      procedure: 'Cấp Giấy xác nhận tình trạng hôn nhân',
      receivedDate: '2025-03-10',
    });
    const s = [
      sys('00.31.19.H53-250310-0001', {
        applicant: 'Trần Thị Bình',
        procedure: 'Cấp Giấy xác nhận tình trạng hôn nhân',
        receivedDate: '2025-03-10',
      }),
      sys('00.31.19.H53-250310-0002', {
        applicant: 'Trần Thị Bình',
        procedure: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
        receivedDate: '2025-03-10',
      }),
    ];
    const run = matchAll([a, b], s);
    const byPaper = new Map(run.links.map((l) => [l.paperId, l.systemCodeKey]));
    expect(byPaper.get(a.id)).toBe('00.31.19.H53-250310-0002');
    expect(byPaper.get(b.id)).toBe('00.31.19.H53-250310-0001');
  });
  it(
    "a code copied onto another applicant's row is " +
      'contested: the row with the right applicant gets the ' +
      'dossier',
    () => {
      const slipped = paper({
        codeKey: '00.19.H53-250310-0002',
        applicant: 'Lê Văn Cường',
        procedure: 'Đăng ký kết hôn',
        receivedDate: '2025-03-10',
      });
      const owner = paper({ applicant: 'Phạm Thị Dung', procedure: 'Đăng ký khai sinh', receivedDate: '2025-03-10' });
      const s = [
        sys('00.19.H53-250310-0002', {
          applicant: 'Phạm Thị Dung',
          procedure: 'Đăng ký khai sinh',
          receivedDate: '2025-03-10',
        }),
        sys('00.19.H53-250310-0003', {
          applicant: 'Lê Văn Cường',
          procedure: 'Đăng ký kết hôn',
          receivedDate: '2025-03-10',
        }),
      ];
      const run = matchAll([slipped, owner], s);
      const byPaper = new Map(run.links.map((l) => [l.paperId, l]));
      expect(byPaper.get(owner.id)?.systemCodeKey).toBe('00.19.H53-250310-0002');
      expect(byPaper.get(slipped.id)?.systemCodeKey).toBe('00.19.H53-250310-0003');
      expect(byPaper.get(slipped.id)?.reasons).toContainEqual(
        expect.objectContaining({ field: 'code', agreement: 'one-slip' }),
      );
    },
  );
  it('a code whose unit, date and applicant all disagree is not trusted', () => {
    const row = paper({
      unitId: 2,
      codeKey: '00.19.H53-250310-0001',
      applicant: 'Võ Thị Hạnh',
      procedure: 'Đăng ký khai sinh',
      receivedDate: '2025-06-01',
    });
    const s = [
      sys('00.19.H53-250310-0001', {
        applicant: 'Nguyễn Văn An',
        procedure: 'Đăng ký khai sinh',
        receivedDate: '2025-03-10',
      }),
    ];
    expect(matchAll([row], s).links).toEqual([]);
    const trusted = paper({ codeKey: '00.19.H53-250310-0001', applicant: 'Nguyễn Văn An', receivedDate: '2025-06-01' });
    const link = matchAll([trusted], s).links[0]!;
    expect(link).toMatchObject({ method: 'code', score: 1 });
    expect(link.reasons).toContainEqual({ field: 'verification', agreement: 'partly-verified', weight: 0 });
  });
  it('puts a pair between the thresholds in review, never in the links', () => {
    // A letter slip and a date two days off: likely, not sure.
    const row = paper({ applicant: 'Lê Văn Cườn', procedure: 'Đăng ký kết hôn', receivedDate: '2025-03-13' });
    const s = [
      sys('00.19.H53-250311-0001', {
        applicant: 'Lê Văn Cường',
        procedure: 'Đăng ký kết hôn',
        receivedDate: '2025-03-11',
      }),
    ];
    const run = matchAll([row], s);
    expect(run.links).toEqual([]);
    expect(run.review).toHaveLength(1);
    expect(run.review[0]!.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_CONFIG.lower);
    expect(run.review[0]!.score).toBeLessThan(DEFAULT_MATCH_CONFIG.upper);
    // The same pair is a match when the auditor lowers the threshold, and no pair when the review band is closed.
    expect(matchAll([row], s, { config: resolveMatchConfig({ upper: 0.6 }) }).links).toHaveLength(1);
    expect(matchAll([row], s, { config: resolveMatchConfig({ lower: 0.79 }) }).review).toHaveLength(0);
  });
  it('recognises a day↔month swap', () => {
    const row = paper({ applicant: 'Đỗ Thanh Tùng', procedure: 'Chứng thực chữ ký', receivedDate: '2025-05-03' });
    const s = [
      sys('00.19.H53-250305-0004', {
        applicant: 'Đỗ Thanh Tùng',
        procedure: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
        receivedDate: '2025-03-05',
      }),
    ];
    const link = matchAll([row], s).links[0]!;
    expect(link.reasons).toContainEqual(
      expect.objectContaining({ field: 'receivedDate', agreement: 'day-month-swap' }),
    );
  });
  it('is deterministic: the same input in any order gives the same links', () => {
    const rows = [
      paper({ applicant: 'Nguyễn Văn An', procedure: 'Đăng ký khai sinh', receivedDate: '2025-03-10' }),
      paper({ applicant: 'Nguyễn Văn An', procedure: 'Đăng ký khai sinh', receivedDate: '2025-03-10' }),
      paper({ applicant: 'Nguyen Van An', procedure: 'ĐK khai sinh', receivedDate: '2025-03-11' }),
    ];
    const s = [
      sys('00.19.H53-250310-0001', {
        applicant: 'Nguyễn Văn An',
        procedure: 'Đăng ký khai sinh',
        receivedDate: '2025-03-10',
      }),
      sys('00.19.H53-250311-0001', {
        applicant: 'Nguyễn Văn An',
        procedure: 'Đăng ký khai sinh',
        receivedDate: '2025-03-11',
      }),
    ];
    const a = matchAll(rows, s);
    const b = matchAll([...rows].reverse(), [...s].reverse());
    expect(b).toEqual(a);
    expect(a.links).toHaveLength(2);
  });
});
