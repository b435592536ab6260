import { describe, expect, it } from 'vitest';
import { parseCsv, csvDocument } from './csv';
import {
  CONVERSATION_HEADER,
  appointmentRow,
  businessDateTime,
  businessDayBefore,
  conversationJson,
  conversationRows,
  daysInRange,
  isCalendarDay,
  maskAppointment,
  maskConversation,
  rangeBounds,
  type ExportConversation,
} from './index';

const conv: ExportConversation = {
  id: 'c1',
  createdAt: new Date('2026-03-01T16:30:00Z'), // 2026-03-02 00:30 UTC+8
  closedAt: null,
  customerName: '张三',
  agentName: '客服小王',
  groupName: '售后',
  status: 'closed',
  resolved: true,
  rating: { score: 5, comment: '打13812348000就好', tags: [] },
  qaTotal: 92,
  messages: [
    { at: new Date('2026-03-01T16:31:00Z'), from: 'customer', kind: 'text', authorName: '张三', text: '我的邮箱 zs@example.com, 卡号 4111111111111111' },
    { at: new Date('2026-03-01T16:32:00Z'), from: 'agent', kind: 'note', authorName: '客服小王', text: '身份证 110101199003071234' },
    { at: new Date('2026-03-01T16:33:00Z'), from: 'customer', kind: 'image', authorName: '张三', text: '' },
  ],
};

describe('export ranges', () => {
  it('checks calendar days and counts inclusive ranges', () => {
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-1-01')).toBe(false);
    expect(daysInRange('2026-01-01', '2026-01-01')).toBe(1);
    expect(daysInRange('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysInRange('2026-01-02', '2026-01-01')).toBe(0);
  });

  it('turns UTC+8 days into instants', () => {
    const { start, end } = rangeBounds('2026-03-02', '2026-03-03');
    expect(start.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-03T16:00:00.000Z');
    expect(businessDayBefore(new Date('2026-03-01T16:30:00Z'), 0)).toBe('2026-03-02');
    expect(businessDayBefore(new Date('2026-03-01T16:30:00Z'), 6)).toBe('2026-02-24');
    expect(businessDateTime(new Date('2026-03-01T16:30:05Z'))).toBe('2026-03-02 00:30:05');
  });
});

describe('export rows', () => {
  it('writes one row per message with the conversation columns repeated', () => {
    const rows = conversationRows(conv);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(['c1', '2026-03-02', '张三', '客服小王', '售后', '已结束', '是', 5, '打13812348000就好', 92, '2026-03-02 00:31:00', '客户', '我的邮箱 zs@example.com, 卡号 4111111111111111']);
    expect(rows[1]![11]).toBe('内部备注');
    expect(rows[2]![12]).toBe('[图片]');
    const parsed = parseCsv(csvDocument(CONVERSATION_HEADER, rows));
    expect(parsed[0]).toEqual([...CONVERSATION_HEADER]);
    expect(parsed[1]![12]).toBe('我的邮箱 zs@example.com, 卡号 4111111111111111');
    expect(conversationRows({ ...conv, messages: [], rating: null, qaTotal: null, resolved: null })[0]).toEqual(['c1', '2026-03-02', '张三', '客服小王', '售后', '已结束', '', '', '', '', '', '', '']);
  });

  it('masks names, texts and comments', () => {
    const masked = maskConversation(conv);
    expect(masked.customerName).toBe('张*');
    expect(masked.rating?.comment).toBe('打138****8000就好');
    expect(masked.messages[0]!.text).toBe('我的邮箱 z***@example.com, 卡号 4111********1111');
    expect(masked.messages[0]!.authorName).toBe('张*');
    expect(masked.messages[1]!.text).toBe('身份证 110***********1234');
    expect(masked.messages[1]!.authorName).toBe('客服小王');
    const json = conversationJson(masked);
    expect(JSON.stringify(json)).not.toMatch(/13812348000|zs@example|4111111111111111|110101199003071234/);
  });

  it('writes and masks appointments', () => {
    const a = {
      id: 'a1',
      day: '2026-03-02',
      start: new Date('2026-03-02T01:00:00Z'),
      end: new Date('2026-03-02T02:00:00Z'),
      serviceName: '上门安装',
      name: '李四',
      phone: '13912345678',
      address: '北京市 邮箱 ls@qq.com',
      note: '',
      status: 'booked' as const,
      bookedBy: '',
      createdAt: new Date('2026-03-01T01:00:00Z'),
    };
    expect(appointmentRow(a).slice(0, 10)).toEqual(['a1', '2026-03-02', '2026-03-02 09:00:00', '2026-03-02 10:00:00', '上门安装', '李四', '13912345678', '北京市 邮箱 ls@qq.com', '', '待确认']);
    const m = maskAppointment(a);
    expect([m.name, m.phone, m.address]).toEqual(['李*', '139****5678', '北京市 邮箱 l***@qq.com']);
  });
});
