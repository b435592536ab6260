// Supervisor view: queues and agents per skill group live, reassigning open conversations, routing settings.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ActiveConversation, GroupLoad, RoutingSettingsView } from '../../../../core/api';
import { MANAGERS } from '../../../../core/roles';
import { call, errorText } from '../../../api/client';
import { PageState } from '../../../components/PageState';
import { Button, Input, Tag } from '../../../components/nutui';
import { useRequest } from '../../../hooks/useRequest';
import { go, routes } from '../../../utils/routes';
import { Chips, Tabs } from '../../shared/Chips';
import { AGENT_STATUS_TEXT, duration, waitText } from '../../shared/format';
import { StaffGate } from '../../shared/StaffGate';
import { TransferPopup } from '../../shared/TransferPopup';
import { useLive } from '../../shared/useLive';
import '../../shared/agent.scss';
import './index.scss';

type Mode = GroupLoad['mode'];
type Section = 'groups' | 'active' | 'settings';

const TEXT = {
  sections: { groups: '技能组', active: '进行中会话', settings: '路由设置' } satisfies Record<Section, string>,
  queued: (n: number) => `排队 ${n} 人`,
  longest: (s: number) => `最长等待 ${duration(s)}`,
  modes: { least_loaded: '最少负载', round_robin: '轮流分配' } satisfies Record<Mode, string>,
  modeSaved: '分配方式已切换',
  noAgents: '该技能组还没有客服',
  capacitySaved: (n: number) => `接待上限已改为 ${n}`,
  noGroups: '还没有技能组',
  noActive: '当前没有进行中的会话',
  queuedLine: '排队中',
  agentLine: (name: string) => `接待：${name}`,
  reassign: '改派',
  overdue: '回复超时',
  settings: {
    replyTimeout: '回复超时（秒，10–3600）',
    queueOffer: '排队多久后建议留言或预约（秒，30–86400）',
    presenceTimeout: '客服离线判定（多久没有心跳即设为离线，秒，5–3600）',
    urgencyWords: '紧急词（用空格或逗号分隔）',
    days: '营业日',
    start: '开始时间 HH:mm',
    end: '结束时间 HH:mm',
    save: '保存设置',
    saved: '设置已保存',
    invalidNumber: '请填写有效的秒数',
    invalidTime: '时间格式应为 HH:mm',
    noDays: '请至少选择一个营业日',
  },
} as const;

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const REFRESH_MS = 15_000;

export default function SupervisorPage() {
  return <StaffGate roles={MANAGERS}>{() => <Supervisor />}</StaffGate>;
}

function Supervisor() {
  const [section, setSection] = useState<Section>('groups');
  const overview = useRequest(() => call('routing', 'overview', {}), []);
  const active = useRequest(() => call('routing', 'active', {}), []);
  const [reassigning, setReassigning] = useState<ActiveConversation | null>(null);

  const reload = () => Promise.all([overview.reload(), active.reload()]);
  useLive(reload, ['queue', 'desk', 'conversation'], REFRESH_MS);

  return (
    <View className="kefu-page kefu-sup">
      <View className="kefu-sup__tabs">
        <Tabs
          choices={(['groups', 'active', 'settings'] as const).map((s) => ({ value: s, label: TEXT.sections[s], testId: `sup-tab-${s}` }))}
          value={section}
          onChange={setSection}
        />
      </View>
      {section === 'groups' ? (
        <PageState data={overview.data} error={overview.error} onRetry={overview.reload} emptyText={TEXT.noGroups}>
          {(groups) => (
            <>
              {groups.map((g) => (
                <GroupCard key={g.groupId} group={g} onChanged={overview.reload} />
              ))}
            </>
          )}
        </PageState>
      ) : null}
      {section === 'active' ? (
        <PageState data={active.data} error={active.error} onRetry={active.reload} emptyText={TEXT.noActive}>
          {(items) => (
            <>
              {items.map((c) => (
                <View key={c.conversationId} className="kefu-card kefu-sup__active" data-testid="active-item">
                  <View className="kefu-line">
                    <View className="kefu-line__main" onClick={() => go(routes.deskConversation(c.conversationId))}>
                      <Text className="kefu-line__title">{`${c.customerName}${c.vip ? ' · VIP' : ''}`}</Text>
                      <Text className="kefu-line__text">{c.lastText}</Text>
                      <Text className="kefu-muted">
                        {`${c.groupName} · ${c.agentName ? TEXT.agentLine(c.agentName) : TEXT.queuedLine}`}
                        {c.waitingSeconds > 0 ? ` · ${waitText(c.waitingSeconds)}` : ''}
                      </Text>
                    </View>
                    <View data-testid="reassign" onClick={() => setReassigning(c)}>
                      <Button size="small">{TEXT.reassign}</Button>
                    </View>
                  </View>
                  {c.overdue ? <Text className="kefu-danger">{TEXT.overdue}</Text> : null}
                </View>
              ))}
            </>
          )}
        </PageState>
      ) : null}
      {section === 'settings' ? <SettingsForm /> : null}

      <TransferPopup
        conversationId={reassigning?.conversationId ?? null}
        exclude={reassigning?.agentId}
        withGroups={false}
        onClose={() => setReassigning(null)}
        onDone={() => {
          setReassigning(null);
          void reload();
        }}
      />
    </View>
  );
}

