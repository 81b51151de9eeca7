/**
 * Header words → field. Patterns are folded text (no tones, lower case, punctuation as spaces)
 * matched as whole words inside the folded header label. Order matters: the first rule that
 * matches wins, so specific phrases come before general ones ("hẹn trả kết quả" is a due date
 * although it contains "trả kết quả"; "nhận kết quả từ cơ quan giải quyết" is the desk receiving
 * the result, not the return to the citizen; "người có trách nhiệm giải quyết" is a person). Users
 * extend the table with a JSON file of the same shape (see docs/commands.md, the tables you can extend); their rules
 * are tried first. Labels are folded by {@link foldLabel}: the national portal's field names
 * ("MaHoSo", "NgayHenTra") are split into words and the registers' abbreviations (HS, KQ, CQ)
 * written out before matching.
 */
import { foldText } from '../../normalize/text.js';
import type { Field } from '../../types.js';

/**
 * One rule: a field and the folded phrases that name it. A phrase of three letters or fewer, or one
 * written with a leading "=" ("=chuyen"), must be the whole label.
 */
export interface HeaderRule {
  field: Field;
  patterns: string[];
}

/** Built-in rules, most specific first. */
export const DEFAULT_HEADER_RULES: readonly HeaderRule[] = [
  {
    field: 'person',
    patterns: [
      'nguoi co trach nhiem',
      'nguoi ky',
      'nguoi xu ly',
      'nguoi giai quyet',
      'nguoi tiep nhan',
      'nguoi thu ly',
      'nguoi duyet',
      'can bo',
      'chuyen vien',
      'cong chuc',
      'lanh dao ky',
      'nguoi nhap',
      'nguoi tao',
      'nguoi nhan',
      'nguoi tra',
      'nguoi giao',
      'nguoi chuyen',
    ],
  },
  { field: 'signature', patterns: ['chu ky', 'ky nhan', 'ky ten', 'ky', 'ky ghi ro ho ten', 'ky va ghi ro ho ten'] },
  {
    field: 'submittedDate',
    patterns: [
      'ngay nop',
      'ngay nop ho so',
      'thoi gian nop',
      'thoi diem nop',
      'ngay gio nop',
      'ngay gui',
      'ngay dang ky',
    ],
  },
  {
    field: 'dueDate',
    patterns: [
      'hen tra',
      'ngay hen',
      'han xu ly',
      'han giai quyet',
      'han tra',
      'thoi han giai quyet',
      'thoi han',
      'ngay het han',
      'han hoan thanh',
    ],
  },
  {
    field: 'resultDate',
    patterns: [
      'nhan ket qua tu',
      'ngay co ket qua',
      'co ket qua',
      'ngay nhan ket qua',
      'nhan ket qua',
      'ngay hoan thanh xu ly',
      'ngay xu ly xong',
      'ngay ket thuc xu ly',
      'ket thuc xu ly',
      'ngay ket thuc',
      'ngay giai quyet xong',
    ],
  },
  {
    field: 'returnedDate',
    patterns: [
      'tra ket qua',
      'ngay tra',
      'ngay tra thuc te',
      'tra thuc te',
      'ngay tra ho so',
      'ngay giao tra',
      'ngay hoan tra',
      'ngay giao ket qua',
    ],
  },
  { field: 'transferDate', patterns: ['chuyen ho so', 'ngay chuyen', '=chuyen', 'chuyen den', 'luan chuyen'] },
  {
    field: 'receivedDate',
    patterns: [
      'nhan ho so',
      'ngay nhan',
      'ngay tiep nhan',
      'tiep nhan ho so',
      'ngay nhan ho so',
      'thoi gian tiep nhan',
      'ngay gio tiep nhan',
      'thoi diem tiep nhan',
      'ngay gio nhan',
    ],
  },
  {
    field: 'resolvingAgency',
    patterns: [
      'co quan chu tri',
      'co quan giai quyet',
      'don vi chu tri',
      'co quan xu ly',
      'don vi xu ly',
      'phong ban xu ly',
    ],
  },
  {
    field: 'unit',
    patterns: [
      'co quan tiep nhan',
      'don vi tiep nhan',
      'noi tiep nhan',
      'bo phan tiep nhan',
      'don vi',
      'co quan',
      'ten don vi',
      'ten co quan',
    ],
  },
  { field: 'quantity', patterns: ['so luong'] },
  {
    field: 'code',
    patterns: ['ma ho so', 'so ho so', 'so bien nhan', 'ma so ho so', 'ma bien nhan', 'so bn', 'ma hs'],
  },
  { field: 'procedureCode', patterns: ['ma tthc', 'ma thu tuc', 'ma thu tuc hanh chinh'] },
  {
    field: 'procedure',
    patterns: [
      'ten tthc',
      'tthc',
      'thu tuc',
      'ten thu tuc',
      'noi dung',
      'noi dung ho so',
      'noi dung cong viec',
      'trich yeu',
      'loai ho so',
      'ten ho so',
      'linh vuc thu tuc',
    ],
  },
  {
    field: 'applicant',
    patterns: [
      'ten ca nhan',
      'ten to chuc',
      'to chuc ca nhan',
      'ca nhan to chuc',
      'chu ho so',
      'ten chu ho so',
      'ho ten',
      'ho va ten',
      'nguoi dung ten',
      'ten cong dan',
      'cong dan',
      'nguoi yeu cau',
      'ten doanh nghiep',
      'nguoi de nghi',
    ],
  },
  {
    field: 'submitter',
    patterns: ['nguoi nop', 'ten nguoi nop', 'nguoi nop ho so', 'nguoi dai dien', 'nguoi lam thu tuc'],
  },
  { field: 'address', patterns: ['dia chi'] },
  { field: 'phone', patterns: ['so dien thoai', 'dien thoai', 'sdt', 'dt'] },
  { field: 'idNumber', patterns: ['cccd', 'cmnd', 'so dinh danh', 'can cuoc', 'so giay to'] },
  { field: 'status', patterns: ['trang thai', 'tinh trang', 'trang thai ho so', 'tinh trang xu ly'] },
  {
    field: 'channel',
    patterns: [
      'kenh thuc hien',
      'kenh nop',
      'kenh tiep nhan',
      'hinh thuc nop',
      'hinh thuc tiep nhan',
      'hinh thuc thuc hien',
    ],
  },
  { field: 'note', patterns: ['ghi chu'] },
  { field: 'seq', patterns: ['tt', 'stt', 'so tt', 'so thu tu', 'quyen so'] },
];

