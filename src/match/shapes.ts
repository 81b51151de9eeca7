/**
 * Rows and dossiers that are not one-to-one, linked after the one-to-one assignment, each extra
 * link only on evidence (the one-to-one links are never changed, so no extra link takes a dossier
 * from the row it was assigned to):
 *
 * - **batch**: a row whose code cell lists several codes stands for each listed dossier that no
 *   other row holds (same applicant: a code copied onto the wrong row is not taken);
 * - **transfer** (liên thông, phi địa giới): an unmatched row of one unit stands for a dossier of
 *   another unit with the same normalized code, or with the same applicant and procedure received
 *   at most {@link TRANSFER_DAYS} days earlier (one day later) when the row's note tells of a
 *   transfer ("Liên thông từ UBND xã …", "chuyển …") or its note or resolving agency names the
 *   dossier's unit;
 * - **resubmission** (bổ sung): an unmatched row of the same unit as a linked row, with the same
 *   applicant and procedure, where the earlier of the two was returned for supplement ("Trả hồ sơ
 *   yêu cầu bổ sung", "Hướng dẫn bổ sung") and shows no return, the later received within
 *   {@link SUPPLEMENT_DAYS} days (or the same normalized code). The same applicant filing two
 *   different procedures the same day stays two dossiers: the procedures differ.
 *
 * Near-linear: rows and dossiers are looked up through maps by code, by unit and name key, and by
 * name key and day; only rows with a code, a note, an agency or a code list are considered.
 * Pure: no I/O.
 */
import { foldCell } from '../normalize/fast-text.js';
import type { MatchConfig } from './config.js';
import { nameAgreement, prepareName, type NameAgreement } from './compare/names.js';
import { dayNumberOf, prepareProcedureCached } from './compare/prepare.js';
import { compareProcedures, type ProcedureIdf } from './compare/procedures.js';
import { procedureIdfOf } from './compare/score.js';
import type { MatchLink, PaperCandidate, SystemCandidate } from './types.js';
import type { LinkShape, ShapeRowInfo, ExtraLink } from '../core/match-records.js';
export type { LinkShape, ShapeRowInfo, ExtraLink } from '../core/match-records.js';

/** Everything the pass needs. */
export interface ShapeInputs {
  paper: readonly PaperCandidate[];
  system: readonly SystemCandidate[];
  links: readonly MatchLink[];
  /** Rows the auditor decided (they take no automatic link). */
  decided: ReadonlySet<number>;
  info: ReadonlyMap<number, ShapeRowInfo>;
  /** Per unit id: its names and aliases, folded, without the "UBND"/"Ủy ban nhân dân" prefix. */
  unitNames: ReadonlyMap<number, readonly string[]>;
  config: MatchConfig;
}

/** Days after a dossier's receipt within which the other desk writes its row (~5 working days). */
export const TRANSFER_DAYS = 8;
/** Days within which a dossier returned for supplement comes back. */
export const SUPPLEMENT_DAYS = 60;

const TRANSFER_NOTE =
  /(^| )(lien thong|phi dia gioi|chuyen (ho so |hs )?(den|toi|sang|len|ve|tu|qua)|nhan (ho so |hs )?tu|tiep nhan (ho|tai|tu))( |$)/;
const SUPPLEMENT_RETURN =
  /(^| )((tra|tra lai|tra ve|huong dan|yeu cau|cho|de nghi)( ho so| hs)?( yeu cau| de nghi)? bo sung|bo sung ho so|chua du ho so)( |$)/;
const RESUBMITTED = /(^| )(nop bo sung|bo sung lan|da bo sung|nhan bo sung|tiep nhan bo sung|nop lai)( |$)/;
/** Name agreements that tell the same applicant. */
const SAME_NAME = new Set<NameAgreement>([
  'exact',
  'folded-equal',
  'tone-differs',
  'reordered',
  'middle-dropped',
  'typo',
]);

/** True when a folded note tells of a transfer between desks. */
export function isTransferNote(folded: string): boolean {
  return TRANSFER_NOTE.test(folded);
}
/** True when a folded note tells the dossier was returned for supplement (and not that it came back). */
export function isSupplementReturnNote(folded: string): boolean {
  return SUPPLEMENT_RETURN.test(folded) && !RESUBMITTED.test(folded);
}