function GroupCard({ group: g, onChanged }: { group: GroupLoad; onChanged: () => Promise<void> }) {
  const run = async (work: () => Promise<string>) => {
    try {
      const done = await work();
      void Taro.showToast({ title: done, icon: 'success' });
      await onChanged();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    }
  };

  return (
    <View className="kefu-card kefu-sup__group" data-testid={`group-${g.groupId}`}>
      <View className="kefu-line">
        <Text className="kefu-line__title">{g.name}</Text>
        <Text className={g.queued > 0 ? 'kefu-danger' : 'kefu-muted'}>{TEXT.queued(g.queued)}</Text>
      </View>
      {g.queued > 0 ? <Text className="kefu-muted">{TEXT.longest(g.longestWaitSeconds)}</Text> : null}
      <View className="kefu-popup__field">
        <Chips
          choices={(['least_loaded', 'round_robin'] as const).map((m) => ({ value: m, label: TEXT.modes[m], testId: `mode-${g.groupId}-${m}` }))}
          value={g.mode}
          onChange={(mode) => {
            if (mode !== g.mode) void run(() => call('routing', 'setMode', { groupId: g.groupId, mode }).then(() => TEXT.modeSaved));
          }}
        />
      </View>
      {g.agents.length === 0 ? <View className="kefu-muted kefu-popup__field">{TEXT.noAgents}</View> : null}
      {g.agents.map((a) => {
        // Capacity 0 takes nobody: the bar is full only if they still hold conversations.
        const percent = a.capacity > 0 ? Math.min(100, Math.round((a.active / a.capacity) * 100)) : a.active > 0 ? 100 : 0;
        const setCapacity = (capacity: number) =>
          void run(() => call('routing', 'setCapacity', { openid: a.openid, capacity }).then((r) => TEXT.capacitySaved(r.capacity)));
        return (
          <View key={a.openid} className="kefu-sup__agent" data-testid={`agent-${g.groupId}-${a.openid}`}>
            <View className="kefu-line">
              <View className="kefu-sup__who">
                <Text>{a.name}</Text>
                <Tag className="kefu-sup__status" background={a.status === 'online' ? '#e7f8ee' : '#f2f3f5'} color={a.status === 'online' ? '#07c160' : '#86909c'}>
                  {AGENT_STATUS_TEXT[a.status]}
                </Tag>
              </View>
              <View className="kefu-sup__stepper">
                <View className="kefu-sup__step" data-testid="capacity-minus" onClick={() => a.capacity > 0 && setCapacity(a.capacity - 1)}>
                  −
                </View>
                <Text className="kefu-sup__load">{`${a.active}/${a.capacity}`}</Text>
                <View className="kefu-sup__step" data-testid="capacity-plus" onClick={() => a.capacity < 50 && setCapacity(a.capacity + 1)}>
                  +
                </View>
              </View>
            </View>
            <View className="kefu-sup__bar">
              <View className={`kefu-sup__fill${percent >= 100 ? ' kefu-sup__fill--full' : ''}`} style={{ width: `${percent}%` }} />
            </View>
          </View>
        );
      })}
    </View>
  );
}

