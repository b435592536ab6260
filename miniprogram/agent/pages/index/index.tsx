// Desk home: the agent's status, their conversations and the queue, live; entries to the other desk pages.
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { InboxItem, WhoAmI } from '../../../../core/api';
import { MANAGERS, SCHEDULERS } from '../../../../core/roles';
import { call, errorText } from '../../../api/client';
import { ErrorState, LoadingState, PageState } from '../../../components/PageState';
import { Button, Tag } from '../../../components/nutui';
import { RoleTag } from '../../../components/RoleTag';
import { appointmentRoutes } from '../../../components/booking/routes';
import { useMe } from '../../../hooks/useMe';
import { useRequest } from '../../../hooks/useRequest';
import { alertNewMessage } from '../../../utils/alert';
import { go, mayOpenDesk, mayOpenManager, routes } from '../../../utils/routes';
import { Chips, Tabs } from '../../shared/Chips';
import { AGENT_STATUSES, AGENT_STATUS_TEXT, waitText, type AgentStatus } from '../../shared/format';
import { DESK_ROLES, QA_REVIEWERS } from '../../shared/roles';
import { useHeartbeat } from '../../shared/useHeartbeat';
import { useLive, useNow } from '../../shared/useLive';
import '../../shared/agent.scss';
import './index.scss';

const TEXT = {
  greeting: (name: string) => `你好，${name}`,
  unnamed: '同事',
  role: '当前角色',
  capacity: (active: number, capacity: number) => `接待中 ${active} / 上限 ${capacity}`,
  mine: (n: number) => `我的会话 (${n})`,
  queue: (n: number) => `排队中 (${n})`,
  emptyMine: '暂无会话，切换为「在线」即可接待客户',
  emptyQueue: '当前没有排队的客户',
  noText: '（暂无消息）',
  overdue: '已超时',
  position: (n: number) => `第 ${n} 位`,
  claim: '接入',
  claimed: '已接入',
  assigned: (n: number) => `已为您分配 ${n} 个会话`,
  returned: (n: number) => `已将 ${n} 个会话退回队列`,
  switched: (label: string) => `已切换为「${label}」`,
  entries: {
    messages: '客户留言',
    quickReplies: '快捷回复',
    supervisor: '主管视图',
    dashboard: '数据看板',
    qa: '质检',
    myQa: '我的质检',
    schedule: '预约日程',
    manager: '管理后台',
  },
  staffOnly: '此页面仅供员工使用',
  joinHint: '如果您是员工，请使用管理员发给您的邀请码加入团队。',
  toJoin: '使用邀请码加入',
} as const;

type Tab = 'mine' | 'queue';
const LIVE_KINDS = ['conversation', 'queue', 'desk', 'messages'] as const;

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

  return <DeskHome me={me} />;
}

function DeskHome({ me }: { me: WhoAmI }) {
  const works = DESK_ROLES.includes(me.role);
  const openMessages = useRequest(() => (works ? call('desk', 'leftMessages', { status: 'open' }) : Promise.resolve([])), [works]);

  useLive(openMessages.reload, LIVE_KINDS);
  useDidShow(() => void openMessages.reload());

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
        <View className="kefu-desk__entries">
          {works ? (
            <Entry testId="entry-messages" text={TEXT.entries.messages} count={openMessages.data?.length ?? 0} onClick={() => go(routes.deskMessages)} />
          ) : null}
          {works ? <Entry testId="entry-quick-replies" text={TEXT.entries.quickReplies} onClick={() => go(routes.quickReplies)} /> : null}
          {MANAGERS.includes(me.role) ? <Entry testId="entry-supervisor" text={TEXT.entries.supervisor} onClick={() => go(routes.supervisor)} /> : null}
          {QA_REVIEWERS.includes(me.role) ? <Entry testId="entry-qa" text={TEXT.entries.qa} onClick={() => go(routes.qa)} /> : null}
          {me.role === 'agent' ? <Entry testId="entry-my-qa" text={TEXT.entries.myQa} onClick={() => go(routes.qa)} /> : null}
          {MANAGERS.includes(me.role) ? <Entry testId="entry-dashboard" text={TEXT.entries.dashboard} onClick={() => go(routes.dashboard)} /> : null}
          {SCHEDULERS.includes(me.role) ? (
            <Entry className="kefu-desk__schedule" testId="entry-schedule" text={TEXT.entries.schedule} onClick={() => go(appointmentRoutes.staff)} />
          ) : null}
          {mayOpenManager(me.role) ? <Entry testId="entry-manager" text={TEXT.entries.manager} onClick={() => go(routes.manager)} /> : null}
        </View>
      </View>
      {works ? <Inbox /> : null}
    </View>
  );
}

function Entry({ text, count = 0, onClick, className = '', testId }: { text: string; count?: number; onClick: () => void; className?: string; testId: string }) {
  return (
    <View className={`kefu-desk__entry ${className}`} data-testid={testId} onClick={onClick}>
      <Text>{text}</Text>
      {count > 0 ? <Text className="kefu-badge kefu-desk__entry-count">{count}</Text> : null}
    </View>
  );
}

