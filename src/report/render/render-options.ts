/** What every memo-ready renderer (xlsx, html, md) is told besides the report itself. */
import {
  DEFAULT_HTML_MAX_FINDINGS,
  displayDate,
  displayDateTime,
  type Lang,
  MSG,
  reportLabels,
} from '../../i18n/index.js';
import type { ReportHead } from '../model/finding-set.js';

/** Options of the xlsx, html and md reports. */
export interface RenderOptions {
  lang: Lang;
  /** false (default): names → initials, phone/ID numbers → last 3 digits, addresses → commune. */
  showPersonalData: boolean;
  /** The issuing agency, printed top left ("SỞ KHOA HỌC VÀ CÔNG NGHỆ"); none when null. */
  agency: string | null;
  /** The report title; the built-in title when null. */
  title: string | null;
  /** Name under "Người lập biểu"; a blank line to sign when null. */
  preparedBy: string | null;
  /** Name under "Thủ trưởng đơn vị"; a blank line to sign when null. */
  headOfUnit: string | null;
  /** motcua-audit's version, for the provenance sheet. */
  toolVersion: string;
  /** The options the report was made with, as the user typed them (for provenance). */
  optionsUsed: string[];
  /**
   * Above this many findings the HTML page gives counts by unit instead of the lists (see DEFAULT_HTML_MAX_FINDINGS).
   */
  htmlMaxFindings: number;
}

/** Fills the defaults of every option not given. */
export function resolveRenderOptions(o: Partial<RenderOptions> & { lang: Lang }): RenderOptions {
  return {
    lang: o.lang,
    showPersonalData: o.showPersonalData ?? false,
    agency: o.agency?.trim() || null,
    title: o.title?.trim() || null,
    preparedBy: o.preparedBy?.trim() || null,
    headOfUnit: o.headOfUnit?.trim() || null,
    toolVersion: o.toolVersion ?? '',
    optionsUsed: o.optionsUsed ?? [],
    htmlMaxFindings: o.htmlMaxFindings ?? DEFAULT_HTML_MAX_FINDINGS,
  };
}

/** The title to print. */
export function reportTitle(o: RenderOptions): string {
  return o.title ?? MSG[o.lang].reportTitle;
}

/** The lines under the title: period, unit scope, system as-of, generated-at (in the report's language). */
export function headerLines(report: ReportHead, o: RenderOptions): string[] {
  const L = reportLabels(o.lang).head;
  const p = report.provenance;
  const lines = [
    report.filters.from || report.filters.to
      ? L.period(
          displayDate(report.filters.from ?? p?.dataFrom ?? null) || '…',
          displayDate(report.filters.to ?? p?.dataTo ?? null) || '…',
        )
      : L.periodAll(displayDate(p?.dataFrom ?? null), displayDate(p?.dataTo ?? null)),
  ];
  if (report.filters.unit) lines.push(L.unit(report.units[0]?.unit ?? report.filters.unit));
  if (p?.systemAsOf) lines.push(L.asOf(displayDate(p.systemAsOf)));
  lines.push(L.generated(displayDateTime(report.generatedAt)));
  return lines;
}
