/**
 * The findings of a report as the writers read them: counted and iterated per section, in report
 * order. A report held in memory has an array; a streamed report (`openStreamedReport`) has a set
 * read back from a temporary database, so a million findings never sit in memory at once.
 */
import { type Section, sectionFilter } from '../../i18n/index.js';
import type { Finding, Report } from './types.js';

/** Findings counted and iterated by section (all of them without one). */
export interface FindingSet {
  count(section?: Section): number;
  iterate(section?: Section): Iterable<Finding>;
}

/** A report whose findings are a `FindingSet` instead of an array. */
export type StreamedReport = Omit<Report, 'findings'> & { findings: FindingSet };

/** Either kind of report: what the file writers accept. */
export type AnyReport = Report | StreamedReport;

/** The head of a report: everything but its findings. */
export type ReportHead = Omit<Report, 'findings'>;

/** A `FindingSet` over an array already in report order. */
export function arrayFindingSet(findings: readonly Finding[]): FindingSet {
  return {
    count: (section) => (section === undefined ? findings.length : findings.filter(sectionFilter(section)).length),
    iterate: (section) => (section === undefined ? findings : findings.filter(sectionFilter(section))),
  };
}

/** The findings of either kind of report. */
export function findingsOf(report: AnyReport): FindingSet {
  return Array.isArray(report.findings) ? arrayFindingSet(report.findings) : (report.findings as FindingSet);
}

/** A streamed report made whole (every finding in memory), for the writers that need an array. */
export function materialize(report: AnyReport): Report {
  if (Array.isArray(report.findings)) return report as Report;
  return { ...report, findings: [...(report.findings as FindingSet).iterate()] };
}

/** The same findings, calling `onRow(done)` every `every` findings read (over every iteration). */
export function countingFindingSet(set: FindingSet, onRow: (done: number) => void, every = 5_000): FindingSet {
  let done = 0;
  return {
    count: (section) => set.count(section),
    *iterate(section) {
      for (const f of set.iterate(section)) {
        if (++done % every === 0) onRow(done);
        yield f;
      }
    },
  };
}
