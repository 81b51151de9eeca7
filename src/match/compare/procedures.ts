/**
 * Procedure names (tên thủ tục hành chính): the register holds an officer's short form or an
 * abbreviation ("Cấp GCN QSDĐ lần đầu", "CT bản sao"), the system the official name. They are
 * compared as folded word sets after abbreviation expansion, each word weighted by how much it
 * tells procedures apart (IDF over the procedure names in the data): a short form wholly inside
 * the official name is similar; words of their own on both sides ("lần đầu" vs "cấp đổi") mean
 * another procedure of the same family.
 */
import { foldText } from '../../normalize/text.js';
import { damerauLevenshtein } from './strings.js';

/** Folded abbreviation → folded expansion. Users may extend it through the match options. */
export const DEFAULT_PROCEDURE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  gcn: 'giay chung nhan',
  qsdd: 'quyen su dung dat',
  qsd: 'quyen su dung',
  qsh: 'quyen so huu',
  shn: 'so huu nha',
  lltp: 'ly lich tu phap',
  dkkd: 'dang ky kinh doanh',
  dk: 'dang ky',
  ct: 'chung thuc',
  gp: 'giay phep',
  gpxd: 'giay phep xay dung',
  gpkd: 'giay phep kinh doanh',
  hkd: 'ho kinh doanh',
  htx: 'hop tac xa',
  xn: 'xac nhan',
  tthn: 'tinh trang hon nhan',
  hn: 'hon nhan',
  bs: 'ban sao',
  qd: 'quyet dinh',
  ubnd: 'uy ban nhan dan',
  sdd: 'su dung dat',
  tsgl: 'tai san gan lien',
  ks: 'khai sinh',
  kh: 'ket hon',
  cmnd: 'chung minh nhan dan',
  cccd: 'can cuoc cong dan',
  tthc: 'thu tuc hanh chinh',
  hs: 'ho so',
  dn: 'doanh nghiep',
  vbcc: 'van ban cong chung',
  hd: 'hop dong',
  tc: 'tro cap',
  bhyt: 'bao hiem y te',
  nvqs: 'nghia vu quan su',
  pccc: 'phong chay chua chay',
  ytnn: 'yeu to nuoc ngoai',
  vn: 'viet nam',
  mdsdd: 'muc dich su dung dat',
  attp: 'an toan thuc pham',
  dtm: 'danh gia tac dong moi truong',
  ccv: 'cong chung vien',
  vpcc: 'van phong cong chung',
  nhcsxh: 'ngan hang chinh sach xa hoi',
  bhxh: 'bao hiem xa hoi',
};

/** Words that carry no meaning for telling procedures apart. */
const STOPWORDS = new Set([
  'cho',
  'va',
  'cua',
  'tai',
  'theo',
  'doi voi',
  'voi',
  'o',
  'the',
  'cac',
  'nhung',
  'trong',
  'tren',
  've',
  'de',
  'thu tuc',
  'tu',
  'den',
  'nay',
  'khi',
  'do',
  'hoac',
  'la',
]);

/** A procedure name prepared for comparison. */
export interface PreparedProcedure {
  /** Distinct meaningful words (abbreviations expanded, stop words dropped), first occurrence order. */
  words: string[];
  /** Every folded word in order, for reading unknown acronyms ("YTNN" = yếu tố nước ngoài). */
  sequence: string[];
  /** `sequence` joined by spaces: two names with the same key compare the same. */
  key: string;
  /** A number unique to this prepared name, when it comes from a cache (a cheap cache key for pairs). */
  id?: number;
}

/** Folds, expands abbreviations (whole words only), drops stop words. */
export function prepareProcedure(
  raw: string | null | undefined,
  abbreviations: Readonly<Record<string, string>> = DEFAULT_PROCEDURE_ABBREVIATIONS,
): PreparedProcedure {
  const folded = foldText(raw ?? '');
  if (folded === '') return { words: [], sequence: [], key: '' };
  const sequence = folded.split(' ').flatMap((w) => (abbreviations[w] ? abbreviations[w]!.split(' ') : [w]));
  return { words: [...new Set(sequence.filter((w) => !STOPWORDS.has(w)))], sequence, key: sequence.join(' ') };
}

/** Positions of consecutive words of `sequence` whose initials spell `token`, or null. */
function acronymSpan(token: string, sequence: readonly string[]): number[] | null {
  if (token.length < 2 || token.length > 8) return null;
  for (let i = 0; i + token.length <= sequence.length; i++) {
    let ok = true;
    for (let k = 0; k < token.length && ok; k++) ok = sequence[i + k]![0] === token[k];
    if (ok) return Array.from({ length: token.length }, (_, k) => i + k);
  }
  return null;
}

