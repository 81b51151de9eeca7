// The labelled scenario of the evaluation: system dossiers with their true state, the paper
// registers' rows with the dossier each one truly is (or none), and realistic noise. Pure and
// deterministic for a seed; render.mjs writes it to files.
import {
  COMPANY_ACTIVITY,
  COMPANY_FORM,
  COMPANY_NAME,
  FAMILY,
  GIVEN_FEMALE,
  GIVEN_MALE,
  HAMLETS,
  MIDDLE_FEMALE,
  MIDDLE_MALE,
  PROCEDURES,
  UNITS,
} from './vocab.mjs';

/** mulberry32: a small seeded PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    chance: (p) => next() < p,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    weighted: (pairs) => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [v, w] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
  };
  return r;
}

// Dates as day numbers (UTC), ISO strings at the edges.
const DAY = 86400000;
export const dayOf = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
export const isoOf = (d) => new Date(d * DAY).toISOString().slice(0, 10);
const weekday = (d) => new Date(d * DAY).getUTCDay();
const addWorkdays = (d, n) => {
  let x = d;
  while (n > 0) {
    x++;
    if (weekday(x) !== 0 && weekday(x) !== 6) n--;
  }
  return x;
};

export const EXPORT_A = { asOf: '2025-04-10', from: '2025-01-01', to: '2025-03-31' };
export const EXPORT_B = { asOf: '2025-07-05', from: '2025-01-01', to: '2025-06-30' };
const START = dayOf('2025-01-02');
const END = dayOf('2025-06-27');

function personName(r) {
  const male = r.chance(0.5);
  const family = r.weighted(FAMILY.map(([n, w]) => [n, w]));
  const middle = r.weighted(male ? MIDDLE_MALE : MIDDLE_FEMALE);
  const given = r.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
  const second = r.chance(0.12) ? ` ${r.pick(male ? ['Minh', 'Hoàng', 'Quốc'] : ['Ngọc', 'Thu', 'Kim'])}` : '';
  return { text: `${family} ${middle}${second} ${given}`, organisation: false };
}

function companyName(r) {
  const [form] = r.pick(COMPANY_FORM);
  return { text: `${form} ${r.pick(COMPANY_ACTIVITY)} ${r.pick(COMPANY_NAME)}`, organisation: true, form };
}

/** The district of each commune (where a transferred dossier goes). */
const PARENT = { '000.31.19.H53': '000.00.19.H53', '000.32.19.H53': '000.00.19.H53', '000.41.20.H53': '000.00.20.H53' };
export { addWorkdays };

const CLOSED_LABELS = [
  ['Đã trả kết quả', 70],
  ['Hoàn thành', 20],
  ['Rút hồ sơ', 5],
  ['Từ chối', 5],
];
const OPEN_DONE = [
  ['Đã có kết quả', 40],
  ['Chờ trả kết quả', 30],
  ['Đang xử lý', 30],
];
const OPEN = [
  ['Mới tiếp nhận', 20],
  ['Đang xử lý', 60],
  ['Chờ bổ sung', 20],
];
export const isClosedLabel = (s) => ['Đã trả kết quả', 'Hoàn thành', 'Rút hồ sơ', 'Từ chối'].includes(s);

/**
 * The scenario: `dossiers` system dossiers over 8 units, January–June 2025.
 * Returns { units, dossiers, paperOnly } where each dossier knows its snapshots and its paper
 * row (if any), and paper-only rows stand for dossiers that never entered the system.
 */
