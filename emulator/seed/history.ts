// Demo history for `npm start`: the last weeks of a small service team (「暖居智能家电」), so the
// dashboard, the QA sample, 我的会话 and the agents' "earlier conversations" have something to show.
// Conversations, their messages and the reporting events they imply, written directly into the
// database the way the functions would have written them. Deterministic (a fixed seed), and relative
// to `now`, so every fresh data folder gets the same shape of history ending today.
// Not used by the tests: they start from the demo data alone and count what they do themselves.
import { RATING_TAGS } from '../../core/schemas/session.schema';
import { addDays, dayKey, dayStart } from '../../core/stats/time';
import { sealFields, sealWith, type Keyring } from '../../cloudfunctions/_shared/seal';
import type { Database } from '../db';
import { categories, faqs, skillGroups, users } from './demo-data';

export interface HistoryOptions {
  days?: number;
  /** Conversations on an ordinary weekday; weekends see about 60%. */
  perDay?: number;
  now?: Date;
  /** Seal the protected fields (message texts, last text, rating comments) as the functions would; plain without. */
  keyring?: Keyring;
}

const HOUR_MS = 3_600_000;
/** Busier in the day: weights of the hours 0–23 on the UTC+8 clock. */
const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 1, 2, 5, 9, 11, 11, 8, 8, 10, 10, 9, 8, 7, 6, 5, 3, 2, 1];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const TITLES = ['先生', '女士'];

const GREETINGS = ['您好，我是{agent}，很高兴为您服务。', '您好，{agent}为您服务，请问有什么可以帮您？'];
const FOLLOW_UPS = ['好的，我按这个方法试一下', '明白了，谢谢', '还是不行，能安排师傅上门看看吗？', '我的订单号是 20261118 开头的那个'];
const AGENT_ANSWERS = ['已为您登记，师傅会在 24 小时内联系您。', '这个情况属于保修范围，维修免费。', '已帮您查询，包裹明天送达。', '建议您先断电重启，如果还有问题随时联系我们。'];
const THANKS = ['好的，谢谢！', '解决了，谢谢你', '行，那我等电话'];
const COMMENTS = ['回复很快，问题解决了', '客服很耐心', '', '', '等得有点久', '还可以'];

