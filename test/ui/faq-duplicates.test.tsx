// The 「重复条目」 tab: pairs of near-duplicate FAQ entries with their similarity, a merge either way after a
// confirmation that says what will happen, 「不是重复」, and the empty state.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FaqDuplicateEntry, FaqDuplicatesReport } from '../../core/api';
import { FaqDuplicatesTab } from '../../miniprogram/manager/components/FaqDuplicatesTab';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { renderManagerAs } from './manager-page';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const entry = (id: string, question: string, published = true): FaqDuplicateEntry => ({ id, categoryId: 'cat-usage', question, published, similarCount: 0, views: 3, updatedAt: '2026-12-01T00:00:00.000Z' });
const heater = entry('faq-a', '暖风机可以放在浴室里用吗');
const heaterTwin = entry('faq-b', '暖风机能不能在浴室里使用', false);
const filter = entry('faq-c', '暖风机的滤网怎么清洗');
const filterTwin = entry('faq-d', '暖风机滤网要如何清洗');

const report = (pairs: FaqDuplicatesReport['pairs'], checked = 40, total = checked): FaqDuplicatesReport => ({ pairs, checked, total, minScore: 0.45 });
const two = report([
  { a: heater, b: heaterTwin, score: 0.713 },
  { a: filter, b: filterTwin, score: 0.52 },
]);

const callsOf = (action: string) => fake.functions!.calls.filter((c) => c.event.action === action).map((c) => c.event);
const dialog = () => document.querySelector('.nut-dialog') as HTMLElement;

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('faq.duplicates', two)
    .ok('faq.mergeDuplicate', (event) => ({ into: { id: event.into }, from: { id: event.from, enabled: false, mergedInto: event.into } }))
    .ok('faq.dismissDuplicate', { dismissed: true });
});

describe('「重复条目」 tab', () => {
  it('lists each pair with both questions, the similarity as a percentage and the published state', async () => {
    render(<FaqDuplicatesTab refreshKey={0} />);
    await waitFor(() => expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(2));
    const [first] = screen.getAllByTestId('duplicate-pair');
    expect(first!.textContent).toContain('相似度 71%');
    expect(within(first!).getByTestId('duplicate-left').textContent).toBe('暖风机可以放在浴室里用吗已发布');
    expect(within(first!).getByTestId('duplicate-right').textContent).toBe('暖风机能不能在浴室里使用草稿');
    expect(screen.getByText(/已比较 40 个问题，发现 2 对可能重复的问题/)).toBeTruthy();
    expect(callsOf('duplicates')).toEqual([{ action: 'duplicates' }]);
  });

  it('「合并到左边」 asks first, saying what will happen; confirming merges the right entry into the left one', async () => {
    render(<FaqDuplicatesTab refreshKey={0} />);
    const [first] = await screen.findAllByTestId('duplicate-pair');
    fireEvent.click(within(first!).getByTestId('duplicate-merge-left'));
    await screen.findByText('“暖风机能不能在浴室里使用”将作为相似问并入“暖风机可以放在浴室里用吗”，原条目下架');
    expect(callsOf('mergeDuplicate')).toEqual([]);
    fireEvent.click(within(dialog()).getByText('合并'));
    await waitFor(() => expect(callsOf('mergeDuplicate')).toEqual([{ action: 'mergeDuplicate', from: 'faq-b', into: 'faq-a' }]));
    await waitFor(() => expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(1));
    expect(taro.toasts).toContain('已合并');
    expect(screen.getByTestId('duplicate-pair').textContent).toContain('暖风机的滤网怎么清洗');
  });

  it('「合并到右边」 merges the left entry into the right one; cancelling the dialog calls nothing', async () => {
    render(<FaqDuplicatesTab refreshKey={0} />);
    const [, second] = await screen.findAllByTestId('duplicate-pair');
    fireEvent.click(within(second!).getByTestId('duplicate-merge-right'));
    await screen.findByText('“暖风机的滤网怎么清洗”将作为相似问并入“暖风机滤网要如何清洗”，原条目下架');
    fireEvent.click(within(dialog()).getByText('取消'));
    await waitFor(() => expect(screen.queryByText(/将作为相似问并入/)).toBeNull());
    expect(callsOf('mergeDuplicate')).toEqual([]);

    fireEvent.click(within(second!).getByTestId('duplicate-merge-right'));
    await screen.findByText(/将作为相似问并入/);
    fireEvent.click(within(dialog()).getByText('合并'));
    await waitFor(() => expect(callsOf('mergeDuplicate')).toEqual([{ action: 'mergeDuplicate', from: 'faq-c', into: 'faq-d' }]));
  });

  it('merging into a draft says the bot will use it only once published', async () => {
    render(<FaqDuplicatesTab refreshKey={0} />);
    const [first] = await screen.findAllByTestId('duplicate-pair');
    fireEvent.click(within(first!).getByTestId('duplicate-merge-right'));
    await screen.findByText('“暖风机可以放在浴室里用吗”将作为相似问并入“暖风机能不能在浴室里使用”，原条目下架。“暖风机能不能在浴室里使用”还是草稿，发布后机器人才会用它回答');
  });

  it('「不是重复」 dismisses the pair and removes it; the last one leaves the empty state', async () => {
    fake.functions!.ok('faq.duplicates', report([{ a: filter, b: filterTwin, score: 0.52 }]));
    render(<FaqDuplicatesTab refreshKey={0} />);
    fireEvent.click(await screen.findByTestId('duplicate-dismiss'));
    await waitFor(() => expect(callsOf('dismissDuplicate')).toEqual([{ action: 'dismissDuplicate', a: 'faq-c', b: 'faq-d' }]));
    await screen.findByText('没有发现重复的条目');
    expect(screen.queryByTestId('duplicate-pair')).toBeNull();
    expect(taro.toasts).toContain('已标记为不是重复');
  });

  it('a refused merge says why and keeps the pair', async () => {
    fake.functions!.fail('faq.mergeDuplicate', 'INVALID_INPUT', '合并后「暖风机可以放在浴室里用吗」将有 52 个相似问，超过上限 50 个，请先删减相似问再合并');
    render(<FaqDuplicatesTab refreshKey={0} />);
    const [first] = await screen.findAllByTestId('duplicate-pair');
    fireEvent.click(within(first!).getByTestId('duplicate-merge-left'));
    await screen.findByText(/将作为相似问并入/);
    fireEvent.click(within(dialog()).getByText('合并'));
    await waitFor(() => expect(taro.toasts.some((t) => t.includes('超过上限 50 个'))).toBe(true));
    expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(2);
  });

  it('shows the empty state, and says when the check was capped', async () => {
    fake.functions!.ok('faq.duplicates', report([], 3000, 3400));
    render(<FaqDuplicatesTab refreshKey={0} />);
    await screen.findByText('没有发现重复的条目');
    expect(screen.getByText(/共 3400 个问题，只比较了已发布和最近编辑的 3000 个/)).toBeTruthy();
  });

  it('is a tab of the manager page next to the unanswered report, for supervisors', async () => {
    renderManagerAs(fake.functions!, 'supervisor', '李主管');
    fireEvent.click(await screen.findByText('重复条目'));
    await waitFor(() => expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(2));
  });
});
