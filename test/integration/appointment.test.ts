// Appointments end to end: services, slots, booking that never overbooks, idempotent retries, cancel and
// reschedule rules, the staff schedule — through the gateway, the real bundle, wx-server-sdk and the
// emulator's database (demo data).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDay } from '../../core/appointments';
import { data, errorCode, opened, startTestEmulator, type TestEmulator } from '../helpers/emulator';

interface ServiceView {
  id: string;
  name: string;
  holidays: string[];
  cancelCutoffHours: number;
  enabled: boolean;
  capacityPerSlot: number;
}
interface SlotView {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}
interface DayView {
  date: string;
  open: boolean;
  remaining: number;
}
interface AppointmentView {
  id: string;
  serviceId: string;
  serviceName: string;
  start: string;
  end: string;
  status: string;
  name: string;
  phone: string;
  address: string;
  note: string;
  changeable: boolean;
  customer?: string;
}
type Res = { status: number; body: Record<string, unknown> };

const CHINESE = /[\u4e00-\u9fa5]/;
const messageOf = (res: Res) => (res.body.error as { message: string }).message;

/** Tomorrow and the day after, in UTC+8 (slots there are never past, whatever the time of the run). */
const today = () => businessDay(new Date());
const dayPlus = (n: number) => addDays(today(), n);
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

/** A service with capacity 1 per slot, open every day 09:00–18:00, no lead time, cut-off 2 h. */
const SINGLE = {
  id: 'svc-t-single',
  name: '测试单人时段',
  durationMinutes: 60,
  capacityPerSlot: 1,
  workingDays: [1, 2, 3, 4, 5, 6, 7],
  hours: { start: '09:00', end: '18:00' },
  leadHours: 0,
  maxDaysAhead: 30,
  cancelCutoffHours: 2,
};
/** Slots every 30 minutes around the clock with no lead time: the next one always starts within 30 minutes. */
const QUICK = { ...SINGLE, id: 'svc-t-quick', name: '测试随时', durationMinutes: 30, capacityPerSlot: 3, hours: { start: '00:00', end: '23:30' } };