interface SettingsDraft {
  replyTimeoutSec: string;
  queueOfferSec: string;
  presenceTimeoutSec: string;
  urgencyWords: string;
  days: number[];
  start: string;
  end: string;
}

function toDraft(s: RoutingSettingsView): SettingsDraft {
  return {
    replyTimeoutSec: String(s.replyTimeoutSec),
    queueOfferSec: String(s.queueOfferSec),
    presenceTimeoutSec: String(s.presenceTimeoutSec),
    urgencyWords: s.urgencyWords.join(' '),
    days: [...s.businessHours.days],
    start: s.businessHours.start,
    end: s.businessHours.end,
  };
}

function SettingsForm() {
  const settings = useRequest(() => call('routing', 'settings', {}), []);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (settings.data) setDraft(toDraft(settings.data));
  }, [settings.data]);

  const save = async () => {
    if (!draft || saving) return;
    const replyTimeoutSec = Number(draft.replyTimeoutSec);
    const queueOfferSec = Number(draft.queueOfferSec);
    const presenceTimeoutSec = Number(draft.presenceTimeoutSec);
    const fail = (title: string) => void Taro.showToast({ title, icon: 'none' });
    if (![replyTimeoutSec, queueOfferSec, presenceTimeoutSec].every(Number.isInteger)) return fail(TEXT.settings.invalidNumber);
    if (!HHMM.test(draft.start) || !HHMM.test(draft.end)) return fail(TEXT.settings.invalidTime);
    if (draft.days.length === 0) return fail(TEXT.settings.noDays);
    setSaving(true);
    try {
      const saved = await call('routing', 'saveSettings', {
        replyTimeoutSec,
        queueOfferSec,
        presenceTimeoutSec,
        urgencyWords: draft.urgencyWords
          .split(/[\s,，、]+/)
          .map((w) => w.trim())
          .filter(Boolean),
        businessHours: { days: [...draft.days].sort((a, b) => a - b), start: draft.start, end: draft.end },
      });
      setDraft(toDraft(saved));
      void Taro.showToast({ title: TEXT.settings.saved, icon: 'success' });
    } catch (err) {
      fail(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageState data={draft ?? undefined} error={settings.error} onRetry={settings.reload}>
      {(d) => {
        const field = (key: 'replyTimeoutSec' | 'queueOfferSec' | 'presenceTimeoutSec' | 'urgencyWords' | 'start' | 'end', label: string, type: 'number' | 'text' = 'text') => (
          <View className="kefu-popup__field" data-testid={`setting-${key}`}>
            <Text className="kefu-muted">{label}</Text>
            <Input type={type} value={d[key]} onChange={(v) => setDraft({ ...d, [key]: v })} />
          </View>
        );
        return (
          <View className="kefu-card kefu-sup__settings" data-testid="routing-settings">
            {field('replyTimeoutSec', TEXT.settings.replyTimeout, 'number')}
            {field('queueOfferSec', TEXT.settings.queueOffer, 'number')}
            {field('presenceTimeoutSec', TEXT.settings.presenceTimeout, 'number')}
            {field('urgencyWords', TEXT.settings.urgencyWords)}
            <View className="kefu-popup__field">
              <Text className="kefu-muted">{TEXT.settings.days}</Text>
              <View className="kefu-chips kefu-sup__days">
                {WEEKDAYS.map((label, i) => {
                  const day = i + 1;
                  const on = d.days.includes(day);
                  return (
                    <View
                      key={day}
                      className={`kefu-chip${on ? ' kefu-chip--active' : ''}`}
                      data-testid={`day-${day}`}
                      onClick={() => setDraft({ ...d, days: on ? d.days.filter((x) => x !== day) : [...d.days, day] })}
                    >
                      {label}
                    </View>
                  );
                })}
              </View>
            </View>
            {field('start', TEXT.settings.start)}
            {field('end', TEXT.settings.end)}
            <View className="kefu-popup__actions">
              <Button block type="primary" disabled={saving} onClick={() => void save()}>
                {TEXT.settings.save}
              </Button>
            </View>
          </View>
        );
      }}
    </PageState>
  );
}
