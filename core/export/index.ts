// Data export (issue 6): date ranges, the rows of a conversation or appointment export, and masking.
// Pure: the admin function reads the database and writes the file; this decides what goes in it.
import { STATUS_LABELS as APPOINTMENT_STATUS_LABELS } from '../appointments/status';
import { maskName, maskPersonal } from '../privacy/mask';
import type { CsvValue } from './csv';
import { businessDateTime } from './range';

export * from './range';

// ---------------------------------------------------------------------------------------------------
// Conversations

export interface ExportMessage {
  at: Date;
  from: 'customer' | 'agent' | 'bot' | 'system';
  kind: 'text' | 'note' | 'image';
  authorName: string;
  text: string;
}

export interface ExportConversation {
  id: string;
  createdAt: Date;
  closedAt: Date | null;
  customerName: string;
  agentName: string;
  groupName: string;
  status: 'bot' | 'queued' | 'assigned' | 'closed';
  resolved: boolean | null;
  rating: { score: number; comment: string; tags: string[] } | null;
  /** Total of the conversation's QA review (`qa_reviews`), null when not reviewed. */
  qaTotal: number | null;
  messages: ExportMessage[];
}

export const CONVERSATION_STATUS_LABELS: Record<ExportConversation['status'], string> = {
  bot: '机器人接待',
  queued: '排队中',
  assigned: '服务中',
  closed: '已结束',
};

export const FROM_LABELS: Record<ExportMessage['from'] | 'note', string> = {
  customer: '客户',
  agent: '客服',
  bot: '机器人',
  system: '系统',
  note: '内部备注',
};

export const CONVERSATION_HEADER = ['会话编号', '日期', '客户', '客服', '技能组', '状态', '是否解决', '评分', '评价', '质检总分', '消息时间', '发送方', '内容'] as const;

const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');

function messageText(m: ExportMessage): string {
  return m.kind === 'image' ? '[图片]' : m.text;
}

/** One row per message (a conversation without messages still gets one row). */
export function conversationRows(c: ExportConversation): CsvValue[][] {
  const head: CsvValue[] = [
    c.id,
    businessDateTime(c.createdAt).slice(0, 10),
    c.customerName,
    c.agentName,
    c.groupName,
    CONVERSATION_STATUS_LABELS[c.status] ?? c.status,
    yesNo(c.resolved),
    c.rating ? c.rating.score : '',
    c.rating ? c.rating.comment : '',
    c.qaTotal ?? '',
  ];
  if (c.messages.length === 0) return [[...head, '', '', '']];
  return c.messages.map((m) => [...head, businessDateTime(m.at), FROM_LABELS[m.kind === 'note' ? 'note' : m.from] ?? m.from, messageText(m)]);
}

/** The JSON form: one object per conversation with its messages. */
export function conversationJson(c: ExportConversation): Record<string, unknown> {
  return {
    id: c.id,
    date: businessDateTime(c.createdAt).slice(0, 10),
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
    customer: c.customerName,
    agent: c.agentName,
    group: c.groupName,
    status: c.status,
    resolved: c.resolved,
    rating: c.rating,
    qaTotal: c.qaTotal,
    messages: c.messages.map((m) => ({ at: m.at.toISOString(), from: m.from, kind: m.kind, author: m.authorName, text: messageText(m) })),
  };
}

/** Message texts, the rating comment and the customer's name, with the four kinds of personal data masked. */
export function maskConversation(c: ExportConversation): ExportConversation {
  return {
    ...c,
    customerName: maskName(c.customerName),
    rating: c.rating ? { ...c.rating, comment: maskPersonal(c.rating.comment) } : null,
    messages: c.messages.map((m) => ({ ...m, authorName: m.from === 'customer' ? maskName(m.authorName) : m.authorName, text: maskPersonal(m.text) })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Appointments

export interface ExportAppointment {
  id: string;
  day: string;
  start: Date;
  end: Date;
  serviceName: string;
  name: string;
  phone: string;
  address: string;
  note: string;
  status: keyof typeof APPOINTMENT_STATUS_LABELS;
  bookedBy: string;
  createdAt: Date;
}

export const APPOINTMENT_HEADER = ['预约编号', '日期', '开始时间', '结束时间', '服务', '联系人', '手机号', '地址', '备注', '状态', '代约客服', '创建时间'] as const;

export function appointmentRow(a: ExportAppointment): CsvValue[] {
  return [
    a.id,
    a.day,
    businessDateTime(a.start),
    businessDateTime(a.end),
    a.serviceName,
    a.name,
    a.phone,
    a.address,
    a.note,
    APPOINTMENT_STATUS_LABELS[a.status] ?? a.status,
    a.bookedBy,
    businessDateTime(a.createdAt),
  ];
}

/** Contact fields masked: name to its first character, the phone field and personal data in the address and note. */
export function maskAppointment(a: ExportAppointment): ExportAppointment {
  return { ...a, name: maskName(a.name), phone: maskPersonal(a.phone), address: maskPersonal(a.address), note: maskPersonal(a.note) };
}
