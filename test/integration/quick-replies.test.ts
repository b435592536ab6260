// Quick replies (话术库) through the desk function: the seeded team replies, personal ones that only
// their owner sees and changes (someone else's reads as missing, even to a supervisor), team replies
// kept by supervisors and admins only, scope changes under the same rules, search, the personal limit,
// and the refusals that change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillQuickReply } from '../../core/quick-replies';
import { agentToken } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface QuickReply {
  id: string;
  scope: 'personal' | 'team';
  title: string;
  text: string;
  editable: boolean;
}

const TEAM_ONLY = '只有主管或管理员可以维护团队话术';

describe('quick replies (demo data)', () => {
  let emu: TestEmulator;
  let a1: string;
  let a2: string;
  let sup: string;
  let admin: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    [a1, a2] = [await agentToken(emu, 1), await agentToken(emu, 2)];
    sup = await emu.login('supervisor', { openid: 'demo-supervisor' });
    admin = await emu.login('admin', { openid: 'demo-admin' });
  });
  afterAll(async () => {
    await emu?.close();
  });

  const call = (token: string, event: Record<string, unknown>) => emu.call(token, 'desk', { ...event });
  const list = async (token: string, q?: string) => data<QuickReply[]>(await call(token, { action: 'quickReplies', ...(q !== undefined ? { q } : {}) }));
  const save = (token: string, input: Record<string, unknown>) => call(token, { action: 'saveQuickReply', ...input });
  const snapshot = () => JSON.stringify([emu.db.find('quick_replies', {}, { sort: { _id: 1 } }), emu.db.count('audit_log')]);

  it('the demo company has team replies with the variables, read-only for agents', async () => {
    const replies = await list(a1);
    expect(replies.length).toBe(6);
    expect(replies.every((r) => r.scope === 'team' && !r.editable)).toBe(true);
    const titles = replies.map((r) => r.title);
    expect(titles).toEqual([...titles].sort((x, y) => x.localeCompare(y, 'zh-Hans-CN')));
    expect(titles).toEqual(expect.arrayContaining(['欢迎语', '请稍等', '查询订单', '售后流程', '结束语']));
    const greeting = replies.find((r) => r.title === '欢迎语')!;
    expect(fillQuickReply(greeting.text, { customerName: '张晓雯', agentName: '客服小暖', now: new Date('2026-11-26T02:00:00Z') })).toBe(
      '您好张晓雯，我是客服客服小暖，很高兴为您服务。请问有什么可以帮您？',
    );
    expect(replies.some((r) => r.text.includes('{日期}'))).toBe(true);
    // Supervisors and admins may edit the team's.
    expect((await list(sup)).every((r) => r.editable)).toBe(true);
    expect((await list(admin)).every((r) => r.editable)).toBe(true);
  });

  it('personal replies: created, seen and edited by their owner only; never another agent', async () => {
    const mine = data<QuickReply>(await save(a1, { scope: 'personal', title: '  空调能效  ', text: '一级能效更省电，{客户昵称}可以放心选购。' }));
    expect(mine).toMatchObject({ scope: 'personal', title: '空调能效', editable: true });
    expect(emu.db.get('quick_replies', mine.id)).toMatchObject({ owner: 'demo-agent-1', scope: 'personal', updatedBy: 'demo-agent-1' });

    // Team first, then personal.
    const a1List = await list(a1);
    expect(a1List.map((r) => r.scope)).toEqual([...Array(6).fill('team'), 'personal']);
    expect(a1List.at(-1)!.id).toBe(mine.id);
    expect((await list(a2)).some((r) => r.id === mine.id)).toBe(false);
    expect((await list(sup)).some((r) => r.id === mine.id)).toBe(false);

    const before = snapshot();
    for (const token of [a2, sup, admin]) {
      expect(errorCode(await save(token, { id: mine.id, scope: 'personal', title: '改掉', text: '别人的' }))).toBe('NOT_FOUND');
      expect(errorCode(await call(token, { action: 'removeQuickReply', id: mine.id }))).toBe('NOT_FOUND');
    }
    expect(errorCode(await save(a1, { id: 'no-such-reply', scope: 'personal', title: '改', text: '改' }))).toBe('NOT_FOUND');
    expect(snapshot()).toBe(before);

    const edited = data<QuickReply>(await save(a1, { id: mine.id, scope: 'personal', title: '能效说明', text: '一级能效最省电。' }));
    expect(edited).toMatchObject({ id: mine.id, title: '能效说明', text: '一级能效最省电。', editable: true });
    expect(emu.db.count('quick_replies', { owner: 'demo-agent-1' })).toBe(1);
  });

  it('team replies: agents are refused (nothing changes); supervisors and admins keep them, audited', async () => {
    const own = (await list(a1)).find((r) => r.scope === 'personal')!;
    const team = (await list(a1)).find((r) => r.title === '请稍等')!;
    const before = snapshot();
    for (const res of [
      await save(a1, { scope: 'team', title: '新团队话术', text: '内容' }),
      await save(a1, { id: team.id, scope: 'team', title: '改团队话术', text: '内容' }),
      await save(a1, { id: team.id, scope: 'personal', title: '据为己有', text: '内容' }),
      await save(a1, { id: own.id, scope: 'team', title: '升为团队', text: '内容' }),
      await call(a1, { action: 'removeQuickReply', id: team.id }),
    ]) {
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect((res.body.error as { message: string }).message).toBe(TEAM_ONLY);
    }
    expect(snapshot()).toBe(before);

    const audits = emu.db.count('audit_log', { action: 'quick_reply.save' });
    const created = data<QuickReply>(await save(sup, { scope: 'team', title: '发票说明', text: '电子发票会在确认收货后发送到您的邮箱。' }));
    expect(created).toMatchObject({ scope: 'team', editable: true });
    expect(emu.db.get('quick_replies', created.id)).toMatchObject({ owner: null, scope: 'team', updatedBy: 'demo-supervisor' });
    expect((await list(a1)).find((r) => r.id === created.id)).toMatchObject({ scope: 'team', editable: false });
    expect((await list(a2)).some((r) => r.id === created.id)).toBe(true);

    data(await save(admin, { id: created.id, scope: 'team', title: '发票说明', text: '电子发票在确认收货后24小时内发送。' }));
    expect(emu.db.get('quick_replies', created.id)).toMatchObject({ text: '电子发票在确认收货后24小时内发送。', updatedBy: 'demo-admin' });
    expect(emu.db.count('audit_log', { action: 'quick_reply.save' })).toBe(audits + 2);
    expect(emu.db.find('audit_log', { action: 'quick_reply.save', target: `quick_replies/${created.id}` }).map((a) => a.actor)).toEqual(['demo-supervisor', 'demo-admin']);
  });

  it('scope changes follow the same rules: a team reply made personal leaves the team; a personal one joins it', async () => {
    const team = data<QuickReply>(await save(sup, { scope: 'team', title: '临时话术', text: '临时' }));
    const moved = data<QuickReply>(await save(sup, { id: team.id, scope: 'personal', title: '临时话术', text: '临时' }));
    expect(moved).toMatchObject({ id: team.id, scope: 'personal', editable: true });
    expect(emu.db.get('quick_replies', team.id)).toMatchObject({ owner: 'demo-supervisor', scope: 'personal' });
    expect((await list(a1)).some((r) => r.id === team.id)).toBe(false);
    // The admin does not see, and cannot touch, the supervisor's personal reply any more.
    expect(errorCode(await save(admin, { id: team.id, scope: 'team', title: '抢回来', text: '临时' }))).toBe('NOT_FOUND');

    const back = data<QuickReply>(await save(sup, { id: team.id, scope: 'team', title: '临时话术', text: '临时' }));
    expect(back).toMatchObject({ scope: 'team', editable: true });
    expect(emu.db.get('quick_replies', team.id)).toMatchObject({ owner: null, scope: 'team' });
    expect((await list(a1)).find((r) => r.id === team.id)).toMatchObject({ editable: false });
  });

  it('search: title or text, case-insensitive, team first', async () => {
    data(await save(a2, { scope: 'personal', title: 'WiFi 配网', text: '长按 Reset 键 5 秒进入配网模式。' }));
    data(await save(a2, { scope: 'personal', title: '物流催发货', text: '已经帮您催促仓库发货，物流信息稍后更新。' }));
    expect((await list(a2, 'wifi')).map((r) => r.title)).toEqual(['WiFi 配网']);
    expect((await list(a2, 'RESET')).map((r) => r.title)).toEqual(['WiFi 配网']);
    const orders = await list(a2, '物流');
    expect(orders.map((r) => r.scope)).toEqual(['team', 'personal']);
    expect(orders.map((r) => r.title)).toEqual(['查询订单', '物流催发货']);
    expect(await list(a2, '没有这样的话术')).toEqual([]);
    expect((await list(a2, '   ')).length).toBe((await list(a2)).length);
    // Special characters are plain text, not a pattern.
    expect(await list(a2, '.*')).toEqual([]);
    // Agent 1 never finds agent 2's.
    expect(await list(a1, 'wifi')).toEqual([]);
  });

  it('remove: the owner removes their own; a second time it is missing', async () => {
    const r = data<QuickReply>(await save(a2, { scope: 'personal', title: '要删的', text: '删除我' }));
    expect(data(await call(a2, { action: 'removeQuickReply', id: r.id }))).toEqual({ removed: true });
    expect(emu.db.get('quick_replies', r.id)).toBeUndefined();
    expect(errorCode(await call(a2, { action: 'removeQuickReply', id: r.id }))).toBe('NOT_FOUND');

    const team = data<QuickReply>(await save(sup, { scope: 'team', title: '要删的团队话术', text: '删除我' }));
    expect(data(await call(admin, { action: 'removeQuickReply', id: team.id }))).toEqual({ removed: true });
    expect(emu.db.find('audit_log', { action: 'quick_reply.remove', target: `quick_replies/${team.id}` })).toHaveLength(1);
  });

  it('at most 200 personal replies per agent (team ones do not count)', async () => {
    const a3 = await agentToken(emu, 3);
    const now = new Date();
    emu.db.insert(
      'quick_replies',
      Array.from({ length: 199 }, (_, i) => ({ owner: 'demo-agent-3', scope: 'personal', title: `话术${i}`, text: '内容', createdAt: now, updatedAt: now, updatedBy: 'demo-agent-3' })),
    );
    const last = data<QuickReply>(await save(a3, { scope: 'personal', title: '第200条', text: '内容' }));
    const before = snapshot();
    const full = await save(a3, { scope: 'personal', title: '第201条', text: '内容' });
    expect(errorCode(full)).toBe('CONFLICT');
    expect((full.body.error as { message: string }).message).toContain('200');
    expect(snapshot()).toBe(before);
    // Editing one of the 200 is still fine; others are not limited by agent 3's count.
    data(await save(a3, { id: last.id, scope: 'personal', title: '第200条', text: '改过' }));
    data(await save(a2, { scope: 'personal', title: '别人的一条', text: '内容' }));
    expect((await list(a3)).filter((r) => r.scope === 'personal')).toHaveLength(200);
  });

  it('refuses bad input and callers who do not work the desk', async () => {
    const before = snapshot();
    for (const input of [
      { scope: 'personal', title: '', text: '内容' },
      { scope: 'personal', title: '   ', text: '内容' },
      { scope: 'personal', title: '标'.repeat(21), text: '内容' },
      { scope: 'personal', title: '标题', text: '' },
      { scope: 'personal', title: '标题', text: '字'.repeat(501) },
      { scope: 'global', title: '标题', text: '内容' },
      { title: '标题', text: '内容' },
      { scope: 'personal', title: 42, text: '内容' },
      { id: 'bad id!', scope: 'personal', title: '标题', text: '内容' },
      { id: '', scope: 'personal', title: '标题', text: '内容' },
    ]) {
      expect(errorCode(await save(a1, input))).toBe('INVALID_INPUT');
    }
    expect(errorCode(await call(a1, { action: 'removeQuickReply' }))).toBe('INVALID_INPUT');
    expect(errorCode(await call(a1, { action: 'removeQuickReply', id: '../x' }))).toBe('INVALID_INPUT');
    expect(errorCode(await call(a1, { action: 'quickReplies', q: 'x'.repeat(51) }))).toBe('INVALID_INPUT');
    expect(errorCode(await call(a1, { action: 'quickReplies', q: 5 }))).toBe('INVALID_INPUT');

    const qa = await emu.login('qa', { openid: 'demo-qa' });
    const customer = await emu.login('customer', { openid: 'qr-customer' });
    for (const token of [qa, customer]) {
      expect(errorCode(await call(token, { action: 'quickReplies' }))).toBe('FORBIDDEN');
      expect(errorCode(await save(token, { scope: 'personal', title: '标题', text: '内容' }))).toBe('FORBIDDEN');
      expect(errorCode(await call(token, { action: 'removeQuickReply', id: 'qr-greeting' }))).toBe('FORBIDDEN');
    }
    expect(errorCode(await emu.call(null, 'desk', { action: 'quickReplies' }))).toBe('UNAUTHENTICATED');
    expect(snapshot()).toBe(before);
  });
});
