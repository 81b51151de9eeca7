/** Sentences and help texts of the matching commands (match options, review, decide, explain, decisions), vi and en. */
import type { Lang } from './lang.js';

const vi = {
  // help
  upper: 'ngưỡng khớp: cặp có điểm từ ngưỡng này trở lên được ghép (0..1, mặc định 0.8)',
  lower: 'ngưỡng xem xét: cặp có điểm từ ngưỡng này đến dưới ngưỡng khớp được đưa vào danh sách cần xem xét (mặc định 0.5)',
  windowDays: 'số ngày chênh lệch ngày nhận được so sánh, quanh ngày ghi trên sổ và ngày đảo ngày↔tháng (mặc định 3)',
  prior: 'xác suất tiên nghiệm một cặp ứng viên là cùng hồ sơ (mặc định 0.07)',
  weights: 'tệp JSON ghi đè tham số đối chiếu (ngưỡng, xác suất m/u từng mức, từ viết tắt)',
  review: 'liệt kê các cặp cần xem xét (điểm giữa hai ngưỡng) kèm lý do',
  reviewUnit: 'chỉ đơn vị này',
  reviewFormat: 'định dạng: table | csv',
  reviewShowPersonal: 'với --format csv: không che tên người nộp (mặc định: chỉ còn chữ cái đầu, như báo cáo)',
  decide: 'ghi quyết định của kiểm toán viên cho một dòng sổ: là hồ sơ nào trên hệ thống, hoặc không có trên hệ thống',
  paperRef: 'mã phát hiện (p-…) hoặc TỆP#SHEET#DÒNG (CSV: tệp.csv##12)',
  decideMatch: 'dòng sổ này là hồ sơ có mã này trên hệ thống',
  decideNoMatch: 'dòng sổ này không có trên hệ thống',
  note: 'ghi chú lý do',
  explain: 'giải thích đầy đủ một dòng sổ hoặc một hồ sơ: dữ liệu gốc, các ứng viên đã xét, điểm, quyết định và lý do',
  findingId: 'mã phát hiện (p-…, s-…) hoặc TỆP#SHEET#DÒNG',
  explainFormat: 'định dạng: text | json',
  decisions: 'các quyết định đã ghi',
  decisionsList: 'liệt kê quyết định và tình trạng áp dụng',
  decisionsExport: 'xuất quyết định ra tệp CSV',
  decisionsImport: 'nhập quyết định từ tệp CSV (đã xuất trước đó)',
  csvFile: 'tệp CSV',
  // output
  reviewCount: (n: number) => (n === 0 ? '  không có dòng nào cần xem xét' : `  ${n} dòng sổ cần xem xét (xem "motcua-audit review")`),
  decisionsApplied: (applied: number, other: number) => `  quyết định: ${applied} đã áp dụng${other ? `, ${other} chưa áp dụng được (xem "motcua-audit decisions list")` : ''}`,
  noReview: 'Không có cặp nào cần xem xét.',
  decided: (ref: string, what: string) => `✔ đã ghi quyết định cho ${ref}: ${what}; sẽ áp dụng ở lần đối chiếu tới (match hoặc report)`,
  isMatch: (code: string) => `là hồ sơ ${code}`,
  overrode: (links: string) => `cảnh báo: quyết định này ghi đè liên kết theo mã: ${links} (đã ghi lại trong quyết định)`,
  overrodeShort: (links: string) => `[ghi đè liên kết theo mã: ${links}]`,
  decideForce: 'vẫn ghi quyết định dù nó bỏ một liên kết theo mã (quyết định ghi lại liên kết đã bị ghi đè)',
  isNoMatch: 'không có trên hệ thống',
  exported: (n: number, f: string) => `✔ đã xuất ${n} quyết định ra ${f}`,
  imported: (n: number) => `✔ đã nhập ${n} quyết định; sẽ áp dụng ở lần đối chiếu tới`,
  noDecisions: 'Chưa có quyết định nào.',
  status: { applied: 'đã áp dụng', 'row-not-found': 'không tìm thấy dòng sổ', 'dossier-not-found': 'không tìm thấy hồ sơ trên hệ thống', superseded: 'bị quyết định mới hơn thay thế', conflict: 'hồ sơ đã được gán cho dòng khác', pending: 'chưa đối chiếu' } as Record<string, string>,
  cols: {
    unit: 'Đơn vị', paper: 'Dòng sổ', applicant: 'Người nộp', procedure: 'Thủ tục', received: 'Ngày nhận', code: 'Mã hồ sơ', score: 'Điểm', reasons: 'Lý do',
    finding: 'Mã phát hiện', decision: 'Quyết định', note: 'Ghi chú', decidedAt: 'Lúc', status: 'Tình trạng', file: 'Tệp', row: 'Dòng', sheet: 'Sheet', system: 'Hệ thống', rank: 'Hạng',
  },
  explainTitle: {
    paper: 'Dòng sổ', system: 'Hồ sơ trên hệ thống', raw: 'Dữ liệu gốc', snapshots: 'Các bản xuất có hồ sơ này', candidates: 'Các ứng viên đã xét',
    outcome: 'Kết quả', decision: 'Quyết định của kiểm toán viên', category: 'Phân loại', none: '(không có)',
  },
  outcome: {
    code: (code: string) => `ghép theo mã hồ sơ với ${code}`,
    fuzzy: (code: string, score: number) => `ghép theo so khớp với ${code} (điểm ${score})`,
    manual: (code: string) => `ghép theo quyết định của kiểm toán viên với ${code}`,
    review: 'không ghép: có ứng viên cần xem xét (điểm giữa hai ngưỡng); số liệu không dựa trên phỏng đoán',
    none: 'không ghép: không có ứng viên nào đạt ngưỡng',
    noMatchDecision: 'không ghép: kiểm toán viên quyết định dòng này không có trên hệ thống',
    takenBy: (ref: string) => `đã ghép với dòng khác (${ref})`,
    linkedHere: 'ghép với dòng này',
    systemOnly: 'không dòng sổ nào ghép với hồ sơ này',
    thresholds: (u: number, l: number, w: number) => `ngưỡng khớp ${u}, ngưỡng xem xét ${l}, cửa sổ ngày ±${w}`,
  },
  // rows and dossiers that are not one-to-one (src/match/shapes.ts)
  extraLinks: (t: number, r: number, b: number) => `  liên thông ${t}, bổ sung ${r}, nhiều hồ sơ ${b}: các dòng sổ cùng một hồ sơ hoặc một dòng nhiều hồ sơ, có căn cứ`,
  shapeTitle: 'Liên thông / Bổ sung / Nhiều hồ sơ',
  shapes: { one: 'một dòng một hồ sơ', transfer: 'liên thông giữa hai bộ phận một cửa', resubmission: 'trả bổ sung rồi nhận lại', batch: 'một dòng nhiều hồ sơ' } as Record<string, string>,
  superseded: 'dòng trước của vòng bổ sung: phân loại theo dòng cuối',
  related: 'các dòng khác của cùng hồ sơ',
  dossiers: 'các hồ sơ của dòng',
  evidence: {
    'same-code': 'cùng mã hồ sơ', 'listed-code': 'mã ghi trong ô mã hồ sơ', 'transfer-note': 'ghi chú liên thông/chuyển', 'unit-named': 'ghi tên đơn vị kia',
    'home-unit': 'hồ sơ của đơn vị mình, dòng sổ đơn vị khác đang giữ', 'supplement-note': 'ghi chú trả bổ sung, chưa trả kết quả', name: 'cùng người nộp', procedure: 'cùng thủ tục', date: 'lệch ngày',
  } as Record<string, string>,
};

