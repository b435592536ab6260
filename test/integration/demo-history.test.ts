// The demo history `npm start` seeds: written the way the functions write, so every report and page
// reads it — the dashboard's numbers, the QA sample, a customer's past chats, an agent's view of one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ history: true });
});
afterAll(() => emu.close());

const dayKey = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const today = () => dayKey(Date.now());
const daysAgo = (n: number) => dayKey(Date.now() - n * 86_400_000);

interface Overview {
  conversations: number;
  handoffs: number;
  botSelfServiceRate: number | null;
  frt: { mean: number | null };
  resolutionRate: number | null;
  csat: { mean: number | null; share45: number | null };
  utilization: number | null;
}

describe('demo history', () => {
  it('gives the dashboard plausible numbers for the last 7 days, and a previous period to compare with', async () => {
    const admin = await emu.login('admin');
    const o = data<Overview & { previous: Overview }>(await emu.call(admin, 'stats', { action: 'overview', from: daysAgo(7), to: daysAgo(1) }));
    expect(o.conversations).toBeGreaterThan(100);
    expect(o.handoffs).toBeGreaterThan(20);
    expect(o.handoffs).toBeLessThan(o.conversations);
    expect(o.botSelfServiceRate).toBeGreaterThan(0.3);
    expect(o.frt.mean).toBeGreaterThan(5);
    expect(o.frt.mean).toBeLessThan(120);
    expect(o.resolutionRate).toBeGreaterThan(0.6);
    expect(o.csat.mean).toBeGreaterThanOrEqual(3);
    expect(o.csat.mean).toBeLessThanOrEqual(5);
    expect(o.utilization).toBeGreaterThan(0);
    expect(o.previous.conversations).toBeGreaterThan(100);
    // Nothing of the history is in today's numbers or still open.
    expect(emu.db.count('conversations', { status: { $ne: 'closed' } })).toBe(0);
    const now = data<Overview>(await emu.call(admin, 'stats', { action: 'overview', from: today(), to: today() }));
    expect(now.conversations).toBe(0);
  });

  it('carries the FAQ category on its events: stats.categories adds up to the overview, nothing uncategorised', async () => {
    const admin = await emu.login('admin');
    const o = data<Overview>(await emu.call(admin, 'stats', { action: 'overview', from: daysAgo(7), to: daysAgo(1) }));
    const rows = data<Array<{ categoryId: string | null; name: string; conversations: number; handoffs: number }>>(
      await emu.call(admin, 'stats', { action: 'categories', from: daysAgo(7), to: daysAgo(1) }),
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.some((r) => r.categoryId === null)).toBe(false);
    expect(rows.every((r) => r.name.length > 0 && r.name !== r.categoryId)).toBe(true);
    expect(rows.reduce((n, r) => n + r.conversations, 0)).toBe(o.conversations);
    expect(rows.reduce((n, r) => n + r.handoffs, 0)).toBe(o.handoffs);
    // A 90-day period (the whole history) reads by day too.
    const long = data<Array<{ conversations: number }>>(await emu.call(admin, 'stats', { action: 'categories', from: daysAgo(89), to: today() }));
    expect(long.reduce((n, r) => n + r.conversations, 0)).toBeGreaterThan(o.conversations);
  });

  it('rolls up a past day idempotently to the same numbers as read live', async () => {
    const admin = await emu.login('admin');
    const day = daysAgo(3);
    const live = data<Overview>(await emu.call(admin, 'stats', { action: 'overview', from: day, to: day }));
    data(await emu.call(admin, 'stats', { action: 'rollup', day }));
    data(await emu.call(admin, 'stats', { action: 'rollup', day }));
    const rolled = data<Overview>(await emu.call(admin, 'stats', { action: 'overview', from: day, to: day }));
    expect(rolled.conversations).toBe(live.conversations);
    expect(rolled.frt.mean).toBe(live.frt.mean);
  });

  it('offers QA a sample, shows a demo customer their past chats and an agent one of theirs', async () => {
    const qa = await emu.login('qa');
    const sample = data<{ matched: number; items: unknown[] }>(await emu.call(qa, 'desk', { action: 'qaSample', from: daysAgo(14), to: daysAgo(1), filter: 'random', size: 5 }));
    expect(sample.items).toHaveLength(5);
    expect(sample.matched).toBeGreaterThan(50);

    const agentConv = emu.db.find('conversations', { agentId: 'demo-agent-3', status: 'closed' })[0]!;
    const agent = await emu.login('agent', { openid: 'demo-agent-3' });
    const view = data<{ messages: Array<{ from: string }>; status: string }>(await emu.call(agent, 'desk', { action: 'conversation', conversationId: String(agentConv._id) }));
    expect(view.status).toBe('closed');
    expect(view.messages.map((m) => m.from)).toContain('agent');

    const mine = emu.db.find('conversations', { customer: { $regex: '^demo-history-customer-' } })[0]!;
    const customer = await emu.login('customer', { openid: String(mine.customer) });
    const list = data<Array<{ conversationId: string }>>(await emu.call(customer, 'session', { action: 'mine' }));
    expect(list.map((c) => c.conversationId)).toContain(mine._id);
  });
});
