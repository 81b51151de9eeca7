/**
 * The words of the "system and reality" indicators (src/report/model/indicators.ts) in Vietnamese and
 * English: the xlsx sheet, the HTML chart, the headline of md and the terminal.
 */
import type { Lang } from './lang.js';

/** How a unit's two views compare (the report's IndicatorComparison). */
type IndicatorComparison = 'compared' | 'no_system_data' | 'no_register';

/** Fields of one view, in column order. */
export const VIEW_FIELDS = [
  'received',
  'returned',
  'returnedOnTime',
  'onTimeRate',
  'closureRate',
  'openOverdue',
] as const;
/** Fields of the gap, in column order. */
export const GAP_FIELDS = [
  'received',
  'returned',
  'returnedOnTime',
  'openOverdue',
  'onTimeRatePoints',
  'closureRatePoints',
] as const;

const pct = (r: number, lang: Lang) => {
  const s = (r * 100).toFixed(1);
  return `${lang === 'vi' ? s.replace('.', ',') : s}%`;
};
const pts = (p: number, lang: Lang) => {
  const s = `${p > 0 ? '+' : ''}${p.toFixed(1)}`;
  return lang === 'vi' ? s.replace('.', ',') : s;
};

const num = (n: number, lang: Lang) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');

const vi = {
  sheet: 'Hệ thống và thực tế',
  title: 'CHỈ SỐ GIẢI QUYẾT HỒ SƠ: THEO HỆ THỐNG MỘT CỬA ĐIỆN TỬ VÀ THEO SỔ THEO DÕI (THỰC TẾ)',
  system: 'Theo hệ thống',
  registers: 'Theo sổ theo dõi (thực tế)',
  gap: 'Chênh lệch (sổ − hệ thống)',
  rank: 'Xếp hạng theo tỷ lệ trả kết quả',
  field: {
    received: 'Tiếp nhận',
    returned: 'Đã trả kết quả',
    returnedOnTime: 'Trả đúng hạn',
    onTimeRate: 'Tỷ lệ đúng hạn',
    closureRate: 'Tỷ lệ trả kết quả',
    openOverdue: 'Tồn quá hạn',
    onTimeRatePoints: 'Tỷ lệ đúng hạn (điểm %)',
    closureRatePoints: 'Tỷ lệ trả kết quả (điểm %)',
  },
  rankCol: { system: 'Hệ thống', registers: 'Thực tế', change: 'Thay đổi' },
  comparison: {
    compared: '',
    no_system_data: 'Chưa có dữ liệu hệ thống',
    no_register: 'Chưa có sổ theo dõi',
  } as Record<IndicatorComparison, string>,
  notes: (asOf: string) => [
    'Theo hệ thống: chỉ từ dữ liệu hệ thống. Theo sổ: mỗi hồ sơ tính một lần — hồ sơ có trên hệ thống lấy ngày ' +
      'trả theo sổ nếu sổ ghi, hạn trả theo hệ thống nếu có; hồ sơ chỉ có trên sổ tính theo sổ.',
    `Tỷ lệ đúng hạn = Trả đúng hạn / Đã trả kết quả; Tỷ lệ trả kết quả = Đã trả kết quả / Tiếp nhận; Tồn quá ` +
      `hạn: chưa trả, hạn trả trước ngày dữ liệu${asOf ? ` ${asOf}` : ''}. So theo ngày lịch.`,
    'Chỉ tính các tỷ lệ; không tính điểm Bộ chỉ số theo Quyết định 766/QĐ-TTg. Xếp hạng chỉ giữa các đơn vị có ' +
      'cả hai số liệu; thay đổi > 0: sổ xếp đơn vị cao hơn hệ thống.',
  ],
  chartTitle: 'Tỷ lệ trả kết quả theo hệ thống và theo sổ, từng đơn vị',
  headline: (reg: number, regRet: number, regRecv: number, sys: number, sysRet: number, sysRecv: number, gap: number) =>
    `Theo sổ theo dõi, tỷ lệ trả kết quả là ${pct(reg, 'vi')} (${num(regRet, 'vi')}/${num(regRecv, 'vi')} hồ ` +
    `sơ); hệ thống ghi nhận ${pct(sys, 'vi')} (${num(sysRet, 'vi')}/${num(sysRecv, 'vi')}): ` +
    `chênh ${pts(gap, 'vi')} điểm %.`,
  most: (unit: string, gap: number, from: number | null, to: number | null) =>
    `Đơn vị bị hệ thống phản ánh sai nhiều nhất: ${unit} (${pts(gap, 'vi')} điểm %` +
    (from !== null && to !== null ? `, xếp hạng ${from} → ${to}` : '') +
    `).`,
  notCompared: (n: number) => `${n} đơn vị chưa so sánh được (thiếu dữ liệu hệ thống hoặc sổ theo dõi).`,
  none: 'Chưa so sánh được hệ thống với sổ theo dõi: không đơn vị nào có cả hai số liệu.',
  pct,
  pts,
};

const en: typeof vi = {
  sheet: 'System and reality',
  title: 'DOSSIER INDICATORS: AS THE ONE-STOP SYSTEM SHOWS THEM AND AS THE REGISTERS SHOW THEM (REALITY)',
  system: 'System',
  registers: 'Registers (reality)',
  gap: 'Gap (registers − system)',
  rank: 'Rank by closure rate',
  field: {
    received: 'Received',
    returned: 'Returned',
    returnedOnTime: 'On time',
    onTimeRate: 'On-time rate',
    closureRate: 'Closure rate',
    openOverdue: 'Open overdue',
    onTimeRatePoints: 'On-time rate (points)',
    closureRatePoints: 'Closure rate (points)',
  },
  rankCol: { system: 'System', registers: 'Reality', change: 'Change' },
  comparison: { compared: '', no_system_data: 'No system data', no_register: 'No register' },
  notes: (asOf: string) => [
    "System: the system's data alone. Registers: every dossier once — a system dossier takes the register's " +
      "return date when the register shows one and the system's due date when it has one; a dossier only on " +
      'paper counts as the register shows it.',
    `On-time rate = On time / Returned; Closure rate = Returned / Received; Open overdue: not returned, due ` +
      `before the data's as-of date${asOf ? ` ${asOf}` : ''}. By calendar day.`,
    'Rates only: the points of the Decision 766/QĐ-TTg index are not computed. Ranks only among units with ' +
      'both views; change > 0: the registers rank the unit higher than the system.',
  ],
  chartTitle: 'Closure rate as the system and as the registers show it, by unit',
  headline: (reg, regRet, regRecv, sys, sysRet, sysRecv, gap) =>
    `By the registers, the closure rate is ${pct(reg, 'en')} (${num(regRet, 'en')}/${num(regRecv, 'en')} ` +
    `dossiers); the system shows ${pct(sys, 'en')} (${num(sysRet, 'en')}/${num(sysRecv, 'en')}): a gap ` +
    `of ${pts(gap, 'en')} points.`,
  most: (unit, gap, from, to) =>
    `Unit the system misstates most: ${unit} (${pts(gap, 'en')} points` +
    (from !== null && to !== null ? `, rank ${from} → ${to}` : '') +
    `).`,
  notCompared: (n) => `${n} unit${n === 1 ? '' : 's'} could not be compared (no system data or no register).`,
  none: 'The system could not be compared with the registers: no unit has both.',
  pct,
  pts,
};

/** The indicator words in `lang`. */
export function indicatorLabels(lang: Lang): typeof vi {
  return lang === 'en' ? en : vi;
}

/** Indicator words. */
export type IndicatorLabels = typeof vi;
