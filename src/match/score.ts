/**
 * The Fellegi-Sunter score of a (paper row, system dossier) pair: each field's agreement level
 * adds log2(m/u) bits, the prior adds log2(λ/(1−λ)), and the total W maps to a posterior
 * probability 1/(1+2^−W) in 0..1. Names use frequency-based u (a common name in the unit weighs
 * less), procedures a Winkler-style interpolation of the weight by their similarity.
 */
import type { MatchReason } from '../types.js';
import { compareCodes, compareDates, compareDigits, extractDigitIds, swapDayMonth, type CodeAgreement, type DateComparison } from './compare.js';
import { levelWeight, type MatchConfig } from './config.js';
import { comparePrepared, nameBlockKey, prepareName, type PreparedName } from './names.js';
import { compareProcedures, prepareProcedure, ProcedureIdf, type PreparedProcedure, type ProcedureComparison } from './procedures.js';
import type { PaperCandidate, SystemCandidate } from './types.js';

/** A paper row prepared once for many comparisons. */
export interface PreparedPaper {
  src: PaperCandidate;
  name: PreparedName;
  nameKey: string | null;
  procedure: PreparedProcedure;
  digits: string[];
  /** The received date as a day number (see {@link dayNumberOf}), and that of its day↔month swap. */
  day: number | null;
  swapDay: number | null;
}

/** A system dossier prepared once for many comparisons. */
export interface PreparedSystem {
  src: SystemCandidate;
  name: PreparedName;
  nameKey: string | null;
  procedure: PreparedProcedure;
  digits: string[];
  day: number | null;
}

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
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of an ISO date (a trailing time ignored); null when missing or not a calendar date. */
export function dayNumberOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = ISO_DAY.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!)) return null;
  return Date.UTC(y, mo - 1, d) / 86_400_000;
}

let procedureIds = 0;

/** Prepared procedures by configuration and text: a province has a few hundred procedure spellings. */
const procedures = new WeakMap<object, Map<string, PreparedProcedure>>();

/** {@link prepareProcedure} with the configuration's abbreviations, cached by text. */
export function prepareProcedureCached(raw: string | null, config: MatchConfig): PreparedProcedure {
  let byText = procedures.get(config.abbreviations);
  if (!byText) procedures.set(config.abbreviations, (byText = new Map()));
  const key = raw ?? '';
  let out = byText.get(key);
  if (!out) {
    if (byText.size > 100_000) byText.clear();
    byText.set(key, (out = { ...prepareProcedure(raw, config.abbreviations), id: ++procedureIds }));
  }
  return out;
}

/** Prepares a paper row. */
export function preparePaper(p: PaperCandidate, config: MatchConfig): PreparedPaper {
  const name = prepareName(p.applicant);
  return {
    src: p, name, nameKey: nameBlockKey(name), procedure: prepareProcedureCached(p.procedure, config), digits: p.digits ?? extractDigitIds(p.contact ?? null),
    day: dayNumberOf(p.receivedDate), swapDay: dayNumberOf(swapDayMonth(p.receivedDate?.slice(0, 10) ?? null)),
  };
}

/** Prepares a system dossier. */
export function prepareSystem(s: SystemCandidate, config: MatchConfig): PreparedSystem {
  const name = prepareName(s.applicant);
  return {
    src: s, name, nameKey: nameBlockKey(name), procedure: prepareProcedureCached(s.procedure, config), digits: s.digits ?? extractDigitIds(s.contact ?? null),
    day: dayNumberOf(s.receivedDate),
  };
}

/** {@link compareDates} on day numbers (same levels and distance; no date parsing). */
function compareDays(p: PreparedPaper, s: PreparedSystem, windowDays: number): DateComparison {
  if (p.day === null || s.day === null) return compareDates(p.src.receivedDate, s.src.receivedDate, windowDays);
  const d = s.day - p.day;
  const ad = Math.abs(d);
  if (ad === 0) return { agreement: 'same-day', days: 0 };
  if (ad === 1 && windowDays >= 1) return { agreement: 'one-day', days: d };
  if (ad <= windowDays) return { agreement: 'within-window', days: d };
  if (p.swapDay !== null && Math.abs(s.day - p.swapDay) <= windowDays) return { agreement: 'day-month-swap', days: d };
  return { agreement: ad <= 31 ? 'far' : 'very-far', days: d };
}

const nameCountKey = (unitId: number | null, key: string) => `${unitId ?? ''}|${key}`;

