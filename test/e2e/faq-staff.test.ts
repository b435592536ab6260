// The learning loop end to end on the real H5 build: an admin adds an FAQ entry in the manager
// subpackage, and the customer's next question in the chat is answered by it at once.
import { describe, expect, it } from 'vitest';
import { useH5 } from '../helpers/h5';

const h5 = useH5();

const QUESTION = '净水器滤芯多久换一次？';
const ANSWER = '一般 6 到 12 个月更换一次，水质较差的地区建议 6 个月。';

describe('FAQ staff tools (H5)', () => {
  it('an admin adds an entry; the chat bot answers the next customer with it', async () => {
    const customer = await h5.freshPage();
    await h5.loginAs(customer, 'customer', 'e2e-faq-asker');
    await customer.locator('[data-testid="entry-chat"]:visible').click();
    const input = customer.locator('[data-testid="composer-input"]:visible textarea, [data-testid="composer-input"]:visible input').first();
    await input.waitFor();
    // Before: the bot does not know it.
    await input.fill(QUESTION);
    await customer.locator('[data-testid="composer-send"]:visible').click();
    await customer.locator('[data-testid="msg"][data-from="customer"]:visible', { hasText: QUESTION }).waitFor();
    await expect.poll(() => h5.emu.db.find('messages', { from: 'bot' }).length).toBeGreaterThanOrEqual(2);
    expect(await customer.locator('[data-testid="msg"][data-from="bot"]:visible', { hasText: '6 到 12 个月' }).count()).toBe(0);

    const admin = await h5.freshPage();
    await h5.loginAs(admin, 'admin');
    await admin.locator('.kefu-staff-entry--manager:visible').click();
    await admin.locator('[data-testid="tab-faq"]:visible').click();
    await admin.locator('[data-testid="faq-entry-add"]:visible').click();
    const editor = admin.locator('[data-testid="faq-entry-editor"]:visible');
    await editor.waitFor();
    await editor.locator('input').first().fill(QUESTION);
    await editor.locator('textarea').first().fill(ANSWER);
    await editor.locator('[data-testid="faq-similar"] input').fill('滤芯什么时候更换');
    await editor.locator('[data-testid="faq-similar-add"]').click();
    await editor.locator('[data-testid="faq-entry-save"]').click();
    await expect.poll(() => h5.emu.db.find('faq_entries', { question: QUESTION }).length).toBe(1);
    expect(h5.emu.db.find('faq_entries', { question: QUESTION })[0]).toMatchObject({ answer: ANSWER, enabled: true, similar: ['滤芯什么时候更换'] });

    // After: asked in other words, the bot answers with the new entry. The chat bot runs in another
    // function (session), whose warm instance re-checks the FAQ version at most every 2 s.
    await customer.waitForTimeout(2_100);
    await input.fill('滤芯什么时候更换呢');
    await customer.locator('[data-testid="composer-send"]:visible').click();
    await customer.locator('[data-testid="msg"][data-from="bot"]:visible', { hasText: '6 到 12 个月' }).waitFor();

    await customer.context().close();
    await admin.context().close();
  });

  it('a supervisor merges a near-duplicate entry from 「重复条目」; the customer is answered by the kept one', async () => {
    const now = new Date();
    const entry = (id: string, question: string, answer: string) => ({ _id: id, categoryId: 'cat-usage', question, answer, similar: [], keywords: [], enabled: true, order: 0, views: 0, helpful: 0, notHelpful: 0, createdAt: now, updatedAt: now });
    h5.emu.db.insert('faq_entries', [entry('e2e-dup-keep', '暖风机的滤网怎么清洗', '取下滤网用清水冲洗，晾干后装回。'), entry('e2e-dup-twin', '暖风机滤网要如何清洗', '滤网可水洗。')]);

    const supervisor = await h5.freshPage();
    await h5.loginAs(supervisor, 'supervisor');
    await supervisor.locator('.kefu-staff-entry--manager:visible').click();
    await supervisor.locator('[data-testid="tab-duplicates"]:visible').click();
    const pair = supervisor.locator('[data-testid="duplicate-pair"]:visible', { hasText: '暖风机滤网要如何清洗' });
    await pair.waitFor();
    // The pair lists the entry edited (or published) first on the left; merge the other one into it.
    const left = (await pair.locator('[data-testid="duplicate-left"]').innerText()).includes('暖风机的滤网怎么清洗');
    await pair.locator(left ? '[data-testid="duplicate-merge-left"]' : '[data-testid="duplicate-merge-right"]').click();
    await supervisor.locator('.nut-dialog:visible', { hasText: '“暖风机滤网要如何清洗”将作为相似问并入“暖风机的滤网怎么清洗”，原条目下架' }).waitFor();
    await supervisor.locator('.nut-dialog-footer-ok:visible').click();
    await expect.poll(() => h5.emu.db.get('faq_entries', 'e2e-dup-twin')?.mergedInto).toBe('e2e-dup-keep');
    expect(h5.emu.db.get('faq_entries', 'e2e-dup-twin')).toMatchObject({ enabled: false });
    expect(h5.emu.db.get('faq_entries', 'e2e-dup-keep')!.similar).toEqual(['暖风机滤网要如何清洗']);
    await pair.waitFor({ state: 'detached' });

    const answer = await h5.emu.call(await h5.emu.login('customer', { openid: 'e2e-dup-asker' }), 'faq', { action: 'ask', text: '暖风机滤网要如何清洗' });
    expect((answer.body.data as { match: { id: string } | null }).match?.id).toBe('e2e-dup-keep');
    await supervisor.context().close();
  });
});
