import { fireEvent, render, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import JoinPage from '../../miniprogram/pages/join/index';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

function renderJoin() {
  return render(
    <MeProvider>
      <JoinPage />
    </MeProvider>,
  );
}

function inputOf(container: HTMLElement, testId: string): HTMLInputElement {
  const root = container.querySelector(`[data-testid="${testId}"]`);
  const input = root?.tagName === 'INPUT' ? root : root?.querySelector('input');
  if (!(input instanceof HTMLInputElement)) throw new Error(`no input for ${testId}`);
  return input;
}

beforeEach(() => {
  fake.functions = fakeFunctions().ok('admin.whoami', whoami('customer'));
});

describe('join page', () => {
  it('takes the code from the link and shows the function error when accepting fails', async () => {
    fake.functions!.fail('admin.acceptInvite', 'NOT_FOUND', '邀请码无效或已过期');
    taro.setRouterParams({ code: 'K7P2-9QXM' });
    const { container, getByTestId } = renderJoin();

    expect(inputOf(container, 'join-code').value).toBe('K7P2-9QXM');
    fireEvent.click(getByTestId('join-submit'));

    await waitFor(() => expect(container.querySelector('[data-testid="join-error"]')?.textContent).toBe('邀请码无效或已过期'));
    expect(fake.functions!.calls.find((c) => c.event.action === 'acceptInvite')).toEqual({
      name: 'admin',
      event: { action: 'acceptInvite', code: 'K7P2-9QXM' },
    });
    expect(container.querySelector('[data-testid="join-success"]')).toBeNull();
  });

  it('words a rejected format in Chinese instead of the validator message', async () => {
    fake.functions!.fail('admin.acceptInvite', 'INVALID_INPUT', 'code: Too big');
    taro.setRouterParams({ code: 'x' });
    const { container, getByTestId } = renderJoin();
    fireEvent.click(getByTestId('join-submit'));
    await waitFor(() => expect(container.querySelector('[data-testid="join-error"]')?.textContent).toBe('邀请码或姓名格式不正确'));
  });

  it('asks for a code before calling anything', async () => {
    const { container, getByTestId } = renderJoin();
    fireEvent.click(getByTestId('join-submit'));
    await waitFor(() => expect(container.querySelector('[data-testid="join-error"]')?.textContent).toBe('请输入邀请码'));
    expect(fake.functions!.calls.some((c) => c.event.action === 'acceptInvite')).toBe(false);
  });

  it('sends the typed code and name and shows the new role with a way to the desk', async () => {
    fake.functions!.ok('admin.acceptInvite', whoami('agent', '李雷'));
    const { container, getByTestId } = renderJoin();
    fireEvent.input(inputOf(container, 'join-code'), { target: { value: ' ABCD-1234 ' } });
    fireEvent.input(inputOf(container, 'join-name'), { target: { value: '李雷' } });
    fireEvent.click(getByTestId('join-submit'));

    const success = await waitFor(() => getByTestId('join-success'));
    expect(success.textContent).toContain('您的角色：客服');
    expect(success.textContent).toContain('欢迎你，李雷');
    expect(fake.functions!.calls.find((c) => c.event.action === 'acceptInvite')?.event).toEqual({
      action: 'acceptInvite',
      code: 'ABCD-1234',
      name: '李雷',
    });
    fireEvent.click(success.querySelector('.kefu-join__button')!);
    expect(taro.navigations).toEqual(['/agent/pages/index/index']);
  });
});
