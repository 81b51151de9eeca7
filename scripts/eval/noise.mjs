// Paper rows from the scenario, with the noise real registers carry: codes missing, mistyped,
// sloppily copied or replaced by local receipt numbers; names without tones, in capitals, with
// a dropped middle name or a letter slip; short or abbreviated procedure names; dates a day
// early, a few days off, day↔month swapped, or missing. Each row keeps its truth.
import { addWorkdays, dayOf, isoOf } from './generate.mjs';

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

function slipLetter(r, word) {
  const chars = [...word];
  if (chars.length < 4) return word;
  const i = r.int(1, chars.length - 2);
  const op = r.int(0, 3);
  if (op === 0)
    chars.splice(i, 1); // dropped letter
  else if (op === 1)
    chars.splice(i, 0, chars[i]); // doubled letter
  else if (op === 2)
    [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]]; // swapped letters
  else chars[i] = r.pick([...'aeiounhmtc'].filter((c) => c !== chars[i])); // wrong letter
  return chars.join('');
}

/** The applicant as the clerk wrote it; returns [text, noiseTag]. */
function noisyApplicant(r, a) {
  const words = a.text.split(' ');
  const x = r.next();
  if (a.organisation) {
    if (x < 0.5) return [a.text, 'as-is'];
    if (x < 0.8) {
      const forms = [
        ['Công ty TNHH MTV', ['CTY TNHH MTV', 'Công ty TNHH một thành viên', 'Cty TNHH 1TV']],
        ['Công ty TNHH', ['CTY TNHH', 'Cty TNHH']],
        ['Công ty Cổ phần', ['CTCP', 'Cty CP']],
        ['Doanh nghiệp tư nhân', ['DNTN']],
        ['Hợp tác xã', ['HTX']],
      ];
      for (const [form, alts] of forms)
        if (a.text.startsWith(form + ' ')) return [`${r.pick(alts)}${a.text.slice(form.length)}`, 'legal-form'];
      return [a.text, 'as-is'];
    }
    if (x < 0.9) return [a.text.toUpperCase(), 'caps'];
    if (x < 0.95) return [fold(a.text), 'no-tones'];
    const i = r.int(Math.max(0, words.length - 2), words.length - 1);
    words[i] = slipLetter(r, words[i]);
    return [words.join(' '), 'letter-slip'];
  }
  if (x < 0.55) return [a.text, 'as-is'];
  if (x < 0.67) return [fold(a.text), 'no-tones'];
  if (x < 0.77) return [a.text.toUpperCase(), 'caps'];
  if (x < 0.82) return [fold(a.text).toUpperCase(), 'caps-no-tones'];
  if (x < 0.87 && words.length >= 3) return [[words[0], ...words.slice(2)].join(' '), 'middle-dropped'];
  if (x < 0.93) {
    const i = r.int(1, words.length - 1);
    const slipped = slipLetter(r, words[i]);
    words[i] = slipped;
    return [words.join(' '), slipped === a.text.split(' ')[i] ? 'as-is' : 'letter-slip'];
  }
  if (x < 0.95)
    return [
      words
        .map((w) =>
          fold(w) === w
            ? w
            : w
                .normalize('NFD')
                .replace(/[\u0300\u0301\u0303\u0309\u0323]/u, '')
                .normalize('NFC'),
        )
        .join(' '),
      'tone-slip',
    ];
  return [a.text, 'as-is'];
}

function sloppyCode(r, code) {
  let c = code;
  if (r.chance(0.15)) c = c.toLowerCase();
  if (r.chance(0.1)) c = c.replace(/-/g, ' - ');
  if (r.chance(0.08)) c = c.replace(/^000\./, '');
  return c;
}