/** Statistics over every system dossier (not only the unmatched ones), so scores do not depend on tier order. */
export function buildScoreContext(system: readonly PreparedSystem[], paperProcedures: Iterable<PreparedProcedure>, config: MatchConfig): ScoreContext {
  const unitSize = new Map<number, number>();
  const nameCount = new Map<string, number>();
  // A name is counted once per received day: the same person filing twice a day is one person.
  const seen = new Set<string>();
  for (const s of system) {
    if (s.src.unitId !== null) unitSize.set(s.src.unitId, (unitSize.get(s.src.unitId) ?? 0) + 1);
    if (!s.nameKey) continue;
    const k = nameCountKey(s.src.unitId, s.nameKey);
    const day = `${k}|${s.src.receivedDate ?? ''}`;
    if (seen.has(day)) continue;
    seen.add(day);
    nameCount.set(k, (nameCount.get(k) ?? 0) + 1);
  }
  const distinct = new Set<PreparedProcedure>(system.map((s) => s.procedure));
  for (const p of paperProcedures) distinct.add(p);
  const idf = new ProcedureIdf([...distinct].filter((x) => x.words.length > 0));
  return { config, idf, unitSize, nameCount, procedureCache: new Map() };
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

/** Procedure weight: piecewise linear in similarity between the levels' weights (Winkler 1990). */
function procedureWeight(similarity: number, c: MatchConfig): number {
  const anchors: Array<[number, number]> = [
    [0.3, levelWeight(c, 'procedure', 'differs')],
    [0.5, levelWeight(c, 'procedure', 'partial')],
    [0.75, levelWeight(c, 'procedure', 'similar')],
    [0.95, levelWeight(c, 'procedure', 'equal')],
  ];
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
      for (const level of Object.keys(levels)) t[field]![level] = levelWeight(c, field as keyof MatchConfig['levels'], level);
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
  return ok ? compareCodes(paperKey, systemKey) : 'missing';
}

/**
 * Scores one pair. Reasons list every field (missing ones with weight 0) and the prior. With
 * `minScore`, returns null as soon as the pair is known to score below it (no reasons built).
 */
export function scorePair(p: PreparedPaper, s: PreparedSystem, ctx: ScoreContext): ScoredPair;
export function scorePair(p: PreparedPaper, s: PreparedSystem, ctx: ScoreContext, minScore: number): ScoredPair | null;
export function scorePair(p: PreparedPaper, s: PreparedSystem, ctx: ScoreContext, minScore?: number): ScoredPair | null {
  const c = ctx.config;
  const w = weightsOf(c);

  const pa = p.procedure.id;
  const pb = s.procedure.id;
  const procKey = pa !== undefined && pb !== undefined ? pa * 4_194_304 + pb : `${p.procedure.key}\u0000${s.procedure.key}`;
  let proc = ctx.procedureCache.get(procKey);
  if (!proc) ctx.procedureCache.set(procKey, (proc = compareProcedures(p.procedure, s.procedure, ctx.idf)));
  const procWeight = round2(proc.agreement === 'missing' ? 0 : procedureWeight(proc.similarity, c));
  const date = compareDays(p, s, c.windowDays);
  const dateWeight = round2(w.receivedDate![date.agreement] ?? 0);
  const code = codeAgreement(p.src.codeKey, s.src.codeKey);
  const codeWeight = round2(w.code![code] ?? 0);
  const digits = compareDigits(p.digits, s.digits, c.digits);
  const digitsWeight = digits === 'missing' ? 0 : round2(w.digits![digits] ?? 0);
  const priorWeight = round2(Math.log2(c.prior / (1 - c.prior)));
  const others = procWeight + dateWeight + codeWeight + digitsWeight + priorWeight;
  // The applicant adds at most its best level's weight: a pair that cannot reach minScore stops here.
  if (minScore !== undefined && minScore > 0 && weightToScore(round2(others + (ctx.maxNameWeight ??= maxNameWeight(c)) + 0.01)) < minScore) return null;

  const name = comparePrepared(p.name, s.name);
  let nameWeight = w.applicant![name.agreement] ?? 0;
  if (c.nameFrequency && FREQUENCY_LEVELS.has(name.agreement) && s.nameKey && s.src.unitId !== null) {
    // u of a common name: the share of the unit's dossiers carrying it, besides this one.
    const others = (ctx.nameCount.get(nameCountKey(s.src.unitId, s.nameKey)) ?? 1) - 1;
    // Small units (or tests) would make any repeated name look common: count at least 100 dossiers.
    const size = Math.max(ctx.unitSize.get(s.src.unitId) ?? 1, 100);
    const level = c.levels.applicant[name.agreement]!;
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

  const reasons: MatchReason[] = [
    { field: 'applicant', agreement: name.agreement, weight: nameWeight },
    { field: 'procedure', agreement: proc.agreement, weight: procWeight },
    { field: 'receivedDate', agreement: date.agreement, weight: dateWeight },
    { field: 'code', agreement: code, weight: codeWeight },
  ];
  // Only a contested code link (the applicant differs) reaches this tier with the exact code.
  if (code === 'exact') reasons.push({ field: 'verification', agreement: 'contested', weight: 0 });
  if (digits !== 'missing') reasons.push({ field: 'digits', agreement: digits, weight: digitsWeight });
  reasons.push({ field: 'prior', agreement: 'base-rate', weight: priorWeight });
  return { paperId: p.src.id, systemCodeKey: s.src.codeKey, weight, score, reasons };
}

function maxNameWeight(c: MatchConfig): number {
  return Math.max(0, ...Object.keys(c.levels.applicant).map((l) => levelWeight(c, 'applicant', l)));
}

/** The 0..1 score of a total weight in bits, rounded to 4 decimals. */
export function weightToScore(weight: number): number {
  return Math.round((1 / (1 + 2 ** -weight)) * 10000) / 10000;
}
