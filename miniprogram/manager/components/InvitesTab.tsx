import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { InviteView } from '../../../core/api';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../../core/roles';
import { call, errorText } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Button, Cell, CellGroup, Input, Tag } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { formatDateTime } from '../../utils/format';
import { joinLink } from '../../utils/join-link';
import { Dialog } from '../nutui';
import { INVITE_STATUS_LABELS, TEXT } from '../strings';

const T = TEXT.invites;

function inviteLabel(invite: InviteView): string {
  return invite.name ? `${ROLE_LABELS[invite.role]} · ${invite.name}` : ROLE_LABELS[invite.role];
}

/** Create one-time invitation codes, see them used, revoke open ones. */
export function InvitesTab({ refreshKey }: { refreshKey: number }) {
  const invites = useRequest(() => call('admin', 'invites', {}), [refreshKey]);
  const [role, setRole] = useState<StaffRole>('agent');
  const [name, setName] = useState('');
  const [ttlHours, setTtlHours] = useState(24);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<InviteView | null>(null);
  const [revoking, setRevoking] = useState<InviteView | null>(null);

  const create = async () => {
    setCreating(true);
    try {
      const invite = await call('admin', 'invite', name.trim() ? { role, name: name.trim(), ttlHours } : { role, ttlHours });
      setCreated(invite);
      setName('');
      await invites.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setCreating(false);
    }
  };

  const copy = async (text: string) => {
    try {
      await Taro.setClipboardData({ data: text });
      void Taro.showToast({ title: T.copied, icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    const target = revoking;
    setRevoking(null);
    try {
      await call('admin', 'revokeInvite', { id: target.id });
      void Taro.showToast({ title: T.revoked, icon: 'success' });
      await invites.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    }
  };

  const link = created?.code ? joinLink(created.code) : '';

  return (
    <View className="kefu-invites">
      <View className="kefu-card kefu-invites__form">
        <Text className="kefu-invites__heading">{T.createTitle}</Text>
        <View className="kefu-invites__row">
          <Text className="kefu-invites__label">{T.role}</Text>
          <View className="kefu-invites__choices">
            {STAFF_ROLES.map((r) => (
              <Button
                key={r}
                className="kefu-invites__choice"
                data-testid={`invite-role-${r}`}
                size="small"
                type={r === role ? 'primary' : 'default'}
                fill={r === role ? 'solid' : 'outline'}
                onClick={() => setRole(r)}
              >
                {ROLE_LABELS[r]}
              </Button>
            ))}
          </View>
        </View>
        <View className="kefu-invites__row">
          <Text className="kefu-invites__label">{T.validity}</Text>
          <View className="kefu-invites__choices">
            {T.validityOptions.map((option) => (
              <Button
                key={option.hours}
                className="kefu-invites__choice"
                size="small"
                type={option.hours === ttlHours ? 'primary' : 'default'}
                fill={option.hours === ttlHours ? 'solid' : 'outline'}
                onClick={() => setTtlHours(option.hours)}
              >
                {option.label}
              </Button>
            ))}
          </View>
        </View>
        <View className="kefu-invites__row">
          <Text className="kefu-invites__label">{T.name}</Text>
          <Input
            className="kefu-invites__name"
            value={name}
            placeholder={T.namePlaceholder}
            maxLength={20}
            onChange={setName}
          />
        </View>
        <Button
          className="kefu-invites__create"
          data-testid="invite-create"
          type="primary"
          block
          loading={creating}
          disabled={creating}
          onClick={() => void create()}
        >
          {creating ? T.creating : T.create}
        </Button>
      </View>

      {created?.code ? (
        <View className="kefu-card kefu-invites__created" data-testid="invite-created">
          <Text className="kefu-invites__heading">{T.createdTitle}</Text>
          <Text className="kefu-muted">{T.createdHint}</Text>
          <Text className="kefu-invites__code" data-testid="invite-code">
            {created.code}
          </Text>
          <Text className="kefu-muted">{T.expiresAt(formatDateTime(created.expiresAt))}</Text>
          <Text className="kefu-invites__label kefu-invites__link-label">{T.link}</Text>
          <Text className="kefu-invites__link" data-testid="invite-link" userSelect>
            {link}
          </Text>
          <Button className="kefu-invites__copy" type="primary" fill="outline" block onClick={() => void copy(link)}>
            {T.copy}
          </Button>
        </View>
      ) : null}

      <View className="kefu-section-title">{T.listTitle}</View>
      <PageState data={invites.data} error={invites.error} onRetry={invites.reload} emptyText={T.empty}>
        {(list) => (
          <CellGroup className="kefu-invites__list">
            {list.map((invite) => (
              <Cell
                key={invite.id}
                className="kefu-invite"
                data-testid="invite"
                title={inviteLabel(invite)}
                description={
                  invite.status === 'used' && invite.usedBy ? T.usedBy(invite.usedBy) : T.expiresAt(formatDateTime(invite.expiresAt))
                }
                extra={
                  <View className="kefu-invite__extra">
                    <Tag
                      className="kefu-invite__status"
                      background={invite.status === 'open' ? '#e7f8ee' : '#f2f3f5'}
                      color={invite.status === 'open' ? '#07c160' : '#86909c'}
                    >
                      {INVITE_STATUS_LABELS[invite.status]}
                    </Tag>
                    {invite.status === 'open' ? (
                      <Button className="kefu-invite__revoke" size="mini" fill="none" onClick={() => setRevoking(invite)}>
                        {T.revoke}
                      </Button>
                    ) : null}
                  </View>
                }
              />
            ))}
          </CellGroup>
        )}
      </PageState>

      <Dialog
        visible={revoking !== null}
        title={T.revokeTitle}
        content={revoking ? T.revokeBody(inviteLabel(revoking)) : ''}
        confirmText={T.revokeConfirm}
        cancelText={TEXT.staff.cancel}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      />
    </View>
  );
}
