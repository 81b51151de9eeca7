/**
 * Status labels of the one-stop systems mapped to an electronic state. "Closed electronically"
 * means returned (10), withdrawn (7) or refused (3); "result ready" (9) is still open. The table
 * is data: users extend it with a JSON file (see docs/commands.md, the tables you can extend).
 */
import { foldCell } from './fast-text.js';
import { foldText } from './text.js';
import type { SystemState } from '../types.js';

/** One entry of the status table. */
export interface StatusEntry {
  /** The label as a system writes it (any case, tones optional). */
  label: string;
  state: Exclude<SystemState, 'unknown'>;
  /** National status code on the DVC portal, when the label corresponds to one. */
  nationalCode?: number;
}

/**
 * Built-in labels. National codes (DVC portal): 1 Mới đăng ký, 2 Được tiếp nhận, 3 Không được tiếp
 * nhận, 4 Đang xử lý, 5 Yêu cầu bổ sung giấy tờ, 6 Yêu cầu thực hiện nghĩa vụ tài chính, 7 Công dân
 * yêu cầu rút hồ sơ, 8 Dừng xử lý, 9 Đã xử lý xong, 10 Đã trả kết quả; then the labels provincial
 * systems use for them, the supplement sub-states (open: processing resumes after them) and the
 * English status words of open-source one-stop systems (OpenCPS: new, receiving, processing, …).
 */
export const DEFAULT_STATUS_TABLE: readonly StatusEntry[] = [
  ...entries(1, 'open', [
    'Mới đăng ký',
    'Đã nộp',
    'Mới nộp',
    'Chờ tiếp nhận',
    'Đăng ký mới',
    'Đã đăng ký',
    'Hồ sơ mới',
    'new',
    'collecting',
    'registered',
    'submitted',
  ]),
  ...entries(2, 'open', [
    'Được tiếp nhận',
    'Đã được tiếp nhận',
    'Mới tiếp nhận',
    'Đã tiếp nhận',
    'Tiếp nhận',
    'Chờ xử lý',
    'Đang chờ xử lý',
    'Chưa xử lý',
    'receiving',
    'received',
  ]),
  ...entries(3, 'closed', [
    'Không được tiếp nhận',
    'Từ chối',
    'Từ chối tiếp nhận',
    'Không tiếp nhận',
    'Đã từ chối',
    'Từ chối giải quyết',
    'Trả lại hồ sơ',
    'Hoàn trả hồ sơ',
    'denied',
    'rejected',
  ]),
  ...entries(4, 'open', [
    'Đang xử lý',
    'Đang giải quyết',
    'Chờ phê duyệt',
    'Đang thụ lý',
    'Đang thẩm định',
    'Chờ ký duyệt',
    'Đã chuyển xử lý',
    'Liên thông',
    'Đang liên thông',
    'Chờ liên thông',
    'Đã chuyển liên thông',
    'Chờ ký',
    'Đã ký',
    'Chờ thẩm định',
    'Chờ xác minh',
    'Đang xác minh',
    'Quá hạn',
    'Trễ hạn',
    'Đang xử lý quá hạn',
    'Đang xử lý trong hạn',
    'processing',
    'procesing',
    'waiting',
    'handover',
    'interoperating',
    'unresolved',
    'endorsement',
    'pausing',
    'in progress',
  ]),
  ...entries(5, 'open', [
    'Yêu cầu bổ sung giấy tờ',
    'Chờ bổ sung',
    'Yêu cầu bổ sung',
    'Bổ sung hồ sơ',
    'Yêu cầu bổ sung hồ sơ',
    'Yêu cầu một cửa bổ sung',
    'Yêu cầu công dân bổ sung',
    'Công dân đã gửi bổ sung',
    'Đã bổ sung',
    'Hoàn thành bổ sung',
    'Chờ bổ sung tiếp nhận',
    'Tạm dừng',
    'correcting',
  ]),
  ...entries(6, 'open', [
    'Yêu cầu thực hiện nghĩa vụ tài chính',
    'Chờ thanh toán',
    'Chờ nộp phí',
    'Chờ nộp lệ phí',
    'Chờ thực hiện nghĩa vụ tài chính',
    'Đã thanh toán',
    'paying',
  ]),
  ...entries(7, 'closed', [
    'Công dân yêu cầu rút hồ sơ',
    'Rút hồ sơ',
    'Đã rút hồ sơ',
    'Công dân rút hồ sơ',
    'Rút',
    'Hủy',
    'Đã hủy',
    'cancelled',
    'canceled',
    'cancelling',
    'withdrawn',
  ]),
  ...entries(8, 'closed', ['Dừng xử lý', 'Đã dừng xử lý', 'Dừng giải quyết']),
  ...entries(9, 'open', [
    'Đã xử lý xong',
    'Đã có kết quả',
    'Chờ trả kết quả',
    'Có kết quả',
    'Đã giải quyết xong',
    'Xử lý xong',
    'Đã xử lý',
    'Chờ nhận kết quả',
    'releasing',
    'posting',
  ]),
  ...entries(10, 'closed', [
    'Đã trả kết quả',
    'Trả kết quả',
    'Đã trả',
    'Hoàn thành',
    'Đã hoàn thành',
    'Kết thúc',
    'Đã kết thúc',
    'Đã trả kết quả cho công dân',
    'done',
    'completed',
    'finished',
  ]),
];

