// Appointments end to end: the real H5 build served by the emulator, in headless Chromium.
// A customer books (allowing notifications in the emulated WeChat prompt) and sees the booking in
// 我的预约; an agent confirms it in the staff schedule; the outbox holds the confirmation message.
import { describe, expect, it } from 'vitest';
import { opened } from '../helpers/emulator';
import { useH5 } from '../helpers/h5';

const h5 = useH5();

/** `YYYY-MM-DD` today in UTC+8. */
function businessToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

interface OutboxMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
}

const CUSTOMER = 'e2e-booker';
const ADDRESS = '上海市徐汇区漕溪北路 88 号 3 楼';

describe('appointments (H5)', () => {
  it('a customer books with notifications allowed, sees it in 我的预约; an agent confirms; the outbox has the confirmation', async () => {
    // Quiet hours (22:00–08:00 UTC+8 in the demo data) would hold the confirmation until morning;
    // equal start and end switch them off, so the test means the same at any hour.
    h5.emu.db.update('settings', 'notifications', { quietStart: '00:00', quietEnd: '00:00' });
    const service = h5.emu.db.get('appointment_services', 'svc-install')!;
    const template = h5.emu.db.find('notification_templates', { event: 'appointment_confirmed' })[0];

    // --- customer books
    const customer = await h5.freshPage();
    await h5.loginAs(customer, 'customer', CUSTOMER);
    await customer.locator('.kefu-entry-book:visible').click();
    await customer.locator('[data-testid="service-svc-install"]:visible').click();
    const day = customer.locator('.kefu-day:not(.kefu-day--disabled):visible').first();
    await day.waitFor();
    expect(await customer.locator('.kefu-day:visible').count()).toBe(14);
    await day.click();
    const slot = customer.locator('.kefu-slot:not(.kefu-slot--disabled):visible').first();
    await slot.waitFor();
    expect(await slot.textContent()).toMatch(/^\d\d:\d\d–\d\d:\d\d剩余 \d+ 个名额$/);
    await slot.click();

    await customer.locator('[data-testid="book-name"]:visible input').fill('张晓雯');
    await customer.locator('[data-testid="book-phone"]:visible input').fill('13800138000');
    await customer.locator('[data-testid="book-note"]:visible textarea').fill(ADDRESS);
    await customer.locator('[data-testid="book-submit"]:visible').click();

    // The emulated WeChat prompt comes from the tap; allowing it subscribes at "WeChat" and records grants.
    await customer.getByText('是否接收预约通知？').waitFor();
    const allow = customer.locator('.nut-dialog-footer-ok:visible');
    expect((await allow.textContent())!.trim()).toBe('允许');
    await allow.click();
    const success = customer.locator('[data-testid="book-success"]:visible');
    await success.waitFor();
    expect(await success.textContent()).toContain(String(service.name));
    expect(await success.textContent()).toContain('已预约');

    const booked = h5.emu.db.find('appointments', { customer: CUSTOMER }).map((a) => opened(h5.emu, 'appointments', a));
    expect(booked).toHaveLength(1);
    const appointment = booked[0]!;
    expect(appointment.address).toBe(ADDRESS);

    await customer.locator('.kefu-book__to-mine:visible').click();
    const mine = customer.locator('[data-testid="my-appointment"]:visible');
    await mine.first().waitFor();
    expect(await mine.count()).toBe(1);
    expect(await mine.first().textContent()).toContain(String(service.name));
    expect(await mine.first().textContent()).toContain('已预约');
    expect(await mine.first().textContent()).toContain(ADDRESS);

    // --- an agent confirms it from the schedule
    const agent = await h5.freshPage();
    await h5.loginAs(agent, 'agent');
    await agent.locator('.kefu-staff-entry--desk:visible').click();
    await agent.locator('.kefu-desk__schedule:visible').click();
    await agent.locator('[data-testid="schedule-date"]:visible').waitFor();
    const ahead = daysBetween(businessToday(), String(appointment.day));
    for (let i = 0; i < ahead; i += 1) await agent.locator('[data-testid="schedule-next"]:visible').click();
    // Staff see the contact masked (the name to its first character, the phone in the middle).
    const card = agent.locator('[data-testid="staff-appointment"]:visible', { hasText: '张** · 138****8000' });
    await card.waitFor();
    expect(await card.textContent()).not.toContain('张晓雯');
    await card.locator('.kefu-schedule__action--confirm').click();
    const ok = agent.locator('.nut-dialog-footer-ok:visible');
    expect((await ok.textContent())!.trim()).toBe('确认预约');
    await ok.click();
    await card.locator('.kefu-appt-status--confirmed').waitFor();
    expect(h5.emu.db.get('appointments', String(appointment._id))!.status).toBe('confirmed');

    // --- the confirmation went out, as WeChat would have received it
    const res = await h5.emu.raw('/api/dev/outbox');
    const outbox = ((await res.json()) as { data: OutboxMessage[] }).data;
    const message = outbox.find((m) => m.touser === CUSTOMER);
    expect(message, JSON.stringify(outbox)).toBeDefined();
    expect(template).toBeDefined();
    expect(message!.template_id).toBe(String(template!.templateId));
    expect(message!.page).toBe(`pages/appointments/index?id=${String(appointment._id)}`);
    expect(message!.miniprogram_state).toBe('formal');
    // Every field of the registered template, filled from the appointment and valid for its type.
    const fields = template!.fields as Array<{ key: string; source: string }>;
    expect(Object.keys(message!.data).sort()).toEqual(fields.map((f) => f.key).sort());
    const bySource = Object.fromEntries(fields.map((f) => [f.source, message!.data[f.key]!.value]));
    expect(bySource.serviceName).toBe(String(service.name));
    expect(bySource.address).toBe(ADDRESS);
    expect(bySource.status).toBe('已确认');
    const start = new Date(Date.parse(String(appointment.start instanceof Date ? appointment.start.toISOString() : appointment.start)) + 8 * 3600_000);
    const wall = `${start.getUTCFullYear()}年${start.getUTCMonth() + 1}月${start.getUTCDate()}日 ${String(start.getUTCHours()).padStart(2, '0')}:${String(start.getUTCMinutes()).padStart(2, '0')}`;
    expect(bySource.start).toBe(wall);

    // 我的预约 follows: the customer's page shows the new status after a refresh.
    await customer.reload();
    await customer.locator('[data-testid="my-appointment"]:visible .kefu-appt-status--confirmed').waitFor();

    await customer.context().close();
    await agent.context().close();
  });
});