export function generateScenario({ dossiers: n = 4000, seed = 1, shapes = true } = {}) {
  const r = prng(seed);
  const unitWeights = UNITS.map((u) => [u, u.weight]);
  const list = [];
  for (let i = 0; i < n; i++) {
    const unit = r.weighted(unitWeights);
    let day;
    do day = r.int(START, END);
    while (weekday(day) === 0 || weekday(day) === 6);
    let proc = r.weighted(PROCEDURES[unit.kind].map((p) => [p, p.weight]));
    // Shapes (not one-to-one): a commune desk receives a district procedure and transfers it (liên thông).
    let transferTo = null;
    if (shapes && unit.kind === 'commune' && r.chance(0.05)) {
      transferTo = UNITS.find((u) => u.code === PARENT[unit.code]);
      proc = r.weighted(PROCEDURES.district.map((p) => [p, p.weight]));
    }
    const business = /kinh doanh|HKD|xây dựng|thế chấp|môi trường|nước dưới đất|an toàn thực phẩm|văn phòng/i.test(
      proc.official,
    );
    const applicant = business && r.chance(0.45) ? companyName(r) : personName(r);
    list.push({ unit, day, proc, applicant, transferTo });
    // One receipt for several dossiers of one applicant and procedure (one register row).
    if (shapes && !transferTo && r.chance(0.008)) {
      const k = r.int(2, 4);
      const batch = `b${i}`;
      list[list.length - 1].batch = batch;
      for (let j = 1; j < k; j++) list.push({ unit, day, proc, applicant, batch });
      i += k - 1;
      continue;
    }
    // The same applicant files a second procedure the same day.
    if (r.chance(0.04)) {
      const other = r.weighted(PROCEDURES[unit.kind].filter((p) => p !== proc).map((p) => [p, p.weight]));
      list.push({ unit, day, proc: other, applicant, twin: true });
      i++;
    }
  }
  // Sequence numbers restart each day per unit; order by receipt.
  list.sort((a, b) => a.day - b.day || a.unit.code.localeCompare(b.unit.code));
  const seq = new Map();
  const dossiers = list.map((d, index) => {
    const k = `${d.unit.code}|${d.day}`;
    const s = (seq.get(k) ?? 0) + 1;
    seq.set(k, s);
    const iso = isoOf(d.day);
    const code = `${d.unit.code}-${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${String(s).padStart(4, '0')}`;
    const due = addWorkdays(d.day, r.int(3, 15));
    // Truth: was the result handed over by 05/07? Older dossiers almost always.
    const age = dayOf(EXPORT_B.asOf) - d.day;
    const done = r.chance(age > 40 ? 0.95 : age > 15 ? 0.75 : 0.35);
    const returnedDay = done ? Math.min(dayOf(EXPORT_B.asOf) - 1, d.day + r.int(1, 20)) : null;
    // The system is closed for most returned dossiers; officers forget the rest.
    const closedInSystem = done && r.chance(0.78);
    const statusB = closedInSystem ? r.weighted(CLOSED_LABELS) : done ? r.weighted(OPEN_DONE) : r.weighted(OPEN);
    const snapshots = [];
    if (d.day <= dayOf(EXPORT_A.to)) {
      // As of 10/04 a later closure was still open.
      const closedByA = closedInSystem && returnedDay !== null && returnedDay + r.int(0, 30) <= dayOf(EXPORT_A.asOf);
      snapshots.push({
        export: 'A',
        status: closedByA ? statusB : r.weighted(OPEN_DONE),
        returned: closedByA && returnedDay !== null ? isoOf(returnedDay) : null,
      });
    }
    // A few Q1 dossiers are transferred away and missing from the 6-month export.
    const transferred = snapshots.length > 0 && r.chance(0.005);
    if (!transferred)
      snapshots.push({
        export: 'B',
        status: statusB,
        returned: closedInSystem && returnedDay !== null ? isoOf(returnedDay) : null,
      });
    const phone = `09${String(r.int(10000000, 99999999))}`;
    return {
      index,
      code,
      unit: d.unit,
      received: iso,
      due: isoOf(due),
      proc: d.proc,
      applicant: d.applicant,
      twin: Boolean(d.twin),
      transferTo: d.transferTo ?? null,
      batch: d.batch ?? null,
      day: d.day,
      returnedDay,
      snapshots,
      address: `${r.pick(HAMLETS)}, ${d.unit.name.replace(/^UBND /, '')}, ĐT ${phone}`,
    };
  });
  // Dossiers handled only on paper: never entered the system.
  const paperOnly = [];
  const m = Math.round(n * 0.08);
  for (let i = 0; i < m; i++) {
    const unit = r.weighted(unitWeights);
    let day;
    do day = r.int(START, END);
    while (weekday(day) === 0 || weekday(day) === 6);
    const proc = r.weighted(PROCEDURES[unit.kind].map((p) => [p, p.weight]));
    const done = r.chance(0.85);
    paperOnly.push({
      index: n + i,
      code: null,
      unit,
      received: isoOf(day),
      due: isoOf(addWorkdays(day, 10)),
      proc,
      applicant: r.chance(0.9) ? personName(r) : companyName(r),
      returnedDay: done ? Math.min(dayOf(EXPORT_B.asOf) - 1, day + r.int(1, 20)) : null,
      snapshots: [],
      address: `${r.pick(HAMLETS)}, ĐT 09${r.int(10000000, 99999999)}`,
    });
  }
  return { units: UNITS, dossiers, paperOnly, rng: r, shapes };
}
