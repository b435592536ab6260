import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../core/roles';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import HomePage from '../../miniprogram/pages/index/index';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { categories, hot, whoami } from './fixtures';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

function renderHome(role: Role) {
  fake.functions!.ok('admin.whoami', whoami(role));
  return render(
    <MeProvider>
      <HomePage />
    </MeProvider>,
  );
}

beforeEach(() => {
  fake.functions = fakeFunctions().ok('faq.categories', categories).ok('faq.hot', hot);
});

describe('home page', () => {
  it('shows the FAQ categories from faq.categories with icon, name and entry count', async () => {
    const { container } = renderHome('customer');
    await waitFor(() => expect(container.querySelectorAll('.kefu-category')).toHaveLength(3));
    const first = container.querySelector('.kefu-category')!;
    expect(first.textContent).toContain('💳');
    expect(first.textContent).toContain('账单与支付');
    expect(first.textContent).toContain('12 个问题');
    expect(fake.functions!.calls.find((c) => c.name === 'faq' && c.event.action === 'categories')?.event).toEqual({ action: 'categories' });
  });

  it('opens a category with its id when tapped', async () => {
    const { container } = renderHome('customer');
    await waitFor(() => expect(container.querySelectorAll('.kefu-category')).toHaveLength(3));
    fireEvent.click(container.querySelectorAll('.kefu-category')[1]);
    expect(taro.navigations).toEqual([`/pages/category/index?id=cat-delivery&name=${encodeURIComponent('配送与物流')}`]);
  });

  it('opens the search page from the search box at the top', async () => {
    const { container } = renderHome('customer');
    const box = container.querySelector('[data-testid="home-search"]')!;
    expect(box.querySelector('input')!.getAttribute('placeholder')).toBe('搜索问题，如：怎么退款');
    fireEvent.click(box.querySelector('input')!);
    expect(taro.navigations).toEqual(['/pages/search/index']);
    // Home only links to search: nothing is searched from here.
    await waitFor(() => expect(container.querySelectorAll('.kefu-category')).toHaveLength(3));
    expect(fake.functions!.calls.filter((c) => c.event.action === 'search')).toEqual([]);
  });

  it('shows the hot questions', async () => {
    renderHome('customer');
    expect(await screen.findByText('如何申请退款？')).toBeTruthy();
    expect(screen.getByText('怎样开具发票？')).toBeTruthy();
  });

  it('hides the staff entries from customers', async () => {
    const { container } = renderHome('customer');
    await waitFor(() => expect(container.querySelectorAll('.kefu-category')).toHaveLength(3));
    // The invitation link shows once whoami has answered "customer": from then on the entries are decided.
    await waitFor(() => expect(container.querySelector('.kefu-home__join')).not.toBeNull());
    expect(container.querySelectorAll('.kefu-staff-entry')).toHaveLength(0);
    expect(screen.queryByText('客服工作台')).toBeNull();
  });

  it('shows the desk entry to agents, but not the admin entry', async () => {
    const { container } = renderHome('agent');
    await waitFor(() => expect(container.querySelector('.kefu-staff-entry--desk')).not.toBeNull());
    expect(container.querySelector('.kefu-staff-entry--desk')!.textContent).toContain('客服工作台');
    expect(container.querySelector('.kefu-staff-entry--manager')).toBeNull();
    fireEvent.click(container.querySelector('.kefu-staff-entry--desk')!);
    expect(taro.navigations).toEqual(['/agent/pages/index/index']);
  });

  it.each<Role>(['supervisor', 'admin', 'qa'])('shows both staff entries to %s', async (role) => {
    const { container } = renderHome(role);
    await waitFor(() => expect(container.querySelectorAll('.kefu-staff-entry')).toHaveLength(2));
    expect(container.querySelector('.kefu-staff-entry--manager')!.textContent).toContain('管理后台');
  });

  it('links the setup page only while the deployment is unclaimed', async () => {
    fake.functions!.ok('admin.whoami', { ...whoami('customer'), unclaimed: true });
    const { container } = render(
      <MeProvider>
        <HomePage />
      </MeProvider>,
    );
    await waitFor(() => expect(container.querySelector('.kefu-setup-entry')).not.toBeNull());
  });

  it('shows the error with a retry that loads the categories again', async () => {
    fake.functions!.fail('faq.categories', 'UNAVAILABLE', '服务暂时不可用');
    const { container } = renderHome('customer');
    const error = await waitFor(() => {
      const node = container.querySelector('.kefu-state--error');
      expect(node).not.toBeNull();
      return node!;
    });
    expect(error.textContent).toContain('服务暂时不可用');
    expect(container.querySelectorAll('.kefu-category')).toHaveLength(0);

    fake.functions!.ok('faq.categories', categories);
    fireEvent.click(error.querySelector('.kefu-state__retry')!);
    await waitFor(() => expect(container.querySelectorAll('.kefu-category')).toHaveLength(3));
  });
});
