// The real H5 build (dist/h5) served by the emulator, driven in headless Chromium.
// Taro keeps earlier pages hidden in the DOM, so every selector asks for visible elements.
import { describe, expect, it } from 'vitest';
import { useH5 } from '../helpers/h5';

const h5 = useH5();

describe('H5 service mini-program', () => {
  it('home shows the FAQ categories and hot questions to a new visitor, and no staff entries', async () => {
    const page = await h5.freshPage();
    await page.goto(h5.emu.url);
    const categories = page.locator('.kefu-category:visible');
    await categories.first().waitFor();
    const expected = h5.emu.db.find('faq_categories', { enabled: true }, { sort: { order: 1 } });
    expect(await categories.count()).toBe(expected.length);
    expect(await categories.first().locator('.kefu-category__name').textContent()).toBe(expected[0]!.name);
    // Hot questions come from their own call: wait for them rather than count what has rendered so far.
    const hot = page.locator('.kefu-hot-question:visible');
    await hot.first().waitFor();
    expect(await hot.count()).toBeGreaterThan(0);
    expect(await page.locator('.kefu-staff-entry:visible').count()).toBe(0);
    await page.context().close();
  });

  it('category → question → answer within two taps', async () => {
    const page = await h5.freshPage();
    await page.goto(h5.emu.url);
    await page.locator('.kefu-category:visible').first().click();
    const question = page.locator('.kefu-question:visible').first();
    await question.waitFor();
    const text = (await question.textContent())!.trim();
    await question.click();
    const shown = page.locator('[data-testid="question"]:visible');
    await shown.waitFor();
    expect((await shown.textContent())!.trim()).toBe(text);
    const entry = h5.emu.db.find('faq_entries', { question: text })[0]!;
    const firstParagraph = String(entry.answer).split('\n')[0]!.replace(/^(- |\d+\. )/, '').slice(0, 12);
    await page.getByText(firstParagraph).first().waitFor();
    await page.context().close();
  });

  it('the dev role switcher logs in as an agent, who sees the desk entry and the desk', async () => {
    const page = await h5.freshPage();
    await page.goto(h5.emu.url);
    await page.locator('.kefu-category:visible').first().waitFor();
    await page.locator('.kefu-role-switcher__button').click();
    await page.getByText('客服', { exact: true }).click();
    const desk = page.locator('.kefu-staff-entry--desk:visible');
    await desk.waitFor();
    expect(await page.locator('.kefu-staff-entry--manager:visible').count()).toBe(0);
    await desk.click();
    const greeting = page.locator('[data-testid="desk-greeting"]:visible');
    await greeting.waitFor();
    const agent = h5.emu.db.find('users', { role: 'agent' }, { sort: { createdAt: 1 }, limit: 1 })[0]!;
    expect(await greeting.textContent()).toContain(String(agent.name));
    await page.context().close();
  });

  it('an admin invites a colleague; the colleague opens the link and joins as agent', async () => {
    const admin = await h5.freshPage();
    await h5.loginAs(admin, 'admin');
    await admin.locator('.kefu-staff-entry--manager:visible').click();
    await admin.getByText('邀请', { exact: true }).click();
    await admin.locator('.kefu-invites__create:visible').click();
    const code = (await admin.locator('[data-testid="invite-code"]:visible').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    const link = (await admin.locator('[data-testid="invite-link"]:visible').textContent())!.trim();
    expect(link).toContain(`pages/join/index?code=${code}`);

    const colleague = await h5.freshPage();
    await h5.loginAs(colleague, 'customer', 'e2e-newcomer');
    await colleague.goto(link);
    await colleague.locator('.kefu-join__submit:visible').click();
    await colleague.locator('[data-testid="join-success"]:visible').waitFor();
    expect(h5.emu.db.get('users', 'e2e-newcomer')!.role).toBe('agent');
    await admin.context().close();
    await colleague.context().close();
  });
});
