import { describe, expect, it } from 'vitest';
import { unitKey, unitToneKey } from '../src/normalize/units.js';

describe('unitKey', () => {
  it.each([
    ['UBND huyện Gò Dầu', 'huyen go dau'],
    ['Ủy ban nhân dân huyện Gò Dầu', 'huyen go dau'],
    ['Uỷ ban nhân dân huyện Gò Dầu', 'huyen go dau'],
    ['UỶ BAN NHÂN DÂN HUYỆN GÒ DẦU', 'huyen go dau'],
    ['Huyện Gò Dầu', 'huyen go dau'],
    ['UBND H. Gò Dầu', 'huyen go dau'],
    ['BPTN&TKQ huyện Gò Dầu', 'huyen go dau'],
    ['ubnd huyen go dau', 'huyen go dau'],
    ['UBND  huyện   Gò Dầu ', 'huyen go dau'],
    ['UBND huyện Gò Dầu'.normalize('NFD'), 'huyen go dau'],
    ['UBND TX Trảng Bàng', 'thi xa trang bang'],
    ['UBND thị xã Trảng Bàng', 'thi xa trang bang'],
    ['UBND phường Gò Dầu', 'phuong go dau'],
    ['UBND xã Phước Thạnh', 'xa phuoc thanh'],
    ['Sở Tư pháp', 'so tu phap'],
    ['SỞ TƯ PHÁP', 'so tu phap'],
  ])('%j → %j', (name, key) => {
    expect(unitKey(name)).toBe(key);
  });

  it('keeps the level word: a district and a ward of the same name differ', () => {
    expect(unitKey('UBND huyện Gò Dầu')).not.toBe(unitKey('UBND phường Gò Dầu'));
  });
});

describe('unitToneKey (tones kept: names that differ only by tone are different places)', () => {
  it.each([
    ['UBND xã Long Thành', 'xã long thành'],
    ['Ủy ban nhân dân xã Long Thành', 'xã long thành'],
    ['UỶ BAN NHÂN DÂN XÃ LONG THÀNH', 'xã long thành'],
    ['UBND X. Long Thành', 'xã long thành'],
    ['UBND xã Long Thành'.normalize('NFD'), 'xã long thành'],
    ['BPTN&TKQ huyện Gò Dầu', 'huyện gò dầu'],
    ['UBND H. Gò Dầu', 'huyện gò dầu'],
    ['UBND TX Trảng Bàng', 'thị xã trảng bàng'],
    ['UBND xã Hoà Thạnh', 'xã hòa thạnh'],
    ['UBND xã Hòa Thạnh', 'xã hòa thạnh'],
    ['Sở Khoa học và Công nghệ', 'sở khoa học và công nghệ'],
  ])('%j → %j', (name, key) => {
    expect(unitToneKey(name)).toBe(key);
  });

  it.each([
    ['UBND xã Long Thành', 'UBND xã Long Thạnh'],
    ['UBND xã Tân Hưng', 'UBND xã Tân Hùng'],
  ])('%j and %j: one folded key, two tone keys', (a, b) => {
    expect(unitKey(a)).toBe(unitKey(b));
    expect(unitToneKey(a)).not.toBe(unitToneKey(b));
  });
});
