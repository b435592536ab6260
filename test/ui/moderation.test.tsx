// 话术审核 in the manager subpackage: supervisors and admins see the word list, add and remove words
// (each change saves the whole list); a refused save keeps what was typed; QA has no such tab.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../core/roles';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { renderManagerAs } from './manager-page';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

let stored: string[];

const renderManager = (role: Role) => renderManagerAs(fake.functions!, role);

const saves = () => fake.functions!.calls.filter((c) => c.event.action === 'saveModeration').map((c) => c.event.words);
const words = () => screen.queryAllByTestId('moderation-word').map((w) => w.textContent?.replace('×', '').trim());
const typeWord = (value: string) => fireEvent.input(screen.getByTestId('moderation-input').querySelector('input')!, { target: { value } });
const draft = () => (screen.getByTestId('moderation-input').querySelector('input') as HTMLInputElement).value;

beforeEach(() => {
  stored = ['加微信', '保证赔偿'];
  fake.functions = fakeFunctions()
    .ok('admin.staff', [])
    .ok('admin.invites', [])
    .ok('admin.moderation', () => ({ words: [...stored] }))
    .ok('admin.saveModeration', (event) => {
      stored = event.words as string[];
      return { words: stored, updatedAt: '2025-11-26T08:00:00.000Z' };
    });
});

describe('话术审核 tab', () => {
  it('a supervisor sees the words, adds one and removes one, each change saved', async () => {
    renderManager('supervisor');
    fireEvent.click(await screen.findByTestId('tab-moderation'));
    await waitFor(() => expect(words()).toEqual(['加微信', '保证赔偿']));
    expect(screen.getByTestId('moderation-count').textContent).toBe('共 2 个词（最多 200 个）');

    typeWord('私下交易');
    fireEvent.click(screen.getByTestId('moderation-add'));
    await waitFor(() => expect(words()).toEqual(['加微信', '保证赔偿', '私下交易']));
    expect(saves()).toEqual([['加微信', '保证赔偿', '私下交易']]);
    expect(draft()).toBe('');
    expect(taro.toasts).toContain('已添加');

    const second = screen.getAllByTestId('moderation-word')[0]!;
    fireEvent.click(within(second).getByTestId('moderation-remove'));
    await waitFor(() => expect(words()).toEqual(['保证赔偿', '私下交易']));
    expect(saves()[1]).toEqual(['保证赔偿', '私下交易']);
  });

  it('refuses a word already listed (whatever its width) without a call, and keeps the draft when a save fails', async () => {
    renderManager('admin');
    fireEvent.click(await screen.findByTestId('tab-moderation'));
    await waitFor(() => expect(words()).toHaveLength(2));
    typeWord(' 加 微信 ');
    fireEvent.click(screen.getByTestId('moderation-add'));
    await waitFor(() => expect(taro.toasts).toContain('「加 微信」已在列表中'));
    expect(saves()).toEqual([]);

    fake.functions!.fail('admin.saveModeration', 'FORBIDDEN', '没有权限执行此操作');
    typeWord('退款保证');
    fireEvent.click(screen.getByTestId('moderation-add'));
    await waitFor(() => expect(taro.toasts).toContain('没有权限执行此操作'));
    expect(draft()).toBe('退款保证');
    expect(words()).toEqual(['加微信', '保证赔偿']);
  });

  it('shows an empty list plainly', async () => {
    stored = [];
    renderManager('supervisor');
    fireEvent.click(await screen.findByTestId('tab-moderation'));
    expect((await screen.findByTestId('moderation-empty')).textContent).toBe('还没有禁用词');
  });

  it('QA has no 话术审核 tab', async () => {
    renderManager('qa');
    await screen.findByTestId('manager-needs-admin');
    expect(screen.queryByTestId('tab-moderation')).toBeNull();
  });
});
