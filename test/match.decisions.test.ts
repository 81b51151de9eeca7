/** Manual decisions: re-attachment by content and precedence; matcher options validation. */
import { describe, expect, it } from 'vitest';
import { resolveMatchConfig } from '../src/match/config.js';
import { applyDecisions, attachDecisions, type Decision } from '../src/match/decisions.js';
import type { PaperCandidate } from '../src/match/types.js';

const row = (id: number, baseName: string, rowNumber: number, contentKey: string): PaperCandidate => ({
  id,
  unitId: 1,
  codeKey: null,
  applicant: null,
  procedure: null,
  receivedDate: null,
  baseName,
  sheet: null,
  rowNumber,
  contentKey,
});
const decision = (id: number, d: Partial<Decision>): Decision => ({
  id,
  contentKey: 'k1',
  baseName: 'so.csv',
  sheet: null,
  rowNumber: 2,
  occurrence: 1,
  decision: 'no-match',
  systemCode: null,
  systemCodeKey: null,
  note: null,
  decidedAt: `2025-07-0${id}T00:00:00Z`,
  ...d,
});

describe('attachDecisions', () => {
  it.each([
    ['the same row', [row(10, 'so.csv', 2, 'k1')], 10],
    ['the row moved down in a newer version', [row(11, 'so.csv', 3, 'k0'), row(12, 'so.csv', 4, 'k1')], 12],
    ['the file renamed, content unique', [row(13, 'so-thang-7.csv', 2, 'k1')], 13],
    ['the content changed', [row(14, 'so.csv', 2, 'k9')], null],
    ['identical rows: the first occurrence', [row(15, 'so.csv', 2, 'k1'), row(16, 'so.csv', 5, 'k1')], 15],
  ])('finds %s', (_what, paper, expected) => {
    expect(attachDecisions([decision(1, {})], paper).get(1)).toBe(expected);
  });
  it('tells identical rows apart by occurrence', () => {
    const paper = [row(15, 'so.csv', 2, 'k1'), row(16, 'so.csv', 5, 'k1')];
    expect(attachDecisions([decision(1, { occurrence: 2 })], paper).get(1)).toBe(16);
  });
});

describe('applyDecisions', () => {
  const paper = [row(1, 'so.csv', 2, 'k1'), row(2, 'so.csv', 3, 'k2')];
  const system = [{ codeKey: 'A', unitId: 1, applicant: null, procedure: null, receivedDate: null }];
  it('the latest decision on a row wins; a dossier goes to one row only', () => {
    const r = applyDecisions(
      [
        decision(1, { decision: 'match', systemCodeKey: 'A' }),
        decision(2, { decision: 'no-match' }),
        decision(3, { contentKey: 'k2', decision: 'match', systemCodeKey: 'A' }),
        decision(4, { contentKey: 'k9', decision: 'no-match' }),
        decision(5, { contentKey: 'k2', occurrence: 1, baseName: 'other.csv', decision: 'match', systemCodeKey: 'B' }),
      ],
      paper,
      system,
    );
    expect(r.outcomes.map((o) => o.status)).toEqual([
      'superseded',
      'applied',
      'applied',
      'row-not-found',
      'dossier-not-found',
    ]);
    expect(r.links).toEqual([expect.objectContaining({ paperId: 2, systemCodeKey: 'A', method: 'manual' })]);
    expect([...r.decidedPaper].sort()).toEqual([1, 2]);
  });
});

describe('resolveMatchConfig', () => {
  it.each([
    [{ upper: 0.4 }],
    [{ lower: 0.95 }],
    [{ windowDays: -1 }],
    [{ windowDays: 1.5 }],
    [{ prior: 0 }],
    [{ levels: { applicant: { exact: { m: 2 } } } }],
    [{ levels: { nope: {} } }],
    [{ levels: { applicant: { unheard: { m: 0.5, u: 0.1 } } } }],
  ])('refuses %j', (input) => {
    expect(() => resolveMatchConfig(input as never)).toThrow(/match option/);
  });
  it('merges overrides over the defaults without touching them', () => {
    const c = resolveMatchConfig({
      upper: 0.95,
      levels: { applicant: { exact: { u: 0.001 } } },
      abbreviations: { gpl: 'giay phep lai' },
    });
    expect(c.upper).toBe(0.95);
    expect(c.levels.applicant.exact).toEqual({ m: 0.6, u: 0.001 });
    expect(c.abbreviations.gpl).toBe('giay phep lai');
    expect(resolveMatchConfig().levels.applicant.exact).toEqual({ m: 0.6, u: 0.0015 });
  });
});