/** Words of a folded note that may name a unit (a level word or the committee): checked before the unit names. */
const NAMES_A_UNIT = /(^| )(xa|phuong|thi tran|huyen|thi xa|thanh pho|quan|ubnd|so)( |$)/;

/** True when a row's note or resolving agency may tell of a transfer (a cheap check before any lookup). */
function mayTellTransfer(foldedNote: string, agency: string | null): boolean {
  return Boolean(agency) || (foldedNote !== '' && (isTransferNote(foldedNote) || NAMES_A_UNIT.test(foldedNote)));
}

/** Lookup keys of an applicant: its folded words sorted, and its first and last word. */
function nameKeys(applicant: string | null): string[] {
  if (!applicant) return [];
  // Folded words without a legal form ("DNTN" = "Doanh nghiệp tư nhân") or a form of address.
  const words = prepareName(applicant).tokens;
  if (words.length === 0) return [];
  const keys = [`n${[...words].sort().join(' ')}`];
  if (words.length >= 2) keys.push(`f${words[0]} ${words[words.length - 1]}`);
  return keys;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** A linked row that can be half of a supplement cycle: its dossier's key and its own received day. */
interface CycleRow {
  row: PaperCandidate;
  key: string;
  /** The day its dossier was received (else its own). */
  day: number;
  paperDay: number | null;
}

/** Items in the order of a day number: a window of days is found by a binary search, not a walk of the whole list. */
interface DayList<T> {
  days: number[];
  items: T[];
}

function pushDay<K, T>(m: Map<K, { days: number[]; items: T[] }>, k: K, day: number, item: T): void {
  const list = m.get(k);
  if (list) {
    list.days.push(day);
    list.items.push(item);
  } else m.set(k, { days: [day], items: [item] });
}

/** Sorts every list by day (stable: equal days keep their order). */
function sortByDay<K, T>(m: Map<K, DayList<T>>): void {
  for (const list of m.values()) {
    const n = list.days.length;
    if (n < 2) continue;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = list.days[i - 1]! <= list.days[i]!;
    if (sorted) continue;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => list.days[a]! - list.days[b]! || a - b);
    list.days = order.map((i) => list.days[i]!);
    list.items = order.map((i) => list.items[i]!);
  }
}

/** Appends to `out` the items of `list` received in [from, to]. */
function pushWindow<T>(list: DayList<T> | undefined, from: number, to: number, out: T[]): void {
  if (!list) return;
  for (let i = firstOnOrAfter(list, from); i < list.days.length && list.days[i]! <= to; i++) out.push(list.items[i]!);
}