/**
 * The national DVC portal's sync field names, written as one word ("MaHoSo"): their meaning is
 * fixed by the portal, so they are read exactly, before any rule ("DonViXuLy" is the unit the
 * portal counts the dossier under, not a resolving agency column of a register).
 */
export const NATIONAL_FIELD_NAMES: Readonly<Record<string, Field | null>> = {
  mahoso: 'code',
  sohoso: 'code',
  matthc: 'procedureCode',
  tentthc: 'procedure',
  chuhoso: 'applicant',
  nguoinophoso: 'submitter',
  donvixuly: 'unit',
  noinophoso: null,
  ngaynophoso: 'submittedDate',
  ngaytiepnhan: 'receivedDate',
  ngayhentra: 'dueDate',
  ngayketthucxuly: 'resultDate',
  ngaytra: 'returnedDate',
  trangthaihoso: 'status',
  kenhthuchien: 'channel',
  sodienthoai: 'phone',
  diachi: 'address',
  sodinhdanh: 'idNumber',
  ghichu: 'note',
  trichyeuhoso: null,
  malinhvuc: null,
  tenlinhvuc: null,
};

/** Sub-header words that only say "this is a date" and defer to the group header above. */
export const GENERIC_DATE_LABELS: readonly string[] = [
  'ngay thang nam',
  'ngay thang',
  'ngay',
  'thoi gian',
  'ngay gio',
  'thoi diem',
  'ngay thang nam gio',
];

/** Abbreviations of register headers, written out word by word. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  hs: 'ho so',
  kq: 'ket qua',
  cq: 'co quan',
  gq: 'giai quyet',
  dv: 'don vi',
  tn: 'tiep nhan',
  tg: 'thoi gian',
};

/**
 * A header label folded for matching: "MaHoSo" → "ma ho so" (a one-word camel-case name is
 * split), "Chuyển HS tới CQ giải quyết" → "chuyen ho so toi co quan giai quyet".
 */
export function foldLabel(label: string): string {
  let text = label;
  if (!/\s/.test(text.trim()) && /\p{Ll}\p{Lu}/u.test(text)) {
    text = text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');
  }
  const folded = foldText(text);
  if (folded === '') return folded;
  const words = folded.split(' ');
  let changed = false;
  for (let i = 0; i < words.length; i++) {
    if (Object.hasOwn(ABBREVIATIONS, words[i]!)) {
      words[i] = ABBREVIATIONS[words[i]!]!;
      changed = true;
    }
  }
  return changed ? words.join(' ') : folded;
}

/** The national sync field a one-word label names: a field, null (known, unused) or undefined. */
export function nationalField(label: string): Field | null | undefined {
  const t = label.trim();
  if (t === '' || /\s/.test(t) || t.length > 40) return undefined;
  const key = foldText(t).replace(/ /g, '');
  return Object.hasOwn(NATIONAL_FIELD_NAMES, key) ? NATIONAL_FIELD_NAMES[key] : undefined;
}
