import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, InviteView, StaffMember } from '../../core/api';
import type { Role } from '../../core/roles';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { renderManagerAs } from './manager-page';
import { taro } from './taro-shim';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const staff: StaffMember[] = [
  { openid: 'openid-admin', name: '王芳', role: 'admin', groups: ['grp-default'], groupNames: ['默认组'], capacity: 5, status: 'online' },
  { openid: 'openid-li', name: '李雷', role: 'agent', groups: ['grp-default', 'grp-after'], groupNames: ['默认组', '售后'], capacity: 5, status: 'offline' },
];

const invites: InviteView[] = [
  { id: 'inv-1', role: 'agent', name: '韩梅梅', expiresAt: '2025-11-27T08:00:00.000Z', status: 'open' },
  { id: 'inv-2', role: 'qa', name: '', expiresAt: '2025-11-20T08:00:00.000Z', status: 'used', usedBy: '张三' },
];

const audit: AuditEntry[] = [
  { id: 'a1', at: '2025-11-26T08:00:00.000Z', actor: 'openid-admin', actorName: '王芳', action: 'admin.setRole', target: '李雷', before: 'agent', after: 'supervisor' },
];

const renderManager = (role: Role) => renderManagerAs(fake.functions!, role);

function callsOf(action: string) {
  return fake.functions!.calls.filter((c) => c.event.action === action).map((c) => c.event);
}

beforeEach(() => {
  fake.functions = fakeFunctions()
    .ok('admin.staff', staff)
    .ok('admin.invites', invites)
    .ok('admin.audit', audit)
    .ok('admin.setRole', (event) => ({ ...staff[1], role: event.role }))
    .ok('admin.revokeInvite', { ...invites[0], status: 'revoked' });
});

