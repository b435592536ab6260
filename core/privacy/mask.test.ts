import { describe, expect, it } from 'vitest';
import { luhnValid, maskBankCards, maskEmails, maskIdCards, maskName, maskPersonal, maskPhones, personalKinds } from './mask';

describe('privacy masking', () => {
  it('masks mobile numbers (re-exported from the FAQ masker)', () => {
    expect(maskPhones('电话13812348000')).toBe('电话138****8000');
  });

  it('masks 18-character ID-card numbers, with an X check digit too', () => {
    expect(maskIdCards('身份证110101199003071234')).toBe('身份证110***********1234');
    expect(maskIdCards('身份证 11010119900307123X 请核对')).toBe('身份证 110***********123X 请核对');
    expect(maskIdCards('11010119900307123x')).toBe('110***********123x');
    // not a date in the middle → not an ID card; part of a longer run → untouched
    expect(maskIdCards('110101199013071234')).toBe('110101199013071234');
    expect(maskIdCards('1101011990030712345')).toBe('1101011990030712345');
  });

  it('masks Luhn-valid and grouped bank-card numbers, keeps order numbers', () => {
    expect(luhnValid('6222021234567890')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(maskBankCards('卡号4111111111111111')).toBe('卡号4111********1111');
    expect(maskBankCards('卡号 6222 0212 3456 7890 谢谢')).toBe('卡号 6222********7890 谢谢');
    expect(maskBankCards('6222-0212-3456-7890-123')).toBe('6222***********0123');
    expect(maskBankCards('订单号 2023110512345678')).toBe('订单号 2023110512345678');
    expect(maskBankCards('金额 1234')).toBe('金额 1234');
  });

  it('masks email addresses', () => {
    expect(maskEmails('邮箱 zhang.san@example.com 联系')).toBe('邮箱 z***@example.com 联系');
    expect(maskEmails('a@b.cn')).toBe('a***@b.cn');
    expect(maskEmails('不是邮箱 @ 符号')).toBe('不是邮箱 @ 符号');
  });

  it('masks all four kinds in one text, the longer numbers first', () => {
    const text = '手机13812348000，身份证110101199003071234，卡4111111111111111，邮箱li@qq.com';
    const masked = maskPersonal(text);
    expect(masked).toBe('手机138****8000，身份证110***********1234，卡4111********1111，邮箱l***@qq.com');
    expect(masked).not.toMatch(/13812348000|110101199003071234|4111111111111111|li@qq\.com/);
    expect(maskPersonal(masked)).toBe(masked);
    expect(maskPersonal('1.5匹空调 3999 元')).toBe('1.5匹空调 3999 元');
  });

  it('names the kinds it would mask, each once', () => {
    expect(personalKinds('身份证110101199003071234')).toEqual(['idCard']);
    expect(personalKinds('手机13812348000，邮箱li@qq.com')).toEqual(['email', 'phone']);
    expect(personalKinds('卡4111111111111111 和 13812348000')).toEqual(['bankCard', 'phone']);
    expect(personalKinds('订单 2023110512345678，谢谢')).toEqual([]);
  });

  it('masks names to their first character', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('*');
    expect(maskName(' ')).toBe('');
  });
});
