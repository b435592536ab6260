// Personal data at the desk on the real H5 build: the customer sends their phone number, the agent sees it
// masked, taps 查看 and sees it whole (one audit entry), and an admin finds the unmasking in 审计日志.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { data } from '../helpers/emulator';
import { useH5 } from '../helpers/h5';

const h5 = useH5();

const CUSTOMER = 'e2e-privacy-customer';
const AGENT = 'demo-agent-3'; // the default group (售后服务组)
const TEXT = '麻烦回电 13812348000，谢谢';

const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

describe('personal data at the desk (H5)', () => {
  it('an agent sees a phone number masked, opens it with 查看, and the admin sees the unmasking in the audit log', async () => {
    const { emu } = h5;
    // The agent is on duty; the customer hands over and writes their number.
    data(await emu.call(await emu.login('agent', { openid: AGENT }), 'desk', { action: 'setStatus', status: 'online' }));
    const customer = await emu.login('customer', { openid: CUSTOMER, name: '王女士' });
    const { conversationId } = data<{ conversationId: string }>(await emu.call(customer, 'session', { action: 'start' }));
    data(await emu.call(customer, 'session', { action: 'handoff', conversationId }));
    data(await emu.call(customer, 'session', { action: 'send', conversationId, text: TEXT }));
    expect(emu.db.get('conversations', conversationId)).toMatchObject({ status: 'assigned', agentId: AGENT });

    const agent = await h5.freshPage();
    await h5.loginAs(agent, 'agent', AGENT);
    await agent.locator('.kefu-staff-entry--desk:visible').click();
    const item = agent.locator('[data-testid="inbox-item"]:visible', { hasText: '王女士' });
    await item.waitFor();
    expect(await item.textContent()).toContain('138****8000');
    await item.click();

    const message = agent.locator('[data-testid="msg"][data-from="customer"]:visible', { hasText: '麻烦回电' });
    await message.waitFor();
    expect(await message.textContent()).toContain('麻烦回电 138****8000，谢谢');
    expect(await agent.locator('body').textContent()).not.toContain('13812348000');
    expect(emu.db.count('audit_log', { action: 'data.unmask' })).toBe(0);

    await message.locator('[data-testid="msg-reveal"]').click();
    await agent.locator('[data-testid="msg"][data-from="customer"]:visible', { hasText: TEXT }).waitFor();
    await agent.getByText('已显示完整信息，此操作已记录').first().waitFor();
    expect(await visible(agent, 'msg-reveal').count()).toBe(0);
    const entries = emu.db.find('audit_log', { action: 'data.unmask' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: AGENT, after: { conversationId, fields: ['text'], kinds: ['phone'] } });
    expect(JSON.stringify(entries[0])).not.toContain('13812348000');
    await agent.context().close();

    const admin = await h5.freshPage();
    await h5.loginAs(admin, 'admin');
    await admin.locator('.kefu-staff-entry--manager:visible').click();
    await visible(admin, 'tab-audit').click();
    const entry = admin.locator('.kefu-audit-entry:visible', { hasText: '查看完整个人信息' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('查看了：消息内容（含手机号）');
    expect(await entry.textContent()).toContain('messages/');
    await admin.context().close();
  });
});