/** mulberry32: small, fast, deterministic. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds the history into a database that holds the demo data. Returns how many conversations. */
export function seedHistory(db: Database, opts: HistoryOptions = {}): number {
  const rand = generator(20261201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const exp = (mean: number) => -Math.log(1 - rand()) * mean;
  const now = (opts.now ?? new Date()).getTime();
  const days = opts.days ?? 28;
  const perDay = opts.perDay ?? 36;
  const today = dayKey(now);

  const hourWeightTotal = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);
  const randomHour = () => {
    let r = rand() * hourWeightTotal;
    for (let h = 0; h < 24; h++) if ((r -= HOUR_WEIGHTS[h]!) < 0) return h;
    return 12;
  };

  const agents = users.filter((u) => u.role === 'agent');
  const agentsOf = (groupId: string) => agents.filter((a) => a.groups.includes(groupId));
  const groupOf = (categoryId: string) => skillGroups.find((g) => g.categoryIds.includes(categoryId)) ?? skillGroups.find((g) => g.isDefault)!;
  const enabledCategories = new Set(categories.map((c) => c._id));
  const entries = faqs.filter((f) => enabledCategories.has(f.categoryId));

  // Customers: the demo ones, and a crowd of returning and new visitors.
  const demoCustomers = users.filter((u) => u.role === 'customer').map((u) => ({ id: u._id, name: u.name }));
  const crowd = Array.from({ length: 160 }, (_x, i) => ({ id: `demo-history-customer-${i + 1}`, name: `${SURNAMES[i % SURNAMES.length]}${TITLES[i % 2]}` }));
  db.insert(
    'users',
    crowd.map((c) => ({ _id: c.id, role: 'customer', name: c.name, groups: [], capacity: 0, status: 'offline', vip: false, createdAt: new Date(now - (days + 1) * 86_400_000), updatedAt: new Date(now - days * 86_400_000) })),
  );
  const customers = [...demoCustomers, ...crowd];

  const conversations: Record<string, unknown>[] = [];
  const messages: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  /** Each conversation's FAQ category, carried by its events (`categoryId`) as `recordEvent` callers do. */
  const categoryOf = new Map<string, string>();
  const event = (e: Record<string, unknown> & { at: Date }) => {
    const categoryId = typeof e.conversationId === 'string' ? categoryOf.get(e.conversationId) : undefined;
    if (e.at.getTime() < now) events.push({ ...e, ...(categoryId ? { categoryId } : {}), day: dayKey(e.at.getTime()) });
  };
  let seq = 0;
  const message = (conversationId: string, from: string, author: string, authorName: string, text: string, at: number) =>
    messages.push({ _id: `demo-history-msg-${++seq}`, conversationId, from, author, authorName, text, kind: 'text', createdAt: new Date(at) });

  let count = 0;
  for (let d = days; d >= 1; d--) {
    const day = addDays(today, -d);
    const start = dayStart(day);
    const weekday = new Date(start + 8 * HOUR_MS).getUTCDay();
    // Agents on duty 09:00–18:00 (the after-sales team until 20:00).
    for (const a of agents) {
      const until = a.groups.includes('grp-aftersales') ? 20 : 18;
      event({ type: 'agent_status', agentId: a._id, status: 'online', capacity: a.capacity, at: new Date(start + 9 * HOUR_MS) });
      event({ type: 'agent_status', agentId: a._id, status: 'offline', capacity: a.capacity, at: new Date(start + until * HOUR_MS) });
    }
    const n = Math.round(perDay * (weekday === 0 || weekday === 6 ? 0.6 : 1) * (0.8 + rand() * 0.4));
    for (let k = 0; k < n; k++) {
      const id = `demo-history-conv-${day}-${k}`;
      const at = start + randomHour() * HOUR_MS + Math.floor(rand() * HOUR_MS);
      const customer = rand() < 0.05 ? pick(demoCustomers) : pick(customers);
      const faq = pick(entries);
      categoryOf.set(id, faq.categoryId);
      const group = groupOf(faq.categoryId);
      const hour = new Date(at + 8 * HOUR_MS).getUTCHours();
      const staffed = hour >= 9 && hour < (group._id === 'grp-aftersales' ? 20 : 18);
      // About half want a person; the bot answers the rest from the FAQ.
      const human = staffed && rand() < 0.5;
      count += 1;
      event({ type: 'conversation_started', conversationId: id, groupId: group._id, at: new Date(at) });
      message(id, 'customer', customer.id, customer.name, faq.question, at + 2_000);

      if (!human) {
        message(id, 'bot', 'bot', '小暖助手', faq.answer, at + 3_000);
        event({ type: 'bot_answered', conversationId: id, groupId: group._id, outcome: 'answered', faqId: faq._id, at: new Date(at + 3_000) });
        const notHelpful = rand() < 0.08;
        if (notHelpful) event({ type: 'bot_not_helpful', conversationId: id, groupId: group._id, faqId: faq._id, at: new Date(at + 60_000) });
        conversations.push({
          _id: id, customer: customer.id, customerName: customer.name, category: faq.categoryId, groupId: group._id, status: 'closed', agentId: null, priority: 0, vip: false, front: false,
          handoffAt: null, queuedAt: null, assignedAt: null, firstAssignedAt: null, repliedSinceAssign: false, firstResponseAt: null, lastCustomerAt: new Date(at + 2_000), lastAgentAt: null,
          unread: 0, lastText: faq.answer.slice(0, 40), closedAt: new Date(at + 600_000), resolved: null, rated: false, createdAt: new Date(at), updatedAt: new Date(at + 600_000),
        });
        continue;
      }

      const agent = pick(agentsOf(group._id));
      const handoffAt = at + 30_000 + Math.floor(rand() * 60_000);
      const wait = Math.round(exp(hour >= 10 && hour < 12 ? 45 : 15));
      const assignedAt = handoffAt + wait * 1000;
      const frt = wait + 4 + Math.round(exp(12));
      const firstResponseAt = handoffAt + frt * 1000;
      const handle = 120 + Math.round(exp(420));
      const closedAt = assignedAt + handle * 1000;
      const resolved = rand() < 0.82;
      message(id, 'customer', customer.id, customer.name, '转人工', handoffAt - 1_000);
      message(id, 'system', 'system', '系统', `客服「${agent.name}」为您服务。`, assignedAt);
      message(id, 'agent', agent._id, agent.name, pick(GREETINGS).replace('{agent}', agent.name), firstResponseAt);
      message(id, 'customer', customer.id, customer.name, pick(FOLLOW_UPS), firstResponseAt + 40_000);
      message(id, 'agent', agent._id, agent.name, pick(AGENT_ANSWERS), firstResponseAt + 90_000);
      message(id, 'customer', customer.id, customer.name, pick(THANKS), closedAt - 20_000);
      event({ type: 'handoff', conversationId: id, groupId: group._id, at: new Date(handoffAt) });
      event({ type: 'assigned', conversationId: id, groupId: group._id, agentId: agent._id, at: new Date(assignedAt), durationSec: wait });
      event({ type: 'first_response', conversationId: id, groupId: group._id, agentId: agent._id, at: new Date(firstResponseAt), durationSec: frt, businessSec: frt });
      event({ type: 'reply', conversationId: id, groupId: group._id, agentId: agent._id, at: new Date(firstResponseAt) });
      event({ type: 'reply', conversationId: id, groupId: group._id, agentId: agent._id, at: new Date(firstResponseAt + 90_000) });
      event({ type: resolved ? 'resolved' : 'closed_unresolved', conversationId: id, groupId: group._id, agentId: agent._id, at: new Date(closedAt), durationSec: Math.round((closedAt - handoffAt) / 1000) });
      const rating =
        rand() < 0.45
          ? { score: resolved ? pick([5, 5, 5, 5, 4, 4, 3]) : pick([4, 3, 2, 1]), comment: pick(COMMENTS), tags: [pick(RATING_TAGS.slice(0, resolved ? 4 : 7))], at: new Date(closedAt + 30_000) }
          : undefined;
      if (rating) event({ type: 'rated', conversationId: id, groupId: group._id, agentId: agent._id, score: rating.score, at: rating.at });
      conversations.push({
        _id: id, customer: customer.id, customerName: customer.name, category: faq.categoryId, groupId: group._id, status: 'closed', agentId: agent._id, priority: 0, vip: false, front: false,
        handoffAt: new Date(handoffAt), queuedAt: new Date(handoffAt), assignedAt: new Date(assignedAt), firstAssignedAt: new Date(assignedAt), repliedSinceAssign: true,
        firstResponseAt: new Date(firstResponseAt), lastCustomerAt: new Date(closedAt - 20_000), lastAgentAt: new Date(firstResponseAt + 90_000), unread: 0, lastText: pick(THANKS),
        closedAt: new Date(closedAt), resolved, ...(resolved ? {} : { closeReason: '需要上门检测' }), rated: rating !== undefined, ...(rating ? { rating } : {}),
        createdAt: new Date(at), updatedAt: new Date(closedAt),
      });
    }
  }
  const ring = opts.keyring;
  const sealer = ring ? (value: string, field: string) => sealWith(ring, value, field) : (value: string) => value;
  db.insert('conversations', conversations.map((c) => sealFields('conversations', c, sealer)));
  db.insert('messages', messages.map((m) => sealFields('messages', m, sealer)));
  db.insert('events', events);
  return count;
}
