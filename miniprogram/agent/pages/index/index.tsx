import { Text, View } from '@tarojs/components';
import { ErrorState, LoadingState } from '../../../components/PageState';
import { Button } from '../../../components/nutui';
import { SCHEDULERS } from '../../../../core/roles';
import { RoleTag } from '../../../components/RoleTag';
import { useMe } from '../../../hooks/useMe';
import { go, mayOpenDesk, mayOpenManager, routes } from '../../../utils/routes';
import { appointmentRoutes } from '../../../components/booking/routes';
import './index.scss';

const TEXT = {
  greeting: (name: string) => `你好，${name}`,
  unnamed: '同事',
  role: '当前角色',
  deskNote: '您的会话和排队中的客户将显示在这里。',
  toSchedule: '预约日程',
  toManager: '管理后台',
  staffOnly: '此页面仅供员工使用',
  joinHint: '如果您是员工，请使用管理员发给您的邀请码加入团队。',
  toJoin: '使用邀请码加入',
} as const;

export default function AgentDeskPage() {
  const { me, loading, error, reload } = useMe();

  if (!me) {
    return (
      <View className="kefu-page kefu-desk">
        {loading ? <LoadingState /> : <ErrorState error={error} onRetry={() => void reload()} />}
      </View>
    );
  }

  if (!mayOpenDesk(me.role)) {
    return (
      <View className="kefu-page kefu-desk">
        <View className="kefu-card kefu-desk__card" data-testid="desk-staff-only">
          <Text className="kefu-desk__title">{TEXT.staffOnly}</Text>
          <Text className="kefu-desk__note">{TEXT.joinHint}</Text>
          <Button className="kefu-desk__button" type="primary" block onClick={() => go(routes.join())}>
            {TEXT.toJoin}
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="kefu-page kefu-desk">
      <View className="kefu-card kefu-desk__card" data-testid="desk-greeting">
        <Text className="kefu-desk__title">{TEXT.greeting(me.name || TEXT.unnamed)}</Text>
        <View className="kefu-desk__role">
          <Text className="kefu-muted">{TEXT.role}</Text>
          <View className="kefu-desk__role-tag">
            <RoleTag role={me.role} />
          </View>
        </View>
        <Text className="kefu-desk__note">{TEXT.deskNote}</Text>
        {SCHEDULERS.includes(me.role) ? (
          <Button className="kefu-desk__button kefu-desk__schedule" type="primary" block onClick={() => go(appointmentRoutes.staff)}>
            {TEXT.toSchedule}
          </Button>
        ) : null}
        {mayOpenManager(me.role) ? (
          <Button className="kefu-desk__button" block onClick={() => go(routes.manager)}>
            {TEXT.toManager}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