describe('manager page', () => {
  it('lists staff with role labels and groups for an admin', async () => {
    const { container } = renderManager('admin');
    await waitFor(() => expect(container.querySelectorAll('.kefu-staff-member')).toHaveLength(2));
    const [me, li] = container.querySelectorAll('.kefu-staff-member');
    expect(me.textContent).toContain('王芳（我）');
    expect(me.textContent).toContain('管理员');
    expect(li.textContent).toContain('李雷');
    expect(li.textContent).toContain('客服');
    expect(li.textContent).toContain('技能组：默认组、售后');
  });

  it('changes a role after choosing it and confirming', async () => {
    const { container } = renderManager('admin');
    await waitFor(() => expect(container.querySelectorAll('.kefu-staff-member')).toHaveLength(2));
    fireEvent.click(container.querySelectorAll('.kefu-staff-member')[1]);
    fireEvent.click(await screen.findByText('主管'));
    await screen.findByText('将「李雷」的角色从「客服」改为「主管」？');
    expect(callsOf('setRole')).toEqual([]);
    fireEvent.click(screen.getByText('确认修改'));
    await waitFor(() => expect(callsOf('setRole')).toEqual([{ action: 'setRole', openid: 'openid-li', role: 'supervisor' }]));
    await waitFor(() => expect(taro.toasts).toContain('角色已修改'));
  });

  it('does not offer to change the admin’s own role', async () => {
    const { container } = renderManager('admin');
    await waitFor(() => expect(container.querySelectorAll('.kefu-staff-member')).toHaveLength(2));
    fireEvent.click(container.querySelectorAll('.kefu-staff-member')[0]);
    expect(taro.toasts).toEqual(['不能修改自己的角色']);
  });

  it('creates an invitation and shows its one-time code, expiry and h5 link with copy', async () => {
    fake.functions!.ok('admin.invite', (event) => ({
      id: 'inv-3',
      role: event.role,
      name: '',
      code: 'Q8ZK-4M2P',
      expiresAt: '2025-11-29T08:00:00.000Z',
      status: 'open',
    }));
    const { container } = renderManager('admin');
    await screen.findByText('员工与角色');
    fireEvent.click(screen.getByText('邀请'));
    await waitFor(() => expect(container.querySelectorAll('.kefu-invite')).toHaveLength(2));

    fireEvent.click(screen.getByTestId('invite-role-supervisor'));
    fireEvent.click(screen.getByText('3 天'));
    fireEvent.click(screen.getByTestId('invite-create'));

    const created = await screen.findByTestId('invite-created');
    expect(callsOf('invite')).toEqual([{ action: 'invite', role: 'supervisor', ttlHours: 72 }]);
    expect(within(created).getByTestId('invite-code').textContent).toBe('Q8ZK-4M2P');
    expect(created.textContent).toContain('有效期至 2025-11-29 08:00');
    const link = within(created).getByTestId('invite-link').textContent;
    expect(link).toBe(`${window.location.origin}/#/pages/join/index?code=Q8ZK-4M2P`);

    fireEvent.click(within(created).getByText('复制链接'));
    await waitFor(() => expect(taro.clipboard).toBe(link));
  });

  it('shows invitation statuses and revokes an open one after confirming', async () => {
    const { container } = renderManager('admin');
    await screen.findByText('员工与角色');
    fireEvent.click(screen.getByText('邀请'));
    await waitFor(() => expect(container.querySelectorAll('.kefu-invite')).toHaveLength(2));
    const [open, used] = container.querySelectorAll('.kefu-invite');
    expect(open.textContent).toContain('客服 · 韩梅梅');
    expect(open.textContent).toContain('待使用');
    expect(used.textContent).toContain('已使用');
    expect(used.textContent).toContain('使用者：张三');
    expect(within(used as HTMLElement).queryByText('撤销')).toBeNull();

    fireEvent.click(within(open as HTMLElement).getByText('撤销'));
    await screen.findByText('撤销后「客服 · 韩梅梅」的邀请码将无法使用，确定撤销？');
    const dialog = container.ownerDocument.querySelector('.nut-dialog') as HTMLElement;
    fireEvent.click(within(dialog).getByText('撤销'));
    await waitFor(() => expect(callsOf('revokeInvite')).toEqual([{ action: 'revokeInvite', id: 'inv-1' }]));
  });

  it('shows the audit log with action labels and actor names', async () => {
    const { container } = renderManager('admin');
    await screen.findByText('员工与角色');
    fireEvent.click(screen.getByText('审计日志'));
    await waitFor(() => expect(container.querySelectorAll('.kefu-audit-entry')).toHaveLength(1));
    const entry = container.querySelector('.kefu-audit-entry')!;
    expect(entry.textContent).toContain('修改角色');
    expect(entry.textContent).toContain('客服 → 主管');
    expect(entry.textContent).toContain('王芳 · 2025-11-26 08:00');
    expect(callsOf('audit')).toEqual([{ action: 'audit', limit: 20 }]);
  });

  it('names an unmasking by the fields and kinds shown (never values: the server records none)', async () => {
    fake.functions!.ok('admin.audit', [
      {
        id: 'a2',
        at: '2025-11-26T09:00:00.000Z',
        actor: 'openid-admin',
        action: 'data.unmask',
        target: 'messages/m1',
        before: null,
        after: { conversationId: 'conv-1', fields: ['text'], kinds: ['phone', 'email'], role: 'agent' },
      },
    ]);
    const { container } = renderManager('admin');
    await screen.findByText('员工与角色');
    fireEvent.click(screen.getByText('审计日志'));
    await waitFor(() => expect(container.querySelectorAll('.kefu-audit-entry')).toHaveLength(1));
    const entry = container.querySelector('.kefu-audit-entry')!;
    expect(entry.textContent).toContain('查看完整个人信息');
    expect(entry.textContent).toContain('messages/m1');
    expect(entry.textContent).toContain('查看了：消息内容（含手机号、邮箱）');
  });

  it.each<Role>(['supervisor', 'qa'])('tells a %s that configuration needs an admin, without calling admin actions', async (role) => {
    renderManager(role);
    expect((await screen.findByTestId('manager-needs-admin')).textContent).toContain('需要管理员');
    expect(callsOf('staff')).toEqual([]);
  });

  it('keeps customers out', async () => {
    renderManager('customer');
    expect(await screen.findByText('此页面仅供管理员和主管使用')).toBeTruthy();
  });
});
