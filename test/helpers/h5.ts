// The H5 harness for browser tests: a real emulator (in-memory, demo data) serving dist/h5, and
// headless Chromium. Taro keeps earlier pages hidden in the DOM, so tests ask for visible elements.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { ROOT, startTestEmulator, type TestEmulator } from './emulator';

export interface H5Harness {
  emu: TestEmulator;
  browser: Browser;
  /** A new browser context with a phone-sized viewport. */
  freshPage(): Promise<Page>;
  /** Log in as a role (optionally a given OPENID) through the app's own dev-session storage. */
  loginAs(page: Page, role: string, openid?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startH5(): Promise<H5Harness> {
  if (!fs.existsSync(path.join(ROOT, 'dist/h5/index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` first');
  const emu = await startTestEmulator();
  const browser = await launchBrowser();
  return {
    emu,
    browser,
    async freshPage() {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      return context.newPage();
    },
    async loginAs(page, role, openid) {
      await page.goto(emu.url);
      await page.locator('.kefu-category').first().waitFor({ state: 'visible' });
      const token = await emu.login(role, openid ? { openid } : {});
      await page.evaluate((t) => {
        // Taro's setStorageSync on h5 wraps values in {data}.
        const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void; removeItem(k: string): void } }).localStorage;
        storage.removeItem('kefu.devRole');
        storage.setItem('kefu.token', JSON.stringify({ data: t }));
      }, token);
      await page.reload();
    },
    async close() {
      await browser.close();
      await emu.close();
    },
  };
}

/** Start the harness before a test file's tests and close it after them. */
export function useH5(): { readonly emu: TestEmulator; freshPage(): Promise<Page>; loginAs(page: Page, role: string, openid?: string): Promise<void> } {
  let harness: H5Harness | undefined;
  beforeAll(async () => {
    harness = await startH5();
  });
  afterAll(async () => {
    await harness?.close();
  });
  const started = (): H5Harness => {
    if (!harness) throw new Error('the H5 harness is not started yet');
    return harness;
  };
  return {
    get emu() {
      return started().emu;
    },
    freshPage: () => started().freshPage(),
    loginAs: (page, role, openid) => started().loginAs(page, role, openid),
  };
}