const en: typeof vi = {
  upper: 'match threshold: pairs scoring at least this are linked (0..1, default 0.8)',
  lower: 'review threshold: pairs scoring from this up to the match threshold go to review (default 0.5)',
  windowDays: 'received-date window in days, around the register date and its day↔month swap (default 3)',
  prior: 'prior probability that a candidate pair is the same dossier (default 0.07)',
  weights: 'JSON file overriding matcher options (thresholds, m/u probabilities per level, abbreviations)',
  review: 'list candidate pairs in the review band (between the thresholds) with their reasons',
  reviewUnit: 'only this unit',
  reviewFormat: 'format: table | csv',
  reviewShowPersonal: 'with --format csv: applicants\' names in full (default: initials, as in the reports)',
  decide: 'record the auditor\'s decision on a register row: which system dossier it is, or that it is not in the system',
  paperRef: 'finding id (p-…) or FILE#SHEET#ROW (CSV: file.csv##12)',
  decideMatch: 'this register row is the system dossier with this code',
  decideNoMatch: 'this register row is not in the system',
  note: 'a note saying why',
  explain: 'the full story of one register row or dossier: source rows, candidates considered, scores, the decision and why',
  findingId: 'finding id (p-…, s-…) or FILE#SHEET#ROW',
  explainFormat: 'format: text | json',
  decisions: 'recorded decisions',
  decisionsList: 'list decisions and whether they apply',
  decisionsExport: 'export decisions to a CSV file',
  decisionsImport: 'import decisions from a CSV file (as exported)',
  csvFile: 'CSV file',
  reviewCount: (n: number) => (n === 0 ? '  no rows to review' : `  ${n} register rows to review (see "motcua-audit review")`),
  decisionsApplied: (applied: number, other: number) => `  decisions: ${applied} applied${other ? `, ${other} not applicable (see "motcua-audit decisions list")` : ''}`,
  noReview: 'No candidate pairs to review.',
  decided: (ref: string, what: string) => `✔ decision recorded for ${ref}: ${what}; applied at the next match (match or report)`,
  isMatch: (code: string) => `is dossier ${code}`,
  overrode: (links: string) => `warning: this decision overrides a code link: ${links} (recorded in the decision)`,
  overrodeShort: (links: string) => `[overrode code link: ${links}]`,
  decideForce: 'record the decision even when it undoes a link made by code (the decision records the link it overrode)',
  isNoMatch: 'not in the system',
  exported: (n: number, f: string) => `✔ exported ${n} decisions to ${f}`,
  imported: (n: number) => `✔ imported ${n} decisions; applied at the next match`,
  noDecisions: 'No decisions yet.',
  status: { applied: 'applied', 'row-not-found': 'register row not found', 'dossier-not-found': 'system dossier not found', superseded: 'superseded by a newer decision', conflict: 'dossier already given to another row', pending: 'not matched yet' },
  cols: {
    unit: 'Unit', paper: 'Register row', applicant: 'Applicant', procedure: 'Procedure', received: 'Received', code: 'Dossier code', score: 'Score', reasons: 'Reasons',
    finding: 'Finding id', decision: 'Decision', note: 'Note', decidedAt: 'At', status: 'Status', file: 'File', row: 'Row', sheet: 'Sheet', system: 'System', rank: 'Rank',
  },
  explainTitle: {
    paper: 'Register row', system: 'System dossier', raw: 'Source cells', snapshots: 'Exports listing this dossier', candidates: 'Candidates considered',
    outcome: 'Outcome', decision: 'Auditor\'s decision', category: 'Category', none: '(none)',
  },
  outcome: {
    code: (code: string) => `linked by dossier code to ${code}`,
    fuzzy: (code: string, score: number) => `linked by scored comparison to ${code} (score ${score})`,
    manual: (code: string) => `linked by the auditor's decision to ${code}`,
    review: 'not linked: candidates in the review band (between the thresholds); figures never rest on a guess',
    none: 'not linked: no candidate reached the thresholds',
    noMatchDecision: 'not linked: the auditor decided this row is not in the system',
    takenBy: (ref: string) => `linked to another row (${ref})`,
    linkedHere: 'linked to this row',
    systemOnly: 'no register row is linked to this dossier',
    thresholds: (u: number, l: number, w: number) => `match threshold ${u}, review threshold ${l}, date window ±${w}`,
  },
  extraLinks: (t: number, r: number, b: number) => `  transfers ${t}, resubmissions ${r}, batch dossiers ${b}: register rows sharing a dossier or a row standing for several, on evidence`,
  shapeTitle: 'Transfer / Supplement / Several dossiers',
  shapes: { one: 'one row, one dossier', transfer: 'transfer between two desks', resubmission: 'returned for supplement, then re-received', batch: 'one row, several dossiers' } as Record<string, string>,
  superseded: 'earlier row of a supplement cycle: classified as the cycle\'s last row',
  related: 'other rows of the same dossier',
  dossiers: 'the row\'s dossiers',
  evidence: {
    'same-code': 'same dossier code', 'listed-code': 'code listed in the code cell', 'transfer-note': 'transfer note', 'unit-named': 'the other unit named',
    'home-unit': 'its own unit\'s dossier, held by another unit\'s row', 'supplement-note': 'returned-for-supplement note, no return', name: 'same applicant', procedure: 'same procedure', date: 'days apart',
  } as Record<string, string>,
};

