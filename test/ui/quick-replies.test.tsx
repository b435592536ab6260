import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import QuickRepliesPage from '../../miniprogram/agent/pages/quick-replies/index';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { callsOf, quickReplies } from './desk-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

function renderPage() {
  return render(
    <MeProvider>
      <QuickRepliesPage />
    </MeProvider>,
  );
}

function dialogButton(text: string): HTMLElement {
  const button = screen.getAllByText(text).find((el) => el.closest('.nut-dialog-footer'));
  if (!button) throw new Error(`no dialog button ${text}`);
  return button;
}

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('agent', '客服小暖'))
    .ok('desk.quickReplies', quickReplies)
    .ok('desk.saveQuickReply', (event) => ({ id: event.id ?? 'qr-new', scope: event.scope, title: event.title, text: event.text, editable: true }))
    .ok('desk.removeQuickReply', { removed: true });
});

describe('quick replies page', () => {
  it('shows team replies read-only for agents and explains the variables', async () => {
    renderPage();
    const [row] = await screen.findAllByTestId('qr-row');
    expect(row!.textContent).toContain('问候');
    expect(within(row!).queryByText('编辑')).toBeNull();
    expect(screen.getByTestId('qr-help').textContent).toContain('{客户昵称} {客服昵称} {日期}');
    expect(screen.queryByText('新增话术')).toBeNull();
  });

  it('adds a personal reply', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('qr-tab-personal'));
    fireEvent.click(await screen.findByText('新增话术'));
    const form = await screen.findByTestId('qr-form');
    fireEvent.input(form.querySelector('input')!, { target: { value: '道别' } });
    typeInTextArea(form, '感谢{客户昵称}的耐心，祝您生活愉快');
    fireEvent.click(within(form).getByText('保存'));
    await waitFor(() =>
      expect(callsOf(fake.functions!, 'desk.saveQuickReply')).toEqual([{ action: 'saveQuickReply', scope: 'personal', title: '道别', text: '感谢{客户昵称}的耐心，祝您生活愉快' }]),
    );
    await waitFor(() => expect(taro.toasts).toContain('已保存'));
  });

  it('edits and removes my own reply', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('qr-tab-personal'));
    const [row] = await screen.findAllByTestId('qr-row');
    fireEvent.click(within(row!).getByText('编辑'));
    const form = await screen.findByTestId('qr-form');
    fireEvent.input(form.querySelector('input')!, { target: { value: '请稍候' } });
    fireEvent.click(within(form).getByText('保存'));
    await waitFor(() =>
      expect(callsOf(fake.functions!, 'desk.saveQuickReply')).toEqual([{ action: 'saveQuickReply', id: 'qr-mine', scope: 'personal', title: '请稍候', text: '请稍等，我查一下' }]),
    );

    fireEvent.click(within(row!).getByText('删除'));
    await screen.findByText('确定删除「稍等」？');
    fireEvent.click(dialogButton('删除'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.removeQuickReply')).toEqual([{ action: 'removeQuickReply', id: 'qr-mine' }]));
  });

  it('lets supervisors add team replies', async () => {
    fake.functions!.ok('admin.whoami', whoami('supervisor', '主管老周'));
    renderPage();
    fireEvent.click(await screen.findByText('新增话术'));
    const form = await screen.findByTestId('qr-form');
    expect(within(form).getByTestId('qr-scope-team').className).toContain('kefu-chip--active');
    fireEvent.input(form.querySelector('input')!, { target: { value: '营业时间' } });
    typeInTextArea(form, '我们的营业时间是 9:00–21:00');
    fireEvent.click(within(form).getByText('保存'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.saveQuickReply')[0]).toMatchObject({ scope: 'team', title: '营业时间' }));
  });
});
