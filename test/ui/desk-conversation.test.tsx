import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import DeskConversationPage from '../../miniprogram/agent/pages/conversation/index';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { appointment, day, days, services, slotsOf } from './appointment-fixtures';
import { installChatStubs } from './chat-fixtures';
import { callsOf, deskConversation, groups, quickReplies } from './desk-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { faqEntry, whoami } from './fixtures';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

function renderPage() {
  taro.setRouterParams({ id: 'conv-1' });
  return render(
    <MeProvider>
      <DeskConversationPage />
    </MeProvider>,
  );
}

/** What the composer's text area holds now. */
function composerValue(): string {
  const el = screen.getByTestId('composer-input') as HTMLElement & { value?: string };
  return el.querySelector('textarea')?.value ?? el.value ?? '';
}

async function send(text: string) {
  typeInTextArea(screen.getByTestId('composer-input'), text);
  await waitFor(() => expect(screen.getByTestId('composer-send').className).not.toContain('disabled'));
  fireEvent.click(screen.getByTestId('composer-send'));
}

beforeEach(() => {
  installChatStubs();
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('agent', '客服小暖'))
    .ok('desk.conversation', deskConversation())
    .ok('desk.reply', { messageId: 'm9' })
    .ok('desk.note', { messageId: 'm10' })
    .ok('desk.quickReplies', quickReplies)
    .ok('faq.search', [{ id: 'faq-refund', categoryId: 'cat-billing', question: '如何申请退款？', score: 0.9 }])
    .ok('faq.get', faqEntry('在订单页点击「申请退款」即可。'))
    .ok('desk.transferTargets', groups)
    .ok('desk.transfer', { status: 'assigned', agentId: 'openid-li', groupId: 'grp-sales' })
    .ok('desk.close', { status: 'closed' })
    .ok('desk.claim', { status: 'assigned' })
    .ok('appointment.services', services)
    .ok('appointment.days', days)
    .ok('appointment.slots', (event) => slotsOf(String(event.date)))
    .ok('appointment.bookFor', (event) => appointment({ id: 'appt-new', start: String(event.start), end: String(event.start) }));
});

