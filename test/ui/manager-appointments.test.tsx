import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotificationRecord, TemplateView } from '../../core/api';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import ManagerPage from '../../miniprogram/manager/pages/index/index';
import HomePage from '../../miniprogram/pages/index/index';
import { services } from './appointment-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { categories, hot, whoami } from './fixtures';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const template: TemplateView = {
  id: 'tpl-1',
  event: 'appointment_confirmed',
  templateId: 'tmpl-confirmed',
  title: '预约成功通知',
  page: 'pages/appointments/index',
  fields: [
    { key: 'thing1', type: 'thing', label: '服务项目', source: 'serviceName' },
    { key: 'time2', type: 'time', label: '预约时间', source: 'start' },
  ],
  enabled: true,
};

const record: NotificationRecord = {
  id: 'n-1',
  event: 'appointment_confirmed',
  touser: 'openid-c1',
  templateId: 'tmpl-confirmed',
  page: 'pages/appointments/index',
  data: { thing1: { value: '上门安装' }, time2: { value: '2026-11-27 09:00' } },
  status: 'sent',
  reason: '',
  createdAt: '2026-11-26T01:00:00.000Z',
  sentAt: '2026-11-26T01:00:00.000Z',
};

function callsOf(action: string) {
  return fake.functions!.calls.filter((c) => c.event.action === action).map((c) => c.event);
}

function inputIn(root: HTMLElement, placeholder: string): HTMLInputElement {
  const input = root.querySelector(`input[placeholder="${placeholder}"]`);
  if (!(input instanceof HTMLInputElement)) throw new Error(`no input ${placeholder}`);
  return input;
}

function serviceCells(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.kefu-service-admin')];
}

function renderManager() {
  return render(
    <MeProvider>
      <ManagerPage />
    </MeProvider>,
  );
}

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('admin', '王芳'))
    .ok('admin.staff', [])
    .ok('appointment.services', services)
    .ok('appointment.saveService', (event) => ({ ...services[0], ...event }))
    .ok('templates.list', [template])
    .ok('templates.save', (event) => ({ ...template, ...event }))
    .ok('templates.remove', { removed: true })
    .ok('templates.settings', { dailyCap: 5, quietStart: '22:00', quietEnd: '08:00' })
    .ok('templates.saveSettings', (event) => event)
    .ok('templates.outbox', [record])
    .ok('faq.categories', categories)
    .ok('faq.hot', hot);
});

