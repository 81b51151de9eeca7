/**
 * What a config field should have held, in Vietnamese and English. The config loader raises
 * RUN_CONFIG_INVALID with `params.field` and `params.expect` (one of these kinds plus its values);
 * src/i18n.ts renders it as "audit.json: reports.keep: expected a whole number ≥ 1".
 */
import type { Lang } from './lang.js';

/** What is wrong with the status table file named by `statuses`. */
export type StatusesProblem = 'missing' | 'json' | 'not-list' | 'label' | 'state';

/** What was expected of a field (no user data in it beyond the allowed values). */
export type Expectation =
  | { kind: 'file-missing' }
  | { kind: 'unreadable'; detail: string }
  | { kind: 'json'; detail: string }
  | { kind: 'object' }
  | { kind: 'required' }
  | { kind: 'unknown-key'; allowed: string[] }
  | { kind: 'string' }
  | { kind: 'patterns' }
  | { kind: 'pattern-inside' }
  | { kind: 'paper-list' }
  | { kind: 'whole-number'; min: number }
  | { kind: 'whole-number-or-null'; min: number }
  | { kind: 'one-of'; values: string[] }
  | { kind: 'formats'; values: string[] }
  | { kind: 'mode' }
  | { kind: 'mode-private' }
  | { kind: 'path-inside' }
  | { kind: 'also-matched'; file: string; other: string }
  | { kind: 'writable'; detail: string }
  | { kind: 'number-between'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'invalid-value'; detail: string }
  | { kind: 'statuses-file'; file: string; problem: StatusesProblem; at: string | null };

const STATUSES_PROBLEM: Record<Lang, Record<StatusesProblem, string>> = {
  vi: {
    missing: 'không tìm thấy tệp',
    json: 'không phải tệp JSON đọc được',
    'not-list': 'cần một danh sách JSON [ … ]',
    label: 'cần "label" là một nhãn trạng thái (chữ)',
    state: 'cần "state" là "open" hoặc "closed"',
  },
  en: {
    missing: 'file not found',
    json: 'not a readable JSON file',
    'not-list': 'expected a JSON list [ … ]',
    label: 'expected "label" to be a status label (text)',
    state: 'expected "state" to be "open" or "closed"',
  },
};

const statusesText = (e: { file: string; problem: StatusesProblem; at: string | null }, lang: Lang) =>
  `${e.file}: ${e.at ? `${e.at}: ` : ''}${STATUSES_PROBLEM[lang][e.problem]}` +
  (lang === 'vi'
    ? ' (bảng trạng thái: [{ "label": "…", "state": "open" | "closed" }])'
    : ' (status table: [{ "label": "…", "state": "open" | "closed" }])');

const q = (values: string[]) => values.map((v) => `"${v}"`).join(', ');

