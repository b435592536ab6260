// Quick replies (话术库): the variables an agent's canned text may hold, and how the desk lists them.
// Pure: the `desk` function stores them, the agent's page fills them in when one is inserted.
import { businessDay } from './templates/time';

/** Most personal quick replies one agent may keep (team ones are not counted). */
export const PERSONAL_QUICK_REPLY_LIMIT = 200;

/** The placeholders a quick reply may use, as the editor offers them. */
export const QUICK_REPLY_VARIABLES = [
  { token: '{客户昵称}', label: '客户昵称' },
  { token: '{客服昵称}', label: '客服昵称' },
  { token: '{日期}', label: '今天的日期（如 11月26日）' },
] as const;

export interface QuickReplyVars {
  customerName: string;
  agentName: string;
  now: Date;
}

/** `11月26日`: the calendar day in UTC+8 (CloudBase and customers live there), whatever the server's zone. */
export function monthDay(now: Date): string {
  const [, month, day] = businessDay(now).split('-');
  return `${Number(month)}月${Number(day)}日`;
}

/** Fills `{客户昵称}`, `{客服昵称}` and `{日期}`; any other braces are left as they are. */
export function fillQuickReply(text: string, vars: QuickReplyVars): string {
  const values: Record<string, string> = {
    客户昵称: vars.customerName,
    客服昵称: vars.agentName,
    日期: monthDay(vars.now),
  };
  // One pass, so a value that itself contains `{日期}` is not filled again.
  return text.replace(/\{([^{}]+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole));
}

export interface ListedQuickReply {
  id: string;
  scope: 'personal' | 'team';
  title: string;
  text: string;
}

/** Case-insensitive match of `q` in the title or the text; an empty query matches everything. */
export function matchesQuickReply(reply: Pick<ListedQuickReply, 'title' | 'text'>, q: string | undefined): boolean {
  const needle = (q ?? '').trim().toLowerCase();
  if (!needle) return true;
  return reply.title.toLowerCase().includes(needle) || reply.text.toLowerCase().includes(needle);
}

const byTitle = (a: ListedQuickReply, b: ListedQuickReply) => a.title.localeCompare(b.title, 'zh-Hans-CN') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What the desk shows: those matching `q`, the team's first, then personal ones, each by title. */
export function listQuickReplies<T extends ListedQuickReply>(replies: readonly T[], q?: string): T[] {
  const matching = replies.filter((r) => matchesQuickReply(r, q));
  return [...matching.filter((r) => r.scope === 'team').sort(byTitle), ...matching.filter((r) => r.scope === 'personal').sort(byTitle)];
}
