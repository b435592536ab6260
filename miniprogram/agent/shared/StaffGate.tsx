// Renders a desk page only for the roles it is for; the functions still check every call. Desk staff
// keep their presence while any desk page is shown (useHeartbeat).
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { WhoAmI } from '../../../core/api';
import { ANY_STAFF, type Role } from '../../../core/roles';
import { ErrorState, LoadingState } from '../../components/PageState';
import { useMe } from '../../hooks/useMe';
import { DESK_ROLES } from './roles';
import { Heartbeat } from './useHeartbeat';

const TEXT = {
  staffOnly: '此页面仅供员工使用',
  managersOnly: '此页面仅供主管和管理员使用',
} as const;

export function StaffGate({ roles = ANY_STAFF, children }: { roles?: readonly Role[]; children: (me: WhoAmI) => ReactNode }) {
  const { me, loading, error, reload } = useMe();
  if (!me) {
    return <View className="kefu-page">{loading ? <LoadingState /> : <ErrorState error={error} onRetry={() => void reload()} />}</View>;
  }
  if (!roles.includes(me.role)) {
    return (
      <View className="kefu-page">
        <View className="kefu-card" data-testid="staff-only">
          {roles === ANY_STAFF ? TEXT.staffOnly : TEXT.managersOnly}
        </View>
      </View>
    );
  }
  return (
    <>
      {DESK_ROLES.includes(me.role) ? <Heartbeat /> : null}
      {children(me)}
    </>
  );
}
