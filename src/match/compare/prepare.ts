/**
 * Paper rows and system dossiers prepared once for many comparisons: prepared name and procedure
 * (cached by text), phone/ID digits, received day numbers.
 */
import { contactDigits } from '../../normalize/digits.js';
import { swapDayMonth } from './compare.js';
import type { MatchConfig } from '../config.js';
import { nameBlockKey, prepareName, type PreparedName } from './names.js';
import { prepareProcedure, type PreparedProcedure } from './procedures.js';
import type { PaperCandidate, SystemCandidate } from '../types.js';

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

/** Phone/ID digits of a row: given, or extracted from its contact text. */
export function digitsOf(x: { digits?: string[]; contact?: string | null }): string[] {
  return x.digits ?? contactDigits(x.contact);
}

/** Prepares a paper row. */
export function preparePaper(p: PaperCandidate, config: MatchConfig): PreparedPaper {
  const name = prepareName(p.applicant);
  return {
    src: p,
    name,
    nameKey: nameBlockKey(name),
    procedure: prepareProcedureCached(p.procedure, config),
    digits: digitsOf(p),
    day: dayNumberOf(p.receivedDate),
    swapDay: dayNumberOf(swapDayMonth(p.receivedDate?.slice(0, 10) ?? null)),
  };
}

/** Prepares a system dossier. */
export function prepareSystem(s: SystemCandidate, config: MatchConfig): PreparedSystem {
  const name = prepareName(s.applicant);
  return {
    src: s,
    name,
    nameKey: nameBlockKey(name),
    procedure: prepareProcedureCached(s.procedure, config),
    digits: digitsOf(s),
    day: dayNumberOf(s.receivedDate),
  };
}
