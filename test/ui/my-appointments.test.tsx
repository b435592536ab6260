import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import MyAppointmentsPage from '../../miniprogram/pages/appointments/index';
import { appointment, at, day, days, slotsOf } from './appointment-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const changeable = appointment({ id: 'appt-1', start: at(day(2), '09:00'), end: at(day(2), '11:00'), status: 'confirmed', address: '上海市徐汇区漕溪北路 1 号', note: '' });
const locked = appointment({ id: 'appt-2', serviceName: '电话回访', start: at(day(1), '10:00'), end: at(day(1), '10:30'), changeable: false });
const past = appointment({ id: 'appt-3', start: at(day(-3), '09:00'), end: at(day(-3), '11:00'), status: 'done', changeable: false });
const cancelled = appointment({ id: 'appt-4', start: at(day(5), '09:00'), end: at(day(5), '11:00'), status: 'cancelled', changeable: false });

function callsOf(action: string) {
  return fake.functions!.calls.filter((c) => c.event.action === action).map((c) => c.event);
}

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('appointment.mine', [past, changeable, cancelled, locked])
    .ok('appointment.days', days)
    .ok('appointment.slots', (event) => slotsOf(String(event.date)))
    .ok('appointment.cancel', { ...changeable, status: 'cancelled', changeable: false })
    .ok('appointment.reschedule', (event) => ({ ...changeable, start: String(event.start) }));
});

describe('my appointments', () => {
  it('lists upcoming ones by time with status and UTC+8 time; past and cancelled under 历史', async () => {
    render(<MyAppointmentsPage />);
    await waitFor(() => expect(screen.getAllByTestId('my-appointment')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('my-appointment');
    expect(first!.textContent).toContain('电话回访');
    expect(first!.textContent).toContain('已预约');
    expect(first!.textContent).toMatch(/\d+月\d+日 周. 10:00–10:30/);
    expect(second!.textContent).toContain('已确认');
    expect(second!.textContent).toContain('地址：上海市徐汇区漕溪北路 1 号');

    fireEvent.click(screen.getByTestId('mine-tab-history'));
    await waitFor(() => expect(screen.getAllByTestId('my-appointment')).toHaveLength(2));
    const statuses = screen.getAllByTestId('my-appointment').map((el) => el.querySelector('.kefu-appt-status')!.textContent);
    expect(statuses.sort()).toEqual(['已取消', '已完成']);
  });

  it('offers 取消 and 改期 only when the appointment is changeable', async () => {
    render(<MyAppointmentsPage />);
    await waitFor(() => expect(screen.getAllByTestId('my-appointment')).toHaveLength(2));
    const [lockedCard, changeableCard] = screen.getAllByTestId('my-appointment');
    expect(within(lockedCard!).queryByText('取消预约')).toBeNull();
    expect(within(lockedCard!).queryByText('改期')).toBeNull();
    expect(lockedCard!.textContent).toContain('已过可修改时间');
    expect(within(changeableCard!).getByText('取消预约')).toBeTruthy();
    expect(within(changeableCard!).getByText('改期')).toBeTruthy();
    fireEvent.click(screen.getByTestId('mine-tab-history'));
    await waitFor(() => expect(screen.getAllByTestId('my-appointment')).toHaveLength(2));
    expect(screen.queryByText('取消预约')).toBeNull();
  });

  it('cancels after confirming, with the optional reason', async () => {
    render(<MyAppointmentsPage />);
    await waitFor(() => expect(screen.getAllByTestId('my-appointment')).toHaveLength(2));
    fireEvent.click(within(screen.getAllByTestId('my-appointment')[1]!).getByText('取消预约'));
    await screen.findByText(/确定取消「上门安装 .*」的预约吗？/);
    expect(callsOf('cancel')).toEqual([]);
    typeInTextArea(document.querySelector('.kefu-dialog-field'), '临时有事');
    fireEvent.click(screen.getByText('确定取消'));
    await waitFor(() => expect(callsOf('cancel')).toEqual([{ action: 'cancel', id: 'appt-1', reason: '临时有事' }]));
    await waitFor(() => expect(taro.toasts).toContain('预约已取消'));
    expect(callsOf('mine')).toHaveLength(2);
  });

  it('reschedules to a slot picked with the booking pickers', async () => {
    render(<MyAppointmentsPage />);
    await waitFor(() => expect(screen.getAllByTestId('my-appointment')).toHaveLength(2));
    fireEvent.click(within(screen.getAllByTestId('my-appointment')[1]!).getByText('改期'));
    const panel = await screen.findByTestId('reschedule-panel');
    fireEvent.click(await within(panel).findByTestId(`day-${day(4)}`));
    await waitFor(() => expect(within(panel).getAllByTestId('slot')).toHaveLength(3));
    fireEvent.click(within(panel).getAllByTestId('slot')[2]!);
    fireEvent.click(within(panel).getByText('确认改期'));
    await screen.findByText(/改到 \d+月\d+日 周. 13:00–15:00？/);
    fireEvent.click(screen.getAllByText('确认改期').at(-1)!);
    await waitFor(() => expect(callsOf('reschedule')).toEqual([{ action: 'reschedule', id: 'appt-1', start: at(day(4), '13:00') }]));
    await waitFor(() => expect(taro.toasts).toContain('已改期'));
  });

  it('shows the empty state with a way to book', async () => {
    fake.functions!.ok('appointment.mine', []);
    render(<MyAppointmentsPage />);
    await screen.findByText('暂无即将到来的预约');
    fireEvent.click(screen.getByText('预约服务'));
    expect(taro.navigations).toEqual(['/pages/book/index']);
  });
});