describe('desk conversation', () => {
  it('shows the header, the history with notes and a collapsible customer panel', async () => {
    renderPage();
    const head = await screen.findByTestId('desk-chat-head');
    expect(callsOf(fake.functions!, 'desk.conversation')[0]).toEqual({ action: 'conversation', conversationId: 'conv-1' });
    expect(head.textContent).toContain('张晓雯');
    expect(head.textContent).toContain('VIP');
    expect(head.textContent).toContain('售前咨询 · 接待中');
    expect(screen.getAllByTestId('msg').map((m) => m.textContent)).toEqual(['张晓雯空调不制冷了', '内部备注已登记：客户很着急']);
    expect(screen.queryByTestId('customer-panel')).toBeNull();
    fireEvent.click(screen.getByTestId('customer-panel-toggle'));
    const panel = screen.getByTestId('customer-panel');
    expect(panel.textContent).toContain('手机：138****8000');
    expect(panel.textContent).toContain('发票怎么开');
    expect(panel.textContent).toContain('上门安装');
    fireEvent.click(within(panel).getByTestId('earlier-item'));
    expect(taro.navigations).toEqual(['/agent/pages/conversation/index?id=conv-0']);
  });

  it('replies with text', async () => {
    renderPage();
    await screen.findByTestId('desk-reply');
    await send('您好，请问型号是？');
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.reply')).toEqual([{ action: 'reply', conversationId: 'conv-1', text: '您好，请问型号是？' }]));
    await waitFor(() => expect(composerValue()).toBe(''));
  });

  it('writes an internal note in note mode', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('desk-note-toggle'));
    expect(screen.getByTestId('desk-reply').className).toContain('kefu-desk-chat__composer--note');
    expect(screen.getByTestId('desk-reply').textContent).toContain('内部备注，客户不可见');
    await send('客户要求周末上门');
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.note')).toEqual([{ action: 'note', conversationId: 'conv-1', text: '客户要求周末上门' }]));
    expect(callsOf(fake.functions!, 'desk.reply')).toEqual([]);
  });

  it('shows a failed reply as a toast with the function message', async () => {
    fake.functions!.fail('desk.reply', 'CONFLICT', '会话已转给其他同事');
    renderPage();
    await screen.findByTestId('desk-reply');
    await send('在吗');
    await waitFor(() => expect(taro.toasts).toContain('会话已转给其他同事'));
  });

  it('shows a reply refused by 话术审核 in a dialog naming the words, and keeps the draft for editing', async () => {
    const warning = '回复中含有不允许使用的词：「加微信」，请修改后再发送';
    fake.functions!.fail('desk.reply', 'INVALID_INPUT', warning);
    renderPage();
    await screen.findByTestId('desk-reply');
    await send('您可以加微信联系我');
    const dialog = await screen.findByTestId('reply-refused');
    expect(dialog.textContent).toBe(warning);
    expect(composerValue()).toBe('您可以加微信联系我');
    expect(taro.toasts).not.toContain(warning);
    fireEvent.click(screen.getByText('返回修改'));
    await waitFor(() => expect(screen.queryByTestId('reply-refused')).toBeNull());
    expect(composerValue()).toBe('您可以加微信联系我');
    // Edited, it goes out and the composer empties.
    fake.functions!.ok('desk.reply', { messageId: 'm11' });
    await send('您可以在小程序里联系我');
    await waitFor(() => expect(composerValue()).toBe(''));
    expect(callsOf(fake.functions!, 'desk.reply').map((e) => e.text)).toEqual(['您可以加微信联系我', '您可以在小程序里联系我']);
  });

  it('marks a customer message the content check sent for review', async () => {
    const base = deskConversation();
    fake.functions!.ok('desk.conversation', { ...base, messages: base.messages.map((m, i) => (i === 0 ? { ...m, secReview: true } : m)) });
    renderPage();
    const flag = await screen.findByTestId('msg-review');
    expect(flag.textContent).toBe('内容待复核');
    expect(screen.getAllByTestId('msg-review')).toHaveLength(1);
  });

  it('inserts a quick reply with the variables filled', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('qr-open'));
    const items = await screen.findAllByTestId('qr-item');
    expect(items).toHaveLength(2);
    const popup = screen.getByTestId('qr-popup');
    fireEvent.input(popup.querySelector('input')!, { target: { value: '问候' } });
    await waitFor(() => expect(screen.getAllByTestId('qr-item')).toHaveLength(1));
    fireEvent.click(screen.getAllByTestId('qr-item')[0]!);
    await waitFor(() => expect(composerValue()).toBe('张晓雯您好，我是客服小暖，很高兴为您服务'));
  });

  it('inserts a knowledge-base answer', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('kb-open'));
    const popup = await screen.findByTestId('kb-popup');
    fireEvent.input(popup.querySelector('input')!, { target: { value: '退款' } });
    fireEvent.click(await screen.findByTestId('kb-item'));
    await waitFor(() => expect(callsOf(fake.functions!, 'faq.get')).toEqual([{ action: 'get', id: 'faq-refund' }]));
    expect(callsOf(fake.functions!, 'faq.search')).toEqual([{ action: 'search', q: '退款' }]);
    await waitFor(() => expect(composerValue()).toBe('在订单页点击「申请退款」即可。'));
  });

  it('transfers to a colleague or a group, with a note', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('desk-transfer'));
    const popup = await screen.findByTestId('transfer-popup');
    await within(popup).findByTestId('transfer-agent-openid-li');
    // Me and offline colleagues are not offered.
    expect(within(popup).queryByTestId('transfer-agent-openid-agent')).toBeNull();
    expect(within(popup).queryByTestId('transfer-agent-openid-han')).toBeNull();
    fireEvent.click(within(popup).getByTestId('transfer-group-grp-after'));
    typeInTextArea(popup, '客户问售后保修');
    fireEvent.click(within(popup).getByText('确认转接'));
    await waitFor(() =>
      expect(callsOf(fake.functions!, 'desk.transfer')).toEqual([{ action: 'transfer', conversationId: 'conv-1', toGroupId: 'grp-after', note: '客户问售后保修' }]),
    );
  });

  it('closes as unresolved with a reason', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('desk-close'));
    const popup = await screen.findByTestId('close-popup');
    fireEvent.click(within(popup).getByTestId('close-unresolved'));
    typeInTextArea(popup, '需要厂家确认');
    fireEvent.click(within(popup).getByText('结束会话'));
    await waitFor(() =>
      expect(callsOf(fake.functions!, 'desk.close')).toEqual([{ action: 'close', conversationId: 'conv-1', resolved: false, reason: '需要厂家确认' }]),
    );
    await waitFor(() => expect(taro.toasts).toContain('会话已结束'));
  });

  it('books an appointment for the customer', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('book-for'));
    const popup = await screen.findByTestId('book-popup');
    fireEvent.click(await within(popup).findByTestId('service-svc-install'));
    fireEvent.click(await within(popup).findByTestId(`day-${day(1)}`));
    const [slot] = await within(popup).findAllByTestId('slot');
    fireEvent.click(slot!);
    fireEvent.input(within(popup).getByTestId('book-phone').querySelector('input')!, { target: { value: '13800138000' } });
    fireEvent.click(within(popup).getByText('确认预约'));
    await waitFor(() => expect(callsOf(fake.functions!, 'appointment.bookFor')).toHaveLength(1));
    expect(callsOf(fake.functions!, 'appointment.bookFor')[0]).toEqual({
      action: 'bookFor',
      conversationId: 'conv-1',
      serviceId: 'svc-install',
      start: slotsOf(day(1))[0]!.start,
      name: '张晓雯',
      phone: '13800138000',
    });
  });

  it('offers 接入 on a queued conversation instead of the composer', async () => {
    fake.functions!.ok('desk.conversation', deskConversation({ status: 'queued', mine: false, agentId: undefined, agentName: undefined }));
    renderPage();
    const footer = await screen.findByTestId('desk-queued');
    expect(screen.queryByTestId('composer-input')).toBeNull();
    fireEvent.click(within(footer).getByTestId('claim'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.claim')).toEqual([{ action: 'claim', conversationId: 'conv-1' }]));
  });

  it('shows a closed conversation read-only with its result and rating', async () => {
    fake.functions!.ok(
      'desk.conversation',
      deskConversation({ status: 'closed', resolved: true, closeReason: '已远程指导', rating: { score: 4, comment: '很耐心', tags: [] } }),
    );
    renderPage();
    const footer = await screen.findByTestId('desk-closed');
    expect(footer.textContent).toContain('会话已结束 · 已解决');
    expect(footer.textContent).toContain('说明：已远程指导');
    expect(footer.textContent).toContain('★★★★☆（4 分）');
    expect(footer.textContent).toContain('评价：很耐心');
    expect(screen.queryByTestId('composer-input')).toBeNull();
  });
});
