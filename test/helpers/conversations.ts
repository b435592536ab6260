// Shortcuts for the conversation tests (session, desk, routing): customers, agents and DB checks
// against a real emulator with the demo data (presales: demo-agent-1/2, capacity 5; aftersales, the
// default group: demo-agent-3 capacity 5, demo-agent-4 capacity 3).
import { data, opened, type TestEmulator } from './emulator';

export type Res = { status: number; body: Record<string, unknown> };

export interface Chat {
  token: string;
  openid: string;
  conversationId: string;
}

let counter = 0;

/** A new customer (fresh OPENID) with a conversation started with the bot. */
export async function newChat(emu: TestEmulator, opts: { category?: string; text?: string; vip?: boolean; prefix?: string } = {}): Promise<Chat> {
  const openid = `${opts.prefix ?? 'cust'}-${process.pid}-${++counter}`;
  const token = await emu.login('customer', { openid, name: `顾客${counter}` });
  if (opts.vip) emu.db.update('users', openid, { vip: true });
  const started = data<{ conversationId: string }>(
    await emu.call(token, 'session', { action: 'start', ...(opts.category ? { category: opts.category } : {}), ...(opts.text ? { text: opts.text } : {}) }),
  );
  return { token, openid, conversationId: started.conversationId };
}

export async function agentToken(emu: TestEmulator, n: 1 | 2 | 3 | 4): Promise<string> {
  return emu.login('agent', { openid: `demo-agent-${n}` });
}

export function conv(emu: TestEmulator, id: string): Record<string, unknown> {
  const doc = emu.db.get('conversations', id);
  if (!doc) throw new Error(`no conversation ${id}`);
  return opened(emu, 'conversations', doc);
}

export function eventsOf(emu: TestEmulator, conversationId: string, type?: string): Record<string, unknown>[] {
  return emu.db.find('events', type ? { conversationId, type } : { conversationId });
}

/** Conversations assigned to an agent, as the database holds them. */
export function assignedCount(emu: TestEmulator, agentId: string): number {
  return emu.db.count('conversations', { status: 'assigned', agentId });
}

export function load(emu: TestEmulator, agentId: string): number {
  return (emu.db.get('agent_load', agentId)?.active as number | undefined) ?? 0;
}

export const messagesOf = (emu: TestEmulator, conversationId: string) => emu.db.find('messages', { conversationId }).map((m) => opened(emu, 'messages', m));
