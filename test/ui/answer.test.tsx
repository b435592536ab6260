import { fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { inlineParts, pageOf, parseAnswer } from '../../miniprogram/components/AnswerText/parse';
import AnswerPage from '../../miniprogram/pages/answer/index';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { faqEntry } from './fixtures';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const ANSWER = [
  '退款会原路退回，一般 1-3 个工作日到账。',
  '',
  '申请步骤：',
  '1. 打开「我的订单」',
  '2. 选择要退款的订单',
  '3. 点击「申请退款」并填写原因',
  '',
  '注意：',
  '- 已使用的优惠券不退回',
  '- 运费按实际情况退还',
  '',
  '金额 3.5 元以下的订单',
  '将在当天处理。',
].join('\n');

describe('parseAnswer', () => {
  it('splits paragraphs on blank lines and groups list lines', () => {
    expect(parseAnswer(ANSWER)).toEqual([
      { type: 'paragraph', text: '退款会原路退回，一般 1-3 个工作日到账。' },
      { type: 'paragraph', text: '申请步骤：' },
      { type: 'list', ordered: true, start: 1, items: ['打开「我的订单」', '选择要退款的订单', '点击「申请退款」并填写原因'] },
      { type: 'paragraph', text: '注意：' },
      { type: 'list', ordered: false, start: 1, items: ['已使用的优惠券不退回', '运费按实际情况退还'] },
      { type: 'paragraph', text: '金额 3.5 元以下的订单\n将在当天处理。' },
    ]);
  });

  it('keeps the first number of an ordered list and accepts 1、 and Windows line ends', () => {
    expect(parseAnswer('3、第三步\r\n4、第四步')).toEqual([{ type: 'list', ordered: true, start: 3, items: ['第三步', '第四步'] }]);
  });

  it('does not take a decimal or a dash inside a word for a list', () => {
    expect(parseAnswer('3.5 元\n-10 度')).toEqual([{ type: 'paragraph', text: '3.5 元\n-10 度' }]);
  });

  it('returns nothing for an empty answer', () => {
    expect(parseAnswer('\n\n  \n')).toEqual([]);
  });

  it('takes a line ![说明](https://…) or (cloud://…) for an image; any other address keeps only the caption', () => {
    expect(parseAnswer('步骤如图：\n![滤网位置](https://example.com/a.png)\n![](cloud://env-1/faq/b.jpg)\n![旧图](http://example.com/c.png)\n![x](data:image/png;base64,AAAA)')).toEqual([
      { type: 'paragraph', text: '步骤如图：' },
      { type: 'image', src: 'https://example.com/a.png', alt: '滤网位置' },
      { type: 'image', src: 'cloud://env-1/faq/b.jpg', alt: '' },
      { type: 'paragraph', text: '旧图' },
      { type: 'paragraph', text: 'x' },
    ]);
  });

  it('links [文字](/pages/…) to pages of the main package only; other targets keep their words', () => {
    expect(inlineParts('请[预约上门](/pages/book/index)或[查看预约](pages/appointments/index?tab=1)。')).toEqual([
      { text: '请' },
      { text: '预约上门', page: '/pages/book/index' },
      { text: '或' },
      { text: '查看预约', page: '/pages/appointments/index?tab=1' },
      { text: '。' },
    ]);
    expect(inlineParts('见[官网](https://example.com)和[后台](/manager/pages/index/index)')).toEqual([{ text: '见官网和后台' }]);
    expect(pageOf('/pages/chat/index')).toBe('/pages/chat/index');
    expect(pageOf('/agent/pages/index/index')).toBeNull();
  });
});

describe('answer page', () => {
  beforeEach(() => {
    fake.functions = fakeFunctions().ok('faq.get', faqEntry(ANSWER));
  });

  it('asks faq.get for the id in the query and renders paragraphs and lists', async () => {
    taro.setRouterParams({ id: 'faq-refund' });
    const { container, getByTestId } = render(<AnswerPage />);
    await waitFor(() => expect(container.querySelector('.kefu-answer')).not.toBeNull());

    expect(fake.functions!.calls[0]).toEqual({ name: 'faq', event: { action: 'get', id: 'faq-refund' } });
    expect(getByTestId('question').textContent).toBe('如何申请退款？');
    expect(container.querySelectorAll('.kefu-answer__paragraph')).toHaveLength(4);

    const ordered = container.querySelectorAll('.kefu-answer__list--ordered .kefu-answer__item');
    expect([...ordered].map((item) => item.textContent)).toEqual([
      '1.打开「我的订单」',
      '2.选择要退款的订单',
      '3.点击「申请退款」并填写原因',
    ]);
    const bullets = container.querySelectorAll('.kefu-answer__list--bullet .kefu-answer__item');
    expect([...bullets].map((item) => item.textContent)).toEqual(['•已使用的优惠券不退回', '•运费按实际情况退还']);
    expect(container.textContent).toContain('更新于 2025-11-20');
  });

  it('sends "not helpful" once and then offers an appointment', async () => {
    fake.functions!.ok('faq.feedback', { helpful: 3, notHelpful: 1, counted: true });
    taro.setRouterParams({ id: 'faq-refund' });
    const { container, findByText } = render(<AnswerPage />);
    fireEvent.click(await findByText('没帮助'));
    await findByText('感谢您的反馈');
    expect(fake.functions!.calls.at(-1)).toEqual({ name: 'faq', event: { action: 'feedback', id: 'faq-refund', helpful: false } });
    expect(container.querySelector('.kefu-answer-page__helpful')).toBeNull();
    fireEvent.click(await findByText('预约服务'));
    expect(taro.navigations.at(-1)).toBe('/pages/book/index');
  });

  it('a helpful vote thanks the customer without the apology', async () => {
    fake.functions!.ok('faq.feedback', { helpful: 4, notHelpful: 0, counted: true });
    taro.setRouterParams({ id: 'faq-refund' });
    const { container, findByText } = render(<AnswerPage />);
    fireEvent.click(await findByText('有帮助'));
    await findByText('感谢您的反馈');
    expect(fake.functions!.calls.at(-1)?.event).toEqual({ action: 'feedback', id: 'faq-refund', helpful: true });
    expect(container.querySelector('.kefu-answer-page__not-solved--stressed')).toBeNull();
    expect(container.textContent).not.toContain('抱歉没能帮到您');
  });

  it('offers 还没解决？ with 转人工 (to the chat, in the entry\'s category) and 预约 before any vote', async () => {
    taro.setRouterParams({ id: 'faq-refund' });
    const { findByTestId, getByText } = render(<AnswerPage />);
    const card = await findByTestId('not-solved');
    expect(card.textContent).toContain('还没解决？');
    fireEvent.click(getByText('转人工'));
    expect(taro.navigations.at(-1)).toBe('/pages/chat/index?category=cat-billing');
    fireEvent.click(getByText('预约服务'));
    expect(taro.navigations.at(-1)).toBe('/pages/book/index');
  });

  it('lists related questions, each opening its answer', async () => {
    taro.setRouterParams({ id: 'faq-refund' });
    const { findAllByTestId } = render(<AnswerPage />);
    const items = await findAllByTestId('related-item');
    expect(items.map((i) => i.textContent)).toEqual(['退款多久到账？', '怎么开发票？']);
    fireEvent.click(items[1]!);
    expect(taro.navigations.at(-1)).toBe('/pages/answer/index?id=faq-invoice');
  });

  it('renders images and page links of a rich answer', async () => {
    fake.functions!.ok('faq.get', faqEntry('如图：\n![滤网位置](https://example.com/filter.png)\n\n需要上门请[预约服务](/pages/book/index)。'));
    taro.setRouterParams({ id: 'faq-refund' });
    const { findByTestId, container } = render(<AnswerPage />);
    const link = await findByTestId('answer-link');
    expect(container.querySelector('[data-testid="answer-image"] img')?.getAttribute('src')).toBe('https://example.com/filter.png');
    expect(container.textContent).toContain('滤网位置');
    expect(link.textContent).toBe('预约服务');
    fireEvent.click(link);
    expect(taro.navigations.at(-1)).toBe('/pages/book/index');
  });

  it('shows the function error when the entry is gone', async () => {
    fake.functions!.fail('faq.get', 'NOT_FOUND', '问题不存在或已下线');
    taro.setRouterParams({ id: 'faq-gone' });
    const { container } = render(<AnswerPage />);
    await waitFor(() => expect(container.querySelector('.kefu-state--error')?.textContent).toContain('问题不存在或已下线'));
  });
});
