// desk.conversation: the full view an agent works from — group and agent names, whether it is theirs,
// the outcome and rating once closed, and the customer beside it (masked phone from the profile or
// their latest appointment, earlier conversations as the customer's own list shows them, upcoming
// appointments). Who may read it: its agent (also after the close), managers, staff of its group while
// it is queued; nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentToken, newChat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface Summary {
  conversationId: string;
  status: string;
  createdAt: string;
  rating?: number;
}
interface DeskConversation {
  conversationId: string;
  status: string;
  customerName: string;
  vip: boolean;
  groupId: string;
  groupName: string;
  agentId?: string;
  agentName?: string;
  mine: boolean;
  messages: Array<{ kind: string; text: string }>;
  customer: {
    name: string;
    vip: boolean;
    phone: string;
    earlier: Summary[];
    appointments: Array<{ id: string; serviceName: string; start: string; status: string }>;
  };
  resolved?: boolean | null;
  closeReason?: string;
  rating?: { score: number; comment: string; tags: string[] };
}

const DAY = 24 * 3600_000;
const CUSTOMER = 'demo-customer-1';

describe('desk.conversation (demo data)', () => {
  let emu: TestEmulator;
  let a1: string;
  let a2: string;
  let a3: string;
  let sup: string;
  let customer: string;
  let conversationId: string;
  const now = Date.now();

  const read = (token: string, id: string) => emu.call(token, 'desk', { action: 'conversation', conversationId: id });
  const view = async (token: string, id: string) => data<DeskConversation>(await read(token, id));

  /** A closed conversation from `daysAgo`, as `session` stores them. */
  const earlierConversation = (id: string, owner: string, daysAgo: number, extra: Record<string, unknown> = {}) => {
    const at = new Date(now - daysAgo * DAY);
    return {
      _id: id,
      customer: owner,
      customerName: '张晓雯',
      groupId: 'grp-aftersales',
      status: 'closed',
      agentId: 'demo-agent-3',
      priority: 0,
      vip: true,
      front: false,
      handoffAt: at,
      queuedAt: at,
      assignedAt: at,
      firstAssignedAt: at,
      repliedSinceAssign: true,
      firstResponseAt: at,
      lastCustomerAt: at,
      lastAgentAt: at,
      unread: 0,
      lastText: `第${daysAgo}天前的咨询`,
      closedAt: new Date(at.getTime() + 600_000),
      resolved: true,
      rated: false,
      createdAt: at,
      updatedAt: new Date(at.getTime() + 600_000),
      ...extra,
    };
  };

  const appointment = (id: string, owner: string, serviceId: string, startInDays: number, status: string, phone = '13800138000', createdDaysAgo = 1) => {
    const start = new Date(now + startInDays * DAY);
    return {
      _id: id,
      serviceId,
      customer: owner,
      start,
      end: new Date(start.getTime() + 3600_000),
      day: start.toISOString().slice(0, 10),
      name: '张晓雯',
      phone,
      address: '上海市浦东新区世纪大道100号',
      note: '',
      status,
      createdAt: new Date(now - createdDaysAgo * DAY),
      updatedAt: new Date(now - createdDaysAgo * DAY),
      history: [],
    };
  };

  beforeAll(async () => {
    emu = await startTestEmulator();
    [a1, a2, a3] = [await agentToken(emu, 1), await agentToken(emu, 2), await agentToken(emu, 3)];
    sup = await emu.login('supervisor', { openid: 'demo-supervisor' });
    customer = await emu.login('customer', { openid: CUSTOMER });

    // Eleven earlier conversations (one rated without tags), and one of somebody else.
    emu.db.insert('conversations', [
      ...Array.from({ length: 11 }, (_, i) => earlierConversation(`earlier-${i + 1}`, CUSTOMER, i + 1, i === 0 ? { rated: true, rating: { score: 5, comment: '', at: new Date(now - DAY) } } : {})),
      earlierConversation('someone-else-1', 'demo-customer-2', 1),
    ]);
    emu.db.insert('appointments', [
      appointment('appt-past', CUSTOMER, 'svc-install', -1, 'booked'),
      appointment('appt-cancelled', CUSTOMER, 'svc-install', 1, 'cancelled'),
      appointment('appt-done', CUSTOMER, 'svc-callback', 1.5, 'done'),
      appointment('appt-6', CUSTOMER, 'svc-install', 6, 'booked'),
      appointment('appt-2', CUSTOMER, 'svc-callback', 2, 'confirmed'),
      appointment('appt-4', CUSTOMER, 'svc-store-repair', 4, 'booked'),
      appointment('appt-1', CUSTOMER, 'svc-install', 1, 'booked'),
      appointment('appt-5', CUSTOMER, 'svc-cleaning', 5, 'confirmed'),
      appointment('appt-3', CUSTOMER, 'svc-install', 3, 'booked'),
      appointment('appt-other', 'demo-customer-2', 'svc-install', 1, 'booked'),
    ]);

    data(await emu.call(a1, 'desk', { action: 'setStatus', status: 'online' }));
    conversationId = data<{ conversationId: string }>(await emu.call(customer, 'session', { action: 'start', category: 'cat-product' })).conversationId;
    data(await emu.call(customer, 'session', { action: 'handoff', conversationId }));
    data(await emu.call(a1, 'desk', { action: 'note', conversationId, text: '老客户，优先处理' }));
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('the assigned agent sees the whole picture: names, mine, the customer beside it', async () => {
    const v = await view(a1, conversationId);
    expect(v).toMatchObject({
      conversationId,
      status: 'assigned',
      customerName: '张晓雯',
      vip: true,
      groupId: 'grp-presales',
      groupName: '售前咨询',
      agentId: 'demo-agent-1',
      agentName: '客服小暖',
      mine: true,
    });
    expect(v).not.toHaveProperty('resolved');
    expect(v).not.toHaveProperty('closeReason');
    expect(v).not.toHaveProperty('rating');
    expect(v.messages.some((m) => m.kind === 'note' && m.text === '老客户，优先处理')).toBe(true);

    expect(v.customer).toMatchObject({ name: '张晓雯', vip: true, phone: '138****8000' });
    expect(JSON.stringify(v)).not.toContain('13800138000');
  });

  it('earlier conversations: the customer’s other ones, newest first, at most 10, mapped as their own list', async () => {
    const { earlier } = (await view(a1, conversationId)).customer;
    expect(earlier.map((c) => c.conversationId)).toEqual(Array.from({ length: 10 }, (_, i) => `earlier-${i + 1}`));
    const mine = data<Summary[]>(await emu.call(customer, 'session', { action: 'mine' }));
    expect(earlier).toEqual(mine.filter((c) => c.conversationId !== conversationId).slice(0, 10));
    expect(earlier[0]).toMatchObject({ status: 'closed', rating: 5 });
  });

  it('appointments: upcoming booked or confirmed ones, soonest first, at most 5, with the service name', async () => {
    const { appointments } = (await view(a1, conversationId)).customer;
    expect(appointments.map((a) => a.id)).toEqual(['appt-1', 'appt-2', 'appt-3', 'appt-4', 'appt-5']);
    expect(appointments[0]).toMatchObject({ serviceName: '上门安装', status: 'booked' });
    expect(appointments[1]).toMatchObject({ serviceName: '电话回访', status: 'confirmed' });
    expect(appointments[3].serviceName).toBe('到店维修');
    for (const a of appointments) expect(a.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  });

  it('who may read: its agent, managers (not mine), nobody else', async () => {
    const bySupervisor = await view(sup, conversationId);
    expect(bySupervisor).toMatchObject({ mine: false, agentId: 'demo-agent-1', agentName: '客服小暖' });
    expect(bySupervisor.customer.phone).toBe('138****8000');

    for (const token of [a2, a3]) expect(errorCode(await read(token, conversationId))).toBe('NOT_FOUND');
    const qa = await emu.login('qa', { openid: 'demo-qa' });
    expect(errorCode(await read(qa, conversationId))).toBe('FORBIDDEN');
    expect(errorCode(await read(customer, conversationId))).toBe('FORBIDDEN');
    expect(errorCode(await read(a1, 'no-such-conversation'))).toBe('NOT_FOUND');
    expect(errorCode(await read(a1, 'bad id!'))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(a1, 'desk', { action: 'conversation' }))).toBe('INVALID_INPUT');
    expect(errorCode(await emu.call(a1, 'desk', { action: 'conversation', conversationId: 42 }))).toBe('INVALID_INPUT');
  });

  it('after the close: its agent still reads it, with the outcome and the rating (tags)', async () => {
    data(await emu.call(a1, 'desk', { action: 'close', conversationId, resolved: false, reason: '需要上门检测' }));
    let v = await view(a1, conversationId);
    expect(v).toMatchObject({ status: 'closed', mine: false, agentId: 'demo-agent-1', resolved: false, closeReason: '需要上门检测' });
    expect(v).not.toHaveProperty('rating');
    expect(errorCode(await read(a2, conversationId))).toBe('NOT_FOUND');

    data(await emu.call(customer, 'session', { action: 'rate', conversationId, score: 4, tags: ['态度友好', '专业耐心'], comment: '师傅很耐心' }));
    v = await view(a1, conversationId);
    expect(v.rating).toEqual({ score: 4, comment: '师傅很耐心', tags: ['态度友好', '专业耐心'] });

    // A rating stored without tags reads as an empty list.
    const older = await view(sup, 'earlier-1');
    expect(older).toMatchObject({ status: 'closed', resolved: true, rating: { score: 5, comment: '', tags: [] } });
    expect(older.customer.earlier[0].conversationId).toBe(conversationId);
  });

  it('phone: the profile’s, else the latest appointment’s; empty when there is none', async () => {
    data(await emu.call(a1, 'desk', { action: 'setStatus', status: 'offline' }));
    const withAppointments = await newChat(emu, { category: 'cat-product' });
    emu.db.insert('appointments', [
      appointment('appt-old-phone', withAppointments.openid, 'svc-callback', -10, 'done', '13912340000', 20),
      appointment('appt-new-phone', withAppointments.openid, 'svc-callback', -3, 'cancelled', '13700001111', 5),
    ]);
    const plain = await newChat(emu, { category: 'cat-product' });
    for (const c of [withAppointments, plain]) data(await emu.call(c.token, 'session', { action: 'handoff', conversationId: c.conversationId }));

    // Queued in presales with nobody online: presales staff may read it, aftersales staff may not.
    const queued = await view(a2, withAppointments.conversationId);
    expect(queued).toMatchObject({ status: 'queued', mine: false, groupName: '售前咨询' });
    expect(queued).not.toHaveProperty('agentId');
    expect(queued).not.toHaveProperty('agentName');
    expect(queued.customer).toEqual({ name: queued.customerName, vip: false, phone: '137****1111', earlier: [], appointments: [] });
    expect(errorCode(await read(a3, withAppointments.conversationId))).toBe('NOT_FOUND');

    expect((await view(a2, plain.conversationId)).customer.phone).toBe('');
  });
});
