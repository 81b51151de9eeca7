/**
 * One report per unit (`report --split-by-unit`): each desk gets its own summary line, findings,
 * data-quality problems, timeliness and sources, and a file name made from its unit name.
 */
import { unitTotalIndicators } from './indicators.js';
import type { Report, ReportTotals } from './types.js';

/** The report restricted to one unit of `report.units`: the same figures as `report --unit NAME`. */
export function reportForUnit(report: Report, unit: string): Report {
  const line = report.units.find((u) => u.unit === unit);
  if (!line) throw new Error(`reportForUnit: no unit ${unit} in the report`);
  const { unit: _name, unitCode: _code, indicators, ...counters } = line;
  const totals: ReportTotals = { ...counters, ...(indicators ? { indicators: unitTotalIndicators(indicators) } : {}) };
  const out: Report = {
    ...report,
    filters: { ...report.filters, unit },
    totals,
    units: [line],
    findings: report.findings.filter((f) => f.unit === unit),
  };
  if (report.timeliness) {
    const t = report.timeliness.units.find((x) => x.unit === unit);
    if (t) {
      const { unit: _u, ...counts } = t;
      out.timeliness = { units: [t], totals: { ...counts } };
    }
  }
  if (report.provenance) {
    const p = report.provenance;
    const tie = p.tieOut.units.find((x) => x.unit === unit);
    const sources = p.sources.filter((s) => s.units.includes(unit));
    const { unit: _t, ...tieCounts } = tie ?? { unit, ...p.tieOut.totals };
    out.provenance = {
      ...p,
      sources,
      systemAsOf: sources
        .filter((s) => s.kind === 'system')
        .reduce<string | null>((m, s) => (s.asOf && (!m || s.asOf > m) ? s.asOf : m), null),
      tieOut: { units: tie ? [tie] : [], totals: tieCounts },
    };
  }
  return out;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A portable file name for a unit: tones and đ folded to ASCII (so the name survives e-mail, zip
 * and Windows), case kept, words joined by "-", nothing a file system forbids, at most 80 characters.
 * "UBND huyện Gò Dầu" → "UBND-huyen-Go-Dau".
 */
export function safeFileName(name: string): string {
  const folded = name
    .normalize('NFC')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
  const cleaned = folded
    .replace(/[^A-Za-z0-9._ -]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 80)
    .replace(/[.-]+$/, '');
  const base = cleaned === '' ? 'unit' : cleaned;
  return WINDOWS_RESERVED.test(base) ? `${base}-unit` : base;
}

/** File names for several units, unique even when two names fold alike (case-insensitively). */
export function uniqueFileNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const n of names) {
    const base = safeFileName(n);
    let candidate = base;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base}-${i}`;
    used.add(candidate.toLowerCase());
    out.set(n, candidate);
  }
  return out;
}
