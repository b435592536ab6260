import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { StaffMember } from '../../../core/api';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/roles';
import { call, errorText } from '../../api/client';
import { PageState } from '../../components/PageState';
import { RoleTag } from '../../components/RoleTag';
import { Cell, CellGroup } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { ActionSheet, Dialog } from '../nutui';
import { TEXT } from '../strings';

interface PendingChange {
  member: StaffMember;
  role: Role;
}

function roleOptionLabel(role: Role): string {
  return role === 'customer' ? TEXT.staff.removeFromTeam : ROLE_LABELS[role];
}

/** Staff list; an admin taps a member, picks a role, confirms. */
export function StaffTab({ myOpenid, refreshKey }: { myOpenid: string; refreshKey: number }) {
  const staff = useRequest(() => call('admin', 'staff', {}), [refreshKey]);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [saving, setSaving] = useState(false);

  const displayName = (member: StaffMember) => member.name || TEXT.unnamed;

  const pick = (member: StaffMember) => {
    if (member.openid === myOpenid) {
      void Taro.showToast({ title: TEXT.staff.notSelf, icon: 'none' });
      return;
    }
    setEditing(member);
  };

  const apply = async () => {
    if (!pending) return;
    setSaving(true);
    try {
      await call('admin', 'setRole', { openid: pending.member.openid, role: pending.role });
      void Taro.showToast({ title: TEXT.staff.done, icon: 'success' });
      await staff.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
      setPending(null);
    }
  };

  const options = editing
    ? ROLES.filter((role) => role !== editing.role).map((role) => ({ name: roleOptionLabel(role), role }))
    : [];

  return (
    <View className="kefu-staff">
      <PageState data={staff.data} error={staff.error} onRetry={staff.reload} emptyText={TEXT.staff.empty}>
        {(list) => (
          <CellGroup>
            {list.map((member) => (
              <Cell
                key={member.openid}
                className="kefu-staff-member"
                data-testid="staff-member"
                title={`${displayName(member)}${member.openid === myOpenid ? TEXT.staff.me : ''}`}
                description={member.groupNames.length > 0 ? TEXT.staff.groups(member.groupNames) : TEXT.staff.noGroups}
                extra={<RoleTag role={member.role} />}
                clickable={member.openid !== myOpenid}
                onClick={() => pick(member)}
              />
            ))}
          </CellGroup>
        )}
      </PageState>

      <ActionSheet
        visible={editing !== null}
        title={TEXT.staff.chooseRole}
        description={editing ? TEXT.staff.chooseRoleHint(displayName(editing)) : ''}
        options={options}
        cancelText={TEXT.staff.cancel}
        onCancel={() => setEditing(null)}
        onSelect={(item) => {
          const role = ROLES.find((r) => r === item.role);
          if (editing && role) setPending({ member: editing, role });
          setEditing(null);
        }}
      />

      <Dialog
        visible={pending !== null}
        title={TEXT.staff.confirmTitle}
        content={
          pending
            ? TEXT.staff.confirmBody(displayName(pending.member), ROLE_LABELS[pending.member.role], roleOptionLabel(pending.role))
            : ''
        }
        confirmText={TEXT.staff.confirm}
        cancelText={TEXT.staff.cancel}
        disableConfirmButton={saving}
        onConfirm={() => void apply()}
        onCancel={() => setPending(null)}
      />
    </View>
  );
}
