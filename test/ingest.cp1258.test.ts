import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Cp1258NfcDecoder } from '../src/ingest/read/cp1258.js';

/** The reference: the whole file decoded by iconv-lite, then composed. */
const reference = (bytes: Buffer) => iconv.decode(bytes, 'windows1258').normalize('NFC');

/** Decodes the bytes in pieces cut at the given offsets. */
function decodeInPieces(bytes: Buffer, cuts: number[]): string {
  const d = new Cp1258NfcDecoder();
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let text = '';
  let from = 0;
  for (const c of [...at, bytes.length]) {
    text += d.write(bytes.subarray(from, c));
    from = c;
  }
  return text + d.end();
}

const TONES = [0xcc, 0xec, 0xd2, 0xde, 0xf2];

describe('Windows-1258 decoded straight to NFC', () => {
  it.each([['Hòa, Nguyễn Văn Lộc; Ủy ban\r\n'], ['Chứng thực bản sao từ bản chính giấy tờ'], ['x'], ['']])(
    '%j, cut anywhere',
    (text) => {
      // As the code page writes it: vowels with their hat, breve or horn precomposed, tones as marks.
      const written = [...text].map((ch) => {
        const d = ch.normalize('NFD');
        return (
          d.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC') +
          d.replace(/[^\u0300\u0301\u0303\u0309\u0323]/g, '')
        );
      });
      const bytes = iconv.encode(written.join(''), 'windows1258');
      expect(reference(bytes)).toBe(text);
      for (let cut = 0; cut <= bytes.length; cut++) expect(decodeInPieces(bytes, [cut])).toBe(text);
    },
  );

  it('every byte after every byte, and tone marks in any order and number', () => {
    for (let a = 0; a < 256; a++) {
      // "a" then byte a then every byte b, each group ended by a space, cut between a and b.
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, b) => [0x61, a, b, 0x20]).flat());
      expect(
        decodeInPieces(
          bytes,
          Array.from({ length: 256 }, (_, b) => 4 * b + 2),
        ),
      ).toBe(reference(bytes));
      expect(decodeInPieces(bytes, [1000])).toBe(reference(bytes));
    }
    for (const seq of [
      [0xcc],
      [0xcc, 0xf2],
      [0xf2, 0xec],
      [0x61, 0xcc, 0xf2],
      [0xe2, 0xec, 0xf2],
      [0x0a, 0xde],
      [0xd5, 0xde],
    ]) {
      const bytes = Buffer.from(seq);
      expect(decodeInPieces(bytes, [1])).toBe(reference(bytes));
    }
  });

  it('any bytes cut into any pieces: the same text as decoding the whole and composing', () => {
    const byte = fc.oneof(
      fc.constantFrom(...TONES),
      fc.constantFrom(
        0x61,
        0x65,
        0x6f,
        0x75,
        0x79,
        0x41,
        0xe2,
        0xea,
        0xf4,
        0xe3,
        0xf5,
        0xfd,
        0xd0,
        0xf0,
        0x0a,
        0x0d,
        0x3b,
        0x22,
        0x20,
      ),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), (arr, cuts) => {
        const bytes = Buffer.from(arr);
        expect(decodeInPieces(bytes, cuts)).toBe(reference(bytes));
      }),
      { numRuns: 5000 },
    );
  });
});
