// Object-level access with real data: for each kind of object (conversation, message, appointment,
// left message, chat image, export, QA review, quick reply) and each action on it, what each of eight
// callers gets — the owner customer, another customer, the assigned agent, an agent of the same group,
// an agent of another group, QA, the supervisor and the admin. The table is written from the product's
// rules (docs/api.md). A caller who may not see the object gets exactly the answer of an id that does
// not exist (no existence oracle); every refusal changes nothing (no committed write, same store hash).
// A list row (`listed`) asks for a list instead: hidden means the list answers as if the object did not
// exist (it is absent); the notification records of the staff outbox are checked this way.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPT_COUNTERS, snapshotHash, watchWrites } from '../helpers/db-snapshot';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

type Res = { status: number; body: Record<string, unknown> };

/** The columns, in this order in every row's expectation string. */
const CALLERS = ['owner', 'otherCustomer', 'assignedAgent', 'sameGroupAgent', 'otherGroupAgent', 'qa', 'supervisor', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
/**
 * Y allowed: any answer but FORBIDDEN / NOT_FOUND / UNAUTHENTICATED (CONFLICT when the state says no is fine).
 * H hidden: exactly the answer for an id that does not exist, nothing written.
 * F forbidden: FORBIDDEN, nothing written (role refused, or the caller sees it but may not do this).
 */
type Expect = 'Y' | 'H' | 'F';

interface Fixture {
  /** The owner customer's token. */
  owner: string;
  ownerId: string;
  /** The object's id (conversation, appointment, …). */
  id: string;
  conversationId?: string;
  /** A customer message of the conversation (for `desk.reveal`). */
  messageId?: string;
}

interface Row {
  name: string;
  /** `once(make)`: shared by rows; `make` itself: a fixture for this row alone. */
  fixture: () => Promise<Fixture>;
  /** The action changes the object: each allowed caller acts on a fixture of its own. */
  fresh?: boolean;
  request(fx: Fixture, id: string): { fn: string; event: Record<string, unknown> };
  /** A list action: whether the object is in the list answered (Y: it is; H: the call succeeds without it). */
  listed?: (answer: unknown, fx: Fixture) => boolean;
  expect: string;
}

const AFTERSALES = 'grp-aftersales';
let emu: TestEmulator;
const staff = new Map<Exclude<Caller, 'owner' | 'otherCustomer'>, string>();
let otherCustomer: string;
let n = 0;

const unknownId = () => randomBytes(16).toString('hex');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake png body')]);

/** The day `days` after today in UTC+8, `YYYY-MM-DD`. */
const dayPlus = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function customer(): Promise<{ token: string; openid: string }> {
  const openid = `obj-c-${process.pid}-${++n}`;
  return { token: await emu.login('customer', { openid, name: `顾客${n}` }), openid };
}

/** A conversation of a new customer, handed over and assigned to demo-agent-3 (the only aftersales agent online). */
async function assigned(): Promise<Fixture> {
  const c = await customer();
  const { conversationId } = data<{ conversationId: string }>(await emu.call(c.token, 'session', { action: 'start', text: '你好' }));
  data(await emu.call(c.token, 'session', { action: 'handoff', conversationId }));
  expect(emu.db.get('conversations', conversationId)).toMatchObject({ status: 'assigned', agentId: 'demo-agent-3', groupId: AFTERSALES });
  return { owner: c.token, ownerId: c.openid, id: conversationId, conversationId };
}

/** A conversation waiting in the aftersales queue (its agent away while it was handed over). */
async function queued(): Promise<Fixture> {
  const c = await customer();
  emu.db.update('users', 'demo-agent-3', { status: 'away' });
  const { conversationId } = data<{ conversationId: string }>(await emu.call(c.token, 'session', { action: 'start', text: '在吗' }));
  data(await emu.call(c.token, 'session', { action: 'handoff', conversationId }));
  emu.db.update('users', 'demo-agent-3', { status: 'online' });
  expect(emu.db.get('conversations', conversationId)).toMatchObject({ status: 'queued', groupId: AFTERSALES });
  return { owner: c.token, ownerId: c.openid, id: conversationId, conversationId };
}

/** An assigned conversation where the customer sent their phone number (masked at the desk). */
async function assignedWithPhone(): Promise<Fixture> {
  const fx = await assigned();
  data(await emu.call(fx.owner, 'session', { action: 'send', conversationId: fx.id, text: '我的电话 13812348000' }));
  const mine = emu.db.find('messages', { conversationId: fx.id, from: 'customer' }).sort((a, b) => new Date(b.createdAt as Date).getTime() - new Date(a.createdAt as Date).getTime());
  return { ...fx, messageId: String(mine[0]!._id) };
}

async function closed(): Promise<Fixture> {
  const fx = await assigned();
  data(await emu.call(staff.get('assignedAgent')!, 'desk', { action: 'reply', conversationId: fx.id, text: '您好，请讲' }));
  data(await emu.call(staff.get('assignedAgent')!, 'desk', { action: 'close', conversationId: fx.id, resolved: true }));
  return fx;
}

let slotCursor = 0;
/** A bookable start of 上门安装 three days ahead (capacity 4 a slot: the fixtures spread over the slots). */
async function slot(token: string): Promise<string> {
  const slots = data<Array<{ start: string; remaining: number }>>(await emu.call(token, 'appointment', { action: 'slots', serviceId: 'svc-install', date: dayPlus(3) }));
  const open = slots.filter((s) => s.remaining > 0);
  expect(open.length).toBeGreaterThan(1);
  return open[slotCursor++ % open.length]!.start;
}

async function appointment(): Promise<Fixture> {
  const c = await customer();
  const appt = data<{ id: string }>(await emu.call(c.token, 'appointment', { action: 'book', serviceId: 'svc-install', start: await slot(c.token), name: '王先生', phone: '13812348000' }));
  return { owner: c.token, ownerId: c.openid, id: appt.id };
}

async function leftMessage(): Promise<Fixture> {
  const c = await customer();
  const left = data<{ id: string }>(await emu.call(c.token, 'session', { action: 'leaveMessage', text: '请回电 13812348000' }));
  expect(emu.db.get('left_messages', left.id)).toMatchObject({ groupId: AFTERSALES });
  return { owner: c.token, ownerId: c.openid, id: left.id };
}

async function exportBy(role: 'admin' | 'supervisor'): Promise<Fixture> {
  const job = data<{ id: string }>(await emu.call(staff.get(role)!, 'admin', { action: 'exportStart', kind: 'appointments', format: 'csv', from: dayPlus(0), to: dayPlus(0) }));
  const c = await customer();
  return { owner: c.token, ownerId: c.openid, id: job.id };
}

async function reviewed(): Promise<Fixture> {
  const fx = await closed();
  data(await emu.call(staff.get('qa')!, 'desk', { action: 'qaScore', conversationId: fx.id, scores: { greeting: 5, accuracy: 4, tone: 5, resolution: 4 } }));
  return fx;
}

async function personalReply(): Promise<Fixture> {
  const reply = data<{ id: string }>(await emu.call(staff.get('assignedAgent')!, 'desk', { action: 'saveQuickReply', scope: 'personal', title: '我的开场白', text: '您好，我是阿杰' }));
  const c = await customer();
  return { owner: c.token, ownerId: c.openid, id: reply.id };
}

/** The one notification record of a kind for the fixture's customer (its id becomes the fixture's). */
function noticeOf(fx: Fixture, event: string): Fixture {
  const found = emu.db.find('notifications', { touser: fx.ownerId, event });
  expect(found, event).toHaveLength(1);
  return { ...fx, id: String(found[0]!._id) };
}

/** The assigned agent replies while the customer is away: an agent_replied record about the conversation. */
async function conversationNotice(): Promise<Fixture> {
  const fx = await assigned();
  emu.db.update('conversations', fx.id, { customerSeenAt: new Date(Date.now() - 120_000) });
  data(await emu.call(staff.get('assignedAgent')!, 'desk', { action: 'reply', conversationId: fx.id, text: '您好，已为您查询' }));
  return noticeOf(fx, 'agent_replied');
}

/** An aftersales agent answers a left message: a message_answered record about it. */
async function leftMessageNotice(): Promise<Fixture> {
  const fx = await leftMessage();
  data(await emu.call(staff.get('assignedAgent')!, 'desk', { action: 'answerMessage', id: fx.id, text: '已为您登记' }));
  return noticeOf(fx, 'message_answered');
}

/** The supervisor confirms a booking: an appointment_confirmed record about it. */
async function appointmentNotice(): Promise<Fixture> {
  const fx = await appointment();
  data(await emu.call(staff.get('supervisor')!, 'appointment', { action: 'confirm', id: fx.id }));
  return noticeOf(fx, 'appointment_confirmed');
}

/** Built once per kind and shared by the rows that do not need a fresh one. */
const shared = new Map<() => Promise<Fixture>, Promise<Fixture>>();
const once = (make: () => Promise<Fixture>) => () => {
  if (!shared.has(make)) shared.set(make, make());
  return shared.get(make)!;
};

const conversationOf = (fn: string, action: string, extra: Record<string, unknown> = {}) => (_fx: Fixture, id: string) => ({ fn, event: { action, conversationId: id, ...extra } });
const byId = (fn: string, action: string, extra: Record<string, unknown> = {}) => (_fx: Fixture, id: string) => ({ fn, event: { action, id, ...extra } });
const outbox = () => ({ fn: 'templates', event: { action: 'outbox', limit: 200 } });
const hasRecord = (answer: unknown, fx: Fixture) => (answer as Array<{ id: string }>).some((r) => r.id === fx.id);

//                         owner  other  assigned  same-group  other-group  qa  supervisor  admin
const ROWS: Row[] = [
  // the customer's side of a conversation: only its customer, everyone else is told it does not exist
  { name: 'session.history', fixture: once(assigned), request: conversationOf('session', 'history'), expect: 'Y H H H H H H H' },
  { name: 'session.send', fixture: once(assigned), request: conversationOf('session', 'send', { text: '还在吗' }), expect: 'Y H H H H H H H' },
  { name: 'session.handoff', fixture: once(assigned), request: conversationOf('session', 'handoff'), expect: 'Y H H H H H H H' },
  { name: 'session.rate (open: CONFLICT)', fixture: once(assigned), request: conversationOf('session', 'rate', { score: 5 }), expect: 'Y H H H H H H H' },
  { name: 'session.leaveMessage (assigned: CONFLICT)', fixture: once(assigned), request: conversationOf('session', 'leaveMessage', { text: '留个言' }), expect: 'Y H H H H H H H' },
  { name: 'session.close', fixture: assigned, fresh: true, request: conversationOf('session', 'close'), expect: 'Y H H H H H H H' },
  { name: 'session.rate (closed)', fixture: closed, fresh: true, request: conversationOf('session', 'rate', { score: 4 }), expect: 'Y H H H H H H H' },
  // the desk: its agent and managers; the group's staff only while it is queued; QA and customers never
  { name: 'desk.conversation (assigned)', fixture: once(assigned), request: conversationOf('desk', 'conversation'), expect: 'F F Y H H F Y Y' },
  { name: 'desk.reply (assigned)', fixture: once(assigned), request: conversationOf('desk', 'reply', { text: '好的' }), expect: 'F F Y H H F F F' },
  { name: 'desk.note (assigned)', fixture: once(assigned), request: conversationOf('desk', 'note', { text: '备注' }), expect: 'F F Y H H F Y Y' },
  { name: 'desk.claim (assigned: CONFLICT)', fixture: once(assigned), request: conversationOf('desk', 'claim'), expect: 'F F Y H H F Y Y' },
  { name: 'desk.close', fixture: assigned, fresh: true, request: conversationOf('desk', 'close', { resolved: true }), expect: 'F F Y H H F Y Y' },
  { name: 'desk.transfer', fixture: assigned, fresh: true, request: conversationOf('desk', 'transfer', { toGroupId: 'grp-presales' }), expect: 'F F Y H H F Y Y' },
  { name: 'desk.conversation (queued)', fixture: queued, request: conversationOf('desk', 'conversation'), expect: 'F F Y Y H F Y Y' },
  { name: 'desk.note (queued)', fixture: queued, request: conversationOf('desk', 'note', { text: '备注' }), expect: 'F F Y Y H F Y Y' },
  { name: 'desk.reply (queued: nobody holds it)', fixture: queued, request: conversationOf('desk', 'reply', { text: '好的' }), expect: 'F F F F H F F F' },
  { name: 'desk.claim (queued)', fixture: queued, fresh: true, request: conversationOf('desk', 'claim'), expect: 'F F Y Y H F Y Y' },
  { name: 'desk.conversation (closed)', fixture: once(closed), request: conversationOf('desk', 'conversation'), expect: 'F F Y H H F Y Y' },
  // opening masked personal data (logged): whoever may read it at the desk; QA reviews masked, never reveals
  { name: 'desk.reveal', fixture: once(assignedWithPhone), request: (fx, id) => ({ fn: 'desk', event: { action: 'reveal', conversationId: id, messageId: fx.messageId } }), expect: 'F F Y H H F Y Y' },
  { name: 'desk.revealCustomer', fixture: once(assignedWithPhone), request: conversationOf('desk', 'revealCustomer'), expect: 'F F Y H H F Y Y' },
  // quality review: reviewers only, whoever handled it
  { name: 'desk.qaReview', fixture: once(reviewed), request: conversationOf('desk', 'qaReview'), expect: 'F F F F F Y Y Y' },
  { name: 'desk.qaScore', fixture: once(reviewed), request: conversationOf('desk', 'qaScore', { scores: { greeting: 4, accuracy: 4, tone: 4, resolution: 4 } }), expect: 'F F F F F Y Y Y' },
  // appointments: the customer's own; the schedule is every desk member's (not QA's)
  { name: 'appointment.cancel', fixture: appointment, fresh: true, request: byId('appointment', 'cancel'), expect: 'Y H H H H H H H' },
  { name: 'appointment.reschedule', fixture: appointment, fresh: true, request: byId('appointment', 'reschedule', { start: '__slot__' }), expect: 'Y H H H H H H H' },
  { name: 'appointment.confirm', fixture: once(appointment), request: byId('appointment', 'confirm'), expect: 'F F Y Y Y F Y Y' },
  { name: 'appointment.staffCancel', fixture: appointment, fresh: true, request: byId('appointment', 'staffCancel', { reason: '师傅临时有事' }), expect: 'F F Y Y Y F Y Y' },
  { name: 'appointment.bookFor', fixture: once(assigned), request: (_fx, id) => ({ fn: 'appointment', event: { action: 'bookFor', conversationId: id, serviceId: 'svc-install', start: '__slot__', name: '王先生', phone: '13812348000' } }), expect: 'F F Y H H F Y Y' },
  // left messages: desk staff of its group, managers
  { name: 'desk.answerMessage', fixture: leftMessage, fresh: true, request: byId('desk', 'answerMessage', { text: '已为您登记' }), expect: 'F F Y Y H F Y Y' },
  { name: 'desk.revealLeftMessage', fixture: once(leftMessage), request: byId('desk', 'revealLeftMessage'), expect: 'F F Y Y H F Y Y' },
  { name: 'appointment.revealContact', fixture: once(appointment), request: byId('appointment', 'revealContact'), expect: 'F F Y Y Y F Y Y' },
  // exports: managers, their own jobs (admins any)
  { name: "admin.exportStatus (an admin's job)", fixture: once(() => exportBy('admin')), request: byId('admin', 'exportStatus'), expect: 'F F F F F F H Y' },
  { name: "admin.exportStatus (the supervisor's job)", fixture: once(() => exportBy('supervisor')), request: byId('admin', 'exportStatus'), expect: 'F F F F F F Y Y' },
  // personal quick replies: the owner only, managers included
  { name: 'desk.saveQuickReply (personal)', fixture: once(personalReply), request: byId('desk', 'saveQuickReply', { scope: 'personal', title: '改个标题', text: '您好' }), expect: 'F F Y H H F H H' },
  { name: 'desk.removeQuickReply (personal)', fixture: personalReply, fresh: true, request: byId('desk', 'removeQuickReply'), expect: 'F F Y H H F H H' },
  // notification records (lists): whoever may see what they are about at the desk or in the schedule; managers all; not QA
  { name: 'templates.outbox (a conversation’s)', fixture: once(conversationNotice), request: outbox, listed: hasRecord, expect: 'F F Y H H F Y Y' },
  { name: 'templates.outbox (a left message’s)', fixture: once(leftMessageNotice), request: outbox, listed: hasRecord, expect: 'F F Y Y H F Y Y' },
  { name: 'templates.outbox (an appointment’s)', fixture: once(appointmentNotice), request: outbox, listed: hasRecord, expect: 'F F Y Y Y F Y Y' },
];

beforeAll(async () => {
  emu = await startTestEmulator();
  for (const id of ['demo-agent-1', 'demo-agent-2', 'demo-agent-4', 'demo-supervisor']) emu.db.update('users', id, { status: 'offline' });
  staff.set('assignedAgent', await emu.login('agent', { openid: 'demo-agent-3' }));
  staff.set('sameGroupAgent', await emu.login('agent', { openid: 'demo-agent-4' }));
  staff.set('otherGroupAgent', await emu.login('agent', { openid: 'demo-agent-1' }));
  staff.set('qa', await emu.login('qa'));
  staff.set('supervisor', await emu.login('supervisor'));
  staff.set('admin', await emu.login('admin'));
  // The assigned agent takes every fixture conversation.
  emu.db.update('users', 'demo-agent-3', { capacity: 50 });
  data(await emu.call(staff.get('assignedAgent')!, 'desk', { action: 'setStatus', status: 'online' }));
  otherCustomer = (await customer()).token;
});
afterAll(async () => {
  await emu?.close();
});

function tokenOf(caller: Caller, fx: Fixture): string {
  if (caller === 'owner') return fx.owner;
  if (caller === 'otherCustomer') return otherCustomer;
  return staff.get(caller)!;
}

/** `__slot__` stands for a bookable start, looked up when the call is made. */
async function resolve(event: Record<string, unknown>, token: string): Promise<Record<string, unknown>> {
  return event.start === '__slot__' ? { ...event, start: await slot(token) } : event;
}

const answer = (res: Res) => ({ status: res.status, body: res.body });

describe('object-level access', () => {
  it('every row has an expectation for each of the eight callers', () => {
    for (const row of ROWS) expect(row.expect.split(' '), row.name).toHaveLength(CALLERS.length);
  });

  for (const row of ROWS) {
    it(row.name, async () => {
      const fx = await row.fixture();
      const expected = Object.fromEntries(CALLERS.map((c, i) => [c, row.expect.split(' ')[i] as Expect])) as Record<Caller, Expect>;
      const wrong: string[] = [];
      // Refusals first (they must change nothing), then the allowed callers in column order.
      const order = [...CALLERS.filter((c) => expected[c] !== 'Y'), ...CALLERS.filter((c) => expected[c] === 'Y')];
      for (const caller of order) {
        const token = tokenOf(caller, fx);
        const real = row.request(fx, fx.id);
        const event = await resolve(real.event, token);
        if (expected[caller] === 'Y') {
          const own = row.fresh ? await row.fixture() : fx;
          const ownToken = caller === 'owner' ? own.owner : token;
          const res = await emu.call(ownToken, real.fn, await resolve(row.request(own, own.id).event, ownToken));
          const code = errorCode(res);
          if (code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'UNAUTHENTICATED') wrong.push(`${caller}: ${code} ${JSON.stringify(res.body.error)}, expected allowed`);
          else if (row.listed && (code !== undefined || !row.listed(res.body.data, own))) wrong.push(`${caller}: ${code ?? 'not listed'}, expected listed`);
          continue;
        }
        const writes = watchWrites(emu.db, ATTEMPT_COUNTERS);
        const before = snapshotHash(emu.db, ATTEMPT_COUNTERS);
        const res = await emu.call(token, real.fn, event);
        const changed = writes.writes.map((w) => `${w.collection}/${w.id}`);
        writes.stop();
        if (changed.length > 0 || snapshotHash(emu.db, ATTEMPT_COUNTERS) !== before) wrong.push(`${caller}: refused but wrote ${changed.join(', ')}`);
        const code = errorCode(res);
        if (expected[caller] === 'F' && code !== 'FORBIDDEN') wrong.push(`${caller}: ${code ?? 'ok'}, expected FORBIDDEN`);
        if (expected[caller] === 'H' && row.listed) {
          if (code !== undefined || row.listed(res.body.data, fx)) wrong.push(`${caller}: ${code ?? 'listed'}, expected absent from the list`);
        } else if (expected[caller] === 'H') {
          const ghost = row.request(fx, unknownId());
          const unknown = await emu.call(token, ghost.fn, { ...event, ...(event.conversationId ? { conversationId: ghost.event.conversationId } : { id: ghost.event.id }) });
          if (code !== 'NOT_FOUND') wrong.push(`${caller}: ${code ?? 'ok'} ${JSON.stringify(res.body)}, expected NOT_FOUND`);
          else expect.soft(answer(res), `${row.name} ${caller}: the answer differs from an unknown id's`).toEqual(answer(unknown));
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('files, lists and conditional rules', () => {
  const upload = async (token: string) => {
    const res = await emu.raw('/api/upload?ext=png', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: PNG });
    expect(res.status).toBe(200);
    return ((await res.json()) as { fileID: string }).fileID;
  };
  const pathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '');
  const get = async (path: string, token: string) => {
    const res = await emu.raw(`/api/files/${path}?token=${encodeURIComponent(token)}`);
    return { status: res.status, body: res.status === 200 ? 'bytes' : await res.text() };
  };

  it('chat images: the uploader, staff and the customer of the conversation; another customer gets "no such file"', async () => {
    const fx = await assigned();
    const mine = await upload(fx.owner);
    data(await emu.call(fx.owner, 'session', { action: 'send', conversationId: fx.id, image: mine }));
    const agentImage = await upload(staff.get('assignedAgent')!);
    data(await emu.call(staff.get('assignedAgent')!, 'desk', { action: 'reply', conversationId: fx.id, image: agentImage }));
    for (const fileID of [mine, agentImage]) {
      const path = pathOf(fileID);
      expect((await get(path, fx.owner)).status, 'the conversation’s customer').toBe(200);
      for (const [who, token] of staff) expect((await get(path, token)).status, who).toBe(200);
      // Another customer: the answer of a name that does not exist, in the same folder.
      const ghost = path.replace(/[0-9a-f]{32}\.png$/, `${unknownId()}.png`);
      const refused = await get(path, otherCustomer);
      expect(refused.status).toBe(404);
      expect(refused).toEqual(await get(ghost, otherCustomer));
    }
    // Nobody attaches someone else's upload to their own conversation (cloud storage path chat/<openid>/…).
    const thief = await assigned();
    const writes = watchWrites(emu.db, ATTEMPT_COUNTERS);
    const stolen = await emu.call(thief.owner, 'session', { action: 'send', conversationId: thief.id, image: mine });
    const stolenByAgent = await emu.call(staff.get('assignedAgent')!, 'desk', { action: 'reply', conversationId: thief.id, image: mine });
    writes.stop();
    expect(errorCode(stolen)).toBe('FORBIDDEN');
    expect(errorCode(stolenByAgent)).toBe('FORBIDDEN');
    expect(writes.writes).toEqual([]);
  });

  it('lists show only what is the caller’s: conversations, appointments, left messages, the queue, QA reviews', async () => {
    const conv = await once(assigned)();
    const appt = await once(appointment)();
    const left = await leftMessage();
    const review = await once(reviewed)();
    // Last: any hand-off after it would let the online agent take it.
    const waiting = await queued();
    const ids = async (token: string, fn: string, action: string, pick: (d: unknown) => string[]) => pick(data(await emu.call(token, fn, { action })));
    const conversationIds = (d: unknown) => (d as Array<{ conversationId: string }>).map((c) => c.conversationId);
    const plainIds = (d: unknown) => (d as Array<{ id: string }>).map((c) => c.id);
    expect(await ids(conv.owner, 'session', 'mine', conversationIds)).toContain(conv.id);
    expect(await ids(otherCustomer, 'session', 'mine', conversationIds)).not.toContain(conv.id);
    expect(await ids(appt.owner, 'appointment', 'mine', plainIds)).toContain(appt.id);
    expect(await ids(otherCustomer, 'appointment', 'mine', plainIds)).not.toContain(appt.id);
    expect(await ids(left.owner, 'session', 'myMessages', plainIds)).toContain(left.id);
    expect(await ids(otherCustomer, 'session', 'myMessages', plainIds)).not.toContain(left.id);
    expect(await ids(staff.get('sameGroupAgent')!, 'desk', 'leftMessages', plainIds)).toContain(left.id);
    expect(await ids(staff.get('otherGroupAgent')!, 'desk', 'leftMessages', plainIds)).not.toContain(left.id);
    const queueOf = (d: unknown) => conversationIds((d as { queue: unknown }).queue);
    expect(await ids(staff.get('sameGroupAgent')!, 'desk', 'inbox', queueOf)).toContain(waiting.id);
    expect(await ids(staff.get('otherGroupAgent')!, 'desk', 'inbox', queueOf)).not.toContain(waiting.id);
    const assignedOf = (d: unknown) => conversationIds((d as { assigned: unknown }).assigned);
    expect(await ids(staff.get('assignedAgent')!, 'desk', 'inbox', assignedOf)).toContain(conv.id);
    expect(await ids(staff.get('sameGroupAgent')!, 'desk', 'inbox', assignedOf)).not.toContain(conv.id);
    expect(await ids(staff.get('assignedAgent')!, 'desk', 'qaMine', conversationIds)).toContain(review.id);
    expect(await ids(staff.get('sameGroupAgent')!, 'desk', 'qaMine', conversationIds)).not.toContain(review.id);
    // Staff lists never carry a customer's phone number in full.
    const schedule = JSON.stringify(data(await emu.call(staff.get('sameGroupAgent')!, 'appointment', { action: 'list', date: dayPlus(3) })));
    expect(schedule).toContain('138****8000');
    expect(schedule).not.toContain('13812348000');
  });

  it('rules that depend on the input: agents see their own numbers, unmasked exports are for admins, team replies for managers', async () => {
    const writes = watchWrites(emu.db, ATTEMPT_COUNTERS);
    const period = { from: dayPlus(-7), to: dayPlus(0) };
    expect(errorCode(await emu.call(staff.get('assignedAgent')!, 'stats', { action: 'overview', ...period, agentId: 'demo-agent-4' }))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call(staff.get('assignedAgent')!, 'stats', { action: 'overview', ...period, groupId: AFTERSALES }))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call(staff.get('supervisor')!, 'admin', { action: 'exportStart', kind: 'appointments', format: 'csv', ...period, unmasked: true }))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call(staff.get('assignedAgent')!, 'desk', { action: 'saveQuickReply', scope: 'team', title: '团队', text: '您好' }))).toBe('FORBIDDEN');
    writes.stop();
    expect(writes.writes).toEqual([]);
    data(await emu.call(staff.get('qa')!, 'stats', { action: 'overview', ...period, agentId: 'demo-agent-4' }));
    data(await emu.call(staff.get('assignedAgent')!, 'stats', { action: 'overview', ...period }));
  });

  it('grants are the caller’s own: another customer’s grant never changes mine; customers cannot read the outbox', async () => {
    const owner = await customer();
    const templateId = String(emu.db.find('notification_templates', { enabled: true })[0]!.templateId);
    data(await emu.call(owner.token, 'templates', { action: 'grant', accepted: [templateId] }));
    const mine = () => emu.db.find('subscriptions', { openid: owner.openid });
    const before = JSON.stringify(mine());
    data(await emu.call(otherCustomer, 'templates', { action: 'grant', accepted: [templateId], rejected: [templateId] }));
    expect(JSON.stringify(mine())).toBe(before);
    expect(errorCode(await emu.call(owner.token, 'templates', { action: 'outbox' }))).toBe('FORBIDDEN');
  });
});
