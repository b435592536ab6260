// Conversations end to end: the real H5 build in headless Chromium, a customer and two agents in
// separate browser contexts, live over SSE. The bot answers first; the customer hands over, waits in the
// queue, an agent comes online and gets the conversation, they chat live; the agent transfers it to a
// colleague, who does not reply in time, and the routing timer gives it back; the agent closes it and
// the customer rates the service.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { opened } from '../helpers/emulator';
import { useH5 } from '../helpers/h5';

const h5 = useH5();

const CUSTOMER = 'e2e-chatter';
// The default group (售后服务组) of the demo data: 售后阿杰 (capacity 5) and 售后小雨 (capacity 3).
const AGENT_A = { openid: 'demo-agent-3', name: '售后阿杰' };
const AGENT_B = { openid: 'demo-agent-4', name: '售后小雨' };

const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

/** The text of the last visible chat message sent by `from`. */
async function waitForMessage(page: Page, from: string, text: string): Promise<void> {
  await page.locator(`[data-testid="msg"][data-from="${from}"]:visible`, { hasText: text }).first().waitFor();
}

async function send(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="composer-input"]:visible textarea, [data-testid="composer-input"]:visible input').first().fill(text);
  await visible(page, 'composer-send').click();
}

async function openDesk(page: Page, openid: string): Promise<void> {
  await h5.loginAs(page, 'agent', openid);
  await page.locator('.kefu-staff-entry--desk:visible').click();
  await visible(page, 'desk-status').waitFor();
}

function conversationOf(openid: string): Record<string, unknown> {
  const list = h5.emu.db.find('conversations', { customer: openid });
  expect(list).toHaveLength(1);
  return opened(h5.emu, 'conversations', list[0]!);
}

