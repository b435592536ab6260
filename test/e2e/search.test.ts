// FAQ search end to end on the real H5 build: home's search box → the search page → a hit in other
// words than the entry's → its answer → 「有帮助」, recorded in the database.
// Taro keeps earlier pages hidden in the DOM, so every selector asks for visible elements.
import { describe, expect, it } from 'vitest';
import type { FaqSearchHit } from '../../core/api';
import { data } from '../helpers/emulator';
import { useH5 } from '../helpers/h5';

const h5 = useH5();

const CUSTOMER = 'e2e-searcher';
// The demo entry 「热水器洗一会儿就没热水了，是坏了吗？」, asked the way a customer would.
const QUERY = '热水器用一会就不热了';
const QUESTION = '热水器洗一会儿就没热水了，是坏了吗？';

describe('FAQ search (H5)', () => {
  it('a customer searches in their own words, opens the hit and votes it helpful', async () => {
    const entry = h5.emu.db.find('faq_entries', { question: QUESTION, enabled: true })[0]!;
    expect(entry).toBeTruthy();
    // The matcher finds the entry for these words at all (else the browser part would fail for the wrong reason).
    const hits = data<FaqSearchHit[]>(await h5.emu.call(await h5.emu.login('customer'), 'faq', { action: 'search', q: QUERY }));
    expect(hits.map((h) => h.id)).toContain(String(entry._id));

    const page = await h5.freshPage();
    await h5.loginAs(page, 'customer', CUSTOMER);
    await page.locator('[data-testid="home-search"]:visible').click();
    const input = page.locator('[data-testid="search-bar"]:visible input');
    await input.waitFor();
    // The page is there with the hot questions before anything is typed.
    await page.locator('.kefu-search-hot:visible').first().waitFor();
    await input.fill(QUERY);

    const hit = page.locator('.kefu-search-hit:visible', { hasText: QUESTION });
    await hit.waitFor();
    const marks = await hit.locator('.kefu-search-hit__mark').allTextContents();
    expect(marks).toContain('热水器');
    expect(marks.join('')).not.toMatch(/[，？]/);
    // Highlighted in the theme green, bold.
    const style = await hit.locator('.kefu-search-hit__mark').first().evaluate((el) => {
      // Runs in the page; the node typings here have no DOM.
      const view = globalThis as unknown as { getComputedStyle(e: unknown): { color: string; fontWeight: string } };
      const s = view.getComputedStyle(el);
      return { color: s.color, weight: Number(s.fontWeight) };
    });
    expect(style).toEqual({ color: 'rgb(7, 193, 96)', weight: 600 });

    await hit.click();
    const shown = page.locator('[data-testid="question"]:visible');
    await shown.waitFor();
    expect((await shown.textContent())!.trim()).toBe(QUESTION);
    await page.locator('[data-testid="feedback"]:visible .nut-button', { hasText: /^有帮助$/ }).click();
    await page.getByText('感谢您的反馈').waitFor();
    await expect.poll(() => h5.emu.db.find('faq_feedback', { openid: CUSTOMER, entryId: entry._id })).toEqual([
      expect.objectContaining({ entryId: entry._id, openid: CUSTOMER, helpful: true }),
    ]);
    await page.context().close();
  });
});
