/**
 * Blocking: which system dossiers a paper row is compared with. Same unit, and a received date
 * within ±windowDays of the paper date or of its day↔month swap; plus, for rows whose date is
 * missing or badly wrong, dossiers of the same unit with the same applicant name (order-free
 * folded words, or family + given name), when that name is not too common; and dossiers of
 * the same unit whose code is the row's code or one slip away from it. Near-linear: each paper row looks up a few
 * hash buckets.
 */
import { addDays } from '../../normalize/dates.js';
import { swapDayMonth } from '../compare/compare.js';
import type { MatchConfig } from '../config.js';
import type { PreparedPaper, PreparedSystem } from '../compare/score.js';

/** An index of system dossiers by unit and day, and by unit and name. */
export class SystemBlocks {
  private readonly byDay = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  private readonly byCode = new Map<string, number[]>();

  /** Indexes `system` (positions in that array are what lookups return). */
  constructor(readonly system: readonly PreparedSystem[]) {
    system.forEach((s, i) => {
      if (s.src.unitId === null) return;
      if (s.src.receivedDate) push(this.byDay, `${s.src.unitId}|${s.src.receivedDate.slice(0, 10)}`, i);
      for (const key of nameKeys(s)) push(this.byName, `${s.src.unitId}|${key}`, i);
      for (const key of codeKeys(s.src.codeKey)) push(this.byCode, `${s.src.unitId}|${key}`, i);
    });
  }

  /** Positions of the candidates of one paper row, ascending. */
  candidates(p: PreparedPaper, config: MatchConfig): number[] {
    const out = new Set<number>();
    const unit = p.src.unitId;
    const days = (centre: string | null) => {
      if (!centre) return;
      for (let d = -config.windowDays; d <= config.windowDays; d++) {
        for (const i of this.byDay.get(`${unit}|${addDays(centre, d)}`) ?? []) out.add(i);
      }
    };
    const date = p.src.receivedDate?.slice(0, 10) ?? null;
    days(date);
    days(swapDayMonth(date));
    for (const key of codeKeys(p.src.codeKey)) {
      const same = this.byCode.get(`${unit}|${key}`) ?? [];
      if (same.length <= config.maxNameBlock) for (const i of same) out.add(i);
    }
    for (const key of nameKeys(p)) {
      const same = this.byName.get(`${unit}|${key}`) ?? [];
      if (same.length <= config.maxNameBlock) for (const i of same) out.add(i);
    }
    return [...out].sort((a, b) => a - b);
  }
}

/** Name keys: every folded word (order-free), and family + given name (a dropped middle name). */
function nameKeys(x: PreparedPaper | PreparedSystem): string[] {
  const keys: string[] = [];
  if (x.nameKey) keys.push(`a:${x.nameKey}`);
  const t = x.name.tokens;
  if (!x.name.organisation && t.length >= 2) keys.push(`e:${t[0]} ${t[t.length - 1]}`);
  return keys;
}

/**
 * Code keys: the code and each form with one character deleted (symmetric-delete neighbourhood),
 * so a code copied with one slip (a wrong, dropped, extra or swapped character) finds its dossier.
 */
function codeKeys(code: string | null): string[] {
  if (!code || code.length < 8) return [];
  const keys = new Set<string>([code]);
  for (let i = 0; i < code.length; i++) keys.add(code.slice(0, i) + code.slice(i + 1));
  return [...keys];
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