describe('chat (H5, customer and agents live)', () => {
  it('bot → handoff → queue → live chat → transfer → timeout re-route by the timer → close → rating', async () => {
    // --- the customer asks the bot, then asks for a person while nobody is online
    const customer = await h5.freshPage();
    await h5.loginAs(customer, 'customer', CUSTOMER);
    await visible(customer, 'entry-chat').click();
    await visible(customer, 'composer').waitFor();
    const faq = h5.emu.db.find('faq_entries', { enabled: true })[0]!;
    await send(customer, String(faq.question));
    await waitForMessage(customer, 'bot', String(faq.answer).split('\n')[0]!.replace(/^(- |\d+\. )/, '').slice(0, 10));

    await visible(customer, 'chat-handoff').click();
    // From the same tap, the (emulated) WeChat prompt for the chat's notifications; allowing records grants.
    await customer.getByText('是否接收客服消息通知？').waitFor();
    await customer.locator('.kefu-subscribe-dialog .nut-dialog-footer-ok:visible').click();
    const templateIds = h5.emu.db.find('notification_templates', { event: { $in: ['agent_replied', 'rate_request'] } }).map((t) => String(t.templateId));
    expect(templateIds).toHaveLength(2);
    await expect.poll(() => h5.emu.db.find('subscriptions', { openid: CUSTOMER }).map((g) => String(g._id).split('|')[1]).sort()).toEqual(templateIds.sort());
    const queue = visible(customer, 'chat-queue');
    await queue.waitFor();
    expect(await queue.textContent()).toBe('前面还有 0 位，客服上线后将尽快为您服务');
    // Nobody is online: the customer may leave a message or book a call back instead of waiting.
    await visible(customer, 'chat-offhours').waitFor();
    const id = String(conversationOf(CUSTOMER)._id);
    expect(conversationOf(CUSTOMER).status).toBe('queued');

    // --- agent A comes online: the router assigns the waiting customer at once, and the customer sees who
    const agentA = await h5.freshPage();
    await openDesk(agentA, AGENT_A.openid);
    await visible(agentA, 'desk-status-online').click();
    const itemA = agentA.locator('[data-testid="inbox-item"]:visible', { hasText: '' }).first();
    await itemA.waitFor();
    expect(conversationOf(CUSTOMER)).toMatchObject({ status: 'assigned', agentId: AGENT_A.openid });
    await customer.locator('[data-testid="chat-agent"]:visible', { hasText: AGENT_A.name }).waitFor();
    await expect.poll(() => customer.locator('[data-testid="chat-offhours"]:visible').count()).toBe(0);

    // --- they chat live in both directions (no reload on either side)
    await itemA.click();
    await visible(agentA, 'desk-reply').waitFor();
    await send(agentA, '您好，我是售后阿杰，请问有什么可以帮您？');
    await waitForMessage(customer, 'agent', '我是售后阿杰');
    await send(customer, '我家洗衣机漏水了');
    await waitForMessage(agentA, 'customer', '洗衣机漏水');

    // --- agent B comes online; agent A transfers the conversation to B with a note
    const agentB = await h5.freshPage();
    await openDesk(agentB, AGENT_B.openid);
    await visible(agentB, 'desk-status-online').click();
    await expect.poll(() => h5.emu.db.get('users', AGENT_B.openid)?.status).toBe('online');

    await visible(agentA, 'desk-transfer').click();
    await visible(agentA, `transfer-agent-${AGENT_B.openid}`).click();
    await agentA.locator('[data-testid="transfer-popup"]:visible textarea').fill('客户反映洗衣机漏水，请跟进');
    await agentA.locator('[data-testid="transfer-popup"]:visible .nut-button-primary').click();
    await expect.poll(() => conversationOf(CUSTOMER).agentId).toBe(AGENT_B.openid);
    await customer.locator('[data-testid="chat-agent"]:visible', { hasText: AGENT_B.name }).waitFor();
    await agentB.locator('[data-testid="inbox-item"]:visible').first().waitFor();
    // The transfer note is internal: the customer never sees it.
    expect(await customer.getByText('请跟进').count()).toBe(0);

    // --- B does not reply within the reply timeout: the routing timer gives it to another eligible agent
    h5.emu.db.update('conversations', id, { assignedAt: new Date(Date.now() - 10 * 60_000) });
    const fired = await h5.emu.raw('/api/dev/trigger/routing', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(fired.status).toBe(200);
    expect(conversationOf(CUSTOMER)).toMatchObject({ status: 'assigned', agentId: AGENT_A.openid });
    expect(h5.emu.db.find('events', { conversationId: id, type: 'timeout_rerouted' })).toHaveLength(1);
    await customer.locator('[data-testid="chat-agent"]:visible', { hasText: AGENT_A.name }).waitFor();
    await expect.poll(() => agentB.locator('[data-testid="inbox-item"]:visible').count()).toBe(0);

    // --- A closes it as resolved; the customer rates the service
    await agentA.reload();
    await visible(agentA, 'desk-reply').waitFor();
    await visible(agentA, 'desk-close').click();
    await agentA.locator('[data-testid="close-popup"]:visible .nut-button-primary').click();
    await visible(agentA, 'desk-closed').waitFor();
    expect(conversationOf(CUSTOMER)).toMatchObject({ status: 'closed', resolved: true });

    const card = visible(customer, 'rate-card');
    await card.waitFor();
    await card.locator('.nut-rate-item').nth(4).click();
    await card.locator('[data-testid="rate-tag"]').first().click();
    await card.locator('[data-testid="rate-comment"] textarea, textarea[data-testid="rate-comment"]').first().fill('处理很及时，谢谢');
    await visible(customer, 'rate-submit').click();
    await customer.locator('.kefu-rating--done:visible').waitFor();
    expect(conversationOf(CUSTOMER).rating).toMatchObject({ score: 5, comment: '处理很及时，谢谢' });
    // The agent sees the rating on the closed conversation.
    await agentA.reload();
    await visible(agentA, 'desk-closed').getByText('处理很及时，谢谢').waitFor();

    for (const page of [customer, agentA, agentB]) await page.context().close();
  });
});
