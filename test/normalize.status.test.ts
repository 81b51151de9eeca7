import { describe, expect, it } from 'vitest';
import { buildStatusTable, statusState } from '../src/normalize/status.js';

describe('statusState', () => {
  const table = buildStatusTable();
  it.each([
    ['Đã trả kết quả', 'closed'],
    ['ĐÃ TRẢ KẾT QUẢ', 'closed'],
    ['Da tra ket qua', 'closed'],
    ['Hoàn thành', 'closed'],
    ['Rút hồ sơ', 'closed'],
    ['Từ chối', 'closed'],
    ['Dừng xử lý', 'closed'],
    ['Đã có kết quả', 'open'],
    ['Chờ trả kết quả', 'open'],
    ['Đang xử lý', 'open'],
    ['Mới tiếp nhận', 'open'],
    ['Chờ bổ sung', 'open'],
    ['Đã trả kết quả (trực tuyến)', 'closed'],
    ['10', 'closed'],
    ['9', 'open'],
    ['7', 'closed'],
    ['3', 'closed'],
    ['Không rõ', 'unknown'],
    ['', 'unknown'],
    [null, 'unknown'],
  ])('%j → %s', (label, state) => {
    expect(statusState(label, table)).toBe(state);
  });

  it('user entries extend and override the table', () => {
    const t = buildStatusTable([
      { label: 'Đã bàn giao', state: 'closed' },
      { label: 'Hoàn thành', state: 'open' },
    ]);
    expect(statusState('đã bàn giao', t)).toBe('closed');
    expect(statusState('Hoàn thành', t)).toBe('open');
  });
});
