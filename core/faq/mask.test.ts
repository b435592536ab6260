import { describe, expect, it } from 'vitest';
import { maskPhones } from './mask';

describe('maskPhones', () => {
  it('masks 11-digit mobile numbers, keeps other numbers', () => {
    expect(maskPhones('我的电话13812348000，请回电')).toBe('我的电话138****8000，请回电');
    expect(maskPhones('13812348000 和 15900001111')).toBe('138****8000 和 159****1111');
    expect(maskPhones('订单号 2023110512345678')).toBe('订单号 2023110512345678');
    expect(maskPhones('1.5匹空调 3999 元')).toBe('1.5匹空调 3999 元');
  });
});
