/**
 * Usage errors of the command line (a bad flag value, a missing companion flag), vi and en. They
 * are raised as a code with parameters (`usageError('notADate', { option, value })`) and written
 * once in the user's language by formatError; the English sentence is also the error's message,
 * for library users.
 */
import { AuditError, type ErrorContext } from '../errors.js';
import type { Lang } from './lang.js';

/** The parameters of each usage error (kept in the error's params, with `usage` = its code). */
interface UsageParams {
  /** `--format: one of table, csv`. */
  oneOf: { option: string; choices: string; value?: unknown };
  notADate: { option: string; value: string };
  notANumber: { option: string; value: string };
  waitSeconds: { option: '--wait'; value: string };
  htmlMaxFindings: { option: '--html-max-findings'; value: string };
  logJsonUnwritable: { option: '--log-json'; file: string; fsCode: string };
  runNumber: { option: string; value: string };
  xlsxNeedsOut: { option: '--out' };
  failOn: { option: '--fail-on'; value: string };
  splitByUnit: { option: '--split-by-unit' };
  severalOutFormat: { option: '--out'; several: true };
  outNoExtension: { option: '--out'; value: string; extensions: string[] };
  outTwice: { option: '--out'; value: string };
  outFormatMismatch: { option: '--out'; value: string; byExtension: string; format: string };
  aliasEmpty: { option: 'NAME' };
  matchOrNoMatch: { option: '--match' };
  importId: { value: string };
  fromAfterTo: { option: '--from'; value: string; to: string };
}

/** A usage error's code. */
export type UsageCode = keyof UsageParams;

type Sentences = { [K in UsageCode]: (p: UsageParams[K]) => string };

const vi: Sentences = {
  oneOf: (p) => `${p.option}: chọn một trong ${p.choices}`,
  notADate: (p) => `${p.option}: không phải ngày: ${p.value} (viết NN/TT/NNNN)`,
  notANumber: (p) => `${p.option}: không phải số: ${p.value}`,
  waitSeconds: (p) => `--wait: cần số giây ≥ 0, nhận được "${p.value}"`,
  htmlMaxFindings: (p) => `--html-max-findings: cần một số nguyên ≥ 0, nhận được "${p.value}"`,
  logJsonUnwritable: (p) => `--log-json: không ghi được ${p.file} (${p.fsCode})`,
  runNumber: (p) => `${p.option}: cần số thứ tự của một lần chạy, nhận được "${p.value}"`,
  xlsxNeedsOut: () => '--format xlsx cần --out TỆP.xlsx',
  failOn: (p) => `--fail-on: cần dạng never-closed=N, nhận được "${p.value}"`,
  splitByUnit: () => '--split-by-unit cần một --format ghi ra tệp (xlsx, html, md, csv, json) và --out THƯ-MỤC',
  severalOutFormat: () => 'nhiều --out: mỗi tệp theo định dạng của đuôi tệp (không dùng kèm --format, --split-by-unit)',
  outNoExtension: (p) =>
    `--out ${p.value}: khi có nhiều --out, đuôi của mỗi tệp phải cho biết định dạng (.xlsx, .json, .csv, .html, .md)`,
  outTwice: (p) => `--out ${p.value}: cùng một tệp hai lần`,
  outFormatMismatch: (p) =>
    `--out ${p.value}: đuôi tệp là định dạng ${p.byExtension} nhưng --format là ${p.format}; bỏ --format (định ` +
    `dạng theo đuôi tệp) hoặc sửa cho khớp`,
  aliasEmpty: () => 'units alias: tên gọi khác đang trống',
  matchOrNoMatch: () =>
    'cần đúng một trong hai: --match MÃ-HỒ-SƠ (dòng sổ này là hồ sơ đó trên hệ thống) hoặc --no-match (không ' +
    'có trên hệ thống)',
  importId: (p) => `imports remove: cần mã một lần nhập (xem imports list), nhận được "${p.value}"`,
  fromAfterTo: (p) => `--from ${p.value} sau --to ${p.to}: khoảng thời gian rỗng; hãy đổi chỗ hai ngày`,
};

const en: Sentences = {
  oneOf: (p) => `${p.option}: one of ${p.choices}`,
  notADate: (p) => `${p.option}: not a date: ${p.value} (use DD/MM/YYYY)`,
  notANumber: (p) => `${p.option}: not a number: ${p.value}`,
  waitSeconds: (p) => `--wait: expected a number of seconds ≥ 0, got "${p.value}"`,
  htmlMaxFindings: (p) => `--html-max-findings: expected a whole number ≥ 0, got "${p.value}"`,
  logJsonUnwritable: (p) => `--log-json: cannot write ${p.file} (${p.fsCode})`,
  runNumber: (p) => `${p.option}: expected a run number, got "${p.value}"`,
  xlsxNeedsOut: () => '--format xlsx needs --out FILE.xlsx',
  failOn: (p) => `--fail-on: expected never-closed=N, got "${p.value}"`,
  splitByUnit: () => '--split-by-unit needs a file --format (xlsx, html, md, csv, json) and --out DIR',
  severalOutFormat: () =>
    'several --out: each file takes the format of its extension (no --format, no --split-by-unit)',
  outNoExtension: (p) =>
    `--out ${p.value}: several --out need each file's format in its extension (.xlsx, .json, .csv, .html, .md)`,
  outTwice: (p) => `--out ${p.value}: the same file twice`,
  outFormatMismatch: (p) => `--out ${p.value}: the extension says ${p.byExtension} but --format says ${p.format}`,
  aliasEmpty: () => 'units alias: the name is empty',
  matchOrNoMatch: () => 'give exactly one of --match SYSTEM_CODE or --no-match',
  importId: (p) => `imports remove: expected an import id, got "${p.value}"`,
  fromAfterTo: (p) => `--from ${p.value} is after --to ${p.to}`,
};

const USAGE: Record<Lang, Sentences> = { vi, en };

/** A usage error (exit 2): its code and parameters; the message is the English sentence. */
export function usageError<K extends UsageCode>(
  code: K,
  params: UsageParams[K],
  context: ErrorContext = {},
): AuditError {
  return new AuditError('USAGE', USAGE.en[code](params), context, { ...params, usage: code });
}

/** A usage error's sentence in `lang`; null for a USAGE error raised without a code. */
export function usageText(params: Record<string, unknown>, lang: Lang): string | null {
  const code = params.usage as UsageCode | undefined;
  const sentence = code === undefined ? undefined : (USAGE[lang][code] as ((p: unknown) => string) | undefined);
  return sentence ? sentence(params) : null;
}
