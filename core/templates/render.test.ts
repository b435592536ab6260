import { describe, expect, it } from 'vitest';
import { invalidDataField, maskOpenid, renderTemplate, typedFields } from './render';
import { APPOINTMENT_STATUS_PHRASES, dueReminder, flagsAfter, reminderTip } from './reminders';
import { charLength, checkFieldValue } from './fields';
import { classifySendError } from './outcomes';

const confirmed = {
  fields: [
    { key: 'thing1', label: '服务项目', source: 'serviceName' },
    { key: 'time2', label: '预约时间', source: 'start' },
    { key: 'thing3', label: '服务地址', source: 'address' },
    { key: 'phrase4', label: '预约状态', source: 'status' },
  ],
};

describe('renderTemplate', () => {
  it('fills every field from its source, formatted by type', () => {
    const out = renderTemplate(confirmed, {
      serviceName: '上门安装',
      start: new Date('2026-11-27T01:00:00Z'),
      address: '广东省深圳市南山区科技园南区高新南七道十二号',
      status: '已确认',
    });
    expect(out).toEqual({
      ok: true,
      data: {
        thing1: { value: '上门安装' },
        time2: { value: '2026年11月27日 09:00' },
        thing3: { value: '广东省深圳市南山区科技园南区高新南七道…' },
        phrase4: { value: '已确认' },
      },
    });
  });

  it('refuses with a Chinese reason naming every bad field', () => {
    const out = renderTemplate(confirmed, { serviceName: '上门安装', start: 'tomorrow', address: '', status: 'confirmed' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.reason).toContain('「预约时间」（time2）应为 24 小时制时间');
    expect(out.reason).toContain('「预约状态」（phrase4）只能是汉字');
    expect(out.reason).not.toContain('thing3');
  });

  it('a missing source is empty: 无 for a thing, refused otherwise; prototype keys are not values', () => {
    const out = renderTemplate({ fields: [{ key: 'thing1', label: '备注', source: 'constructor' }] }, {});
    expect(out).toEqual({ ok: true, data: { thing1: { value: '无' } } });
    expect(renderTemplate({ fields: [{ key: 'phrase1', label: '状态', source: 'status' }] }, {}).ok).toBe(false);
  });

  it('refuses a field of unknown type', () => {
    const out = renderTemplate({ fields: [{ key: 'site1', label: '地点', source: 'x' }] }, { x: '东门' });
    expect(out).toEqual({ ok: false, reason: expect.stringContaining('site 不是微信支持的字段类型') });
  });
});

describe('typedFields', () => {
  it('derives each type from the key and refuses unknown types and repeated keys', () => {
    expect(typedFields([{ key: 'thing1', label: 'a', source: 'a' }, { key: 'character_string2', label: 'b', source: 'b' }])).toEqual({
      ok: true,
      fields: [
        { key: 'thing1', label: 'a', source: 'a', type: 'thing' },
        { key: 'character_string2', label: 'b', source: 'b', type: 'character_string' },
      ],
    });
    expect(typedFields([{ key: 'site1', label: 'a', source: 'a' }])).toMatchObject({ ok: false, reason: expect.stringContaining('site') });
    expect(typedFields([{ key: 'thing1', label: 'a', source: 'a' }, { key: 'thing1', label: 'b', source: 'b' }])).toMatchObject({ ok: false, reason: expect.stringContaining('重复') });
  });
});

describe('invalidDataField (the emulator’s 47003)', () => {
  it('names the first field that breaks its rule, as WeChat does', () => {
    expect(invalidDataField({ thing1: { value: '您的预约已确认' }, time2: { value: '15:01' } })).toBeNull();
    expect(invalidDataField({ thing1: { value: 'x'.repeat(21) } })).toBe('data.thing1.value');
    expect(invalidDataField({ phrase16: { value: '正常结束了吗' } })).toBe('data.phrase16.value');
    expect(invalidDataField({ character_string1: { value: 1 } })).toBeNull();
    expect(invalidDataField({ thing1: {} })).toBe('data.thing1.value');
    expect(invalidDataField({ site01: { value: '任何内容都行，类型未知不检查' } })).toBeNull();
    expect(invalidDataField(null)).toBe('data');
  });
});

describe('reminders', () => {
  const now = new Date('2026-11-27T02:00:00Z');
  const inMin = (m: number) => new Date(now.getTime() + m * 60_000);

  it('the day-before reminder: more than 2 h and at most 24 h ahead, once', () => {
    expect(dueReminder(inMin(24 * 60 + 1), now, {})).toBeNull();
    expect(dueReminder(inMin(24 * 60), now, {})).toBe('day_before');
    expect(dueReminder(inMin(121), now, {})).toBe('day_before');
    expect(dueReminder(inMin(121), now, { remindedDayBefore: true })).toBeNull();
  });

  it('the 2-hour reminder: more than 0 and at most 2 h ahead, once, even without the day-before one', () => {
    expect(dueReminder(inMin(120), now, {})).toBe('two_hours');
    expect(dueReminder(inMin(90), now, { remindedDayBefore: true })).toBe('two_hours');
    expect(dueReminder(inMin(1), now, {})).toBe('two_hours');
    expect(dueReminder(inMin(90), now, { reminded2h: true })).toBeNull();
    expect(dueReminder(inMin(0), now, {})).toBeNull();
    expect(dueReminder(inMin(-30), now, {})).toBeNull();
  });

  it('the 2-hour reminder marks the day-before one done too', () => {
    expect(flagsAfter('two_hours')).toEqual({ remindedDayBefore: true, reminded2h: true });
    expect(flagsAfter('day_before')).toEqual({ remindedDayBefore: true });
  });

  it('tips and status phrases fit their WeChat types', () => {
    for (const kind of ['day_before', 'two_hours'] as const) expect(charLength(reminderTip(kind))).toBeLessThanOrEqual(20);
    for (const phrase of Object.values(APPOINTMENT_STATUS_PHRASES)) expect(checkFieldValue('phrase', phrase)).toBeNull();
  });
});

describe('maskOpenid', () => {
  it('keeps the first 4 characters', () => {
    expect(maskOpenid('oABCdefghijk')).toBe('oABC***');
    expect(maskOpenid('ab')).toBe('ab***');
  });
});

describe('classifySendError', () => {
  it('43101 is a refusal that keeps nothing; 47003 names the field and gives the grant back; others failed', () => {
    expect(classifySendError(43101)).toMatchObject({ status: 'refused', giveBack: false });
    expect(classifySendError(47003, 'openapi.subscribeMessage.send:fail argument invalid! data.thing1.value invalid rid: x')).toEqual({
      status: 'invalid',
      reason: '微信认为模板参数不符合规则（47003）：data.thing1.value',
      giveBack: true,
    });
    expect(classifySendError(47003)).toMatchObject({ status: 'invalid', reason: '微信认为模板参数不符合规则（47003）' });
    expect(classifySendError(40037)).toMatchObject({ status: 'failed', giveBack: true });
    expect(classifySendError(-1)).toMatchObject({ status: 'failed', reason: '发送失败（错误码 -1），可稍后重试', giveBack: true });
    expect(classifySendError(undefined).reason).toContain('未知');
  });
});