/** The matching commands' texts in `lang`. */
export function matchTexts(lang: Lang): typeof vi {
  return lang === 'en' ? en : vi;
}

/** Agreement levels and fields as the auditor reads them. */
const LABELS: Record<Lang, Record<string, string>> = {
  vi: {
    applicant: 'người nộp', procedure: 'thủ tục', receivedDate: 'ngày nhận', code: 'mã', digits: 'SĐT/CCCD', prior: 'tiên nghiệm', unit: 'đơn vị', verification: 'kiểm tra mã', decision: 'quyết định',
    exact: 'trùng khớp', 'folded-equal': 'giống (bỏ dấu)', 'tone-differs': 'khác dấu', reordered: 'đảo thứ tự', 'middle-dropped': 'thiếu tên đệm', typo: 'sai một chữ', contained: 'tên rút gọn',
    partial: 'giống một phần', differs: 'khác', missing: 'thiếu', equal: 'giống', similar: 'gần giống', 'same-day': 'cùng ngày', 'one-day': 'lệch 1 ngày', 'within-window': 'lệch vài ngày',
    'day-month-swap': 'đảo ngày↔tháng', far: 'lệch xa', 'very-far': 'lệch rất xa', 'one-slip': 'sai một ký tự', 'two-slips': 'sai hai ký tự', 'last-digits-equal': 'trùng số', 'base-rate': 'tỷ lệ nền',
    agree: 'khớp', disagree: 'không khớp', verified: 'đã xác minh', 'partly-verified': 'xác minh một phần', unverifiable: 'không xác minh được', contested: 'bị nghi vấn', rejected: 'bị loại', match: 'khớp', 'no-match': 'không có trên hệ thống',
  },
  en: {},
};

/** A reason as a short phrase: "applicant: folded-equal (+7.06)". */
export function reasonText(r: { field: string; agreement: string; weight: number }, lang: Lang): string {
  const l = LABELS[lang];
  const w = r.weight === 0 ? '' : ` (${r.weight > 0 ? '+' : ''}${r.weight.toFixed(2)})`;
  return `${l[r.field] ?? r.field}: ${l[r.agreement] ?? r.agreement}${w}`;
}