function Inbox() {
  const inbox = useRequest(() => call('desk', 'inbox', {}), []);
  const [tab, setTab] = useState<Tab>('mine');
  const [busy, setBusy] = useState(false);
  const now = useNow();
  const loadedAt = useRef(Date.now());

  useLive(inbox.reload, LIVE_KINDS);
  // Until the inbox tells the status, nothing to keep alive.
  useHeartbeat(inbox.data?.status ?? 'offline');
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void inbox.reload();
    shown.current = true;
  });

  useEffect(() => {
    if (!inbox.data) return;
    loadedAt.current = Date.now();
    alertNewMessage(inbox.data.assigned.reduce((sum, item) => sum + item.unread, 0));
  }, [inbox.data]);
  // Leaving the desk takes the count out of the tab title.
  useEffect(() => () => alertNewMessage(0), []);

  const elapsed = Math.max(0, Math.floor((now - loadedAt.current) / 1000));

  const setStatus = async (status: AgentStatus) => {
    if (busy) return;
    setBusy(true);
    try {
      const result = await call('desk', 'setStatus', { status });
      const title =
        result.assigned > 0 ? TEXT.assigned(result.assigned) : result.returned > 0 ? TEXT.returned(result.returned) : TEXT.switched(AGENT_STATUS_TEXT[result.status]);
      void Taro.showToast({ title, icon: 'none' });
      await inbox.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const claim = async (item: InboxItem) => {
    try {
      await call('desk', 'claim', { conversationId: item.conversationId });
      void Taro.showToast({ title: TEXT.claimed, icon: 'success' });
      go(routes.deskConversation(item.conversationId));
      void inbox.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
      void inbox.reload();
    }
  };

  return (
    <PageState data={inbox.data} error={inbox.error} onRetry={inbox.reload}>
      {(data) => {
        const items = tab === 'mine' ? data.assigned : data.queue;
        return (
          <>
            <View className="kefu-card kefu-desk__status" data-testid="desk-status">
              <Chips
                choices={AGENT_STATUSES.map((s) => ({ value: s, label: AGENT_STATUS_TEXT[s], testId: `desk-status-${s}` }))}
                value={data.status}
                onChange={(s) => void setStatus(s)}
              />
              <Text className="kefu-muted kefu-desk__capacity" data-testid="desk-capacity">
                {TEXT.capacity(data.assigned.length, data.capacity)}
              </Text>
            </View>
            <Tabs
              choices={[
                { value: 'mine', label: TEXT.mine(data.assigned.length), testId: 'inbox-mine' },
                { value: 'queue', label: TEXT.queue(data.queue.length), testId: 'inbox-queue' },
              ]}
              value={tab}
              onChange={setTab}
            />
            {items.length === 0 ? (
              <View className="kefu-card kefu-muted kefu-desk__empty">{tab === 'mine' ? TEXT.emptyMine : TEXT.emptyQueue}</View>
            ) : (
              items.map((item) => <InboxLine key={item.conversationId} item={item} elapsed={elapsed} onClaim={tab === 'queue' ? () => void claim(item) : undefined} />)
            )}
          </>
        );
      }}
    </PageState>
  );
}

function InboxLine({ item, elapsed, onClaim }: { item: InboxItem; elapsed: number; onClaim?: () => void }) {
  // Counts on between reloads; 0 means answered and stays 0.
  const waiting = item.waitingSeconds > 0 ? item.waitingSeconds + elapsed : 0;
  return (
    <View className="kefu-card kefu-desk__item" data-testid="inbox-item" onClick={() => go(routes.deskConversation(item.conversationId))}>
      <View className="kefu-line">
        <View className="kefu-line__main">
          <View className="kefu-desk__who">
            <Text className="kefu-line__title">{item.customerName}</Text>
            {item.vip ? (
              <Tag className="kefu-desk__vip" background="#fff3e8" color="#d25f00">
                VIP
              </Tag>
            ) : null}
          </View>
          <Text className="kefu-line__text">{item.lastText || TEXT.noText}</Text>
          {waiting > 0 ? (
            <Text className={item.overdue ? 'kefu-desk__wait kefu-danger' : 'kefu-desk__wait kefu-muted'} data-testid="inbox-wait">
              {waitText(waiting)}
              {item.overdue ? ` · ${TEXT.overdue}` : ''}
            </Text>
          ) : null}
        </View>
        {item.unread > 0 ? (
          <Text className="kefu-badge" data-testid="inbox-unread">
            {item.unread}
          </Text>
        ) : null}
        {onClaim ? (
          <View className="kefu-desk__claim">
            {item.position ? <Text className="kefu-muted">{TEXT.position(item.position)}</Text> : null}
            <View
              data-testid="claim"
              onClick={(e) => {
                e.stopPropagation();
                onClaim();
              }}
            >
              <Button size="small" type="primary">
                {TEXT.claim}
              </Button>
            </View>
          </View>
        ) : null}
      </View>
    </View>
  );
}
