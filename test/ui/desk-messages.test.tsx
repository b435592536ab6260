import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeftMessage } from '../../core/api';
import DeskMessagesPage from '../../miniprogram/agent/pages/messages/index';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { callsOf } from './desk-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const open: LeftMessage = {
  id: 'lm-1',
  text: '空调漏水，请尽快联系我',
  phone: '138****8000',
  status: 'open',
  createdAt: '2026-11-26T02:00:00.000Z',
  customerName: '张晓雯',
  conversationId: 'conv-1',
};
const answered: LeftMessage = {
  id: 'lm-0',
  text: '发票寄到哪里？',
  phone: '139****5678',
  status: 'answered',
  answer: '已寄出，请查收',
  answeredByName: '客服小暖',
  answeredAt: '2026-11-25T03:00:00.000Z',
  createdAt: '2026-11-25T02:00:00.000Z',
  customerName: '李建国',
};

function renderPage() {
  return render(
    <MeProvider>
      <DeskMessagesPage />
    </MeProvider>,
  );
}

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('agent', '客服小暖'))
    .ok('desk.leftMessages', [open, answered])
    .ok('desk.answerMessage', (event) => ({ ...open, status: 'answered', answer: String(event.text) }));
});

describe('left messages at the desk', () => {
  it('lists open ones first with customer, masked phone and time; answered ones show the answer', async () => {
    renderPage();
    await waitFor(() => expect(screen.getAllByTestId('left-item')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('left-item');
    expect(first!.textContent).toContain('张晓雯');
    expect(first!.textContent).toContain('138****8000 · 2026-11-26 02:00');
    expect(first!.textContent).toContain('空调漏水，请尽快联系我');
    expect(first!.textContent).toContain('待回复');
    expect(within(second!).queryByTestId('left-answer')).toBeNull();
    expect(within(second!).getByTestId('left-answer-text').textContent).toContain('客服小暖 的回复：已寄出，请查收');
  });

  it('answers an open message', async () => {
    renderPage();
    await waitFor(() => expect(screen.getAllByTestId('left-item')).toHaveLength(2));
    const [first] = screen.getAllByTestId('left-item');
    fireEvent.click(within(first!).getByTestId('left-answer'));
    fireEvent.click(within(first!).getByTestId('left-submit'));
    await waitFor(() => expect(taro.toasts).toContain('请填写回复内容'));
    expect(callsOf(fake.functions!, 'desk.answerMessage')).toEqual([]);
    typeInTextArea(first!, '  已安排师傅明天上门  ');
    fireEvent.click(within(first!).getByTestId('left-submit'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.answerMessage')).toEqual([{ action: 'answerMessage', id: 'lm-1', text: '已安排师傅明天上门' }]));
    await waitFor(() => expect(taro.toasts).toContain('已回复'));
    expect(callsOf(fake.functions!, 'desk.leftMessages')).toHaveLength(2);
  });

  it('shows the function message when answering fails', async () => {
    fake.functions!.fail('desk.answerMessage', 'CONFLICT', '该留言已被其他同事回复');
    renderPage();
    await waitFor(() => expect(screen.getAllByTestId('left-item')).toHaveLength(2));
    const [first] = screen.getAllByTestId('left-item');
    fireEvent.click(within(first!).getByTestId('left-answer'));
    typeInTextArea(first!, '好的');
    fireEvent.click(within(first!).getByTestId('left-submit'));
    await waitFor(() => expect(taro.toasts).toContain('该留言已被其他同事回复'));
  });

  it('is for desk staff only', async () => {
    fake.functions!.ok('admin.whoami', whoami('customer'));
    renderPage();
    await screen.findByTestId('staff-only');
    expect(callsOf(fake.functions!, 'desk.leftMessages')).toEqual([]);
  });
});
