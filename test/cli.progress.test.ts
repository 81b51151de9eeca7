import { describe, expect, it } from 'vitest';
import { Ctx } from '../src/cli/context.js';
import { importProgressBar, phaseProgressBar } from '../src/cli/progress.js';
import { arrayFindingSet, countingFindingSet } from '../src/report/model/finding-set.js';

function ctx(tty: boolean, quiet: boolean, lang: 'vi' | 'en' = 'en') {
  const err: string[] = [];
  const c = new Ctx(
    { stdout: () => undefined, stderr: (s) => err.push(s), env: {}, stdoutIsTTY: tty, stderrIsTTY: tty },
    { db: ':memory:', lang, quiet, color: false, debug: false },
  );
  return { c, err };
}
const event = (rows: number, bytesRead: number, done = false) => ({
  phase: 'import' as const,
  file: '/x/so.csv',
  kind: 'paper' as const,
  rows,
  bytesRead,
  totalBytes: 1000,
  done,
});

describe('import progress bar', () => {
  it('draws rows, rows/s and ETA on a terminal, and clears the line at the end', () => {
    const { c, err } = ctx(true, false);
    let now = 0;
    const on = importProgressBar(c, () => now)!;
    on(event(0, 0));
    now = 2000;
    on(event(5000, 250));
    expect(err.at(-1)).toContain('so.csv [######..................] 25% 5,000 rows · 2,500 rows/s · ETA 6s');
    on(event(20000, 1000, true));
    expect(err.at(-1)).toBe('\r\u001b[2K');
  });

  it('speaks Vietnamese by default', () => {
    const { c, err } = ctx(true, false, 'vi');
    const on = importProgressBar(c, () => 1000)!;
    on(event(10, 10));
    expect(err.at(-1)).toContain('dòng/s');
  });

  it.each([
    [false, false],
    [true, true],
  ])('draws nothing when stderr is a terminal: %s, quiet: %s', (tty, quiet) => {
    expect(importProgressBar(ctx(tty, quiet).c)).toBeUndefined();
  });
});

describe('report progress bars (reading every row, then writing the findings)', () => {
  it('draws the phase, its share, rows/s and ETA, and clears the line when done', () => {
    const { c, err } = ctx(true, false);
    let now = 0;
    const on = phaseProgressBar(c, 'read', () => now)!;
    now = 4000;
    on(10_000, 40_000);
    expect(err.at(-1)).toContain(
      'Reading the data [######..................] 25% 10,000 rows · 2,500 rows/s · ETA 12s',
    );
    on(40_000, 40_000);
    expect(err.at(-1)).toBe('\r\u001b[2K');
  });

  it('in Vietnamese by default, and nothing off a terminal or under --quiet', () => {
    const { c, err } = ctx(true, false, 'vi');
    phaseProgressBar(c, 'write', () => 1000)!(1, 2);
    expect(err.at(-1)).toContain('Ghi báo cáo');
    phaseProgressBar(c, 'match', () => 1000)!(1, 2);
    expect(err.at(-1)).toContain('Ghép hồ sơ (so khớp có chấm điểm)');
    expect(phaseProgressBar(ctx(false, false).c, 'read')).toBeUndefined();
    expect(phaseProgressBar(ctx(true, true).c, 'write')).toBeUndefined();
  });

  it('counts the findings the writer reads, over every pass, without changing them', () => {
    const findings = Array.from({ length: 12 }, (_, i) => ({
      id: `q-${i}`,
      category: 'data_quality' as const,
      unit: 'U',
      paper: null,
      system: null,
      match: null,
    }));
    const seen: number[] = [];
    const set = countingFindingSet(arrayFindingSet(findings), (n) => seen.push(n), 5);
    expect([...set.iterate()]).toEqual(findings);
    expect([...set.iterate('data_quality')]).toEqual(findings);
    expect(set.count('data_quality')).toBe(12);
    expect(seen).toEqual([5, 10, 15, 20]);
  });
});
