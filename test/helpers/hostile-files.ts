/**
 * Generators of bad and hostile input files, written to a temp folder at test time (nothing big is
 * committed): a hand-written zip writer (so a test controls every declared size and byte), a
 * minimal xlsx builder over it, zip bombs, disguised files, and a database snapshot helper to
 * prove a refused file left the database exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { readCentralDirectory } from '../../src/ingest/read/zip-central.js';
import { guardXlsx, xlsxLimits } from '../../src/ingest/read/zip-guard.js';
import { isAuditError, type AuditError } from '../../src/errors.js';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of a buffer (the zip checksum): zlib's where Node has it (>= 20.15), else a table. */
export function crc32(buf: Buffer): number {
  const native = (zlib as { crc32?: (d: Buffer) => number }).crc32;
  if (typeof native === 'function') return native(buf);
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One zip entry. `compressed` + `size` let a test write a stream it built itself, and lie about it. */
export interface ZipEntry {
  name: string;
  data?: Buffer;
  /** 0 = stored, 8 = deflate (default). */
  method?: 0 | 8;
  /** Already-compressed bytes (method 8), used instead of deflating `data`. */
  compressed?: Buffer;
  /** Uncompressed size to declare (default: the real one). */
  declaredSize?: number;
  crc?: number;
  /** Declare the sizes through a zip64 extra field (the 32-bit fields saturated). */
  zip64?: boolean;
}

/** Writes a zip archive (no data descriptors; zip64 sizes on request) with exactly the sizes the entries declare. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const data = e.data ?? Buffer.alloc(0);
    const body = e.compressed ?? (method === 8 ? zlib.deflateRawSync(data) : data);
    const size = e.declaredSize ?? data.length;
    const crc = e.crc ?? crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const extra = Buffer.alloc(e.zip64 ? 20 : 0);
    if (e.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.zip64 ? 0xffffffff : body.length, 20);
    central.writeUInt32LE(e.zip64 ? 0xffffffff : size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name, extra);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Column letters of a 1-based column number (1 → A, 16384 → XFD). */
export function columnName(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** One worksheet row as XML: strings inline, numbers as numbers, `{ f, v }` as a formula with its cached value. */
export function rowXml(
  r: number,
  cells: Array<string | number | { f: string; v: string | number } | null>,
  style?: number,
): string {
  const cs = cells.map((v, i) => {
    const ref = `${columnName(i + 1)}${r}`;
    if (v === null) return '';
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    if (typeof v === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
    return typeof v.v === 'number'
      ? `<c r="${ref}"><f>${xmlEscape(v.f)}</f><v>${v.v}</v></c>`
      : `<c r="${ref}" t="str"><f>${xmlEscape(v.f)}</f><v>${xmlEscape(v.v)}</v></c>`;
  });
  return `<row r="${r}"${style === undefined ? '' : ` s="${style}" customFormat="1"`}>${cs.join('')}</row>`;
}

/** A worksheet document around `rowsXml`, with an optional declared dimension. */
export function sheetXml(rowsXml: string, dimension?: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${
    dimension ? `<dimension ref="${dimension}"/>` : ''
  }<sheetData>${rowsXml}</sheetData></worksheet>`;
}

/** The parts every workbook needs, for sheets named `names` (sheet i is xl/worksheets/sheet{i+1}.xml). */
export function workbookParts(names: string[], extra: { rels?: string; types?: string } = {}): ZipEntry[] {
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${names
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('')}${extra.types ?? ''}</Types>`;
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships ' +
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
    'Target="xl/workbook.xml"/></Relationships>';
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names
    .map((n, i) => `<sheet name="${xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const wbRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join(
      '',
    )}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${extra.rels ?? ''}</Relationships>`;
  const styles =
    '<?xml version="1.0" encoding="UTF-8"?><styleSheet ' +
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz ' +
    'val="11"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill ' +
    'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders ' +
    'count="2"><border/><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom ' +
    'style="thin"/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" ' +
    'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" ' +
    'xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" ' +
    'applyBorder="1"/></cellXfs></styleSheet>';
  const t = (s: string) => Buffer.from(s, 'utf8');
  return [
    { name: '[Content_Types].xml', data: t(types) },
    { name: '_rels/.rels', data: t(rels) },
    { name: 'xl/workbook.xml', data: t(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: t(wbRels) },
    { name: 'xl/styles.xml', data: t(styles) },
  ];
}

/** A workbook of the given sheets (each a complete worksheet XML document). */
export function buildXlsx(
  sheets: Array<{ name: string; xml: string | Buffer }>,
  extra: ZipEntry[] = [],
  parts: { rels?: string; types?: string } = {},
): Buffer {
  return writeZip([
    ...workbookParts(
      sheets.map((s) => s.name),
      parts,
    ),
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: Buffer.isBuffer(s.xml) ? s.xml : Buffer.from(s.xml, 'utf8'),
    })),
    ...extra,
  ]);
}

/** The header of a paper register, as desks write it. */
export const REGISTER_HEADER = ['STT', 'Mã hồ sơ', 'Tên TTHC', 'Người nộp', 'Ngày nhận', 'Hẹn trả', 'Ngày trả'];

/** A small, valid paper register as sheet rows (header at row 3 under a title). */
export function registerRows(n: number, unitCode = '000.00.07.H53'): string {
  const rows = [rowXml(1, ['SỔ THEO DÕI HỒ SƠ']), rowXml(3, REGISTER_HEADER)];
  for (let i = 1; i <= n; i++) {
    rows.push(
      rowXml(3 + i, [
        i,
        `${unitCode}-250106-${String(i).padStart(4, '0')}`,
        'Chứng thực bản sao',
        `Người nộp ${i}`,
        '06/01/2025',
        '08/01/2025',
        '',
      ]),
    );
  }
  return rows.join('');
}

/**
 * A zip bomb: a sheet whose deflate stream is one highly compressible 1 MiB block repeated
 * `mib` times (each block full-flushed, so the copies concatenate into one valid stream), then a
 * final empty block. The declared size is the honest one unless `declaredSize` lies.
 */
export function zipBombXlsx(mib: number, declaredSize?: number): Buffer {
  const unit = Buffer.from(rowXml(1, ['0']).repeat(Math.ceil((1 << 20) / rowXml(1, ['0']).length))).subarray(
    0,
    1 << 20,
  );
  const block = zlib.deflateRawSync(unit, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const stream = Buffer.concat([...Array.from({ length: mib }, () => block), Buffer.from([0x03, 0x00])]);
  return writeZip([
    ...workbookParts(['Sheet1']),
    { name: 'xl/worksheets/sheet1.xml', compressed: stream, declaredSize: declaredSize ?? mib * (1 << 20), crc: 0 },
  ]);
}

/** Deterministic pseudo-random bytes (mulberry32). */
export function randomBytes(n: number, seed = 1): Buffer {
  const out = Buffer.alloc(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** The first bytes of a real PNG (signature + IHDR) followed by noise. */
export function pngBytes(): Buffer {
  const sig = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
    0, 0, 0,
  ]);
  return Buffer.concat([sig, randomBytes(2048, 7)]);
}

/** An OLE2 compound-file header, as an encrypted (password-protected) .xlsx starts. */
export function ole2Bytes(): Buffer {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const rest = Buffer.alloc(4096);
  Buffer.from('EncryptionInfo', 'utf16le').copy(rest, 1024);
  return Buffer.concat([head, rest]);
}

/** Writes `content` as `name` in `dir` and returns the path. */
export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

/** Every table's content and the schema version: equal dumps = same database. */
export function dumpDatabase(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as Array<{ name: string }>;
    const out: Record<string, unknown> = { user_version: db.pragma('user_version', { simple: true }) };
    // Rows sorted by their JSON: some tables are WITHOUT ROWID, and order is not content.
    for (const { name } of tables)
      out[name] = db
        .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort();
    return JSON.stringify(out);
  } finally {
    db.close();
  }
}

/**
 * A stand-in for LibreOffice (`MOTCUA_AUDIT_SOFFICE`): a shell script that "converts" whatever it
 * is given into the bytes of `converted`, so a test controls what the conversion of an .xls/.ods
 * produces (a zip bomb, a bloated sheet) without running the real, slow converter.
 */
export function fakeSoffice(dir: string, name: string, converted: Buffer): string {
  const xlsx = writeFile(dir, `${name}.converted.xlsx`, converted);
  const script = path.join(dir, `${name}.soffice.sh`);
  fs.writeFileSync(
    script,
    `#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = "--outdir" ] && out="$2"; shift; done\ncp '${xlsx}' ` +
      `"$out/input.xlsx"\n`,
    { mode: 0o700 },
  );
  return script;
}

/**
 * A workbook re-zipped with one part changed by `edit` (given the part's inflated bytes): the
 * archive stays a valid zip, only the part's content differs (a sheet cut short, a string bloated).
 */
export function rezipWithPart(workbook: Buffer, part: string, edit: (content: Buffer) => Buffer): Buffer {
  const entries = readCentralDirectory(workbook).entries.filter((e) => !e.name.endsWith('/'));
  if (!entries.some((e) => e.name === part)) throw new Error(`no part ${part}`);
  return writeZip(
    entries.map((e) => {
      const raw = workbook.subarray(e.dataStart, e.dataEnd);
      const content = e.method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
      return { name: e.name, data: e.name === part ? edit(content) : content };
    }),
  );
}

/** The first `share` of a buffer (a part cut short). */
export const cutTo =
  (share: number) =>
  (b: Buffer): Buffer =>
    b.subarray(0, Math.floor(b.length * share));

/** The error the zip guard refuses `buf` with (fails the test when it is accepted). */
export async function refusal(buf: Buffer, limits = xlsxLimits({})): Promise<AuditError> {
  try {
    await guardXlsx(buf, 'f.xlsx', limits);
  } catch (e) {
    if (isAuditError(e)) return e;
    throw e;
  }
  throw new Error('not refused');
}
