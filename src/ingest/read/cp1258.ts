/**
 * Windows-1258 (Vietnamese ANSI) decoded straight to NFC text. The code page writes tones as
 * combining marks after the letter; composing them afterwards with `String.normalize('NFC')`
 * took about as long as reading, splitting and parsing the file. Here each byte is looked up in
 * iconv-lite's own table and a tone mark is composed with the letter before it by a table made
 * from `normalize('NFC')` itself; anything else (two marks in a row, a mark that does not simply
 * compose or stay) falls back to `normalize('NFC')` on that piece. The text returned, piece by
 * piece, is exactly `iconv.decode(allBytes, 'windows1258').normalize('NFC')`.
 */
import os from 'node:os';
import iconv from 'iconv-lite';

/** Character of each byte, as iconv-lite decodes it. */
const CHARS = Uint16Array.from(
  iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'windows1258'),
  (c) => c.charCodeAt(0),
);

/** Whether a character of the table is a combining mark (NFC may move or compose it). */
const IS_MARK = new Uint8Array(256);
/** (letter byte << 8 | mark byte) → the composed character, KEEP when NFC leaves the pair as it is, else COMPLEX. */
const PAIRS = new Uint16Array(1 << 16);
const KEEP = 0;
const COMPLEX = 0xffff;
PAIRS.fill(COMPLEX);
/** Bytes the fast path does not take: a letter that NFC changes on its own (none in the table as it is). */
const ODD = new Uint8Array(256);
for (let m = 0; m < 256; m++) {
  const ch = String.fromCharCode(CHARS[m]!);
  if (/\p{M}/u.test(ch)) IS_MARK[m] = 1;
  else if (ch.normalize('NFC') !== ch) ODD[m] = 1;
}
/** The output buffer is read as UTF-16LE bytes: the fast path needs a little-endian machine. */
const FAST = os.endianness() === 'LE';
for (let m = 0; m < 256; m++) {
  if (!IS_MARK[m]) continue;
  const mark = String.fromCharCode(CHARS[m]!);
  for (let b = 0; b < 256; b++) {
    if (IS_MARK[b]) continue;
    const pair = String.fromCharCode(CHARS[b]!) + mark;
    const nfc = pair.normalize('NFC');
    if (nfc.length === 1 && nfc.charCodeAt(0) !== COMPLEX && nfc.charCodeAt(0) !== KEEP)
      PAIRS[(b << 8) | m] = nfc.charCodeAt(0);
    else if (nfc === pair) PAIRS[(b << 8) | m] = KEEP;
  }
}

const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * Decodes Windows-1258 bytes piece by piece to NFC text. The last letter of a piece (with any mark
 * after it) is held back until the next piece, whose first byte may be its tone.
 */
export class Cp1258NfcDecoder {
  /** Bytes held back from the previous piece: from its last letter on. */
  private held: Buffer = Buffer.alloc(0);
  private out = new Uint16Array(1 << 16);

  /** The text of these bytes (and of those held back), up to the last letter. */
  write(piece: Buffer): string {
    const bytes = this.held.length > 0 ? Buffer.concat([this.held, piece]) : piece;
    if (this.out.length < bytes.length) this.out = new Uint16Array(bytes.length);
    const out = this.out;
    let k = 0;
    // Output length and byte index at the last letter (a character that is no mark).
    let kLetter = 0;
    let iLetter = 0;
    // The last character written was a mark or a composition (a further mark: the slow path).
    let marked = true;
    let letter = 0;
    let complex = !FAST;
    for (let i = 0; !complex && i < bytes.length; i++) {
      const b = bytes[i]!;
      const c = CHARS[b]!;
      if (IS_MARK[b] === 0) {
        if (ODD[b] === 1) {
          complex = true;
          break;
        }
        kLetter = k;
        iLetter = i;
        letter = b;
        out[k++] = c;
        marked = false;
        continue;
      }
      if (marked) {
        complex = true;
        break;
      }
      const composed = PAIRS[(letter << 8) | b]!;
      if (composed === COMPLEX) {
        complex = true;
        break;
      }
      if (composed === KEEP) out[k++] = c;
      else out[k - 1] = composed;
      marked = true;
    }
    if (complex) return this.slow(bytes);
    this.held = Buffer.from(bytes.subarray(iLetter));
    return kLetter === 0 ? '' : utf16.decode(out.subarray(0, kLetter));
  }

  /** The text held back, at the end of the bytes. */
  end(): string {
    const rest = this.held;
    this.held = Buffer.alloc(0);
    return rest.length === 0 ? '' : iconv.decode(rest, 'windows1258').normalize('NFC');
  }

  /** normalize('NFC') up to the last letter (NFC never reaches back across a letter of this table). */
  private slow(bytes: Buffer): string {
    let cut = bytes.length - 1;
    while (cut > 0 && IS_MARK[bytes[cut]!] === 1) cut--;
    cut = Math.max(cut, 0);
    this.held = Buffer.from(bytes.subarray(cut));
    return cut === 0 ? '' : iconv.decode(bytes.subarray(0, cut), 'windows1258').normalize('NFC');
  }
}
