import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AgentDeskPage from '../../miniprogram/agent/pages/index/index';
import { DevRoleSwitcher } from '../../miniprogram/components/DevRoleSwitcher';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { getStorageSync, taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

beforeEach(() => {
  fake.functions = fakeFunctions();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('agent desk entry', () => {
  it('greets the agent by name with the role label from whoami', async () => {
    fake.functions!.ok('admin.whoami', whoami('agent', '李雷'));
    render(
      <MeProvider>
        <AgentDeskPage />
      </MeProvider>,
    );
    const card = await screen.findByTestId('desk-greeting');
    expect(card.textContent).toContain('你好，李雷');
    expect(card.textContent).toContain('客服');
    expect(screen.queryByText('管理后台')).toBeNull();
    expect(card.querySelector('.kefu-desk__schedule')).not.toBeNull();
  });

  it('offers the appointment schedule to schedulers only, not to QA', async () => {
    fake.functions!.ok('admin.whoami', whoami('qa', '质检员'));
    render(
      <MeProvider>
        <AgentDeskPage />
      </MeProvider>,
    );
    const card = await screen.findByTestId('desk-greeting');
    expect(card.querySelector('.kefu-desk__schedule')).toBeNull();
  });

  it('sends customers to the invitation page instead', async () => {
    fake.functions!.ok('admin.whoami', whoami('customer'));
    render(
      <MeProvider>
        <AgentDeskPage />
      </MeProvider>,
    );
    await screen.findByTestId('desk-staff-only');
    fireEvent.click(screen.getByText('使用邀请码加入'));
    expect(taro.navigations).toEqual(['/pages/join/index']);
  });
});

describe('dev role switcher (h5)', () => {
  it('shows the current role, logs in as the chosen role and reloads', async () => {
    fake.functions!.ok('admin.whoami', whoami('customer'));
    const login = vi.fn(async () => new Response(JSON.stringify({ token: 'tok-qa', openid: 'o-qa', role: 'qa' }), { status: 200 }));
    vi.stubGlobal('fetch', login);
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });

    render(
      <MeProvider>
        <DevRoleSwitcher />
      </MeProvider>,
    );
    const switcher = document.querySelector('.kefu-role-switcher')!;
    await waitFor(() => expect(switcher.textContent).toContain('开发者登录：客户'));

    fireEvent.click(switcher.querySelector('.kefu-role-switcher__button')!);
    fireEvent.click(await screen.findByText('质检'));

    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(login).toHaveBeenCalledWith('/api/dev/login', expect.objectContaining({ method: 'POST', body: JSON.stringify({ role: 'qa' }) }));
    expect(getStorageSync('kefu.token')).toBe('tok-qa');
  });
});
