import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AgentDeskPage from '../../miniprogram/agent/pages/index/index';
import StaffSchedulePage from '../../miniprogram/agent/pages/appointments/index';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { appointment, at, day, days, services, slotsOf, today } from './appointment-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const booked = appointment({ id: 'appt-b', start: at(today, '13:00'), end: at(today, '15:00'), status: 'booked', phone: '138****8000', customer: 'openid-c1' });
const confirmed = appointment({ id: 'appt-c', name: '李建国', start: at(today, '09:00'), end: at(today, '11:00'), status: 'confirmed', phone: '139****5678' });
const done = appointment({ id: 'appt-d', name: '周婷', start: at(today, '11:00'), end: at(today, '13:00'), status: 'done', phone: '186****2468' });

function callsOf(action: string) {
  return fake.functions!.calls.filter((c) => c.event.action === action).map((c) => c.event);
}

function renderSchedule() {
  return render(
    <MeProvider>
      <StaffSchedulePage />
    </MeProvider>,
  );
}

/** The dialog's button, not its title (some titles read the same as the button). */
function dialogButton(text: string): HTMLElement {
  const button = screen.getAllByText(text).find((el) => el.closest('.nut-dialog-footer'));
  if (!button) throw new Error(`no dialog button ${text}`);
  return button;
}

async function cards() {
  await waitFor(() => expect(screen.getAllByTestId('staff-appointment')).toHaveLength(3));
  return screen.getAllByTestId('staff-appointment');
}

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('agent', '客服小暖'))
    .ok('appointment.services', services)
    .ok('appointment.list', [booked, done, confirmed])
    .ok('appointment.days', days)
    .ok('appointment.slots', (event) => slotsOf(String(event.date)))
    .ok('appointment.confirm', { ...booked, status: 'confirmed' })
    .ok('appointment.complete', (event) => ({ ...confirmed, status: event.outcome }))
    .ok('appointment.staffCancel', { ...booked, status: 'cancelled' })
    .ok('appointment.staffReschedule', (event) => ({ ...booked, start: String(event.start) }));
});

describe('staff schedule', () => {
  it('marks an appointment whose note or address WeChat asked to review (内容待复核), and only that one', async () => {
    fake.functions!.ok('appointment.list', [{ ...booked, review: true }, done, confirmed]);
    renderSchedule();
    const list = await cards();
    const flagged = list.filter((card) => within(card).queryByTestId('appt-review'));
    expect(flagged).toHaveLength(1);
    expect(within(flagged[0]!).getByTestId('appt-review').textContent).toBe('内容待复核');
  });

  it('lists today by start time with customer name, masked phone and status', async () => {
    renderSchedule();
    const [first, second, third] = await cards();
    expect(callsOf('list')[0]).toEqual({ action: 'list', date: today });
    expect(first!.textContent).toContain('09:00–11:00 上门安装');
    expect(first!.textContent).toContain('李建国 · 139****5678');
    expect(first!.textContent).toContain('已确认');
    expect(second!.textContent).toContain('已完成');
    expect(third!.textContent).toContain('已预约');
    expect(within(second!).queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByTestId('schedule-date').textContent).toContain('今天');
  });

  it('switches days and filters by service and status', async () => {
    renderSchedule();
    await cards();
    fireEvent.click(screen.getByTestId('schedule-next'));
    await waitFor(() => expect(callsOf('list').at(-1)).toEqual({ action: 'list', date: day(1) }));
    fireEvent.click(await screen.findByTestId('filter-service-svc-callback'));
    await waitFor(() => expect(callsOf('list').at(-1)).toEqual({ action: 'list', date: day(1), serviceId: 'svc-callback' }));
    fireEvent.click(screen.getByTestId('filter-status-booked'));
    await waitFor(() => expect(callsOf('list').at(-1)).toEqual({ action: 'list', date: day(1), serviceId: 'svc-callback', status: 'booked' }));
    fireEvent.click(screen.getByText('回到今天'));
    await waitFor(() => expect(callsOf('list').at(-1)).toEqual({ action: 'list', date: today, serviceId: 'svc-callback', status: 'booked' }));
  });

  it('confirms a booked appointment after the dialog', async () => {
    renderSchedule();
    const [, , bookedCard] = await cards();
    fireEvent.click(within(bookedCard!).getByText('确认'));
    await screen.findByText(/确认「张晓雯 上门安装 13:00–15:00」？/);
    expect(callsOf('confirm')).toEqual([]);
    fireEvent.click(dialogButton('确认预约'));
    await waitFor(() => expect(callsOf('confirm')).toEqual([{ action: 'confirm', id: 'appt-b' }]));
    await waitFor(() => expect(taro.toasts).toContain('已确认'));
  });

  it('marks a confirmed appointment done or no-show', async () => {
    renderSchedule();
    const [confirmedCard] = await cards();
    fireEvent.click(within(confirmedCard!).getByText('标记完成'));
    await screen.findByText('将「李建国 上门安装 09:00–11:00」标记为已完成？');
    fireEvent.click(dialogButton('标记完成'));
    await waitFor(() => expect(callsOf('complete')).toEqual([{ action: 'complete', id: 'appt-c', outcome: 'done' }]));

    fireEvent.click(within(confirmedCard!).getByText('未到场'));
    await screen.findByText('将「李建国 上门安装 09:00–11:00」标记为客户未到场？');
    fireEvent.click(dialogButton('标记未到场'));
    await waitFor(() => expect(callsOf('complete').at(-1)).toEqual({ action: 'complete', id: 'appt-c', outcome: 'no_show' }));
  });

  it('cancels only with a reason', async () => {
    renderSchedule();
    const [, , bookedCard] = await cards();
    fireEvent.click(within(bookedCard!).getByText('取消'));
    await screen.findByText(/取消「张晓雯 上门安装 13:00–15:00」？将通知客户。/);
    fireEvent.click(dialogButton('取消预约'));
    await new Promise((r) => setTimeout(r, 20));
    expect(callsOf('staffCancel')).toEqual([]);
    typeInTextArea(document.querySelector('.kefu-dialog-field'), '师傅临时生病');
    fireEvent.click(dialogButton('取消预约'));
    await waitFor(() => expect(callsOf('staffCancel')).toEqual([{ action: 'staffCancel', id: 'appt-b', reason: '师傅临时生病' }]));
  });

  it('reschedules through the slot pickers and a confirmation', async () => {
    renderSchedule();
    const [, , bookedCard] = await cards();
    fireEvent.click(within(bookedCard!).getByText('改期'));
    const panel = await screen.findByTestId('staff-reschedule-panel');
    fireEvent.click(await within(panel).findByTestId(`day-${day(1)}`));
    await waitFor(() => expect(within(panel).getAllByTestId('slot')).toHaveLength(3));
    fireEvent.click(within(panel).getAllByTestId('slot')[0]!);
    fireEvent.click(within(panel).getByText('改到这个时段'));
    await screen.findByText(/将「张晓雯 上门安装 13:00–15:00」改到 \d+月\d+日 周. 09:00–11:00？/);
    fireEvent.click(dialogButton('确认改期'));
    await waitFor(() => expect(callsOf('staffReschedule')).toEqual([{ action: 'staffReschedule', id: 'appt-b', start: at(day(1), '09:00') }]));
  });

  it('the desk links to the schedule', async () => {
    render(
      <MeProvider>
        <AgentDeskPage />
      </MeProvider>,
    );
    fireEvent.click(await screen.findByText('预约日程'));
    expect(taro.navigations).toEqual(['/agent/pages/appointments/index']);
  });
});
