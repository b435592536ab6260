// Demo subscribe-message templates (one per notification event) and notification settings.
// Template ids are made up (`tmpl-…`): a real deployment pastes the ids of its own mini-program's
// templates from the WeChat admin console (docs/deploy.md). `_id` is the event.
import type { NotificationEvent, NotificationSettings } from '../../core/api';
import { fieldTypeOf } from '../../core/templates/fields';

interface SeedTemplate {
  _id: NotificationEvent;
  event: NotificationEvent;
  templateId: string;
  title: string;
  page: string;
  fields: Array<{ key: string; type: string; label: string; source: string }>;
  enabled: boolean;
}

function template(event: NotificationEvent, title: string, page: string, fields: Array<[key: string, label: string, source: string]>): SeedTemplate {
  return {
    _id: event,
    event,
    templateId: `tmpl-${event.replace(/_/g, '-')}`,
    title,
    page,
    fields: fields.map(([key, label, source]) => ({ key, type: fieldTypeOf(key) ?? 'thing', label, source })),
    enabled: true,
  };
}

export const notificationTemplates: SeedTemplate[] = [
  template('appointment_confirmed', '预约成功通知', 'pages/appointments/index', [
    ['thing1', '服务项目', 'serviceName'],
    ['time2', '预约时间', 'start'],
    ['thing3', '服务地址', 'address'],
    ['phrase4', '预约状态', 'status'],
  ]),
  template('appointment_rescheduled', '预约变更通知', 'pages/appointments/index', [
    ['thing1', '服务项目', 'serviceName'],
    ['time2', '新的时间', 'start'],
    ['time3', '原定时间', 'previousStart'],
    ['thing4', '服务地址', 'address'],
  ]),
  template('appointment_cancelled', '预约取消通知', 'pages/appointments/index', [
    ['thing1', '服务项目', 'serviceName'],
    ['time2', '原预约时间', 'start'],
    ['thing3', '取消原因', 'reason'],
  ]),
  template('appointment_reminder', '预约提醒', 'pages/appointments/index', [
    ['thing1', '服务项目', 'serviceName'],
    ['time2', '预约时间', 'start'],
    ['thing3', '服务地址', 'address'],
    ['thing4', '温馨提示', 'tip'],
  ]),
  template('agent_replied', '客服回复通知', 'pages/chat/index', [
    ['thing1', '回复客服', 'agentName'],
    ['thing2', '回复内容', 'preview'],
    ['time3', '回复时间', 'time'],
  ]),
  template('message_answered', '留言回复通知', 'pages/messages/index', [
    ['thing1', '留言内容', 'question'],
    ['thing2', '回复内容', 'answer'],
    ['time3', '回复时间', 'time'],
  ]),
  template('rate_request', '服务评价邀请', 'pages/chat/index', [
    ['thing1', '服务内容', 'topic'],
    ['time2', '服务时间', 'time'],
    ['thing3', '温馨提示', 'tip'],
  ]),
];

export const notificationSettings: NotificationSettings & { _id: string } = { _id: 'notifications', dailyCap: 5, quietStart: '22:00', quietEnd: '08:00' };
