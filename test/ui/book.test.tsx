import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import BookPage from '../../miniprogram/pages/book/index';
import { days, day, services, slotsOf, appointment, at } from './appointment-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { setStorageSync, taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const TEMPLATES = [
  { event: 'appointment_confirmed', templateId: 'tmpl-confirmed', title: '预约成功通知' },
  { event: 'appointment_reminder', templateId: 'tmpl-reminder', title: '预约提醒' },
  { event: 'appointment_rescheduled', templateId: 'tmpl-rescheduled', title: '预约变更通知' },
];
const IDS = TEMPLATES.map((t) => t.templateId);

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('appointment.services', services)
    .ok('appointment.days', days)
    .ok('appointment.slots', (event) => slotsOf(String(event.date)))
    .ok('templates.available', TEMPLATES)
    .ok('templates.grant', (event) => ({ recorded: (event.accepted as string[]).length }))
    .ok('appointment.book', (event) => appointment({ id: 'appt-new', start: String(event.start), end: at(day(1), '11:00'), name: String(event.name) }));
  setStorageSync('kefu.token', 'tok-customer');
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, data: { recorded: 3 } }), { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function callsOf(action: string) {
  return fake.functions!.calls.filter((c) => c.event.action === action).map((c) => c.event);
}

function inputOf(testId: string): HTMLInputElement | HTMLTextAreaElement {
  const root = screen.getByTestId(testId);
  const input = root.tagName === 'INPUT' || root.tagName === 'TEXTAREA' ? root : root.querySelector('input, textarea');
  if (!(input instanceof HTMLInputElement) && !(input instanceof HTMLTextAreaElement)) throw new Error(`no input for ${testId}`);
  return input;
}

function type(testId: string, value: string) {
  fireEvent.input(inputOf(testId), { target: { value } });
}

async function pickFirstSlot() {
  fireEvent.click(await screen.findByTestId('service-svc-install'));
  fireEvent.click(await screen.findByTestId(`day-${day(1)}`));
  await waitFor(() => expect(screen.getAllByTestId('slot')).toHaveLength(3));
  fireEvent.click(screen.getAllByTestId('slot')[0]!);
}

async function fillAndPick(phone = '138 0013 8000') {
  render(<BookPage />);
  await pickFirstSlot();
  type('book-name', '张晓雯');
  type('book-phone', phone);
  typeInTextArea(screen.getByTestId('book-note'), '客厅空调');
}

describe('booking page', () => {
  it('shows the services as cards and loads the template ids as the page opens', async () => {
    render(<BookPage />);
    const card = await screen.findByTestId('service-svc-install');
    expect(card.textContent).toContain('上门安装');
    expect(card.textContent).toContain('空调、热水器上门安装调试');
    expect(card.textContent).toContain('2 小时');
    await waitFor(() =>
      expect(callsOf('available')).toEqual([{ action: 'available', events: ['appointment_confirmed', 'appointment_reminder', 'appointment_rescheduled'] }]),
    );
  });

  it('greys full and closed days, which do nothing when tapped', async () => {
    render(<BookPage />);
    fireEvent.click(await screen.findByTestId('service-svc-install'));
    const full = await screen.findByTestId(`day-${day(2)}`);
    const closed = screen.getByTestId(`day-${day(3)}`);
    expect(full.className).toContain('kefu-day--disabled');
    expect(full.textContent).toContain('约满');
    expect(closed.className).toContain('kefu-day--disabled');
    expect(closed.textContent).toContain('休息');
    // A working day the service cannot take yet (lead time) or any more (how far ahead) is not a day off.
    expect(screen.getByTestId(`day-${day(14)}`).textContent).toContain('不可约');
    expect(screen.getByTestId(`day-${day(1)}`).className).not.toContain('kefu-day--disabled');
    expect(callsOf('days')).toEqual([{ action: 'days', serviceId: 'svc-install', count: 14 }]);

    fireEvent.click(full);
    fireEvent.click(closed);
    await new Promise((r) => setTimeout(r, 20));
    expect(callsOf('slots')).toEqual([]);
    expect(full.className).not.toContain('kefu-day--active');

    fireEvent.click(screen.getByTestId(`day-${day(4)}`));
    await waitFor(() => expect(callsOf('slots')).toEqual([{ action: 'slots', serviceId: 'svc-install', date: day(4) }]));
  });

  it('shows each slot with the places left; a full slot cannot be chosen', async () => {
    render(<BookPage />);
    fireEvent.click(await screen.findByTestId('service-svc-install'));
    fireEvent.click(await screen.findByTestId(`day-${day(1)}`));
    await waitFor(() => expect(screen.getAllByTestId('slot')).toHaveLength(3));
    const [first, full] = screen.getAllByTestId('slot');
    expect(first!.textContent).toBe('09:00–11:00剩余 3 个名额');
    expect(full!.textContent).toContain('已约满');
    fireEvent.click(full!);
    expect(full!.className).not.toContain('kefu-slot--active');
    fireEvent.click(first!);
    expect(first!.className).toContain('kefu-slot--active');
  });

  it('refuses a bad mobile number on the client: an error, no prompt, no call', async () => {
    await fillAndPick('12345');
    fireEvent.click(screen.getByTestId('book-submit'));
    expect((await screen.findByTestId('phone-error')).textContent).toBe('请输入有效的 11 位中国大陆手机号');
    expect(screen.queryByText('是否接收预约通知？')).toBeNull();
    expect(callsOf('book')).toEqual([]);
    expect(callsOf('grant')).toEqual([]);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('asks for a slot and a name before anything is sent', async () => {
    render(<BookPage />);
    fireEvent.click(await screen.findByTestId('service-svc-install'));
    await screen.findByTestId(`day-${day(1)}`);
    type('book-phone', '13800138000');
    fireEvent.click(screen.getByTestId('book-submit'));
    await screen.findByText('请选择预约时段');
    expect(screen.getByText('请填写姓名')).toBeTruthy();
    expect(callsOf('book')).toEqual([]);
  });

  it('asks permission on the tap, records it, books; a retry reuses the idempotency key and does not ask again', async () => {
    fake.functions!.fail('appointment.book', 'UNAVAILABLE', '网络异常，请稍后重试');
    await fillAndPick();
    fireEvent.click(screen.getByTestId('book-submit'));

    // The emulated WeChat prompt, before any booking call.
    await screen.findByText('是否接收预约通知？');
    expect(callsOf('book')).toEqual([]);
    fireEvent.click(screen.getByText('允许'));

    await waitFor(() => expect(callsOf('book')).toHaveLength(1));
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/dev/subscribe',
      expect.objectContaining({ method: 'POST', body: JSON.stringify({ accepted: IDS }), headers: expect.objectContaining({ Authorization: 'Bearer tok-customer' }) }),
    );
    expect(callsOf('grant')).toEqual([{ action: 'grant', accepted: IDS, rejected: [] }]);
    // grant is recorded before the booking is made
    const order = fake.functions!.calls.map((c) => c.event.action);
    expect(order.indexOf('grant')).toBeLessThan(order.indexOf('book'));

    const first = callsOf('book')[0]!;
    expect(first).toEqual({
      action: 'book',
      serviceId: 'svc-install',
      start: at(day(1), '09:00'),
      name: '张晓雯',
      phone: '13800138000',
      address: '客厅空调',
      idempotencyKey: expect.stringMatching(/^.{8,64}$/),
    });
    const failure = await screen.findByTestId('book-failure');
    expect(failure.textContent).toContain('网络异常，请稍后重试');
    expect(within(screen.getByTestId('book-submit')).getByText('重新提交')).toBeTruthy();

    fake.functions!.ok('appointment.book', (event) => appointment({ id: 'appt-new', start: String(event.start) }));
    fireEvent.click(screen.getByTestId('book-submit'));
    const success = await screen.findByTestId('book-success');
    const second = callsOf('book')[1]!;
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
    expect(callsOf('grant')).toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    expect(success.textContent).toContain('预约成功');
    expect(success.textContent).toContain('上门安装');
    expect(success.textContent).toContain('已预约');
    expect(screen.getByTestId('book-success-time').textContent).toMatch(/^\d+月\d+日 周. 09:00–11:00$/);
    fireEvent.click(screen.getByText('查看我的预约'));
    expect(taro.navigations).toEqual(['/pages/appointments/index']);
  });

  it('a double tap books once', async () => {
    await fillAndPick();
    fireEvent.click(screen.getByTestId('book-submit'));
    fireEvent.click(screen.getByTestId('book-submit'));
    fireEvent.click(await screen.findByText('允许'));
    await screen.findByTestId('book-success');
    expect(callsOf('book')).toHaveLength(1);
  });

  it('a refusal never blocks the booking', async () => {
    await fillAndPick();
    fireEvent.click(screen.getByTestId('book-submit'));
    fireEvent.click(await screen.findByText('拒绝'));
    await screen.findByTestId('book-success');
    expect(callsOf('grant')).toEqual([{ action: 'grant', accepted: [], rejected: IDS }]);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(callsOf('book')).toHaveLength(1);
  });

  it('a full slot (CONFLICT) says so in Chinese and lets the customer pick another with a new key', async () => {
    fake.functions!.fail('appointment.book', 'CONFLICT', '该时段已约满，请选择其他时段');
    await fillAndPick();
    fireEvent.click(screen.getByTestId('book-submit'));
    fireEvent.click(await screen.findByText('允许'));
    const failure = await screen.findByTestId('book-failure');
    expect(failure.textContent).toContain('该时段已约满，请选择其他时段');
    expect(failure.textContent).toContain('请选择其他日期或时段');
    // Days and slots are read again; the chosen slot is cleared.
    await waitFor(() => expect(callsOf('days').length).toBeGreaterThanOrEqual(2));
    await waitFor(() => expect(screen.getAllByTestId('slot')).toHaveLength(3));
    expect(screen.getAllByTestId('slot').some((s) => s.className.includes('kefu-slot--active'))).toBe(false);

    fake.functions!.ok('appointment.book', (event) => appointment({ id: 'appt-new', start: String(event.start) }));
    fireEvent.click(screen.getAllByTestId('slot')[2]!);
    fireEvent.click(screen.getByTestId('book-submit'));
    await screen.findByTestId('book-success');
    const [first, second] = callsOf('book');
    expect(second!.start).toBe(at(day(1), '13:00'));
    expect(second!.idempotencyKey).not.toBe(first!.idempotencyKey);
  });

  it('preselects the service from ?serviceId=', async () => {
    taro.setRouterParams({ serviceId: 'svc-callback' });
    render(<BookPage />);
    await waitFor(() => expect(screen.getByTestId('service-svc-callback').className).toContain('kefu-service--active'));
    await waitFor(() => expect(callsOf('days')).toEqual([{ action: 'days', serviceId: 'svc-callback', count: 14 }]));
  });
});