/** The index of the first item of `list` on or after day `from` (a binary search). */
function firstOnOrAfter<T>(list: DayList<T>, from: number): number {
  const days = list.days;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Finds the extra links of a run (see the module comment). Deterministic: rows in id order. */
export function findExtraLinks(x: ShapeInputs): ExtraLink[] {
  const out: ExtraLink[] = [];
  // Per paper row (by its position: rows and links both come in paper id order, merged in one walk): its
  // one-to-one dossier. Nothing here is keyed by every dossier: only the dossiers the rows below ask about.
  const linkAt: Array<string | undefined> = new Array(x.paper.length);
  const indexOf = new Map<number, number>();
  const linkOf = (p: PaperCandidate): string | undefined => linkAt[indexOf.get(p.id) ?? -1];
  {
    let i = 0;
    let sorted = true;
    for (const l of x.links) {
      while (i < x.paper.length && x.paper[i]!.id < l.paperId) i++;
      if (i < x.paper.length && x.paper[i]!.id === l.paperId) linkAt[i] = l.systemCodeKey;
      else sorted = false;
    }
    if (!sorted) {
      const at = new Map(x.paper.map((p, j) => [p.id, j]));
      for (const l of x.links) if (at.has(l.paperId)) linkAt[at.get(l.paperId)!] = l.systemCodeKey;
    }
  }
  x.paper.forEach((p, i) => {
    if (linkAt[i] === undefined || x.info.has(p.id)) indexOf.set(p.id, i);
  });
  // Dossiers linked to a row of another unit: a code link whose unit check disagrees, or an auditor's decision.
  const crossLinks = x.links.filter(
    (l) =>
      l.method === 'manual' ||
      (l.method === 'code' && l.reasons.some((r) => r.field === 'unit' && r.agreement === 'disagree')),
  );
  const open = x.paper.filter((p, i) => linkAt[i] === undefined && !x.decided.has(p.id));
  const batchInfo = [...x.info].filter(([id, i]) => i.extraCodeKeys.length > 0 && !x.decided.has(id));
  if (open.length === 0 && batchInfo.length === 0) return out;

  // The dossiers asked about (listed codes, open rows' codes, dossiers linked across units) and who holds them.
  const asked = new Set<string>();
  const paperById = new Map<number, PaperCandidate>();
  for (const p of open) if (p.codeKey) asked.add(p.codeKey);
  for (const [id, i] of batchInfo) {
    const p = x.paper[indexOf.get(id) ?? -1];
    if (p?.codeKey) asked.add(p.codeKey);
    for (const k of i.extraCodeKeys) asked.add(k);
  }
  for (const l of crossLinks) asked.add(l.systemCodeKey);
  const sysByKey = new Map<string, SystemCandidate>();
  for (const sys of x.system) if (asked.has(sys.codeKey)) sysByKey.set(sys.codeKey, sys);
  const holder = new Map<string, number>();
  for (const l of x.links) if (asked.has(l.systemCodeKey)) holder.set(l.systemCodeKey, l.paperId);
  const holders = new Set<number>([...holder.values(), ...crossLinks.map((l) => l.paperId)]);
  if (holders.size > 0) for (const p of x.paper) if (holders.has(p.id)) paperById.set(p.id, p);
  const extraTaken = new Set<string>();
  const noteOf = new Map<number, string>();
  const foldedNote = (id: number): string => {
    let f = noteOf.get(id);
    if (f === undefined) {
      const i = x.info.get(id);
      noteOf.set(id, (f = i?.note ? foldCell(i.note) : ''));
    }
    return f;
  };
  // The procedure word weights of the run (as the scored tier has them: over every distinct procedure), on first use.
  let idf: ProcedureIdf | null = null;
  const idfOf = (): ProcedureIdf => {
    if (idf) return idf;
    const texts = new Set<string | null>();
    for (const p of x.paper) texts.add(p.procedure);
    for (const sys of x.system) texts.add(sys.procedure);
    return (idf = procedureIdfOf(
      [...texts].map((t) => prepareProcedureCached(t, x.config)),
      [],
    ));
  };
  const sameApplicant = (a: string | null, b: string | null) =>
    SAME_NAME.has(nameAgreement(prepareName(a), prepareName(b)));
  const sameProcedure = (a: string | null, b: string | null) => {
    const ag = compareProcedures(
      prepareProcedureCached(a, x.config),
      prepareProcedureCached(b, x.config),
      idfOf(),
    ).agreement;
    return ag === 'equal' || ag === 'similar';
  };
  const nameOk = (a: string | null, b: string | null) => nameAgreement(prepareName(a), prepareName(b)) !== 'differs';

  // 1. Batch rows: every listed dossier no other row holds.
  for (const [id, info] of batchInfo.sort((a, b) => a[0] - b[0])) {
    const p = x.paper[indexOf.get(id) ?? -1];
    if (!p) continue;
    const own = linkOf(p);
    const keys = own !== undefined ? info.extraCodeKeys : [p.codeKey, ...info.extraCodeKeys];
    for (const k of keys) {
      if (!k || k === own) continue;
      const sys = sysByKey.get(k);
      if (!sys || holder.has(k) || extraTaken.has(k) || !nameOk(p.applicant, sys.applicant)) continue;
      extraTaken.add(k);
      out.push({ paperId: p.id, systemCodeKey: k, shape: 'batch', evidence: ['listed-code'] });
    }
  }
  const batchRows = new Set(out.map((l) => l.paperId));
  const rest = open.filter((p) => !batchRows.has(p.id));
  if (rest.length === 0) return out;
  const linkedDay = (key: string, p: PaperCandidate) => {
    const sys = sysByKey.get(key);
    return dayNumberOf(sys ? sys.receivedDate : p.receivedDate);
  };

  // Linked rows of the same unit by name key (for resubmissions), in the order of the day their dossier was received
  // (the cycle starts there). Two indexes: the rows that can be a cycle's earlier half (returned for supplement, no
  // return), for every open row; and, for the open rows that can open a cycle themselves, every linked row of theirs
  // received up to SUPPLEMENT_DAYS after (the one that holds the dossier may be the later row).
  const opensCycle = (id: number): boolean => {
    const info = x.info.get(id);
    return info !== undefined && !info.returned && info.note !== null && isSupplementReturnNote(foldedNote(id));
  };
  const linkedByName = new Map<string, DayList<CycleRow>>();
  const linkedNoteByName = new Map<string, DayList<CycleRow>>();
  {
    const wanted = new Set<string>();
    const wantedByOpeners = new Set<string>();
    const afterOpener = new Map<number, Set<number>>();
    for (const p of rest) {
      for (const k of nameKeys(p.applicant)) wanted.add(`${p.unitId}|${k}`);
      const d = dayNumberOf(p.receivedDate);
      if (d === null || !opensCycle(p.id)) continue;
      for (const k of nameKeys(p.applicant)) wantedByOpeners.add(`${p.unitId}|${k}`);
      let days = afterOpener.get(p.unitId);
      if (!days) afterOpener.set(p.unitId, (days = new Set()));
      for (let i = 1; i <= SUPPLEMENT_DAYS; i++) days.add(d + i);
    }
    const byName = new Map<string, PaperCandidate[]>();
    const byNameOpeners = new Map<string, PaperCandidate[]>();
    // Linked rows returned for supplement.
    for (const [id, i] of x.info) {
      const at = indexOf.get(id);
      if (at === undefined || linkAt[at] === undefined || !i.note || !isSupplementReturnNote(foldedNote(id))) continue;
      const l = x.paper[at]!;
      for (const k of nameKeys(l.applicant)) {
        const key = `${l.unitId}|${k}`;
        if (wanted.has(key) && opensCycle(id)) push(byName, key, l);
        if (wantedByOpeners.has(key)) push(byNameOpeners, key, l);
      }
    }
    // Linked rows received after an open row that can open a cycle (a day check first: most rows are not).
    if (afterOpener.size > 0) {
      x.paper.forEach((l, i) => {
        if (linkAt[i] === undefined) return;
        const d = dayNumberOf(l.receivedDate);
        if (d === null || !afterOpener.get(l.unitId)?.has(d)) return;
        if (x.info.get(l.id)?.note && isSupplementReturnNote(foldedNote(l.id))) return; // indexed above
        let taken = false;
        for (const k of nameKeys(l.applicant)) {
          const key = `${l.unitId}|${k}`;
          if (!wantedByOpeners.has(key)) continue;
          push(byNameOpeners, key, l);
          taken = true;
        }
        if (taken) indexOf.set(l.id, i);
      });
    }
    // Their dossiers' dates.
    const more = new Set<string>();
    for (const m of [byName, byNameOpeners]) {
      for (const list of m.values()) for (const l of list) if (!sysByKey.has(linkOf(l)!)) more.add(linkOf(l)!);
    }
    if (more.size > 0) for (const sys of x.system) if (more.has(sys.codeKey)) sysByKey.set(sys.codeKey, sys);
    // A row whose dossier has no date can be no half of a cycle (see b. below): not indexed.
    const rowOf = new Map<number, CycleRow | null>();
    const cycleRow = (l: PaperCandidate): CycleRow | null => {
      let r = rowOf.get(l.id);
      if (r === undefined) {
        const key = linkOf(l)!;
        const day = linkedDay(key, l) ?? dayNumberOf(l.receivedDate);
        rowOf.set(l.id, (r = day === null ? null : { row: l, key, day, paperDay: dayNumberOf(l.receivedDate) }));
      }
      return r;
    };
    for (const [m, into] of [
      [byName, linkedNoteByName],
      [byNameOpeners, linkedByName],
    ] as const) {
      for (const [k, list] of m) {
        const seenRow = new Set<number>();
        for (const l of list) {
          if (seenRow.has(l.id)) continue;
          seenRow.add(l.id);
          const r = cycleRow(l);
          if (r) pushDay(into, k, r.day, r);
        }
      }
    }
    sortByDay(linkedByName);
    sortByDay(linkedNoteByName);
  }

  // Dossiers by name key in received-day order (for transfers), on the days around the open rows that tell of a
  // transfer (a row looks only at the days of its own window). A dossier without a received date gives no date
  // evidence: it takes no extra link.
  const sysByName = new Map<string, DayList<SystemCandidate>>();
  {
    const days = new Set<number>();
    const names = new Set<string>();
    for (const p of rest) {
      const d = dayNumberOf(p.receivedDate);
      if (d === null || !mayTellTransfer(foldedNote(p.id), x.info.get(p.id)?.agency ?? null)) continue;
      for (let i = -1; i <= TRANSFER_DAYS; i++) days.add(d - i);
      for (const k of nameKeys(p.applicant)) names.add(k);
    }
    if (days.size > 0) {
      for (const sys of x.system) {
        const d = dayNumberOf(sys.receivedDate);
        if (d === null || !days.has(d)) continue;
        for (const k of nameKeys(sys.applicant)) if (names.has(k)) pushDay(sysByName, k, d, sys);
      }
      sortByDay(sysByName);
    }
  }
  // Dossiers of a unit that a row of another unit holds (the receiving desk's own row may stand for them, 'home-unit'):
  // by unit and name key, in day order.
  const heldAcross = new Map<string, DayList<SystemCandidate>>();
  for (const [key, h] of holder) {
    const sys = sysByKey.get(key);
    const hp = paperById.get(h);
    const d = dayNumberOf(sys?.receivedDate ?? null);
    if (!sys || !hp || sys.unitId === null || sys.unitId === hp.unitId || d === null) continue;
    for (const k of nameKeys(sys.applicant)) pushDay(heldAcross, `${sys.unitId}|${k}`, d, sys);
  }
  sortByDay(heldAcross);
  const namesUnit = (text: string, unitId: number | null) =>
    unitId !== null && (x.unitNames.get(unitId) ?? []).some((n) => n.length >= 4 && ` ${text} `.includes(` ${n} `));

  const added = new Map<number, ExtraLink>();
  const candidates: SystemCandidate[] = [];
  for (const p of rest) {
    const pDay = dayNumberOf(p.receivedDate);
    // a. The same normalized code as a dossier another row holds.
    if (p.codeKey && holder.has(p.codeKey)) {
      const s = sysByKey.get(p.codeKey)!;
      const other = paperById.get(holder.get(p.codeKey)!)!;
      if (nameOk(p.applicant, s.applicant) && sameApplicant(p.applicant, other.applicant)) {
        const shape: LinkShape = other.unitId !== p.unitId ? 'transfer' : 'resubmission';
        added.set(p.id, { paperId: p.id, systemCodeKey: s.codeKey, shape, evidence: ['same-code', 'name'] });
        continue;
      }
    }
    if (pDay === null || !p.applicant) continue;
    // b. Resubmission: a linked row of the same unit, same applicant and procedure, the earlier returned for
    // supplement.
    let best: { link: ExtraLink; gap: number } | null = null;
    let ambiguous = false;
    const seen = new Set<number>();
    // Only a dossier received in [pDay - SUPPLEMENT_DAYS, pDay + windowDays] can start a cycle with this row (see
    // span); a row that cannot open a cycle itself can only close one another row opened.
    const cycleIndex = opensCycle(p.id) ? linkedByName : linkedNoteByName;
    for (const k of nameKeys(p.applicant)) {
      const list = cycleIndex.get(`${p.unitId}|${k}`);
      if (!list) continue;
      for (
        let i = firstOnOrAfter(list, pDay - SUPPLEMENT_DAYS);
        i < list.days.length && list.days[i]! <= pDay + x.config.windowDays;
        i++
      ) {
        const { row: l, key: dKey, paperDay: lPaper } = list.items[i]!;
        if (seen.has(l.id)) continue;
        seen.add(l.id);
        // The system keeps the dossier under its first date: the row nearest it is the cycle's first (the later row's
        // paper date counts from there; the first row's paper date may be mistyped).
        const dDay = list.days[i]!;
        const pDist = Math.abs(pDay - dDay);
        const lDist = lPaper === null ? Number.POSITIVE_INFINITY : Math.abs(lPaper - dDay);
        const pFirst = pDist <= x.config.windowDays && lDist > pDist;
        const span = pFirst ? (lPaper ?? 0) - pDay : pDay - dDay;
        if (span <= 0 || span > SUPPLEMENT_DAYS) continue;
        const earlier = pFirst ? p : l;
        const lDay = pFirst ? lPaper! : dDay;
        const earlierInfo = x.info.get(earlier.id);
        if (!earlierInfo || earlierInfo.returned || !isSupplementReturnNote(foldedNote(earlier.id))) continue;
        if (!sameApplicant(p.applicant, l.applicant) || !sameProcedure(p.procedure, l.procedure)) continue;
        const gap = span;
        const link: ExtraLink = {
          paperId: p.id,
          systemCodeKey: dKey,
          shape: 'resubmission',
          evidence: ['supplement-note', 'name', 'procedure', `date:${pDay - lDay > 0 ? '+' : ''}${pDay - lDay}`],
        };
        if (best === null || gap < best.gap) [best, ambiguous] = [{ link, gap }, false];
        else if (gap === best.gap && link.systemCodeKey !== best.link.systemCodeKey) ambiguous = true;
      }
    }
    if (best && !ambiguous) {
      added.set(p.id, best.link);
      continue;
    }
    // c. Transfer: a dossier of another unit, same applicant and procedure, received up to TRANSFER_DAYS before, with
    //    a note or the unit named; or the row's own unit's dossier, same day (± the window), that a row of another unit
    //    holds.
    const note = foldedNote(p.id);
    const agencyText = x.info.get(p.id)?.agency ? foldCell(x.info.get(p.id)!.agency!) : '';
    const transferNote = note !== '' && isTransferNote(note);
    let pick: { s: SystemCandidate; evidence: string[]; gap: number; rank: number } | null = null;
    ambiguous = false;
    const seenS = new Set<string>();
    // The row's own unit's dossiers that a row of another unit holds, then, for a row that tells of a transfer (a
    // note, a resolving agency, a unit named), every unit's dossiers; each in the row's window: a dossier of another
    // unit [pDay - TRANSFER_DAYS, pDay + 1], one of the row's own unit [pDay - windowDays, pDay + windowDays].
    candidates.length = 0;
    const tells = mayTellTransfer(note, x.info.get(p.id)?.agency ?? null);
    const from = pDay - Math.max(TRANSFER_DAYS, x.config.windowDays);
    const to = pDay + Math.max(1, x.config.windowDays);
    for (const k of nameKeys(p.applicant)) {
      pushWindow(heldAcross.get(`${p.unitId}|${k}`), from, to, candidates);
      if (tells) pushWindow(sysByName.get(k), from, to, candidates);
    }
    for (const s of candidates) {
      if (seenS.has(s.codeKey) || extraTaken.has(s.codeKey)) continue;
      seenS.add(s.codeKey);
      const sDay = dayNumberOf(s.receivedDate)!;
      const gap = pDay - sDay;
      let evidence: string[];
      if (s.unitId === p.unitId) {
        const h = holder.get(s.codeKey);
        if (h === undefined || paperById.get(h)!.unitId === p.unitId || Math.abs(gap) > x.config.windowDays) continue;
        evidence = ['home-unit'];
      } else {
        if (gap < -1 || gap > TRANSFER_DAYS) continue;
        const named = namesUnit(note, s.unitId) || namesUnit(agencyText, s.unitId);
        if (!transferNote && !named) continue;
        evidence = [...(transferNote ? ['transfer-note'] : []), ...(named ? ['unit-named'] : [])];
      }
      if (!sameApplicant(p.applicant, s.applicant) || !sameProcedure(p.procedure, s.procedure)) continue;
      evidence.push('name', 'procedure', `date:${gap >= 0 ? '+' : ''}${gap}`);
      // A dossier of the unit the row names comes first, then the nearest date.
      const rank = (evidence.includes('unit-named') ? 0 : 100) + Math.abs(gap);
      if (pick === null || rank < pick.rank) [pick, ambiguous] = [{ s, evidence, gap, rank }, false];
      else if (rank === pick.rank) ambiguous = true;
    }
    if (pick && !ambiguous)
      added.set(p.id, { paperId: p.id, systemCodeKey: pick.s.codeKey, shape: 'transfer', evidence: pick.evidence });
  }
  for (const l of added.values()) out.push(l);
  return out.sort(
    (a, b) =>
      a.paperId - b.paperId || (a.systemCodeKey < b.systemCodeKey ? -1 : a.systemCodeKey > b.systemCodeKey ? 1 : 0),
  );
}