function mistypeCode(r, code) {
  const chars = [...code];
  const digitsAt = chars.map((c, i) => (/\d/.test(c) && i > code.indexOf('-') ? i : -1)).filter((i) => i >= 0);
  const i = r.pick(digitsAt);
  const op = r.next();
  if (op < 0.6) chars[i] = String((Number(chars[i]) + r.int(1, 9)) % 10);
  else if (op < 0.85 && /\d/.test(chars[i + 1] ?? '')) [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
  else chars.splice(i, 1);
  return chars.join('');
}

/** The received date the clerk wrote; returns [iso | null, noiseTag]. */
function noisyDate(r, iso) {
  const d = dayOf(iso);
  const x = r.next();
  if (x < 0.83) return [iso, 'same'];
  if (x < 0.9) return [isoOf(d - 1), 'system-a-day-later'];
  if (x < 0.91) return [isoOf(d + 1), 'one-day-late'];
  if (x < 0.94) return [isoOf(d + r.pick([-3, -2, 2, 3])), 'few-days-off'];
  if (x < 0.97) {
    const [y, m, dd] = iso.split('-');
    if (Number(dd) <= 12 && dd !== m) return [`${y}-${dd}-${m}`, 'day-month-swap'];
    return [iso, 'same'];
  }
  if (x < 0.98) return [null, 'missing'];
  return [isoOf(d + r.pick([-10, 10, -20, 20])), 'far-off'];
}

/** Paper rows of every register: one per dossier on paper, with truth and noise tags. */
export function paperRows(scenario) {
  const r = scenario.rng;
  const rows = [];
  const receipt = new Map();
  const localReceipt = (u) => {
    const n = (receipt.get(u.code) ?? 0) + 1;
    receipt.set(u.code, n);
    return r.chance(0.5) ? `Số BN ${n}/${u.code.slice(-6, -4)}` : `Quyển 2 - số ${n}`;
  };
  const add = (d, linked) => {
    if (d.unit.quarterOnly && d.received > '2025-03-31') return;
    let code = null;
    let codeTag = 'missing';
    const x = r.next();
    if (linked && x < 0.6) [code, codeTag] = [sloppyCode(r, d.code), 'correct'];
    else if (linked && x < 0.85) codeTag = 'missing';
    else if (linked && x < 0.92) [code, codeTag] = [mistypeCode(r, d.code), 'mistyped'];
    else if (!linked && x < 0.7) codeTag = 'missing';
    else [code, codeTag] = [localReceipt(d.unit), 'local-receipt'];
    const [applicant, nameTag] = noisyApplicant(r, d.applicant);
    const [received, dateTag] = noisyDate(r, d.received);
    const p = r.next();
    const procedure = p < 0.45 ? d.proc.official : p < 0.8 ? d.proc.short : d.proc.abbr;
    let returned = null;
    let note = null;
    if (d.returnedDay !== null) {
      const y = r.next();
      if (y < 0.93) returned = isoOf(d.returnedDay);
      else if (y < 0.98) note = 'Đã trả kết quả';
    }
    rows.push({
      truth: linked ? d.code : null,
      unit: d.unit,
      code,
      codeTag,
      applicant,
      nameTag,
      procedure,
      received,
      dateTag,
      due: d.due,
      returned,
      note,
      address: d.address,
      trueReceived: d.received,
    });
  };
  if (!scenario.shapes) {
    for (const d of scenario.dossiers) if (r.chance(0.93)) add(d, true);
  } else {
    const batches = new Map();
    for (const d of scenario.dossiers)
      if (d.batch) (batches.get(d.batch) ?? batches.set(d.batch, []).get(d.batch)).push(d);
    for (const d of scenario.dossiers) {
      if (d.batch) {
        // One row for the batch, at its first dossier: every code in the cell, "Số lượng hồ sơ" n.
        const group = batches.get(d.batch);
        if (group[0] !== d || !r.chance(0.93)) continue;
        const before = rows.length;
        add(d, true);
        if (rows.length === before) continue; // a register that ends with Q1
        const row = rows[rows.length - 1];
        const codes = group.map((g) => g.code);
        const style = r.int(0, 3);
        const seqOf = (c) => c.slice(-4);
        row.code =
          style === 0
            ? codes.join(', ')
            : style === 1
              ? codes.join('; ')
              : style === 2
                ? codes.join('\n')
                : `${codes[0]} đến ${seqOf(codes[codes.length - 1])}`;
        Object.assign(row, { codeTag: 'correct', quantity: group.length, truthAll: codes, shape: 'batch' });
        continue;
      }
      if (r.chance(0.93)) {
        const before = rows.length;
        add(d, true);
        // Returned for supplement, re-received on a new row of the same register days later.
        if (rows.length > before && !d.transferTo && r.chance(0.012)) {
          const first = rows[rows.length - 1];
          Object.assign(first, {
            returned: null,
            note: r.pick(['Trả hồ sơ yêu cầu bổ sung', 'Hướng dẫn bổ sung hồ sơ', 'Trả HS yêu cầu bổ sung giấy tờ']),
            shape: 'resubmission',
          });
          add(d, true);
          const again = rows[rows.length - 1];
          const back = addWorkdays(dayOf(d.received), r.int(3, 12));
          const code = r.chance(0.5) && first.code ? first.code : null;
          Object.assign(again, {
            received: isoOf(back),
            dateTag: 'resubmitted',
            trueReceived: isoOf(back),
            code,
            codeTag: code ? first.codeTag : 'missing',
            note: r.pick(['Nộp bổ sung', 'Bổ sung lần 1', 'Công dân nộp bổ sung']),
            shape: 'resubmission',
            applicant: first.applicant,
            procedure: first.procedure,
          });
          if (again.returned && again.returned < again.received) again.returned = null;
          first.cycleLast = again;
        }
      }
      if (d.transferTo) {
        // The district desk writes its own row a few working days later: code copied or blank, a note.
        if (rows.length > 0 && rows[rows.length - 1].truth === d.code) rows[rows.length - 1].shape = 'transfer';
        const before = rows.length;
        add({ ...d, unit: d.transferTo }, true);
        if (rows.length === before) continue;
        const row = rows[rows.length - 1];
        const later = addWorkdays(dayOf(d.received), r.int(1, 5));
        const code = r.chance(0.5) ? d.code : null;
        Object.assign(row, {
          received: isoOf(later),
          dateTag: 'transferred',
          trueReceived: isoOf(later),
          code,
          codeTag: code ? 'correct' : 'missing',
          shape: 'transfer',
          note: r.pick([
            `Liên thông từ ${d.unit.name}`,
            `Liên thông từ ${d.unit.name.replace('UBND ', 'UBND ')}`,
            `${d.unit.name} chuyển đến`,
            `Nhận hồ sơ liên thông từ ${d.unit.aliases[0]}`,
          ]),
        });
        if (row.returned && row.returned < row.received) row.returned = null;
      }
    }
  }
  for (const d of scenario.paperOnly) add(d, false);
  // Registers list rows by receipt (the true day), as they were written.
  rows.sort((a, b) => a.trueReceived.localeCompare(b.trueReceived) || (a.truth ?? '~').localeCompare(b.truth ?? '~'));
  return rows;
}
