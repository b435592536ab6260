import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '../schemas/templates.schema';
import { charLength, checkFieldValue, fieldTypeOf, formatFieldValue, type FieldType } from './fields';

const valid = (type: FieldType, value: string) => expect(checkFieldValue(type, value), `${type}: ${value}`).toBeNull();
const invalid = (type: FieldType, value: string) => expect(checkFieldValue(type, value), `${type}: ${value}`).toEqual(expect.any(String));

describe('fieldTypeOf', () => {
  it('reads the type from the key prefix', () => {
    expect(fieldTypeOf('thing1')).toBe('thing');
    expect(fieldTypeOf('character_string12')).toBe('character_string');
    expect(fieldTypeOf('phone_number3')).toBe('phone_number');
    expect(fieldTypeOf('car_number8')).toBe('car_number');
    expect(fieldTypeOf('time02')).toBe('time');
    for (const t of FIELD_TYPES) expect(fieldTypeOf(`${t}1`)).toBe(t);
  });
  it('is null for unknown prefixes and keys without a number', () => {
    expect(fieldTypeOf('site01')).toBeNull();
    expect(fieldTypeOf('enum_string2')).toBeNull();
    expect(fieldTypeOf('thing')).toBeNull();
    expect(fieldTypeOf('Thing1')).toBeNull();
    expect(fieldTypeOf('__proto__1')).toBeNull();
  });
});

describe('checkFieldValue: every type, WeChat rule by rule', () => {
  it('refuses empty values of every type', () => {
    for (const t of FIELD_TYPES) {
      invalid(t, '');
      invalid(t, '   ');
    }
  });

  it('thing: any text, 20 characters counted as code points', () => {
    valid('thing', '上门安装');
    valid('thing', 'Room 302, 3F (东门)!');
    valid('thing', '一二三四五六七八九十一二三四五六七八九十');
    invalid('thing', '一二三四五六七八九十一二三四五六七八九十一');
    valid('thing', '😀'.repeat(20));
    expect(charLength('😀'.repeat(20))).toBe(20);
    invalid('thing', 'a'.repeat(21));
  });

  it('number: digits with an optional decimal point, 32 digits at most', () => {
    valid('number', '339208499');
    valid('number', '12.5');
    valid('number', '1'.repeat(32));
    valid('number', `${'1'.repeat(31)}.5`);
    invalid('number', '1'.repeat(33));
    invalid('number', '-3');
    invalid('number', '1,000');
    invalid('number', '1.2.3');
    invalid('number', '12a');
    invalid('number', '一');
  });

  it('letter: letters only, 32 at most', () => {
    valid('letter', 'ABCdef');
    valid('letter', 'a'.repeat(32));
    invalid('letter', 'a'.repeat(33));
    invalid('letter', 'abc1');
    invalid('letter', 'ab c');
    invalid('letter', '字母');
  });

  it('symbol: symbols only, 5 at most', () => {
    valid('symbol', '+');
    valid('symbol', '#$%&*');
    valid('symbol', '￥！');
    invalid('symbol', '#$%&*!');
    invalid('symbol', 'a#');
    invalid('symbol', '1');
    invalid('symbol', '# ');
  });

  it('character_string: digits, letters and symbols, 32 at most, no Chinese or spaces', () => {
    valid('character_string', 'ORD-2026-0001');
    valid('character_string', 'a1_b2#C3');
    valid('character_string', 'x'.repeat(32));
    invalid('character_string', 'x'.repeat(33));
    invalid('character_string', '北京');
    invalid('character_string', 'AB 12');
  });

  it('time: 24-hour time, optionally after a Chinese date; ranges with ~', () => {
    valid('time', '15:01');
    valid('time', '9:05');
    valid('time', '23:59:59');
    valid('time', '2019年10月1日 15:01');
    valid('time', '2019年10月1日15:01');
    invalid('time', '10月1日 15:01');
    valid('time', '2019年10月1日 15:01~2019年10月1日 17:01');
    valid('time', '15:01~17:00');
    invalid('time', '24:00');
    invalid('time', '3:01 PM');
    invalid('time', '15点01分');
    invalid('time', '2019年10月1日');
    invalid('time', '2019-10-01 15:01');
    invalid('time', '2019年13月1日 15:01');
    invalid('time', '15:01~16:00~17:00');
  });

  it('date: a Chinese date, optionally with a time; ranges with ~', () => {
    valid('date', '2019年10月1日');
    valid('date', '2019年10月01日');
    valid('date', '2019年10月1日 15:01');
    valid('date', '2019年10月1日~2019年10月3日');
    invalid('date', '15:01');
    invalid('date', '2019-10-01');
    invalid('date', '2019年10月32日');
    invalid('date', '明天');
    invalid('date', '10月1日');
  });

  it('amount: an optional currency symbol, 10 digits at most, decimals, optional 元', () => {
    valid('amount', '¥12.50');
    valid('amount', '￥100');
    valid('amount', '12.50元');
    valid('amount', '$9.99');
    valid('amount', '1234567890');
    valid('amount', '¥12345678.90');
    invalid('amount', '12345678901');
    invalid('amount', '¥¥12');
    invalid('amount', '十二元');
    invalid('amount', '-5');
    invalid('amount', '1,000');
  });

  it('phone_number: digits and + - ( ), 17 at most', () => {
    valid('phone_number', '13800138000');
    valid('phone_number', '+86-0766-66888866');
    valid('phone_number', '(0755)12345678');
    valid('phone_number', '1'.repeat(17));
    invalid('phone_number', '1'.repeat(18));
    invalid('phone_number', '+86-0766-668888661');
    invalid('phone_number', '138 0013 8000');
    invalid('phone_number', '电话13800138000');
    invalid('phone_number', '---');
  });

  it('car_number: 8 at most; Chinese only first or last, letters or digits between', () => {
    valid('car_number', '粤A8Z888挂');
    valid('car_number', '京A12345');
    valid('car_number', '粤B12345D');
    valid('car_number', 'WJ1234');
    invalid('car_number', '粤A8Z8888挂');
    invalid('car_number', '粤A中888');
    invalid('car_number', '粤A-8888');
  });

  it('name: 10 Chinese characters or 20 letters; mixed counts as Chinese; never shortened', () => {
    valid('name', '张三');
    valid('name', '欧阳一二三四五六七八');
    invalid('name', '欧阳一二三四五六七八九');
    valid('name', '阿卜杜·热合曼');
    valid('name', 'John Smith');
    valid('name', 'Abcdefghijklmnopqrst');
    invalid('name', 'Abcdefghijklmnopqrstu');
    valid('name', '张Tom');
    invalid('name', '张Tomabcdefgh');
    invalid('name', '张三3');
    invalid('name', 'R2D2');
    invalid('name', '...');
  });

  it('phrase: 5 Chinese characters at most, Chinese only', () => {
    valid('phrase', '已确认');
    valid('phrase', '货物配送中');
    invalid('phrase', '邀请金到账提醒');
    invalid('phrase', '略略略略略略');
    invalid('phrase', 'OK');
    invalid('phrase', '已确认！');
    invalid('phrase', '已 确认');
    invalid('phrase', '第1名');
  });

  it('reasons are Chinese', () => {
    expect(checkFieldValue('phrase', '邀请金到账提醒')).toMatch(/汉字/);
    expect(checkFieldValue('thing', 'a'.repeat(21))).toMatch(/20/);
  });
});