describe('appointment (demo data)', () => {
  let emu: TestEmulator;
  let admin: string;
  let agent: string;
  const customers: string[] = [];
  const customer = (i: number) => customers[i]!;
  const snapshot = () => JSON.stringify([emu.db.find('appointments', {}, { sort: { _id: 1 } }), emu.db.find('slot_counters', {}, { sort: { _id: 1 } })]);
  const counter = (serviceId: string, start: string) => (emu.db.get('slot_counters', `${serviceId}|${start}`)?.taken as number | undefined) ?? 0;
  const booking = (serviceId: string, start: string, extra: Record<string, unknown> = {}) => ({
    action: 'book',
    serviceId,
    start,
    name: '张三',
    phone: '138 0013 8000',
    address: '上海市浦东新区世纪大道 100 号',
    ...extra,
  });
  const book = async (token: string, serviceId: string, start: string, extra: Record<string, unknown> = {}) =>
    data<AppointmentView>(await emu.call(token, 'appointment', booking(serviceId, start, extra)));

  beforeAll(async () => {
    emu = await startTestEmulator();
    admin = await emu.login('admin');
    agent = await emu.login('agent');
    for (let i = 0; i < 10; i++) customers.push(await emu.login('customer', { openid: `apt-customer-${i}` }));
    for (const svc of [SINGLE, QUICK]) data(await emu.call(admin, 'appointment', { action: 'saveService', ...svc }));
  });
  afterAll(() => emu.close());

  describe('services, slots and days', () => {
    it('customers see enabled services with defaults for fields the seed lacks; managers see all', async () => {
      data(await emu.call(admin, 'appointment', { action: 'saveService', ...SINGLE, id: 'svc-t-off', name: '已停用服务', enabled: false }));
      const list = data<ServiceView[]>(await emu.call(customer(0), 'appointment', { action: 'services' }));
      const install = list.find((s) => s.id === 'svc-install')!;
      expect(install).toMatchObject({ name: '上门安装', holidays: [], cancelCutoffHours: 2, enabled: true, capacityPerSlot: 4 });
      expect(list.map((s) => s.id)).toEqual(expect.arrayContaining(['svc-install', 'svc-store-repair', 'svc-callback', 'svc-cleaning', SINGLE.id]));
      expect(list.some((s) => s.id === 'svc-t-off')).toBe(false);
      const all = data<ServiceView[]>(await emu.call(admin, 'appointment', { action: 'services' }));
      expect(all.find((s) => s.id === 'svc-t-off')).toMatchObject({ enabled: false });
      expect(errorCode(await emu.call(customer(0), 'appointment', { action: 'slots', serviceId: 'svc-t-off', date: dayPlus(2) }))).toBe('NOT_FOUND');
      expect(errorCode(await emu.call(customer(0), 'appointment', { action: 'slots', serviceId: 'no-such-service', date: dayPlus(2) }))).toBe('NOT_FOUND');
    });

    it('slots of a day: ISO starts with +08:00, capacity and places left', async () => {
      const slots = data<SlotView[]>(await emu.call(customer(0), 'appointment', { action: 'slots', serviceId: 'svc-install', date: dayPlus(2) }));
      expect(slots).toEqual([
        { start: at(dayPlus(2), '09:00'), end: at(dayPlus(2), '11:00'), capacity: 4, remaining: 4 },
        { start: at(dayPlus(2), '11:00'), end: at(dayPlus(2), '13:00'), capacity: 4, remaining: 4 },
        { start: at(dayPlus(2), '13:00'), end: at(dayPlus(2), '15:00'), capacity: 4, remaining: 4 },
        { start: at(dayPlus(2), '15:00'), end: at(dayPlus(2), '17:00'), capacity: 4, remaining: 4 },
      ]);
      // past days and days beyond the window list nothing
      expect(data<SlotView[]>(await emu.call(customer(0), 'appointment', { action: 'slots', serviceId: 'svc-install', date: dayPlus(-1) }))).toEqual([]);
      expect(data<SlotView[]>(await emu.call(customer(0), 'appointment', { action: 'slots', serviceId: 'svc-install', date: dayPlus(15) }))).toEqual([]);
      expect(errorCode(await emu.call(customer(0), 'appointment', { action: 'slots', serviceId: 'svc-install', date: '2026-02-30' }))).toBe('INVALID_INPUT');
    });

    it('days: the next 14 days from today (UTC+8); weekends closed for the call-back service', async () => {
      const days = data<DayView[]>(await emu.call(customer(0), 'appointment', { action: 'days', serviceId: 'svc-callback' }));
      expect(days).toHaveLength(14);
      expect(days[0]!.date).toBe(today());
      for (const d of days) {
        const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
        if (weekday === 0 || weekday === 6) expect(d).toEqual({ date: d.date, open: false, remaining: 0 });
      }
      const weekday = days.find((d, i) => i >= 1 && d.open)!;
      expect(weekday.remaining).toBe(22 * 5); // 09:00–20:00 every 30 min, 5 places each
      const later = data<DayView[]>(await emu.call(customer(0), 'appointment', { action: 'days', serviceId: 'svc-install', from: dayPlus(10), count: 7 }));
      expect(later.map((d) => d.open)).toEqual([true, true, true, true, true, false, false]); // window: today + 14
    });
  });

  describe('booking', () => {
    it('book → mine; the customer sees their phone, staff see it masked', async () => {
      const start = at(dayPlus(2), '11:00');
      const before = counter('svc-install', start);
      const appt = await book(customer(0), 'svc-install', start, { note: '请带梯子' });
      expect(appt).toMatchObject({ serviceId: 'svc-install', serviceName: '上门安装', start, end: at(dayPlus(2), '13:00'), status: 'booked', name: '张三', phone: '13800138000', note: '请带梯子', changeable: true });
      expect(appt.customer).toBeUndefined();
      expect(counter('svc-install', start)).toBe(before + 1);
      const stored = opened(emu, 'appointments', emu.db.get('appointments', appt.id)!);
      expect(stored).toMatchObject({ customer: 'apt-customer-0', day: dayPlus(2), phone: '13800138000', status: 'booked' });
      expect(stored.start).toBeInstanceOf(Date);
      expect(stored.history).toEqual([expect.objectContaining({ by: 'apt-customer-0', action: 'book', from: null, to: 'booked' })]);

      const mine = data<AppointmentView[]>(await emu.call(customer(0), 'appointment', { action: 'mine' }));
      expect(mine.find((a) => a.id === appt.id)).toMatchObject({ phone: '13800138000', status: 'booked' });
      const slots = data<SlotView[]>(await emu.call(customer(1), 'appointment', { action: 'slots', serviceId: 'svc-install', date: dayPlus(2) }));
      expect(slots.find((s) => s.start === start)!.remaining).toBe(4 - (before + 1));

      const schedule = data<AppointmentView[]>(await emu.call(agent, 'appointment', { action: 'list', date: dayPlus(2), serviceId: 'svc-install' }));
      expect(schedule.find((a) => a.id === appt.id)).toMatchObject({ phone: '138****8000', customer: 'apt-customer-0', serviceName: '上门安装' });
    });

    it('mine: upcoming first (soonest first), then past', async () => {
      const c = customer(9);
      const later = await book(c, SINGLE.id, at(dayPlus(5), '10:00'));
      const sooner = await book(c, SINGLE.id, at(dayPlus(4), '10:00'));
      const start = new Date(Date.now() - 48 * 3600_000);
      emu.db.insert('appointments', [
        { _id: 'apt-old-1', serviceId: SINGLE.id, customer: 'apt-customer-9', start, end: new Date(start.getTime() + 3600_000), day: businessDay(start), name: '张三', phone: '13800138000', address: '', note: '', status: 'done', createdAt: start, updatedAt: start, history: [] },
      ]);
      const mine = data<AppointmentView[]>(await emu.call(c, 'appointment', { action: 'mine' }));
      expect(mine.map((a) => a.id)).toEqual([sooner.id, later.id, 'apt-old-1']);
      expect(mine[2]!.changeable).toBe(false);
    });

    it('eight customers take the last place at once: exactly one wins, nothing is overbooked', async () => {
      const start = at(dayPlus(1), '10:00');
      const results = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((i) => emu.call(customer(i), 'appointment', booking(SINGLE.id, start))));
      const winners = results.filter((r) => r.body.ok === true);
      expect(winners).toHaveLength(1);
      const losers = results.filter((r) => r.body.ok !== true);
      for (const r of losers) {
        expect(['CONFLICT', 'UNAVAILABLE']).toContain(errorCode(r));
        expect(messageOf(r)).toMatch(CHINESE);
      }
      expect(losers.filter((r) => errorCode(r) === 'CONFLICT').map(messageOf)).toContain('该时段已约满，请选择其他时间');
      expect(counter(SINGLE.id, start)).toBe(1);
      expect(emu.db.find('appointments', { serviceId: SINGLE.id, start: new Date(start) })).toHaveLength(1);
      const slots = data<SlotView[]>(await emu.call(customer(0), 'appointment', { action: 'slots', serviceId: SINGLE.id, date: dayPlus(1) }));
      expect(slots.find((s) => s.start === start)!.remaining).toBe(0);
    });

    it('the same idempotency key books once: a retry and three concurrent taps return the same booking', async () => {
      const start = at(dayPlus(2), '13:00');
      const key = 'tap-0001-abcdef';
      const first = await book(customer(1), 'svc-install', start, { idempotencyKey: key });
      const again = await book(customer(1), 'svc-install', start, { idempotencyKey: key });
      expect(again.id).toBe(first.id);
      expect(counter('svc-install', start)).toBe(1);

      const burstKey = 'tap-0002-abcdef';
      const burst = await Promise.all([0, 1, 2].map(() => emu.call(customer(2), 'appointment', booking('svc-install', start, { idempotencyKey: burstKey }))));
      const ids = burst.map((r) => data<AppointmentView>(r).id);
      expect(new Set(ids).size).toBe(1);
      expect(emu.db.find('appointments', { idempotencyKey: burstKey })).toHaveLength(1);
      expect(counter('svc-install', start)).toBe(2);

      // keys belong to one customer: another customer's same key is another booking
      const other = await book(customer(3), 'svc-install', start, { idempotencyKey: key });
      expect(other.id).not.toBe(first.id);
      expect(counter('svc-install', start)).toBe(3);
      // without a key, each call books anew
      const a = await book(customer(4), 'svc-cleaning', at(dayPlus(2), '10:30'));
      const b = await book(customer(4), 'svc-cleaning', at(dayPlus(2), '10:30'));
      expect(a.id).not.toBe(b.id);
    });
  });

  describe('idempotency keys: a lock document beside a random id', () => {
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    /** Every id a hash of (OPENID, key) could be taken for: either order, common separators, full or cut to 32. */
    const derivable = (openid: string, key: string) =>
      ['\n', '|', ':', '', ' ', '\u0000'].flatMap((sep) => [`${openid}${sep}${key}`, `${key}${sep}${openid}`]).flatMap((text) => [sha256(text), sha256(text).slice(0, 32)]);
    const lockOf = (openid: string, key: string) => emu.db.get('appointment_keys', sha256(`${openid}\n${key}`));
    const RANDOM_ID = /^[0-9a-f]{32}$/;

    it('the same key twice: the same appointment, one row, one place; the lock names it and nothing else', async () => {
      const openid = 'apt-key-twice';
      const token = await emu.login('customer', { openid });
      const start = at(dayPlus(10), '09:00');
      const key = 'retry-0001-abcdef';
      const first = await book(token, SINGLE.id, start, { idempotencyKey: key });
      // The slot (capacity 1) is now full: the retry still gets its booking, not CONFLICT.
      const again = await book(token, SINGLE.id, start, { idempotencyKey: key });
      expect(again).toEqual(first);
      expect(first.id).toMatch(RANDOM_ID);
      expect(derivable(openid, key)).not.toContain(first.id);
      expect(emu.db.find('appointments', { customer: openid })).toHaveLength(1);
      expect(data<AppointmentView[]>(await emu.call(token, 'appointment', { action: 'mine' })).map((a) => a.id)).toEqual([first.id]);
      expect(counter(SINGLE.id, start)).toBe(1);

      const lock = lockOf(openid, key)!;
      expect(Object.keys(lock).sort()).toEqual(['_id', 'appointmentId', 'createdAt']);
      expect(lock.appointmentId).toBe(first.id);
      for (const secret of [openid, key, '张三', '13800138000', '世纪大道']) expect(JSON.stringify(lock)).not.toContain(secret);
      expect(emu.db.count('appointment_keys', { appointmentId: first.id })).toBe(1);

      // Whatever became of it: cancelled, the same key still answers with that booking and books nothing.
      data(await emu.call(token, 'appointment', { action: 'cancel', id: first.id }));
      const afterCancel = await book(token, SINGLE.id, start, { idempotencyKey: key });
      expect(afterCancel).toMatchObject({ id: first.id, status: 'cancelled' });
      expect(emu.db.find('appointments', { customer: openid })).toHaveLength(1);
      expect(counter(SINGLE.id, start)).toBe(0);
      // A new key is a new booking.
      const fresh = await book(token, SINGLE.id, start, { idempotencyKey: 'retry-0002-abcdef' });
      expect(fresh.id).not.toBe(first.id);
      expect(emu.db.find('appointments', { customer: openid })).toHaveLength(2);
    });

    it('the same key from two customers: two appointments with unrelated random ids', async () => {
      const [a, b] = ['apt-key-a', 'apt-key-b'];
      const key = 'shared-key-0001';
      const start = at(dayPlus(11), '10:00');
      const one = await book(await emu.login('customer', { openid: a }), QUICK.id, start, { idempotencyKey: key });
      const two = await book(await emu.login('customer', { openid: b }), QUICK.id, start, { idempotencyKey: key });
      expect(one.id).not.toBe(two.id);
      for (const id of [one.id, two.id]) {
        expect(id).toMatch(RANDOM_ID);
        expect([...derivable(a, key), ...derivable(b, key)]).not.toContain(id);
      }
      expect(emu.db.find('appointments', { customer: a }).map((d) => d._id)).toEqual([one.id]);
      expect(emu.db.find('appointments', { customer: b }).map((d) => d._id)).toEqual([two.id]);
      expect(counter(QUICK.id, start)).toBe(2);
      // Two locks, one per customer, each naming its own customer's booking.
      expect(lockOf(a, key)!.appointmentId).toBe(one.id);
      expect(lockOf(b, key)!.appointmentId).toBe(two.id);
    });

    it('concurrent bookings with one key: exactly one appointment, every caller gets it', async () => {
      const openid = 'apt-key-burst';
      const token = await emu.login('customer', { openid });
      const start = at(dayPlus(12), '11:00');
      const key = 'burst-0001-abcdef';
      const results = await Promise.all([0, 1, 2, 3, 4].map(() => emu.call(token, 'appointment', booking(QUICK.id, start, { idempotencyKey: key }))));
      const ids = results.map((r) => data<AppointmentView>(r).id);
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).toMatch(RANDOM_ID);
      expect(derivable(openid, key)).not.toContain(ids[0]);
      expect(emu.db.find('appointments', { customer: openid })).toHaveLength(1);
      expect(emu.db.count('appointment_keys', { appointmentId: ids[0] })).toBe(1);
      expect(counter(QUICK.id, start)).toBe(1);
      // One booking, so one reporting event.
      expect(emu.db.count('events', { type: 'appointment_booked', appointmentId: ids[0] })).toBe(1);
    });
  });

  describe('cancel and reschedule', () => {
    it('cancel gives the place back', async () => {
      const start = at(dayPlus(1), '11:00');
      const appt = await book(customer(1), SINGLE.id, start);
      expect(errorCode(await emu.call(customer(2), 'appointment', booking(SINGLE.id, start)))).toBe('CONFLICT');
      const cancelled = data<AppointmentView>(await emu.call(customer(1), 'appointment', { action: 'cancel', id: appt.id, reason: '临时有事' }));
      expect(cancelled).toMatchObject({ status: 'cancelled', changeable: false });
      expect(counter(SINGLE.id, start)).toBe(0);
      expect(emu.db.get('appointments', appt.id)).toMatchObject({ status: 'cancelled', cancelReason: '临时有事' });
      expect(await book(customer(2), SINGLE.id, start)).toMatchObject({ status: 'booked' });
      expect(counter(SINGLE.id, start)).toBe(1);
      // cancelling twice is refused, and releases nothing more
      const twice = await emu.call(customer(1), 'appointment', { action: 'cancel', id: appt.id });
      expect(errorCode(twice)).toBe('CONFLICT');
      expect(messageOf(twice)).toBe('该预约已取消，无法取消');
      expect(counter(SINGLE.id, start)).toBe(1);
    });

    it('after the cut-off customers can neither cancel nor reschedule', async () => {
      const days = data<DayView[]>(await emu.call(customer(5), 'appointment', { action: 'days', serviceId: QUICK.id, count: 2 }));
      const day = days.find((d) => d.open)!.date;
      const next = data<SlotView[]>(await emu.call(customer(5), 'appointment', { action: 'slots', serviceId: QUICK.id, date: day }))[0]!;
      const appt = await book(customer(5), QUICK.id, next.start); // starts within 30 minutes; cut-off is 2 h
      expect(appt.changeable).toBe(false);
      const before = snapshot();
      const cancel = await emu.call(customer(5), 'appointment', { action: 'cancel', id: appt.id });
      expect(errorCode(cancel)).toBe('CONFLICT');
      expect(messageOf(cancel)).toContain('2 小时');
      const move = await emu.call(customer(5), 'appointment', { action: 'reschedule', id: appt.id, start: at(dayPlus(3), '10:00') });
      expect(errorCode(move)).toBe('CONFLICT');
      expect(snapshot()).toBe(before);
    });

    it('reschedule moves the place; to a full slot it is refused and nothing changes', async () => {
      const a = await book(customer(6), SINGLE.id, at(dayPlus(3), '09:00'));
      const b = await book(customer(7), SINGLE.id, at(dayPlus(3), '10:00'));
      const moved = data<AppointmentView>(await emu.call(customer(6), 'appointment', { action: 'reschedule', id: a.id, start: at(dayPlus(3), '11:00') }));
      expect(moved).toMatchObject({ id: a.id, start: at(dayPlus(3), '11:00'), end: at(dayPlus(3), '12:00'), status: 'booked' });
      expect(counter(SINGLE.id, at(dayPlus(3), '09:00'))).toBe(0);
      expect(counter(SINGLE.id, at(dayPlus(3), '11:00'))).toBe(1);
      const history = emu.db.get('appointments', a.id)!.history as Array<{ action: string; at: unknown; fromStart?: string; toStart?: string }>;
      expect(history.map((h) => h.action)).toEqual(['book', 'reschedule']);
      expect(history[1]).toMatchObject({ from: 'booked', to: 'booked', fromStart: at(dayPlus(3), '09:00'), toStart: at(dayPlus(3), '11:00') });
      expect(history[1]!.at).toBeInstanceOf(Date);

      const before = snapshot();
      const full = await emu.call(customer(7), 'appointment', { action: 'reschedule', id: b.id, start: at(dayPlus(3), '11:00') });
      expect(errorCode(full)).toBe('CONFLICT');
      expect(messageOf(full)).toBe('该时段已约满，请选择其他时间');
      const same = await emu.call(customer(7), 'appointment', { action: 'reschedule', id: b.id, start: at(dayPlus(3), '10:00') });
      expect(errorCode(same)).toBe('CONFLICT');
      const otherService = await emu.call(customer(7), 'appointment', { action: 'reschedule', id: b.id, start: at(dayPlus(3), '10:30') });
      expect(errorCode(otherService)).toBe('INVALID_INPUT');
      expect(snapshot()).toBe(before);
    });

    it('nobody can cancel or reschedule someone else’s booking (NOT_FOUND: ids reveal nothing)', async () => {
      const mine = await book(customer(8), SINGLE.id, at(dayPlus(4), '15:00'));
      const before = snapshot();
      for (const event of [
        { action: 'cancel', id: mine.id },
        { action: 'reschedule', id: mine.id, start: at(dayPlus(4), '16:00') },
        { action: 'cancel', id: 'no-such-appointment' },
      ]) {
        const res = await emu.call(customer(0), 'appointment', event);
        expect(errorCode(res)).toBe('NOT_FOUND');
        expect(messageOf(res)).toBe('预约不存在');
      }
      expect(snapshot()).toBe(before);
    });
  });

  describe('staff', () => {
    it('customers cannot call staff or manager actions; agents cannot configure services', async () => {
      const some = emu.db.find('appointments', {}, { limit: 1 })[0]!;
      for (const event of [
        { action: 'list', date: dayPlus(1) },
        { action: 'confirm', id: some._id },
        { action: 'complete', id: some._id, outcome: 'done' },
        { action: 'staffReschedule', id: some._id, start: at(dayPlus(5), '09:00') },
        { action: 'staffCancel', id: some._id, reason: '师傅请假' },
        { action: 'saveService', ...SINGLE },
      ]) {
        expect(errorCode(await emu.call(customer(0), 'appointment', event))).toBe('FORBIDDEN');
      }
      expect(errorCode(await emu.call(agent, 'appointment', { action: 'saveService', ...SINGLE }))).toBe('FORBIDDEN');
      // QA reviews conversations, not bookings
      const qa = await emu.login('qa');
      expect(errorCode(await emu.call(qa, 'appointment', { action: 'list', date: dayPlus(1) }))).toBe('FORBIDDEN');
    });

    it('the day’s schedule by start; confirm (notifies the customer), confirm again is harmless', async () => {
      const c = customer(3);
      // the customer allowed the messages: WeChat records it (emulated on h5), the page tells `templates.grant`
      const accepted = ['tmpl-appointment-confirmed', 'tmpl-appointment-rescheduled', 'tmpl-appointment-cancelled'];
      const subscribed = await emu.raw('/api/dev/subscribe', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c}` }, body: JSON.stringify({ accepted }) });
      expect(subscribed.status).toBe(200);
      data(await emu.call(c, 'templates', { action: 'grant', accepted }));
      const late = await book(c, SINGLE.id, at(dayPlus(6), '16:00'));
      const early = await book(customer(4), SINGLE.id, at(dayPlus(6), '09:00'));
      const list = data<AppointmentView[]>(await emu.call(agent, 'appointment', { action: 'list', date: dayPlus(6) }));
      expect(list.map((a) => a.id)).toEqual([early.id, late.id]);
      expect(list.every((a) => a.phone === '138****8000' && a.changeable)).toBe(true);
      expect(data<AppointmentView[]>(await emu.call(agent, 'appointment', { action: 'list', date: dayPlus(6), status: 'confirmed' }))).toEqual([]);

      const confirmed = data<AppointmentView>(await emu.call(agent, 'appointment', { action: 'confirm', id: late.id }));
      expect(confirmed).toMatchObject({ status: 'confirmed', phone: '138****8000', customer: 'apt-customer-3' });
      expect(data<AppointmentView>(await emu.call(agent, 'appointment', { action: 'confirm', id: late.id })).status).toBe('confirmed');
      expect((emu.db.get('appointments', late.id)!.history as unknown[]).length).toBe(2);
      expect(data<AppointmentView[]>(await emu.call(c, 'appointment', { action: 'mine' })).find((a) => a.id === late.id)!.status).toBe('confirmed');

      // exactly one notification attempt, and when sent (outside quiet hours) it is in the outbox
      const records = emu.db.find('notifications', { touser: 'apt-customer-3', event: 'appointment_confirmed' });
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ page: `pages/appointments/index?id=${late.id}` });
      expect(['sent', 'queued']).toContain(records[0]!.status);
      if (records[0]!.status === 'sent') {
        const outbox = (await (await emu.raw('/api/dev/outbox')).json()) as { data: Array<{ touser: string; page: string; data: Record<string, { value: string }> }> };
        const msg = outbox.data.find((m) => m.touser === 'apt-customer-3' && m.page === `pages/appointments/index?id=${late.id}`);
        expect(msg).toBeDefined();
        expect(msg!.data.thing1!.value).toBe(SINGLE.name);
      }
    });

    it('staff reschedule and cancel: places move and are released, the customer is told', async () => {
      const c = customer(3);
      const appt = await book(c, SINGLE.id, at(dayPlus(7), '09:00'));
      data(await emu.call(agent, 'appointment', { action: 'confirm', id: appt.id }));
      const moved = data<AppointmentView>(await emu.call(agent, 'appointment', { action: 'staffReschedule', id: appt.id, start: at(dayPlus(7), '14:00') }));
      expect(moved).toMatchObject({ start: at(dayPlus(7), '14:00'), status: 'confirmed' });
      expect(counter(SINGLE.id, at(dayPlus(7), '09:00'))).toBe(0);
      expect(counter(SINGLE.id, at(dayPlus(7), '14:00'))).toBe(1);
      expect(emu.db.find('notifications', { touser: 'apt-customer-3', event: 'appointment_rescheduled' })).toHaveLength(1);

      expect(errorCode(await emu.call(agent, 'appointment', { action: 'staffCancel', id: appt.id, reason: '' }))).toBe('INVALID_INPUT');
      const cancelled = data<AppointmentView>(await emu.call(agent, 'appointment', { action: 'staffCancel', id: appt.id, reason: '师傅临时请假，请重新预约' }));
      expect(cancelled.status).toBe('cancelled');
      expect(counter(SINGLE.id, at(dayPlus(7), '14:00'))).toBe(0);
      expect(emu.db.find('notifications', { touser: 'apt-customer-3', event: 'appointment_cancelled' })).toHaveLength(1);
      const again = await emu.call(agent, 'appointment', { action: 'confirm', id: appt.id });
      expect(errorCode(again)).toBe('CONFLICT');
      expect(messageOf(again)).toBe('该预约已取消，无法确认');
    });

    it('complete: not before the day; done and no-show are final', async () => {
      const future = await book(customer(2), SINGLE.id, at(dayPlus(8), '09:00'));
      const early = await emu.call(agent, 'appointment', { action: 'complete', id: future.id, outcome: 'done' });
      expect(errorCode(early)).toBe('CONFLICT');
      expect(messageOf(early)).toContain('当天');
      expect(errorCode(await emu.call(agent, 'appointment', { action: 'complete', id: future.id, outcome: 'no_show' }))).toBe('CONFLICT');

      const start = new Date(Date.now() - 3600_000);
      const past = (id: string) => ({ _id: id, serviceId: SINGLE.id, customer: 'apt-customer-2', start, end: new Date(start.getTime() + 3600_000), day: businessDay(start), name: '李四', phone: '13900139000', address: '', note: '', status: 'confirmed', createdAt: start, updatedAt: start, history: [] });
      emu.db.insert('appointments', [past('apt-past-done'), past('apt-past-noshow')]);
      expect(data<AppointmentView>(await emu.call(agent, 'appointment', { action: 'complete', id: 'apt-past-done', outcome: 'done' })).status).toBe('done');
      expect(data<AppointmentView>(await emu.call(agent, 'appointment', { action: 'complete', id: 'apt-past-noshow', outcome: 'no_show' })).status).toBe('no_show');
      const before = snapshot();
      const cancelDone = await emu.call(customer(2), 'appointment', { action: 'cancel', id: 'apt-past-done' });
      expect(errorCode(cancelDone)).toBe('CONFLICT');
      expect(messageOf(cancelDone)).toBe('该预约已完成，无法取消');
      expect(errorCode(await emu.call(agent, 'appointment', { action: 'staffCancel', id: 'apt-past-noshow', reason: '补录' }))).toBe('CONFLICT');
      expect(errorCode(await emu.call(agent, 'appointment', { action: 'complete', id: 'apt-past-done', outcome: 'no_show' }))).toBe('CONFLICT');
      expect(snapshot()).toBe(before);
    });

    it('managers save services; every save is audited', async () => {
      const saved = data<ServiceView>(await emu.call(admin, 'appointment', { action: 'saveService', ...SINGLE, holidays: [dayPlus(9)], capacityPerSlot: 2 }));
      expect(saved).toMatchObject({ id: SINGLE.id, capacityPerSlot: 2, holidays: [dayPlus(9)] });
      expect(data<SlotView[]>(await emu.call(customer(0), 'appointment', { action: 'slots', serviceId: SINGLE.id, date: dayPlus(9) }))).toEqual([]);
      const created = data<ServiceView>(await emu.call(admin, 'appointment', { action: 'saveService', ...SINGLE, id: undefined, name: '新服务' }));
      expect(created.id).toMatch(/^svc-/);
      expect(errorCode(await emu.call(admin, 'appointment', { action: 'saveService', ...SINGLE, hours: { start: '10:00', end: '10:30' } }))).toBe('INVALID_INPUT');
      const log = data<Array<{ action: string; target: string }>>(await emu.call(admin, 'admin', { action: 'audit', limit: 100 }));
      expect(log.filter((e) => e.target === `appointment_services/${SINGLE.id}`).map((e) => e.action)).toEqual(['service.update', 'service.create']);
      expect(log.some((e) => e.action === 'service.create' && e.target === `appointment_services/${created.id}`)).toBe(true);
    });
  });

  describe('bad input: a clear Chinese error and nothing written', () => {
    const nextSunday = () => {
      for (let i = 1; i <= 7; i++) if (new Date(`${dayPlus(i)}T00:00:00Z`).getUTCDay() === 0) return dayPlus(i);
      throw new Error('unreachable');
    };
    const cases: Array<[string, () => Record<string, unknown>, string]> = [
      ['a past slot', () => booking('svc-install', at(dayPlus(-1), '09:00')), 'CONFLICT'],
      ['a slot inside the lead time', () => booking('svc-install', at(today(), '15:00')), 'CONFLICT'],
      ['a day beyond the window', () => booking('svc-install', at(dayPlus(20), '09:00')), 'CONFLICT'],
      ['a start that is not a slot boundary', () => booking('svc-install', at(dayPlus(3), '09:30')), 'INVALID_INPUT'],
      ['a slot of another service', () => booking('svc-install', at(dayPlus(3), '18:30')), 'INVALID_INPUT'],
      ['a closed day', () => booking('svc-callback', at(nextSunday(), '10:00')), 'CONFLICT'],
      ['an unknown service', () => booking('svc-nothing', at(dayPlus(3), '09:00')), 'NOT_FOUND'],
      ['a short phone number', () => booking('svc-install', at(dayPlus(3), '09:00'), { phone: '12345' }), 'INVALID_INPUT'],
      ['a foreign phone number', () => booking('svc-install', at(dayPlus(3), '09:00'), { phone: '+1 415 555 0100' }), 'INVALID_INPUT'],
      ['a 500-character name', () => booking('svc-install', at(dayPlus(3), '09:00'), { name: '名'.repeat(500) }), 'INVALID_INPUT'],
      ['a time without offset', () => booking('svc-install', `${dayPlus(3)}T09:00:00`), 'INVALID_INPUT'],
      ['a 300-character note', () => booking('svc-install', at(dayPlus(3), '09:00'), { note: 'x'.repeat(300) }), 'INVALID_INPUT'],
    ];
    for (const [what, event, code] of cases) {
      it(what, async () => {
        const before = snapshot();
        const res = await emu.call(customer(0), 'appointment', event());
        expect(errorCode(res)).toBe(code);
        expect(messageOf(res)).toMatch(CHINESE);
        expect(snapshot()).toBe(before);
      });
    }

    it('a phone written with +86, spaces and dashes is stored normalized', async () => {
      const appt = await book(customer(0), 'svc-install', at(dayPlus(3), '09:00'), { phone: '+86 139-0013-9000' });
      expect(appt.phone).toBe('13900139000');
      expect(opened(emu, 'appointments', emu.db.get('appointments', appt.id)!).phone).toBe('13900139000');
    });
  });
});
