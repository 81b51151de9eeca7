/**
 * The report's output as `report` and `run` use it: the format dispatcher (report/render/formats.ts),
 * the terminal table, the writers' sinks and the report's in-memory forms. The commands reach the
 * renderers through this module only.
 */
export { writeReportFormat, reportText, type ReportFormat, type ReportText } from '../report/render/formats.js';
export { renderTable, tableWidth } from '../report/render/terminal.js';
export { chunked, writePrivateFileAtomically, writeTextFile } from '../report/render/sink.js';
export { resolveRenderOptions, type RenderOptions } from '../report/render/render-options.js';
export { auditPath } from '../report/render/paths.js';
export { DEFAULT_HTML_MAX_FINDINGS, memoLabels } from '../i18n/index.js';
export { maskName, neutralizeFormula } from '../report/render/privacy.js';
export {
  countingFindingSet,
  materialize,
  type AnyReport,
  type ReportHead,
  type StreamedReport,
} from '../report/model/finding-set.js';
export { reportForUnit, uniqueFileNames } from '../report/model/split.js';
export { UNIT_VIEWS, type UnitView } from '../report/model/unit-view.js';
export type { Report } from '../report/model/types.js';