function entries(
  nationalCode: number,
  state: Exclude<SystemState, 'unknown'>,
  labels: readonly string[],
): StatusEntry[] {
  return labels.map((label) => ({ label, state, nationalCode }));
}

/** Folded word of a supplement ("bổ sung"): such labels are open, whatever a prefix says. */
const SUPPLEMENT = 'bo sung';

/** National codes, when a system exports the number instead of a label. */
const NATIONAL_CODE_STATE: Record<number, Exclude<SystemState, 'unknown'>> = {
  1: 'open',
  2: 'open',
  3: 'closed',
  4: 'open',
  5: 'open',
  6: 'open',
  7: 'closed',
  8: 'closed',
  9: 'open',
  10: 'closed',
};

/** A compiled status table: folded label → state. */
export type StatusTable = Map<string, Exclude<SystemState, 'unknown'>>;

/** Build a lookup from the default table plus user entries (user entries win). */
export function buildStatusTable(extra: readonly StatusEntry[] = []): StatusTable {
  const table: StatusTable = new Map();
  for (const e of [...DEFAULT_STATUS_TABLE, ...extra]) table.set(foldText(e.label), e.state);
  return table;
}

/** The electronic state of a status label or national code; 'unknown' when the table lacks it. */
export function statusState(label: string | null | undefined, table: StatusTable): SystemState {
  if (label === null || label === undefined) return 'unknown';
  // foldCell: foldText's result, by a table and a memo (a million dossiers, a few dozen labels).
  const folded = foldCell(String(label));
  if (folded === '') return 'unknown';
  if (/^0?\d{1,2}$/.test(folded)) return NATIONAL_CODE_STATE[Number(folded)] ?? 'unknown';
  const exact = table.get(folded);
  if (exact) return exact;
  // "10 - Đã trả kết quả", "5. Yêu cầu bổ sung": a national code before its label.
  const numbered = /^(\d{1,2}) (.+)$/.exec(folded);
  if (numbered) {
    const rest = statusState(numbered[2]!, table);
    return rest !== 'unknown' ? rest : (NATIONAL_CODE_STATE[Number(numbered[1])] ?? 'unknown');
  }
  // A supplement sub-state ("Hoàn thành bổ sung", "Chờ bổ sung tiếp nhận") is open: processing
  // resumes after it, so no prefix ("Hoàn thành") may close it.
  if (folded.includes(SUPPLEMENT) && /(^| )bo sung( |$)/.test(folded)) return 'open';
  // Labels sometimes carry a suffix ("Đã trả kết quả (trực tuyến)"): try the longest known prefix.
  let best: { len: number; state: Exclude<SystemState, 'unknown'> } | null = null;
  for (const [key, state] of table) {
    if (folded.startsWith(key + ' ') && (!best || key.length > best.len)) best = { len: key.length, state };
  }
  return best ? best.state : 'unknown';
}
