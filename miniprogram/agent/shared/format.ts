// Words for durations and states at the desk, shared by the agent pages.
import type { ConversationStatus } from '../../../core/api';

/** `45秒`, `2分15秒`, `1小时5分`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}秒`;
  if (s < 3600) return `${Math.floor(s / 60)}分${s % 60}秒`;
  return `${Math.floor(s / 3600)}小时${Math.floor((s % 3600) / 60)}分`;
}

/** 「等待 2分15秒」. */
export function waitText(seconds: number): string {
  return `等待 ${duration(seconds)}`;
}

export const STATUS_TEXT: Record<ConversationStatus, string> = {
  bot: '机器人接待',
  queued: '排队中',
  assigned: '接待中',
  closed: '已结束',
};

export const AGENT_STATUS_TEXT = {
  online: '在线',
  away: '离开',
  offline: '离线',
} as const;

export type AgentStatus = keyof typeof AGENT_STATUS_TEXT;
export const AGENT_STATUSES = Object.keys(AGENT_STATUS_TEXT) as AgentStatus[];
