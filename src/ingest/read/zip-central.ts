/**
 * The zip container of an .xlsx, read by hand from its central directory (APPNOTE 6.3, with
 * zip64) so sizes can be checked before anything is inflated, and a writer that rebuilds an
 * archive from entries. Pure functions over Buffers; malformed archives throw ZipFormatError.
 */
import zlib from 'node:zlib';

/** One entry as the central directory declares it. */
export interface ZipEntryInfo {
  name: string;
  /** General-purpose flags (bit 0: encrypted). */
  flags: number;
  /** 0 = stored, 8 = deflate; anything else is not read. */
  method: number;
  crc: number;
  compressedSize: number;
  /** The uncompressed size the archive declares (it may lie). */
  size: number;
  /** Offset of the entry's local header. */
  localOffset: number;
  /** Where the entry's data starts and ends in the archive (after the local header). */
  dataStart: number;
  dataEnd: number;
}

/** The archive is not a readable zip (truncated, inconsistent, multi-disk). */
export class ZipFormatError extends Error {}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function findEndRecord(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) return i;
  }
  throw new ZipFormatError('no end of central directory (truncated file?)');
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('zip64 value out of range');
  return Number(v);
}

/** Reads the central directory of a zip archive, without inflating anything. */
export function readCentralDirectory(buf: Buffer): { entries: ZipEntryInfo[]; declaredCount: number } {
  if (buf.length < 22) throw new ZipFormatError('too short for a zip archive');
  const eocd = findEndRecord(buf);
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0)
    throw new ZipFormatError('multi-disk archive');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_EOCD64_LOCATOR) throw new ZipFormatError('zip64 locator missing');
    const at = u64(buf, loc + 8);
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== SIG_EOCD64)
      throw new ZipFormatError('zip64 end record missing');
    count = u64(buf, at + 32);
    cdSize = u64(buf, at + 40);
    cdOffset = u64(buf, at + 48);
  }
  if (cdOffset + cdSize > buf.length || count * 46 > cdSize)
    throw new ZipFormatError('central directory out of bounds');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== SIG_CENTRAL)
      throw new ZipFormatError('central directory damaged');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen + commentLen > cdOffset + cdSize)
      throw new ZipFormatError('central directory damaged');
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    let localOffset = buf.readUInt32LE(p + 42);
    // Zip64 extra field: the 64-bit values of the fields saturated at 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = buf.readUInt16LE(e);
      const len = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const take = () => {
          if (q + 8 > e + 4 + len) throw new ZipFormatError('zip64 extra field too short');
          const v = u64(buf, q);
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      e += 4 + len;
    }
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== SIG_LOCAL)
      throw new ZipFormatError('local header missing (truncated file?)');
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > buf.length) throw new ZipFormatError('entry data past the end of the file (truncated file?)');
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressedSize,
      size,
      localOffset,
      dataStart,
      dataEnd,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, declaredCount: count };
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (zlib.crc32 where Node has it, >= 20.15; a table otherwise). */
export function crc32(data: Buffer): number {
  const native = (zlib as { crc32?: (d: Buffer) => number }).crc32;
  if (typeof native === 'function') return native(data);
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry to write: raw (already compressed, copied as is) or fresh content deflated here. */
export type ZipOutEntry =
  | { name: string; raw: { method: number; crc: number; size: number; data: Buffer } }
  | { name: string; content: Buffer };

/** Writes a plain (non-zip64) archive; used to hand exceljs a compacted workbook. */
export function writeZipArchive(entries: ZipOutEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const r =
      'raw' in e
        ? e.raw
        : {
            method: 8,
            crc: crc32(e.content),
            size: e.content.length,
            data: zlib.deflateRawSync(e.content, { level: 1 }),
          };
    const head = Buffer.alloc(30);
    head.writeUInt32LE(SIG_LOCAL, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(r.method, 8);
    head.writeUInt32LE(0x00210000, 10);
    head.writeUInt32LE(r.crc >>> 0, 14);
    head.writeUInt32LE(r.data.length, 18);
    head.writeUInt32LE(r.size, 22);
    head.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(SIG_CENTRAL, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(r.method, 10);
    cd.writeUInt32LE(0x00210000, 12);
    cd.writeUInt32LE(r.crc >>> 0, 16);
    cd.writeUInt32LE(r.data.length, 20);
    cd.writeUInt32LE(r.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(head, name, r.data);
    central.push(cd, name);
    offset += 30 + name.length + r.data.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}

/**
 * Where an entry goes in an archive prepared for exceljs's streaming reader: the parts it needs
 * before any sheet (workbook, relationships, shared strings, styles) first, then the other parts,
 * then the sheets in their original order.
 */
function streamingRank(name: string): number {
  const order = [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/_rels/workbook.xml.rels',
    'xl/workbook.xml',
    'xl/styles.xml',
    'xl/sharedStrings.xml',
  ];
  const i = order.indexOf(name);
  if (i >= 0) return i;
  return name.startsWith('xl/worksheets/') ? order.length + 1 : order.length;
}

/** A part exceljs does not know and skips: it keeps the zip parser busy until every real part is taken. */
export const STREAMING_PADDING_NAME = 'motcua-audit/end-of-archive.bin';
const PADDING_BYTES = 1 << 20;
let padding: { method: number; crc: number; size: number; data: Buffer } | null = null;

/**
 * Rewrites a workbook for exceljs's streaming reader (`stream.xlsx.WorkbookReader`), whose zip
 * parser (unzipper) announces the end of the archive as soon as it has read the last byte, even
 * while parts it has already read are still waiting for the reader. Two failures follow, both seen
 * under load: parts still waiting are silently dropped (a sheet read slowly loses the sheets after
 * it), and sheets met before `xl/workbook.xml` are read without their names, or crash the reader
 * ("Cannot read properties of undefined (reading 'sheets')"). So: the workbook, relationships,
 * shared strings and styles come first (every sheet is then read directly, never parked in a
 * temporary file), and a last part of 1 MiB that exceljs skips keeps the parser from reaching the
 * end until the reader has taken every real part. Parts are copied as they are (no recompression).
 */
export function prepareForStreaming(archive: Buffer): Buffer {
  // Offsets of the rewritten archive must fit the plain (non-zip64) format; the size caps refuse
  // such workbooks long before this, so this is only a guard.
  if (archive.length > 0xf0000000) return archive;
  const entries = readCentralDirectory(archive).entries.filter((e) => !e.name.endsWith('/'));
  const sorted = entries
    .map((e, i) => ({ e, i, rank: streamingRank(e.name) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i);
  if (padding === null) {
    const zeros = Buffer.alloc(PADDING_BYTES);
    padding = { method: 8, crc: crc32(zeros), size: zeros.length, data: zlib.deflateRawSync(zeros) };
  }
  return writeZipArchive([
    ...sorted.map(({ e }) => ({
      name: e.name,
      raw: { method: e.method, crc: e.crc, size: e.size, data: archive.subarray(e.dataStart, e.dataEnd) },
    })),
    { name: STREAMING_PADDING_NAME, raw: padding },
  ]);
}