/** The counts of a {@link ProcedureIdf}: distinct names, and per word the names holding it. */
export interface ProcedureIdfData {
  docs: number;
  df: Array<[string, number]>;
}

/** Word weights: inverse document frequency over a set of procedure names. */
export class ProcedureIdf {
  private readonly df = new Map<string, number>();
  private docs = 0;

  /** Builds the weights from prepared names (each distinct name once). */
  constructor(names: Iterable<PreparedProcedure> = []) {
    const seen = new Set<string>();
    for (const n of names) {
      const key = n.words.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      this.docs++;
      for (const w of n.words) this.df.set(w, (this.df.get(w) ?? 0) + 1);
    }
  }

  /** The counts behind the weights, as plain data (to cross to another thread). */
  toData(): ProcedureIdfData {
    return { docs: this.docs, df: [...this.df] };
  }

  /** The weights of {@link toData}'s counts. */
  static fromData(data: ProcedureIdfData): ProcedureIdf {
    const idf = new ProcedureIdf();
    idf.docs = data.docs;
    for (const [w, n] of data.df) idf.df.set(w, n);
    return idf;
  }

  /** The weight of a word: log(1 + N / df); 1 + log(1 + N) for a word never seen. */
  weight(w: string): number {
    const df = this.df.get(w) ?? 0;
    return Math.log(1 + (this.docs + 1) / (df + 0.5));
  }
}

/** How two procedure names agree. */
export type ProcedureAgreement = 'equal' | 'similar' | 'partial' | 'differs' | 'missing';

/** The result of comparing two procedure names. */
export interface ProcedureComparison {
  agreement: ProcedureAgreement;
  /**
   * 0..1: weighted Dice; 0.8..1 when one name holds all the other's words; Dice − 0.25 when both have words of their
   * own.
   */
  similarity: number;
}

function wordsMatch(a: string, b: string): boolean {
  return a === b || (a.length >= 5 && b.length >= 5 && damerauLevenshtein(a, b, 1) <= 1);
}

/**
 * Compares two procedure names. `equal` (similarity ≥ 0.95), `similar` (≥ 0.75), `partial`
 * (≥ 0.5), `differs`; `missing` when either is empty.
 */
export function compareProcedures(
  pa: PreparedProcedure,
  pb: PreparedProcedure,
  idf: ProcedureIdf = new ProcedureIdf(),
): ProcedureComparison {
  let a = pa.words;
  let b = pb.words;
  if (a.length === 0 || b.length === 0) return { agreement: 'missing', similarity: 0 };
  // An unknown acronym on one side stands for the words it spells on the other.
  const spelled = (x: PreparedProcedure, y: PreparedProcedure) =>
    x.words.flatMap((w) =>
      y.words.includes(w)
        ? [w]
        : (acronymSpan(w, y.sequence)
            ?.map((i) => y.sequence[i]!)
            .filter((u) => !STOPWORDS.has(u)) ?? [w]),
    );
  a = [...new Set(spelled(pa, pb))];
  b = [...new Set(spelled(pb, pa))];
  const wa = a.map((w) => idf.weight(w));
  const wb = b.map((w) => idf.weight(w));
  const totalA = wa.reduce((s, x) => s + x, 0);
  const totalB = wb.reduce((s, x) => s + x, 0);
  let common = 0;
  const usedB = new Set<number>();
  a.forEach((w, i) => {
    const j = b.findIndex((u, k) => !usedB.has(k) && wordsMatch(w, u));
    if (j < 0) return;
    usedB.add(j);
    common += Math.min(wa[i]!, wb[j]!);
  });
  const dice = (2 * common) / (totalA + totalB);
  const eps = 1e-9;
  const aLeft = totalA - common > eps;
  const bLeft = totalB - common > eps;
  // One name inside the other (a short form): at least `similar`. Words left over on both
  // sides ("cấp đổi" vs "lần đầu") name another procedure of the same family: at most `partial`.
  const similarity = !aLeft || !bLeft ? 0.8 + 0.2 * dice : Math.max(0, dice - 0.25);
  const agreement: ProcedureAgreement =
    similarity >= 0.95 ? 'equal' : similarity >= 0.75 ? 'similar' : similarity >= 0.5 ? 'partial' : 'differs';
  return { agreement, similarity };
}
