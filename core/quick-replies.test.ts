import { describe, expect, it } from 'vitest';
import { fillQuickReply, listQuickReplies, matchesQuickReply, monthDay, type ListedQuickReply } from './quick-replies';

const vars = { customerName: '张晓雯', agentName: '客服小暖', now: new Date('2026-11-26T03:00:00Z') };

describe('fillQuickReply', () => {
  it('fills the three variables, every occurrence', () => {
    expect(fillQuickReply('您好{客户昵称}，我是客服{客服昵称}，很高兴为您服务。', vars)).toBe('您好张晓雯，我是客服客服小暖，很高兴为您服务。');
    expect(fillQuickReply('{日期}：{客户昵称}/{客户昵称}', vars)).toBe('11月26日：张晓雯/张晓雯');
  });

  it('leaves unknown braces and unbalanced ones as they are', () => {
    expect(fillQuickReply('订单号{订单号}，{客户昵称', vars)).toBe('订单号{订单号}，{客户昵称');
    expect(fillQuickReply('{}{ 客户昵称 }{{客服昵称}}', vars)).toBe('{}{ 客户昵称 }{客服小暖}');
    expect(fillQuickReply('没有变量', vars)).toBe('没有变量');
  });

  it('does not fill a value a second time', () => {
    expect(fillQuickReply('{客户昵称}', { ...vars, customerName: '{日期}' })).toBe('{日期}');
    expect(fillQuickReply('{客户昵称}', { ...vars, customerName: '$&$1' })).toBe('$&$1');
  });

  it('dates by the UTC+8 calendar, across the day boundary', () => {
    // 2026-11-26 15:59:59 UTC is 23:59:59 on the 26th in UTC+8; one second later it is the 27th.
    expect(monthDay(new Date('2026-11-26T15:59:59Z'))).toBe('11月26日');
    expect(monthDay(new Date('2026-11-26T16:00:00Z'))).toBe('11月27日');
    // Late on the UTC evening of Dec 31st it is already New Year's Day in UTC+8.
    expect(fillQuickReply('{日期}', { ...vars, now: new Date('2026-12-31T20:00:00Z') })).toBe('1月1日');
    expect(monthDay(new Date('2026-03-05T00:00:00Z'))).toBe('3月5日');
  });
});

describe('listQuickReplies', () => {
  const r = (id: string, scope: 'team' | 'personal', title: string, text = ''): ListedQuickReply => ({ id, scope, title, text });
  const replies = [r('p1', 'personal', '售后', '维修 Service'), r('t1', 'team', '您好', '欢迎'), r('p2', 'personal', '查询', 'ORDER 订单'), r('t2', 'team', '查询', '订单号')];

  it('team first, then personal, each by title (pinyin)', () => {
    expect(listQuickReplies(replies).map((x) => x.id)).toEqual(['t2', 't1', 'p2', 'p1']);
  });

  it('filters by title or text, case-insensitively', () => {
    expect(listQuickReplies(replies, 'order').map((x) => x.id)).toEqual(['p2']);
    expect(listQuickReplies(replies, '订单').map((x) => x.id)).toEqual(['t2', 'p2']);
    expect(listQuickReplies(replies, 'SERVICE').map((x) => x.id)).toEqual(['p1']);
    expect(listQuickReplies(replies, '您好').map((x) => x.id)).toEqual(['t1']);
    expect(listQuickReplies(replies, '不存在')).toEqual([]);
    expect(listQuickReplies(replies, '  ').length).toBe(4);
  });

  it('matches special characters literally', () => {
    expect(matchesQuickReply({ title: 'a.b', text: '' }, '.')).toBe(true);
    expect(matchesQuickReply({ title: 'ab', text: '' }, '.*')).toBe(false);
  });
});
