/**
 * The Fellegi-Sunter score of a (paper row, system dossier) pair: each field's agreement level
 * adds log2(m/u) bits, the prior adds log2(λ/(1−λ)), and the total W maps to a posterior
 * probability 1/(1+2^−W) in 0..1. Names use frequency-based u (a common name in the unit weighs
 * less), procedures a Winkler-style interpolation of the weight by their similarity.
 */
import type { MatchReason } from '../../types.js';
import { compareCodes, compareDates, compareDigits, type CodeAgreement, type DateAgreement } from './compare.js';
import { levelWeight, type MatchConfig } from '../config.js';
import { nameAgreement } from './names.js';
import type { PreparedPaper, PreparedSystem } from './prepare.js';
import { compareProcedures, ProcedureIdf, type PreparedProcedure, type ProcedureComparison } from './procedures.js';
import { sharedReasonsBy } from '../reasons.js';
import { damerauLevenshtein } from './strings.js';

/** Preparation lives in prepare.ts; re-exported for the modules that import it from here. */
export {
  preparePaper,
  prepareProcedureCached,
  prepareSystem,
  type PreparedPaper,
  type PreparedSystem,
} from './prepare.js';

/** What scoring needs beyond the pair: options and statistics of the whole data set. */
export interface ScoreContext {
  config: MatchConfig;
  idf: ProcedureIdf;
  /** Per unit: number of system dossiers, and per name key how many carry it. */
  unitSize: Map<number, number>;
  nameCount: Map<string, number>;
  /** Procedure comparisons already made (a unit has a few dozen procedures; pairs repeat). */
  procedureCache: Map<string | number, ProcedureComparison>;
  /** The best applicant weight (computed on first use). */
  maxNameWeight?: number;
  /** The configuration's level weights (computed on first use). */
  weights?: Record<string, Record<string, number>>;
  /** Procedure comparisons with their weights by the two procedures' ids (filled as pairs are scored). */
  procedurePairs?: Array<Array<{ comparison: ProcedureComparison; weight: number } | undefined> | undefined>;
}

/** The level of {@link compareDates}, on day numbers (no date parsing, nothing allocated). */
function dayAgreement(p: PreparedPaper, s: PreparedSystem, windowDays: number): DateAgreement {
  if (p.day === null || s.day === null)
    return compareDates(p.src.receivedDate, s.src.receivedDate, windowDays).agreement;
  const ad = Math.abs(s.day - p.day);
  if (ad === 0) return 'same-day';
  if (ad === 1 && windowDays >= 1) return 'one-day';
  if (ad <= windowDays) return 'within-window';
  if (p.swapDay !== null && Math.abs(s.day - p.swapDay) <= windowDays) return 'day-month-swap';
  return ad <= 31 ? 'far' : 'very-far';
}

const nameCountKey = (unitId: number | null, key: string) => `${unitId ?? ''}|${key}`;

/** Statistics over every system dossier (not only the unmatched ones), so scores do not depend on tier order. */
export function buildScoreContext(
  system: readonly PreparedSystem[],
  paperProcedures: Iterable<PreparedProcedure>,
  config: MatchConfig,
  idf?: ProcedureIdf,
): ScoreContext {
  const unitSize = new Map<number, number>();
  const nameCount = new Map<string, number>();
  // A name is counted once per received day: the same person filing twice a day is one person.
  // Per name, its first day, then the set of its days once it has two (no string per dossier).
  const days = new Map<string, string | Set<string>>();
  for (const s of system) {
    if (s.src.unitId !== null) unitSize.set(s.src.unitId, (unitSize.get(s.src.unitId) ?? 0) + 1);
    if (!s.nameKey) continue;
    const k = nameCountKey(s.src.unitId, s.nameKey);
    const day = s.src.receivedDate ?? '';
    const had = days.get(k);
    if (had === undefined) {
      days.set(k, day);
      nameCount.set(k, 1);
    } else if (typeof had === 'string') {
      if (had !== day) {
        days.set(k, new Set([had, day]));
        nameCount.set(k, 2);
      }
    } else if (!had.has(day)) {
      had.add(day);
      nameCount.set(k, had.size);
    }
  }
  return {
    config,
    idf:
      idf ??
      procedureIdfOf(
        system.map((s) => s.procedure),
        paperProcedures,
      ),
    unitSize,
    nameCount,
    procedureCache: new Map(),
  };
}

