// The staff FAQ entry editor: the answer toolbar inserts images and page links as markup, the preview
// renders them, and saving sends the entry as typed.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FaqAdminCategory } from '../../core/api';
import { appendLine } from '../../miniprogram/manager/components/AnswerTools';
import { FaqEntryEditor, newEntryDraft } from '../../miniprogram/manager/components/FaqEntryEditor';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const categories: FaqAdminCategory[] = [{ id: 'cat-repair', name: '维修保养', icon: '🔧', description: '', order: 1, enabled: true, entryCount: 3, publishedCount: 3 }];

function inputIn(root: HTMLElement, index = 0): HTMLInputElement {
  const input = root.querySelectorAll('input')[index];
  if (!(input instanceof HTMLInputElement)) throw new Error('no input');
  return input;
}

const type = (input: HTMLInputElement, value: string) => fireEvent.input(input, { target: { value } });

describe('FAQ entry editor', () => {
  let done: ReturnType<typeof vi.fn<(changed: boolean) => void>>;
  beforeEach(() => {
    fake.functions = fakeFunctions().ok('faq.save', (event) => ({ ...event, id: 'faq-new', views: 0, helpful: 0, notHelpful: 0, updatedAt: '2026-12-01T00:00:00.000Z' }));
    done = vi.fn<(changed: boolean) => void>();
  });

  const renderEditor = () => render(<FaqEntryEditor initial={newEntryDraft('cat-repair')} categories={categories} onDone={done} />);

  it('appendLine puts the insertion on its own line', () => {
    expect(appendLine('', '[预约服务](/pages/book/index)')).toBe('[预约服务](/pages/book/index)');
    expect(appendLine('第一步\n\n', '![图](https://a.cn/x.png)')).toBe('第一步\n![图](https://a.cn/x.png)');
  });

  it('inserts an image and a page link; the preview shows both; save sends the markup', async () => {
    renderEditor();
    const editor = screen.getByTestId('faq-entry-editor');
    type(inputIn(editor), '空调滤网怎么清洗？');
    typeInTextArea(editor.querySelector('taro-textarea-core'), '先断电，取下滤网用清水冲洗。');

    fireEvent.click(screen.getByTestId('insert-image'));
    const imagePopup = await screen.findByTestId('image-popup');
    type(inputIn(imagePopup, 0), 'http://example.com/filter.png');
    fireEvent.click(within(imagePopup).getByTestId('insert-image-ok'));
    expect(taro.toasts).toContain('图片地址需以 https:// 或 cloud:// 开头');
    type(inputIn(imagePopup, 0), 'https://example.com/filter.png');
    type(inputIn(imagePopup, 1), '滤网位置');
    fireEvent.click(within(imagePopup).getByTestId('insert-image-ok'));

    fireEvent.click(screen.getByTestId('insert-link'));
    const linkPopup = await screen.findByTestId('link-popup');
    fireEvent.click(within(linkPopup).getByTestId('link-page-预约服务'));
    type(inputIn(linkPopup), '预约上门清洗');
    fireEvent.click(within(linkPopup).getByTestId('insert-link-ok'));

    const preview = screen.getByTestId('faq-answer-preview');
    await waitFor(() => expect(within(preview).getByTestId('answer-link').textContent).toBe('预约上门清洗'));
    expect(preview.querySelector('[data-testid="answer-image"] img')?.getAttribute('src')).toBe('https://example.com/filter.png');

    fireEvent.click(screen.getByTestId('faq-entry-save'));
    await waitFor(() => expect(done).toHaveBeenCalledWith(true));
    const saved = fake.functions!.calls.find((c) => c.name === 'faq' && c.event.action === 'save')!.event;
    expect(saved).toMatchObject({
      categoryId: 'cat-repair',
      question: '空调滤网怎么清洗？',
      answer: '先断电，取下滤网用清水冲洗。\n![滤网位置](https://example.com/filter.png)\n[预约上门清洗](/pages/book/index)',
      enabled: true,
    });
    expect(preview.textContent).not.toContain('](');
  });
});