describe('manager: services, templates, outbox', () => {
  it('lists services and saves an edited one with every setting', async () => {
    renderManager();
    fireEvent.click(await screen.findByTestId('tab-services'));
    await waitFor(() => expect(serviceCells()).toHaveLength(2));
    expect(serviceCells()[1]!.textContent).toContain('每次 30 分钟 · 每个时段 5 个名额');
    expect(serviceCells()[1]!.textContent).toContain('周一、二、三、四、五 09:00–20:00');
    fireEvent.click(serviceCells()[0]!);
    const form = await screen.findByTestId('service-form');
    fireEvent.click(within(form).getByTestId('weekday-7'));
    // The second text area: holidays, one a line.
    typeInTextArea(form.querySelectorAll('taro-textarea-core')[1]!, '2026-12-31\n2027-01-01');
    fireEvent.click(within(form).getByText('保存'));
    await waitFor(() => expect(callsOf('saveService')).toHaveLength(1));
    expect(callsOf('saveService')[0]).toEqual({
      action: 'saveService',
      id: 'svc-install',
      name: '上门安装',
      description: '空调、热水器上门安装调试',
      durationMinutes: 120,
      capacityPerSlot: 4,
      workingDays: [1, 2, 3, 4, 5, 6],
      hours: { start: '09:00', end: '17:00' },
      holidays: ['2026-12-31', '2027-01-01'],
      leadHours: 24,
      maxDaysAhead: 14,
      cancelCutoffHours: 2,
      enabled: true,
    });
    await waitFor(() => expect(taro.toasts).toContain('已保存'));
  });

  it('checks a new service on the client before saving', async () => {
    renderManager();
    fireEvent.click(await screen.findByTestId('tab-services'));
    fireEvent.click(await screen.findByText('新增服务'));
    const form = await screen.findByTestId('service-form');
    fireEvent.click(within(form).getByText('保存'));
    expect(taro.toasts).toEqual(['请填写服务名称']);
    expect(callsOf('saveService')).toEqual([]);
  });

  it('shows templates and saves the sending limits', async () => {
    renderManager();
    fireEvent.click(await screen.findByTestId('tab-templates'));
    const item = await waitFor(() => { const el = document.querySelector<HTMLElement>('.kefu-template-admin'); if (!el) throw new Error('no template'); return el; });
    expect(item.textContent).toContain('预约确认 · 预约成功通知');
    expect(item.textContent).toContain('服务项目（事物）');
    const settings = screen.getByTestId('notify-settings');
    await waitFor(() => expect(settings.querySelectorAll('input')).toHaveLength(3));
    fireEvent.input(settings.querySelectorAll('input')[0]!, { target: { value: '3' } });
    fireEvent.click(within(settings).getByText('保存设置'));
    await waitFor(() => expect(callsOf('saveSettings')).toEqual([{ action: 'saveSettings', dailyCap: 3, quietStart: '22:00', quietEnd: '08:00' }]));
  });

  it('creates a template with its fields', async () => {
    renderManager();
    fireEvent.click(await screen.findByTestId('tab-templates'));
    fireEvent.click(await screen.findByText('新增模板'));
    const form = await screen.findByTestId('template-form');
    fireEvent.click(within(form).getByText('预约提醒'));
    fireEvent.input(inputIn(form, '微信公众平台「订阅消息」中的模板 ID'), { target: { value: 'tmpl-reminder' } });
    fireEvent.input(inputIn(form, '如：预约成功通知'), { target: { value: '预约提醒' } });
    fireEvent.input(inputIn(form, '字段名，如 thing1'), { target: { value: 'thing1' } });
    fireEvent.input(inputIn(form, '名称，如 服务项目'), { target: { value: '服务项目' } });
    fireEvent.input(inputIn(form, '取值，如 serviceName'), { target: { value: 'serviceName' } });
    fireEvent.click(within(form).getByText('保存'));
    await waitFor(() =>
      expect(callsOf('save')).toEqual([
        {
          action: 'save',
          event: 'appointment_reminder',
          templateId: 'tmpl-reminder',
          title: '预约提醒',
          page: 'pages/appointments/index',
          fields: [{ key: 'thing1', label: '服务项目', source: 'serviceName' }],
          enabled: true,
        },
      ]),
    );
  });

  it('shows the outbox with status, event, time and field values', async () => {
    renderManager();
    fireEvent.click(await screen.findByTestId('tab-outbox'));
    const item = await screen.findByTestId('outbox-record');
    expect(item.textContent).toContain('预约确认');
    expect(item.textContent).toContain('已发送');
    expect(item.textContent).toContain('2026-11-26 09:00');
    expect(item.textContent).toContain('thing1上门安装');
    expect(item.textContent).toContain('模板：tmpl-confirmed');
    fireEvent.click(screen.getByTestId('outbox-status-skipped_no_grant'));
    await waitFor(() => expect(callsOf('outbox').at(-1)).toEqual({ action: 'outbox', status: 'skipped_no_grant', limit: 100 }));
  });
});

describe('home: appointment entries', () => {
  it('opens booking and my appointments', async () => {
    const { container } = render(
      <MeProvider>
        <HomePage />
      </MeProvider>,
    );
    fireEvent.click(container.querySelector('.kefu-entry-book')!);
    fireEvent.click(container.querySelector('.kefu-entry-appointments')!);
    expect(taro.navigations).toEqual(['/pages/book/index', '/pages/appointments/index']);
    await waitFor(() => expect(container.querySelectorAll('.kefu-category')).toHaveLength(3));
  });
});