describe('formatFieldValue: formatting that keeps the meaning, refusing the rest', () => {
  it('shortens a thing to 20 characters with …, and only a thing', () => {
    const long = '广东省深圳市南山区科技园南区高新南七道十二号';
    const out = formatFieldValue('thing', long);
    expect(out).toEqual({ ok: true, value: '广东省深圳市南山区科技园南区高新南七道…' });
    expect(out.ok && charLength(out.value)).toBe(20);
    expect(formatFieldValue('thing', '一二三四五六七八九十一二三四五六七八九十')).toEqual({ ok: true, value: '一二三四五六七八九十一二三四五六七八九十' });
    expect(formatFieldValue('thing', '  多个   空格\n换行 ')).toEqual({ ok: true, value: '多个 空格 换行' });
    expect(formatFieldValue('phrase', '邀请金到账提醒').ok).toBe(false);
    expect(formatFieldValue('name', '欧阳一二三四五六七八九').ok).toBe(false);
    expect(formatFieldValue('character_string', 'x'.repeat(33)).ok).toBe(false);
  });

  it('an empty thing reads 无; other empty values are refused', () => {
    expect(formatFieldValue('thing', '')).toEqual({ ok: true, value: '无' });
    expect(formatFieldValue('thing', undefined)).toEqual({ ok: true, value: '无' });
    expect(formatFieldValue('phrase', undefined)).toMatchObject({ ok: false, reason: '不能为空' });
    expect(formatFieldValue('time', null).ok).toBe(false);
  });

  it('formats Dates and ISO instants in UTC+8', () => {
    const d = new Date('2026-11-27T01:05:00Z'); // 09:05 in UTC+8
    expect(formatFieldValue('time', d)).toEqual({ ok: true, value: '2026年11月27日 09:05' });
    expect(formatFieldValue('date', d)).toEqual({ ok: true, value: '2026年11月27日' });
    expect(formatFieldValue('thing', d)).toEqual({ ok: true, value: '2026年11月27日 09:05' });
    // 23:30 UTC is the next day in UTC+8.
    expect(formatFieldValue('date', new Date('2026-12-31T16:30:00Z'))).toEqual({ ok: true, value: '2027年1月1日' });
    expect(formatFieldValue('time', '2026-11-27T09:00:00+08:00')).toEqual({ ok: true, value: '2026年11月27日 09:00' });
    expect(formatFieldValue('time', '2026-11-27T01:00:00.000Z')).toEqual({ ok: true, value: '2026年11月27日 09:00' });
    expect(formatFieldValue('phrase', d).ok).toBe(false);
    expect(formatFieldValue('time', new Date('nonsense')).ok).toBe(false);
  });

  it('turns numbers into text; refuses what no rule can hold', () => {
    expect(formatFieldValue('number', 42)).toEqual({ ok: true, value: '42' });
    expect(formatFieldValue('number', 12.5)).toEqual({ ok: true, value: '12.5' });
    expect(formatFieldValue('amount', 12.5)).toEqual({ ok: true, value: '12.5' });
    expect(formatFieldValue('number', 1e40).ok).toBe(false);
    expect(formatFieldValue('number', Number.NaN).ok).toBe(false);
    expect(formatFieldValue('number', -1).ok).toBe(false);
    expect(formatFieldValue('thing', 3)).toEqual({ ok: true, value: '3' });
  });

  it('drops spaces from phone numbers', () => {
    expect(formatFieldValue('phone_number', '138 0013 8000')).toEqual({ ok: true, value: '13800138000' });
  });
});
