/**
 * Status labels of the one-stop systems mapped to an electronic state. "Closed electronically"
 * means returned (10), withdrawn (7) or refused (3); "result ready" (9) is still open. The table
 * is data: users extend it with a JSON file (see README, "Status table").
 */
import { foldCell } from '../ingest/fast-text.js';
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

/** Built-in labels. National codes: 1 submitted … 10 result returned. */
export const DEFAULT_STATUS_TABLE: readonly StatusEntry[] = [
  { label: 'Mới đăng ký', state: 'open', nationalCode: 1 },
  { label: 'Đã nộp', state: 'open', nationalCode: 1 },
  { label: 'Mới tiếp nhận', state: 'open', nationalCode: 2 },
  { label: 'Đã tiếp nhận', state: 'open', nationalCode: 2 },
  { label: 'Tiếp nhận', state: 'open', nationalCode: 2 },
  { label: 'Từ chối', state: 'closed', nationalCode: 3 },
  { label: 'Từ chối tiếp nhận', state: 'closed', nationalCode: 3 },
  { label: 'Không tiếp nhận', state: 'closed', nationalCode: 3 },
  { label: 'Đang xử lý', state: 'open', nationalCode: 4 },
  { label: 'Đang giải quyết', state: 'open', nationalCode: 4 },
  { label: 'Chờ phê duyệt', state: 'open', nationalCode: 4 },
  { label: 'Chờ bổ sung', state: 'open', nationalCode: 5 },
  { label: 'Yêu cầu bổ sung', state: 'open', nationalCode: 5 },
  { label: 'Chờ thanh toán', state: 'open', nationalCode: 6 },
  { label: 'Chờ nộp phí', state: 'open', nationalCode: 6 },
  { label: 'Rút hồ sơ', state: 'closed', nationalCode: 7 },
  { label: 'Đã rút hồ sơ', state: 'closed', nationalCode: 7 },
  { label: 'Công dân rút hồ sơ', state: 'closed', nationalCode: 7 },
  { label: 'Dừng xử lý', state: 'closed', nationalCode: 8 },
  { label: 'Đã có kết quả', state: 'open', nationalCode: 9 },
  { label: 'Chờ trả kết quả', state: 'open', nationalCode: 9 },
  { label: 'Có kết quả', state: 'open', nationalCode: 9 },
  { label: 'Đã trả kết quả', state: 'closed', nationalCode: 10 },
  { label: 'Trả kết quả', state: 'closed', nationalCode: 10 },
  { label: 'Đã trả', state: 'closed', nationalCode: 10 },
  { label: 'Hoàn thành', state: 'closed', nationalCode: 10 },
  { label: 'Đã hoàn thành', state: 'closed', nationalCode: 10 },
  { label: 'Kết thúc', state: 'closed', nationalCode: 10 },
];

/** National codes, when a system exports the number instead of a label. */
const NATIONAL_CODE_STATE: Record<number, Exclude<SystemState, 'unknown'>> = {
  1: 'open', 2: 'open', 3: 'closed', 4: 'open', 5: 'open', 6: 'open', 7: 'closed', 8: 'closed', 9: 'open', 10: 'closed',
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
  if (/^\d{1,2}$/.test(folded)) return NATIONAL_CODE_STATE[Number(folded)] ?? 'unknown';
  const exact = table.get(folded);
  if (exact) return exact;
  // Labels sometimes carry a suffix ("Đã trả kết quả (trực tuyến)"): try the longest known prefix.
  let best: { len: number; state: Exclude<SystemState, 'unknown'> } | null = null;
  for (const [key, state] of table) {
    if (folded.startsWith(key + ' ') && (!best || key.length > best.len)) best = { len: key.length, state };
  }
  return best ? best.state : 'unknown';
}
