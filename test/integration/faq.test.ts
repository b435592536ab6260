// The service center's read actions against the seeded demo FAQ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
let token: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  token = await emu.login('customer');
});
afterAll(() => emu.close());

interface Category { id: string; name: string; icon: string; order: number; entryCount: number }
interface Summary { id: string; categoryId: string; question: string }

describe('faq read actions', () => {
  it('categories: enabled ones in order, with how many questions each holds', async () => {
    const cats = data<Category[]>(await emu.call(token, 'faq', { action: 'categories' }));
    const stored = emu.db.find('faq_categories', { enabled: true });
    expect(cats).toHaveLength(stored.length);
    expect(cats.map((c) => c.order)).toEqual([...cats.map((c) => c.order)].sort((a, b) => a - b));
    for (const c of cats) {
      expect(c.entryCount).toBe(emu.db.count('faq_entries', { categoryId: c.id, enabled: true }));
      expect(c.name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(cats.reduce((n, c) => n + c.entryCount, 0)).toBe(emu.db.count('faq_entries', { enabled: true }));
  });

  it('a disabled category or entry disappears', async () => {
    const [cat] = emu.db.find('faq_categories', {}, { sort: { order: -1 }, limit: 1 });
    emu.db.update('faq_categories', String(cat!._id), { enabled: false });
    const cats = data<Category[]>(await emu.call(token, 'faq', { action: 'categories' }));
    expect(cats.find((c) => c.id === cat!._id)).toBeUndefined();
    emu.db.update('faq_categories', String(cat!._id), { enabled: true });
  });

  it('list, then get: the answer, and a view is counted', async () => {
    const cats = data<Category[]>(await emu.call(token, 'faq', { action: 'categories' }));
    const list = data<Summary[]>(await emu.call(token, 'faq', { action: 'list', categoryId: cats[0]!.id }));
    expect(list.length).toBe(cats[0]!.entryCount);
    expect(list.every((e) => e.categoryId === cats[0]!.id)).toBe(true);
    const before = Number(emu.db.get('faq_entries', list[0]!.id)!.views);
    const entry = data<{ id: string; answer: string; views: number }>(await emu.call(token, 'faq', { action: 'get', id: list[0]!.id }));
    expect(entry.answer.length).toBeGreaterThan(10);
    expect(entry.views).toBe(before + 1);
    expect(emu.db.get('faq_entries', list[0]!.id)!.views).toBe(before + 1);
  });

  it('get of an unknown id is NOT_FOUND; list of an unknown category is empty', async () => {
    expect(errorCode(await emu.call(token, 'faq', { action: 'get', id: 'faq-999999' }))).toBe('NOT_FOUND');
    expect(data<Summary[]>(await emu.call(token, 'faq', { action: 'list', categoryId: 'cat-none' }))).toEqual([]);
  });

  it('hot: the most viewed first, limited', async () => {
    const hot = data<Summary[]>(await emu.call(token, 'faq', { action: 'hot', limit: 5 }));
    expect(hot).toHaveLength(5);
    const views = hot.map((h) => Number(emu.db.get('faq_entries', h.id)!.views));
    expect(views).toEqual([...views].sort((a, b) => b - a));
    const top = emu.db.find('faq_entries', { enabled: true }, { sort: { views: -1 }, limit: 1 })[0]!;
    expect(hot[0]!.id).toBe(top._id);
    expect(data<Summary[]>(await emu.call(token, 'faq', { action: 'hot' }))).toHaveLength(8);
  });
});
