import { describe, expect, it } from 'vitest';
import { unitKey } from '../src/normalize/units.js';

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
