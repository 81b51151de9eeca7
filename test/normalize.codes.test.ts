import { describe, expect, it } from 'vitest';
import { codeKey, isWellFormedCode, normalizeCode, parseCode, unitCodeKey } from '../src/normalize/codes.js';

describe('normalizeCode', () => {
  it.each([
    ['000.00.07.H53-250115-0003', '000.00.07.H53-250115-0003'],
    ['  000.00.07.h53-250115-0003 ', '000.00.07.H53-250115-0003'],
    ['000.00.07.H53 - 250115 - 0003', '000.00.07.H53-250115-0003'],
    ["'000.00.07.H53-250115-0003", '000.00.07.H53-250115-0003'],
    ['000.00.07.H53–250115—0003', '000.00.07.H53-250115-0003'],
    ['000.00.07.H53\u00a0-250115-0003', '000.00.07.H53-250115-0003'],
    ['25/STP', '25/STP'],
    ['', null],
    ['   ', null],
    [null, null],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeCode(raw)).toBe(expected);
  });
});

describe('codeKey', () => {
  it.each([
    ['000.00.07.H53-250115-0003', '00.07.H53-250115-0003'],
    ['00.07.H53-250115-0003', '00.07.H53-250115-0003'],
    ['000.00.07.h53 - 250115 - 0003', '00.07.H53-250115-0003'],
    ['000.19.19.H53-250203-0001', '000.19.19.H53-250203-0001'.replace(/^000\./, '')],
    ['Quyển 2 - số 118', 'QUYỂN2-SỐ118'],
  ])('%j → %j', (raw, expected) => {
    expect(codeKey(raw)).toBe(expected);
  });
  it('a code with and without the leading 000. group has one key', () => {
    expect(codeKey('000.00.19.H53-250301-0012')).toBe(codeKey('00.19.H53-250301-0012'));
  });
});

describe('parseCode', () => {
  it.each([
    ['000.00.07.H53-250115-0003', { unitCode: '000.00.07.H53', date: '2025-01-15', seq: '0003' }],
    ['00.07.H53-241231-0100', { unitCode: '00.07.H53', date: '2024-12-31', seq: '0100' }],
    ['000.00.07.H53-250230-0003', { unitCode: '000.00.07.H53', date: null, seq: '0003' }],
    ['000.00.07.H53-240229-0001', { unitCode: '000.00.07.H53', date: '2024-02-29', seq: '0001' }],
    ['25/STP', null],
    ['000.00.07.H53-2501150003', null],
  ])('%j', (raw, expected) => {
    expect(parseCode(raw)).toEqual(expected);
  });
  it('well-formedness', () => {
    expect(isWellFormedCode('000.00.07.H53-250115-0003')).toBe(true);
    expect(isWellFormedCode('Quyển 2 - số 118')).toBe(false);
  });
});

describe('unitCodeKey', () => {
  it.each([
    ['000.00.07.H53', '00.07.H53'],
    ['00.07.H53', '00.07.H53'],
    ['000.19.19.h53', '19.19.H53'],
  ])('%j → %j', (raw, expected) => expect(unitCodeKey(raw)).toBe(expected));
});
