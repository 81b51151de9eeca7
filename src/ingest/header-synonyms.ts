/**
 * Header words → field. Patterns are folded text (no tones, lower case, punctuation as spaces)
 * matched as whole words inside the folded header label. Order matters: the first rule that
 * matches wins, so specific phrases come before general ones ("hẹn trả kết quả" is a due date
 * although it contains "trả kết quả"; "nhận kết quả từ cơ quan giải quyết" is the desk receiving
 * the result, not the return to the citizen). Users extend the table with a JSON file of the
 * same shape (see README, "Header synonyms"); their rules are tried first.
 */
import type { Field } from '../types.js';

/** One rule: a field and the folded phrases that name it. */
export interface HeaderRule {
  field: Field;
  patterns: string[];
}

/** Built-in rules, most specific first. */
export const DEFAULT_HEADER_RULES: readonly HeaderRule[] = [
  { field: 'signature', patterns: ['chu ky', 'ky nhan', 'ky ten', 'ky', 'ky ghi ro ho ten'] },
  { field: 'dueDate', patterns: ['hen tra', 'ngay hen', 'han xu ly', 'han giai quyet', 'han tra', 'thoi han giai quyet', 'thoi han', 'ngay het han'] },
  { field: 'resultDate', patterns: ['nhan ket qua tu', 'ngay co ket qua', 'co ket qua', 'ngay nhan ket qua', 'nhan ket qua', 'ngay hoan thanh xu ly', 'ngay xu ly xong'] },
  { field: 'returnedDate', patterns: ['tra ket qua', 'ngay tra', 'tra kq', 'ngay tra kq', 'ngay tra ho so', 'ngay giao tra', 'ngay hoan tra'] },
  { field: 'transferDate', patterns: ['chuyen ho so', 'ngay chuyen'] },
  { field: 'receivedDate', patterns: ['nhan ho so', 'ngay nhan', 'ngay tiep nhan', 'tiep nhan ho so', 'ngay nop', 'ngay nhan ho so', 'thoi gian tiep nhan', 'ngay gio tiep nhan', 'thoi diem tiep nhan', 'ngay gio nhan'] },
  { field: 'resolvingAgency', patterns: ['co quan chu tri', 'co quan giai quyet', 'don vi chu tri', 'co quan xu ly', 'don vi xu ly'] },
  { field: 'unit', patterns: ['co quan tiep nhan', 'don vi tiep nhan', 'noi tiep nhan', 'bo phan tiep nhan', 'don vi', 'co quan', 'ten don vi', 'ten co quan'] },
  { field: 'quantity', patterns: ['so luong'] },
  { field: 'code', patterns: ['ma ho so', 'ma hs', 'so ho so', 'so hs', 'so bien nhan', 'ma so ho so', 'ma bien nhan', 'so bn'] },
  { field: 'procedure', patterns: ['ten tthc', 'tthc', 'thu tuc', 'ten thu tuc', 'noi dung', 'noi dung ho so', 'trich yeu', 'loai ho so', 'ten ho so'] },
  { field: 'applicant', patterns: ['ten ca nhan', 'ten to chuc', 'to chuc ca nhan', 'ca nhan to chuc', 'chu ho so', 'nguoi nop', 'ho ten', 'ho va ten', 'ten nguoi nop', 'nguoi dung ten', 'ten cong dan', 'cong dan', 'nguoi yeu cau', 'ten doanh nghiep'] },
  { field: 'address', patterns: ['dia chi'] },
  { field: 'phone', patterns: ['so dien thoai', 'dien thoai', 'sdt', 'dt'] },
  { field: 'idNumber', patterns: ['cccd', 'cmnd', 'so dinh danh', 'can cuoc', 'so giay to'] },
  { field: 'status', patterns: ['trang thai', 'tinh trang', 'trang thai ho so', 'tinh trang xu ly'] },
  { field: 'note', patterns: ['ghi chu'] },
  { field: 'seq', patterns: ['tt', 'stt', 'so tt', 'so thu tu', 'quyen so'] },
];

/** Sub-header words that only say "this is a date" and defer to the group header above. */
export const GENERIC_DATE_LABELS: readonly string[] = ['ngay thang nam', 'ngay thang', 'ngay', 'thoi gian', 'ngay gio', 'thoi diem'];
