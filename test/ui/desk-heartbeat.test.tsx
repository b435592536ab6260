// Presence from the desk: desk.heartbeat once on show and every 30 s while the agent is online or
// away and the page is shown; none while offline or hidden.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AgentDeskPage from '../../miniprogram/agent/pages/index/index';
import QuickRepliesPage from '../../miniprogram/agent/pages/quick-replies/index';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import { callsOf, inbox } from './desk-fixtures';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

let status: 'online' | 'away' | 'offline' = 'online';
const beats = () => callsOf(fake.functions!, 'desk.heartbeat').length;
const passes = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  status = 'online';
  fake.functions = fakeFunctions()
    .ok('admin.whoami', whoami('agent', '客服小暖'))
    .ok('desk.inbox', () => inbox({ status }))
    .ok('desk.leftMessages', [])
    .ok('desk.quickReplies', [])
    .ok('desk.heartbeat', () => ({ status, presenceTimeoutSec: 120 }))
    .ok('desk.setStatus', (event) => {
      status = event.status as typeof status;
      return { status, assigned: 0, returned: 0 };
    });
});

afterEach(() => {
  vi.useRealTimers();
});

function renderDesk() {
  return render(
    <MeProvider>
      <AgentDeskPage />
    </MeProvider>,
  );
}

describe('desk heartbeat', () => {
  it('beats once when shown and every 30 s while online, stops while hidden, beats again on show', async () => {
    renderDesk();
    await waitFor(() => expect(beats()).toBe(1));
    await passes(30_000);
    expect(beats()).toBe(2);
    await passes(30_000);
    expect(beats()).toBe(3);

    act(() => taro.hidePage());
    await passes(120_000);
    expect(beats()).toBe(3);

    act(() => taro.showPage());
    await waitFor(() => expect(beats()).toBe(4));
    await passes(30_000);
    expect(beats()).toBe(5);
  });

  it('beats while away too, and stops once the agent goes offline', async () => {
    status = 'away';
    renderDesk();
    await waitFor(() => expect(beats()).toBe(1));
    fireEvent.click(await screen.findByTestId('desk-status-offline'));
    await waitFor(() => expect(callsOf(fake.functions!, 'desk.setStatus')).toEqual([{ action: 'setStatus', status: 'offline' }]));
    await waitFor(() => expect(screen.getByTestId('desk-status-offline').className).toContain('kefu-chip--active'));
    const after = beats();
    await passes(120_000);
    expect(beats()).toBe(after);
  });

  it('sends nothing while offline; going online starts the beat', async () => {
    status = 'offline';
    renderDesk();
    fireEvent.click(await screen.findByTestId('desk-status-online'));
    await waitFor(() => expect(beats()).toBe(1));
    await passes(30_000);
    expect(beats()).toBe(2);
    // Before going online nothing was sent: the first beat came after setStatus.
    const order = fake.functions!.calls.map((c) => c.event.action).filter((a) => a === 'setStatus' || a === 'heartbeat');
    expect(order[0]).toBe('setStatus');
  });

  it('other desk pages beat too, until the heartbeat answers that the agent is offline', async () => {
    render(
      <MeProvider>
        <QuickRepliesPage />
      </MeProvider>,
    );
    await waitFor(() => expect(beats()).toBe(1));
    await passes(30_000);
    expect(beats()).toBe(2);
    status = 'offline';
    await passes(30_000);
    expect(beats()).toBe(3);
    await passes(120_000);
    expect(beats()).toBe(3);
  });

  it('a customer on a desk page sends no heartbeat', async () => {
    fake.functions!.ok('admin.whoami', whoami('customer', '顾客'));
    render(
      <MeProvider>
        <QuickRepliesPage />
      </MeProvider>,
    );
    await screen.findByTestId('staff-only');
    await passes(60_000);
    expect(beats()).toBe(0);
  });
});
