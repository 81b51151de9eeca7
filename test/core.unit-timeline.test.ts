/** UnitTimeline: periods, lines of succession, and which unit a row belongs to on its date. Pure. */
import { describe, expect, it } from 'vitest';
import { periodText, UnitTimeline, type UnitPeriod } from '../src/core/unit-timeline.js';

const u = (
  id: number,
  name: string,
  validFrom: string | null,
  validTo: string | null,
  successorId: number | null,
): UnitPeriod => ({ id, code: `C${id}`, name, official: true, validFrom, validTo, successorId });
// 1, 2 → 3 on 1 March (departments); 4 (district) → 5 on 1 July; 6 → 7 → 8 (a chain: 7 and 8 share a name); 9 without
// period.
const T = new UnitTimeline([
  u(1, 'Sở Tài nguyên và Môi trường', null, '2025-02-28', 3),
  u(2, 'Sở Nông nghiệp và Phát triển nông thôn', null, '2025-02-28', 3),
  u(3, 'Sở Nông nghiệp và Môi trường', '2025-03-01', null, null),
  u(4, 'UBND huyện Gò Dầu', null, '2025-06-30', 5),
  u(5, 'UBND xã Gò Dầu', '2025-07-01', null, null),
  u(6, 'UBND xã Hiệp Thạnh', null, '2025-03-31', 7),
  u(7, 'UBND xã Thạnh Đức', null, '2025-06-30', 8),
  u(8, 'UBND xã Thạnh Đức', '2025-07-01', null, null),
  u(9, 'Sở Tư pháp', null, null, null),
  u(10, 'Sở Khoa học và Công nghệ', null, null, null),
  u(11, 'Sở Thông tin và Truyền thông', null, '2025-02-28', 10),
]);

describe('UnitTimeline', () => {
  it('knows the unit of today and the predecessors of each line', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((id) => T.currentOf(id))).toEqual([3, 3, 3, 5, 5, 8, 8, 8, 9]);
    expect(T.predecessorsOf(8)).toEqual([6, 7]);
    expect(T.predecessorsOf(3)).toEqual([1, 2]);
    expect(T.predecessorsOf(9)).toEqual([]);
    expect(T.sameGroup(1, 2)).toBe(true);
    expect(T.sameGroup(4, 8)).toBe(false);
    expect(T.changes).toBe(true);
    expect(new UnitTimeline([u(1, 'A', null, null, null)]).changes).toBe(false);
  });

  it('stops at a circle instead of looping (the units file refuses one; a database may still hold one)', () => {
    const loop = new UnitTimeline([u(1, 'A', null, null, 2), u(2, 'B', null, null, 1)]);
    expect([loop.currentOf(1), loop.currentOf(2)]).toEqual([2, 1]);
  });

  // [named unit, received date, unit of the code prefix, expected, why]
  const cases: Array<[number, string | null, number | null, number, string]> = [
    [3, '2025-01-15', 1, 1, 'successor named before it existed: the predecessor the code names'],
    [3, '2025-03-10', 3, 3, 'successor named after it began'],
    [3, '2025-01-15', null, 3, 'two predecessors existed then and no code says which: stays'],
    [5, '2025-06-10', 5, 4, 'the new commune named (and coded) before it existed: its only predecessor then'],
    [5, '2025-06-10', null, 4, 'no code: its only predecessor then'],
    [4, '2025-07-20', null, 5, 'the abolished district named after it ended: its successor'],
    [8, '2025-02-20', 6, 6, 'a chain: the first of it, which the code names'],
    [8, '2025-05-12', null, 7, 'a chain: the only predecessor existing then'],
    [10, '2025-01-20', 11, 11, 'merged into a unit that existed already: the predecessor its code names'],
    [10, '2025-01-20', 9, 10, 'a code of another line: the named unit stays'],
    [9, '2025-01-20', 10, 9, 'a unit without period stays'],
    [3, null, 1, 3, 'no date: as named'],
  ];
  it.each(cases)('unit %i received %s, code of %s → %i (%s)', (id, date, code, expected) => {
    expect(T.atDate(id, date, code)).toBe(expected);
  });

  it(
    'picks among units one spelling may name: by date, else the nearest period of one name, never between two ' +
      'names',
    () => {
      expect(T.pick([7, 8], '2025-05-01', true)).toBe(7);
      expect(T.pick([7, 8], '2025-08-01', true)).toBe(8);
      expect(T.pick([7, 8], null, true)).toBe(8);
      expect(T.pick([1, 9], '2025-05-01', false)).toBe(9);
      expect(T.pick([3, 9], '2025-05-01', false)).toBeNull();
      expect(T.pick([3, 9], null, false)).toBeNull();
    },
  );

  it('shows periods as dates day first', () => {
    expect(T.label(8)).toBe('UBND xã Thạnh Đức (01/07/2025–)');
    expect(T.label(7)).toBe('UBND xã Thạnh Đức (–30/06/2025)');
    expect(T.label(9)).toBe('Sở Tư pháp');
    expect(periodText({ validFrom: '2020-01-01', validTo: '2025-06-30' })).toBe('(01/01/2020–30/06/2025)');
  });
});