const TEXTS: Record<Lang, (e: Expectation) => string> = {
  vi: (e) => {
    switch (e.kind) {
      case 'file-missing':
        return 'không tìm thấy tệp cấu hình';
      case 'unreadable':
        return `không đọc được tệp cấu hình (${e.detail})`;
      case 'json':
        return `không phải JSON hợp lệ (${e.detail})`;
      case 'object':
        return 'cần một đối tượng JSON { … }';
      case 'required':
        return 'thiếu trường bắt buộc';
      case 'unknown-key':
        return `trường không được hỗ trợ (các trường hợp lệ: ${e.allowed.join(', ') || 'không có'})`;
      case 'string':
        return 'cần một chuỗi không rỗng';
      case 'patterns':
        return 'cần một mảng mẫu đường dẫn, ví dụ ["exports/*.xlsx"]';
      case 'pattern-inside':
        return (
          'mẫu đường dẫn phải nằm trong thư mục chứa tệp cấu hình (không dùng đường dẫn tuyệt đối, không dùng ' +
          '"..")'
        );
      case 'paper-list':
        return 'cần một mảng các mục { "path": "…", "unit": "…" }';
      case 'whole-number':
        return `cần một số nguyên ≥ ${e.min}`;
      case 'whole-number-or-null':
        return `cần một số nguyên ≥ ${e.min} hoặc null`;
      case 'one-of':
        return `cần một trong các giá trị: ${q(e.values)}`;
      case 'formats':
        return (
          `cần một mảng định dạng tệp báo cáo trong số: ${q(e.values)} ("table" chỉ in ra màn hình, không phải ` +
          `định dạng tệp)`
        );
      case 'mode':
        return 'cần quyền tệp dạng bát phân viết trong chuỗi, ví dụ "0600"';
      case 'mode-private':
        return (
          'cần quyền để chủ sở hữu đọc và ghi được, người khác không đọc được và nhóm không ghi được: "0600" ' +
          '(chỉ chủ sở hữu) hoặc "0640" (nhóm được đọc)'
        );
      case 'path-inside':
        return (
          'đường dẫn phải nằm trong thư mục chứa tệp cấu hình (không ra ngoài bằng "..", đường dẫn tuyệt đối hay ' +
          'liên kết tượng trưng)'
        );
      case 'also-matched':
        return `tệp ${e.file} cũng khớp với ${e.other}; mỗi tệp chỉ được khớp một mục`;
      case 'writable':
        return `không ghi được vào thư mục này (${e.detail})`;
      case 'number-between':
        return `cần một số từ ${e.min} đến ${e.max}`;
      case 'boolean':
        return 'cần true hoặc false';
      case 'invalid-value':
        return `giá trị không hợp lệ: ${e.detail} (xem các tuỳ chọn đối chiếu trong docs/scheduled-runs.md)`;
      case 'statuses-file':
        return statusesText(e, 'vi');
    }
  },
  en: (e) => {
    switch (e.kind) {
      case 'file-missing':
        return 'config file not found';
      case 'unreadable':
        return `cannot read the config file (${e.detail})`;
      case 'json':
        return `not valid JSON (${e.detail})`;
      case 'object':
        return 'expected an object { … }';
      case 'required':
        return 'required field missing';
      case 'unknown-key':
        return `unknown field (allowed: ${e.allowed.join(', ') || 'none'})`;
      case 'string':
        return 'expected a non-empty string';
      case 'patterns':
        return 'expected an array of path patterns, e.g. ["exports/*.xlsx"]';
      case 'pattern-inside':
        return 'expected a pattern inside the config file\'s folder (no absolute path, no "..")';
      case 'paper-list':
        return 'expected an array of { "path": "…", "unit": "…" }';
      case 'whole-number':
        return `expected a whole number ≥ ${e.min}`;
      case 'whole-number-or-null':
        return `expected a whole number ≥ ${e.min} or null`;
      case 'one-of':
        return `expected one of ${q(e.values)}`;
      case 'formats':
        return `expected an array of report file formats among ${q(e.values)} ("table" is printed, not a file format)`;
      case 'mode':
        return 'expected an octal file mode as a string, e.g. "0600"';
      case 'mode-private':
        return (
          'expected a mode that lets the owner read and write, nobody else read, and the group not write: "0600" ' +
          '(owner only) or "0640" (group may read)'
        );
      case 'path-inside':
        return (
          'expected a path inside the config file\'s folder (not out of it by "..", an absolute path or a ' +
          'symbolic link)'
        );
      case 'also-matched':
        return `the file ${e.file} is also matched by ${e.other}; each file may match one entry only`;
      case 'writable':
        return `cannot write into this folder (${e.detail})`;
      case 'number-between':
        return `expected a number from ${e.min} to ${e.max}`;
      case 'boolean':
        return 'expected true or false';
      case 'invalid-value':
        return `invalid value ${e.detail} (see the matcher options in docs/scheduled-runs.md)`;
      case 'statuses-file':
        return statusesText(e, 'en');
    }
  },
};

/** The localized text of an expectation. */
export function expectationText(e: Expectation, lang: Lang): string {
  return TEXTS[lang](e);
}
