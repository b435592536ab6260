// Staff schedule: one day's appointments by start time, filtered by service and status;
// confirm, reschedule, mark done or no-show, cancel with a reason.
import Taro, { stopPullDownRefresh, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import type { Appointment, AppointmentStatus, RevealedContact, Slot } from '../../../../core/api';
import { call, errorText } from '../../../api/client';
import { ErrorState, LoadingState, PageState } from '../../../components/PageState';
import { Button } from '../../../components/nutui';
import { useMe } from '../../../hooks/useMe';
import { useRequest } from '../../../hooks/useRequest';
import { useSignals } from '../../../hooks/useSignals';
import { mayOpenDesk } from '../../../utils/routes';
import { SlotChooser } from '../../../components/booking/SlotChooser';
import { StatusTag } from '../../../components/booking/StatusTag';
import { STATUS_LABELS } from '../../../components/booking/strings';
import { Dialog, TextArea } from '../../../components/booking/nutui';
import { businessToday, monthDay, shiftDay, slotLabel, timeRange, weekdayOf } from '../../../components/booking/time';
import { REVEAL_TEXT, callNumber, useReveal } from '../../shared/useReveal';
import '../../../components/booking/index.scss';
import './index.scss';

const TEXT = {
  prev: '‹ 前一天',
  next: '后一天 ›',
  today: '今天',
  backToday: '回到今天',
  allServices: '全部服务',
  allStatuses: '全部状态',
  empty: '这一天没有预约',
  count: (n: number) => `共 ${n} 个预约`,
  customer: (name: string, phone: string) => `${name} · ${phone}`,
  address: (s: string) => `地址：${s}`,
  note: (s: string) => `备注：${s}`,
  review: '内容待复核',
  staffOnly: '此页面仅供员工使用',
  actions: {
    confirm: '确认',
    reschedule: '改期',
    complete: '标记完成',
    noShow: '未到场',
    cancel: '取消',
  },
  dialog: {
    confirm: { title: '确认预约', body: (label: string) => `确认「${label}」？确认后将通知客户。`, ok: '确认预约', done: '已确认' },
    complete: { title: '标记完成', body: (label: string) => `将「${label}」标记为已完成？`, ok: '标记完成', done: '已标记完成' },
    noShow: { title: '标记未到场', body: (label: string) => `将「${label}」标记为客户未到场？`, ok: '标记未到场', done: '已标记未到场' },
    cancel: { title: '取消预约', body: (label: string) => `取消「${label}」？将通知客户。`, ok: '取消预约', done: '已取消' },
    reschedule: { title: '确认改期', body: (label: string, to: string) => `将「${label}」改到 ${to}？将通知客户。`, ok: '确认改期', done: '已改期' },
    reasonPlaceholder: '请填写取消原因（必填，客户可见）',
    reasonRequired: '请填写取消原因',
    back: '返回',
  },
  pickNew: '选择新的日期和时段',
  moveConfirm: '改到这个时段',
  closePanel: '收起',
} as const;

// The status filter, in the order of an appointment's life (the labels' order).
const STATUSES = Object.keys(STATUS_LABELS) as AppointmentStatus[];

type Action = 'confirm' | 'complete' | 'noShow' | 'cancel' | 'reschedule';

interface Pending {
  action: Action;
  appointment: Appointment;
  slot?: Slot;
}

function label(a: Appointment): string {
  return `${a.name} ${a.serviceName} ${timeRange(a.start, a.end)}`;
}

function actionsFor(status: AppointmentStatus): Action[] {
  if (status === 'booked') return ['confirm', 'reschedule', 'cancel'];
  if (status === 'confirmed') return ['complete', 'noShow', 'reschedule', 'cancel'];
  return [];
}

function Chip({ active, text, onClick, testId }: { active: boolean; text: string; onClick: () => void; testId?: string }) {
  return (
    <View className={`kefu-schedule__chip${active ? ' kefu-schedule__chip--active' : ''}`} data-testid={testId} onClick={onClick}>
      {text}
    </View>
  );
}

export default function StaffSchedulePage() {
  const { me, loading: meLoading, error: meError, reload: reloadMe } = useMe();
  const today = businessToday();
  const [date, setDate] = useState(today);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [status, setStatus] = useState<AppointmentStatus | null>(null);
  const services = useRequest(() => call('appointment', 'services', {}), []);
  const list = useRequest(
    () =>
      call('appointment', 'list', { date, ...(serviceId ? { serviceId } : {}), ...(status ? { status } : {}) }).then((items) =>
        [...items].sort((a, b) => a.start.localeCompare(b.start)),
      ),
    [date, serviceId, status],
  );
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [moveDate, setMoveDate] = useState<string | null>(null);
  const [moveSlot, setMoveSlot] = useState<Slot | null>(null);
  const pickSlot = useCallback((s: Slot | null) => setMoveSlot(s), []);
  // Contacts come masked; 查看号码 opens one (logged on the server) for calling or visiting.
  const contacts = useReveal<RevealedContact>();

  useSignals(() => void list.reload());
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => stopPullDownRefresh());
  });

  if (!me) {
    return <View className="kefu-page">{meLoading ? <LoadingState /> : <ErrorState error={meError} onRetry={() => void reloadMe()} />}</View>;
  }
  if (!mayOpenDesk(me.role)) {
    return (
      <View className="kefu-page">
        <View className="kefu-card">{TEXT.staffOnly}</View>
      </View>
    );
  }

  const start = (action: Action, appointment: Appointment) => {
    if (action === 'reschedule') {
      setMoving(moving?.id === appointment.id ? null : appointment);
      setMoveDate(null);
      setMoveSlot(null);
      return;
    }
    setReason('');
    setPending({ action, appointment });
  };

  const run = async () => {
    if (!pending) return;
    const { action, appointment: a } = pending;
    if (action === 'cancel' && reason.trim() === '') {
      void Taro.showToast({ title: TEXT.dialog.reasonRequired, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      if (action === 'confirm') await call('appointment', 'confirm', { id: a.id });
      else if (action === 'complete') await call('appointment', 'complete', { id: a.id, outcome: 'done' });
      else if (action === 'noShow') await call('appointment', 'complete', { id: a.id, outcome: 'no_show' });
      else if (action === 'cancel') await call('appointment', 'staffCancel', { id: a.id, reason: reason.trim() });
      else if (pending.slot) await call('appointment', 'staffReschedule', { id: a.id, start: pending.slot.start });
      void Taro.showToast({ title: TEXT.dialog[action].done, icon: 'success' });
      if (action === 'reschedule') setMoving(null);
      setPending(null);
      await list.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  const dialogBody = (): string => {
    if (!pending) return '';
    const what = label(pending.appointment);
    if (pending.action === 'reschedule') return TEXT.dialog.reschedule.body(what, pending.slot ? slotLabel(pending.slot.start, pending.slot.end) : '');
    return TEXT.dialog[pending.action].body(what);
  };

  return (
    <View className="kefu-page kefu-schedule">
      <View className="kefu-schedule__dates">
        <View className="kefu-schedule__nav" data-testid="schedule-prev" onClick={() => setDate(shiftDay(date, -1))}>
          {TEXT.prev}
        </View>
        <View className="kefu-schedule__day" data-testid="schedule-date">
          <Text className="kefu-schedule__day-main">{`${monthDay(date)} ${weekdayOf(date)}`}</Text>
          {date === today ? (
            <Text className="kefu-schedule__today">{TEXT.today}</Text>
          ) : (
            <Text className="kefu-schedule__back" onClick={() => setDate(today)}>
              {TEXT.backToday}
            </Text>
          )}
        </View>
        <View className="kefu-schedule__nav" data-testid="schedule-next" onClick={() => setDate(shiftDay(date, 1))}>
          {TEXT.next}
        </View>
      </View>

      <View className="kefu-schedule__filters">
        <Chip active={serviceId === null} text={TEXT.allServices} onClick={() => setServiceId(null)} />
        {(services.data ?? []).map((s) => (
          <Chip key={s.id} active={serviceId === s.id} text={s.name} testId={`filter-service-${s.id}`} onClick={() => setServiceId(s.id)} />
        ))}
      </View>
      <View className="kefu-schedule__filters">
        <Chip active={status === null} text={TEXT.allStatuses} onClick={() => setStatus(null)} />
        {STATUSES.map((s) => (
          <Chip key={s} active={status === s} text={STATUS_LABELS[s]} testId={`filter-status-${s}`} onClick={() => setStatus(s)} />
        ))}
      </View>

      <PageState data={list.data} error={list.error} onRetry={list.reload} emptyText={TEXT.empty}>
        {(items) => (
          <>
            <View className="kefu-schedule__count kefu-muted">{TEXT.count(items.length)}</View>
            {items.map((raw) => {
              const whole = contacts.revealed[raw.id];
              const a = whole ? { ...raw, name: whole.name, phone: whole.phone, address: whole.address, note: whole.note } : raw;
              return (
                <View key={a.id} className="kefu-card kefu-appt kefu-schedule__item" data-testid="staff-appointment">
                  <View className="kefu-appt__head">
                    <Text className="kefu-appt__service">{`${timeRange(a.start, a.end)} ${a.serviceName}`}</Text>
                    <StatusTag status={a.status} />
                  </View>
                  <View className="kefu-schedule__contact">
                    <Text className="kefu-appt__time" data-testid="staff-contact">
                      {TEXT.customer(a.name, a.phone)}
                    </Text>
                    {raw.masked && !whole ? (
                      <Text
                        className="kefu-schedule__reveal"
                        data-testid="contact-reveal"
                        onClick={() => void contacts.reveal(a.id, () => call('appointment', 'revealContact', { id: a.id }))}
                      >
                        {contacts.busy === a.id ? REVEAL_TEXT.opening : REVEAL_TEXT.viewPhone}
                      </Text>
                    ) : null}
                    {whole?.phone ? (
                      <Text className="kefu-schedule__reveal" data-testid="contact-call" onClick={() => callNumber(whole.phone)}>
                        {REVEAL_TEXT.call}
                      </Text>
                    ) : null}
                  </View>
                  {a.address ? <Text className="kefu-appt__line">{TEXT.address(a.address)}</Text> : null}
                  {a.note ? <Text className="kefu-appt__line">{TEXT.note(a.note)}</Text> : null}
                  {a.review ? (
                    <Text className="kefu-appt__line kefu-muted" data-testid="appt-review">
                      {TEXT.review}
                    </Text>
                  ) : null}
                  {actionsFor(a.status).length > 0 ? (
                    <View className="kefu-appt__actions">
                      {actionsFor(a.status).map((action) => (
                        <Button
                          key={action}
                          className={`kefu-schedule__action kefu-schedule__action--${action}`}
                          size="small"
                          type={action === 'confirm' || action === 'complete' ? 'primary' : 'default'}
                          onClick={() => start(action, a)}
                        >
                          {action === 'reschedule' && moving?.id === a.id ? TEXT.closePanel : TEXT.actions[action]}
                        </Button>
                      ))}
                    </View>
                  ) : null}
                  {moving?.id === a.id ? (
                    <View className="kefu-appt__panel" data-testid="staff-reschedule-panel">
                      <Text className="kefu-reschedule__pick kefu-schedule__pick">{TEXT.pickNew}</Text>
                      <SlotChooser serviceId={a.serviceId} service={services.data?.find((s) => s.id === a.serviceId)} date={moveDate} onDate={setMoveDate} slot={moveSlot} onSlot={pickSlot} />
                      <View className="kefu-reschedule__move kefu-schedule__move">
                        <Button
                          className="kefu-schedule__move-confirm"
                          type="primary"
                          block
                          disabled={!moveSlot || moveSlot.start === a.start}
                          onClick={() => moveSlot && setPending({ action: 'reschedule', appointment: a, slot: moveSlot })}
                        >
                          {TEXT.moveConfirm}
                        </Button>
                      </View>
                    </View>
                  ) : null}
                </View>
              );
            })}
          </>
        )}
      </PageState>

      <Dialog
        className="kefu-schedule__dialog"
        visible={pending !== null}
        title={pending ? TEXT.dialog[pending.action].title : ''}
        content={
          pending ? (
            <View>
              <Text>{dialogBody()}</Text>
              {pending.action === 'cancel' ? (
                <View className="kefu-dialog-field">
                  <TextArea value={reason} placeholder={TEXT.dialog.reasonPlaceholder} maxLength={100} onChange={setReason} />
                </View>
              ) : null}
            </View>
          ) : null
        }
        confirmText={pending ? TEXT.dialog[pending.action].ok : ''}
        cancelText={TEXT.dialog.back}
        disableConfirmButton={saving || (pending?.action === 'cancel' && reason.trim() === '')}
        onConfirm={() => void run()}
        onCancel={() => setPending(null)}
      />
    </View>
  );
}