/** The procedure word weights of a run: over every distinct procedure of its dossiers and paper rows. */
export function procedureIdfOf(
  systemProcedures: Iterable<PreparedProcedure>,
  paperProcedures: Iterable<PreparedProcedure>,
): ProcedureIdf {
  const distinct = new Set<PreparedProcedure>(systemProcedures);
  for (const p of paperProcedures) distinct.add(p);
  return new ProcedureIdf([...distinct].filter((x) => x.words.length > 0));
}

/** A scored pair. */
export interface ScoredPair {
  paperId: number;
  systemCodeKey: string;
  /** Total weight in bits, prior included. */
  weight: number;
  /** 0..1 posterior probability of a match. */
  score: number;
  reasons: MatchReason[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The anchors of {@link procedureWeight} per configuration (computed once). */
const procedureAnchors = new WeakMap<MatchConfig, Array<[number, number]>>();

/** Procedure weight: piecewise linear in similarity between the levels' weights (Winkler 1990). */
function procedureWeight(similarity: number, c: MatchConfig): number {
  let anchors = procedureAnchors.get(c);
  if (!anchors) {
    anchors = [
      [0.3, levelWeight(c, 'procedure', 'differs')],
      [0.5, levelWeight(c, 'procedure', 'partial')],
      [0.75, levelWeight(c, 'procedure', 'similar')],
      [0.95, levelWeight(c, 'procedure', 'equal')],
    ];
    procedureAnchors.set(c, anchors);
  }
  if (similarity <= anchors[0]![0]) return anchors[0]![1];
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!;
    const [x0, y0] = anchors[i - 1]!;
    if (similarity <= x1) return y0 + ((similarity - x0) / (x1 - x0)) * (y1 - y0);
  }
  return anchors[anchors.length - 1]![1];
}

const FREQUENCY_LEVELS = new Set(['exact', 'folded-equal', 'tone-differs', 'reordered']);

/** Level weights of a configuration, computed once (each exactly as {@link levelWeight}). */
const weightTables = new WeakMap<MatchConfig, Record<string, Record<string, number>>>();

function weightsOf(c: MatchConfig): Record<string, Record<string, number>> {
  let t = weightTables.get(c);
  if (!t) {
    t = {};
    for (const [field, levels] of Object.entries(c.levels)) {
      t[field] = {};
      for (const level of Object.keys(levels))
        t[field]![level] = levelWeight(c, field as keyof MatchConfig['levels'], level);
    }
    weightTables.set(c, t);
  }
  return t;
}

const wellFormed = new Map<string, boolean>();

/** compareCodes, with the paper code's form checked once per code. */
function codeAgreement(paperKey: string | null, systemKey: string | null): CodeAgreement {
  if (!paperKey || !systemKey) return 'missing';
  let ok = wellFormed.get(paperKey);
  if (ok === undefined) {
    if (wellFormed.size > 100_000) wellFormed.clear();
    wellFormed.set(paperKey, (ok = compareCodes(paperKey, paperKey) !== 'missing'));
  }
  if (!ok) return 'missing';
  // compareCodes on a code known to be well formed.
  if (paperKey === systemKey) return 'exact';
  const d = damerauLevenshtein(paperKey, systemKey, 2);
  return d === 1 ? 'one-slip' : d === 2 ? 'two-slips' : 'differs';
}

/** A procedure comparison with its rounded weight, by pair of cached procedures (ids), computed once. */
function procedurePair(
  a: PreparedProcedure,
  b: PreparedProcedure,
  ctx: ScoreContext,
): { comparison: ProcedureComparison; weight: number } {
  const pa = a.id;
  const pb = b.id;
  let row: Array<{ comparison: ProcedureComparison; weight: number } | undefined> | undefined;
  if (pa !== undefined && pb !== undefined) {
    row = (ctx.procedurePairs ??= [])[pa] ??= [];
    const hit = row[pb];
    if (hit) return hit;
  }
  const key = pa !== undefined && pb !== undefined ? pa * 4_194_304 + pb : `${a.key}\u0000${b.key}`;
  let comparison = ctx.procedureCache.get(key);
  if (!comparison) ctx.procedureCache.set(key, (comparison = compareProcedures(a, b, ctx.idf)));
  const out = {
    comparison,
    weight: round2(comparison.agreement === 'missing' ? 0 : procedureWeight(comparison.similarity, ctx.config)),
  };
  if (row) row[pb!] = out;
  return out;
}

/**
 * Scores one pair. Reasons list every field (missing ones with weight 0) and the prior. With
 * `minScore`, returns null as soon as the pair is known to score below it (no reasons built).
 */
export function scorePair(p: PreparedPaper, s: PreparedSystem, ctx: ScoreContext): ScoredPair;
export function scorePair(p: PreparedPaper, s: PreparedSystem, ctx: ScoreContext, minScore: number): ScoredPair | null;
export function scorePair(
  p: PreparedPaper,
  s: PreparedSystem,
  ctx: ScoreContext,
  minScore?: number,
): ScoredPair | null {
  const c = ctx.config;
  const w = (ctx.weights ??= weightsOf(c));
  const proc = procedurePair(p.procedure, s.procedure, ctx);
  const procWeight = proc.weight;
  const date = dayAgreement(p, s, c.windowDays);
  const dateWeight = round2(w.receivedDate![date] ?? 0);
  const code = codeAgreement(p.src.codeKey, s.src.codeKey);
  const codeWeight = round2(w.code![code] ?? 0);
  const digits = compareDigits(p.digits, s.digits, c.digits);
  const digitsWeight = digits === 'missing' ? 0 : round2(w.digits![digits] ?? 0);
  const priorWeight = round2(Math.log2(c.prior / (1 - c.prior)));
  const others = procWeight + dateWeight + codeWeight + digitsWeight + priorWeight;
  // The applicant adds at most its best level's weight: a pair that cannot reach minScore stops here.
  if (
    minScore !== undefined &&
    minScore > 0 &&
    weightToScore(round2(others + (ctx.maxNameWeight ??= maxNameWeight(c)) + 0.01)) < minScore
  )
    return null;

  const name = nameAgreement(p.name, s.name);
  let nameWeight = w.applicant![name] ?? 0;
  if (c.nameFrequency && FREQUENCY_LEVELS.has(name) && s.nameKey && s.src.unitId !== null) {
    // u of a common name: the share of the unit's dossiers carrying it, besides this one.
    const others = (ctx.nameCount.get(nameCountKey(s.src.unitId, s.nameKey)) ?? 1) - 1;
    // Small units (or tests) would make any repeated name look common: count at least 100 dossiers.
    const size = Math.max(ctx.unitSize.get(s.src.unitId) ?? 1, 100);
    const level = c.levels.applicant[name]!;
    if (others / size > level.u) nameWeight = Math.log2(level.m / (others / size));
  }
  nameWeight = round2(nameWeight);
  // The same sum, in the same order, as the reasons below.
  let total = nameWeight + procWeight + dateWeight + codeWeight;
  if (code === 'exact') total += 0;
  if (digits !== 'missing') total += digitsWeight;
  const weight = round2(total + priorWeight);
  const score = weightToScore(weight);
  if (minScore !== undefined && score < minScore) return null;

  // Every distinct list is built once and shared (a million kept pairs, a few thousand lists).
  const key =
    `s\u0003${name}\u0001${nameWeight}\u0002${proc.comparison.agreement}\u0001${procWeight}\u0002${date}\u0001` +
    `${dateWeight}\u0002${code}\u0001${codeWeight}\u0002${digits}\u0001${digitsWeight}\u0002${priorWeight}`;
  const reasons = sharedReasonsBy(key, () => {
    const list: MatchReason[] = [
      { field: 'applicant', agreement: name, weight: nameWeight },
      { field: 'procedure', agreement: proc.comparison.agreement, weight: procWeight },
      { field: 'receivedDate', agreement: date, weight: dateWeight },
      { field: 'code', agreement: code, weight: codeWeight },
    ];
    // Only a contested code link (the applicant differs) reaches this tier with the exact code.
    if (code === 'exact') list.push({ field: 'verification', agreement: 'contested', weight: 0 });
    if (digits !== 'missing') list.push({ field: 'digits', agreement: digits, weight: digitsWeight });
    list.push({ field: 'prior', agreement: 'base-rate', weight: priorWeight });
    return list;
  });
  return { paperId: p.src.id, systemCodeKey: s.src.codeKey, weight, score, reasons };
}

function maxNameWeight(c: MatchConfig): number {
  return Math.max(0, ...Object.keys(c.levels.applicant).map((l) => levelWeight(c, 'applicant', l)));
}

/** The 0..1 score of a total weight in bits, rounded to 4 decimals. */
export function weightToScore(weight: number): number {
  return Math.round((1 / (1 + 2 ** -weight)) * 10000) / 10000;
}
