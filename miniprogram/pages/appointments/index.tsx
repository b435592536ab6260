// 我的预约: upcoming and past appointments; cancel or reschedule while the service's cut-off allows.
import Taro, { stopPullDownRefresh, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import type { Appointment, Slot } from '../../../core/api';
import { call, errorText } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Button } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { useSignals } from '../../hooks/useSignals';
import { appointmentRoutes } from '../../components/booking/routes';
import { SlotChooser } from '../../components/booking/SlotChooser';
import { StatusTag } from '../../components/booking/StatusTag';
import { Dialog, TextArea } from '../../components/booking/nutui';
import { isPast, slotLabel } from '../../components/booking/time';
import '../../components/booking/index.scss';
import './index.scss';

const TEXT = {
  upcoming: '即将到来',
  history: '历史',
  noUpcoming: '暂无即将到来的预约',
  noHistory: '暂无历史预约',
  book: '预约服务',
  address: (s: string) => `地址：${s}`,
  note: (s: string) => `备注：${s}`,
  cancel: '取消预约',
  reschedule: '改期',
  closePanel: '收起',
  cancelTitle: '取消预约',
  cancelBody: (label: string) => `确定取消「${label}」的预约吗？`,
  reasonPlaceholder: '取消原因（选填）',
  cancelConfirm: '确定取消',
  keep: '再想想',
  cancelled: '预约已取消',
  rescheduleTitle: '确认改期',
  rescheduleBody: (label: string) => `改到 ${label}？`,
  rescheduleConfirm: '确认改期',
  rescheduled: '已改期',
  pickNew: '请选择新的日期和时段',
  notChangeable: '已过可修改时间，如需调整请联系客服',
} as const;

type TabKey = 'upcoming' | 'history';

function isUpcoming(a: Appointment): boolean {
  return (a.status === 'booked' || a.status === 'confirmed') && !isPast(a.end);
}

export default function MyAppointmentsPage() {
  const mine = useRequest(() => call('appointment', 'mine', {}), []);
  const [tab, setTab] = useState<TabKey>('upcoming');
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [reason, setReason] = useState('');
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [confirmMove, setConfirmMove] = useState(false);
  const [saving, setSaving] = useState(false);

  useSignals(() => void mine.reload(), ['appointment']);
  // Back from another page (or the app from the background): read again. The first show is the load itself.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void mine.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void mine.reload().finally(() => stopPullDownRefresh());
  });

  const pickSlot = useCallback((next: Slot | null) => setSlot(next), []);

  const openMove = (a: Appointment) => {
    setMoving(moving?.id === a.id ? null : a);
    setDate(null);
    setSlot(null);
  };

  const cancel = async () => {
    if (!cancelling) return;
    const target = cancelling;
    setSaving(true);
    try {
      const why = reason.trim();
      await call('appointment', 'cancel', why ? { id: target.id, reason: why } : { id: target.id });
      void Taro.showToast({ title: TEXT.cancelled, icon: 'success' });
      setCancelling(null);
      setReason('');
      await mine.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  const reschedule = async () => {
    if (!moving || !slot) return;
    setSaving(true);
    try {
      await call('appointment', 'reschedule', { id: moving.id, start: slot.start });
      void Taro.showToast({ title: TEXT.rescheduled, icon: 'success' });
      setConfirmMove(false);
      setMoving(null);
      await mine.reload();
    } catch (err) {
      setConfirmMove(false);
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  const tabs: { key: TabKey; title: string }[] = [
    { key: 'upcoming', title: TEXT.upcoming },
    { key: 'history', title: TEXT.history },
  ];

  return (
    <View className="kefu-page kefu-mine">
      <View className="kefu-mine__tabs">
        {tabs.map((t) => (
          <View
            key={t.key}
            className={`kefu-mine__tab${t.key === tab ? ' kefu-mine__tab--active' : ''}`}
            data-testid={`mine-tab-${t.key}`}
            onClick={() => setTab(t.key)}
          >
            {t.title}
          </View>
        ))}
      </View>

      <PageState data={mine.data} error={mine.error} onRetry={mine.reload}>
        {(all) => {
          const list =
            tab === 'upcoming'
              ? all.filter(isUpcoming).sort((a, b) => a.start.localeCompare(b.start))
              : all.filter((a) => !isUpcoming(a)).sort((a, b) => b.start.localeCompare(a.start));
          if (list.length === 0) {
            return (
              <View className="kefu-mine__empty" data-testid="empty">
                <Text className="kefu-mine__empty-icon">📅</Text>
                <Text className="kefu-muted">{tab === 'upcoming' ? TEXT.noUpcoming : TEXT.noHistory}</Text>
                <Button className="kefu-mine__book" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: appointmentRoutes.book() })}>
                  {TEXT.book}
                </Button>
              </View>
            );
          }
          return list.map((a) => (
            <View key={a.id} className="kefu-card kefu-appt kefu-mine__item" data-testid="my-appointment">
              <View className="kefu-appt__head">
                <Text className="kefu-appt__service">{a.serviceName}</Text>
                <StatusTag status={a.status} />
              </View>
              <Text className="kefu-appt__time">{slotLabel(a.start, a.end)}</Text>
              {a.address ? <Text className="kefu-appt__line">{TEXT.address(a.address)}</Text> : null}
              {a.note ? <Text className="kefu-appt__line">{TEXT.note(a.note)}</Text> : null}
              {a.changeable ? (
                <View className="kefu-appt__actions">
                  <Button className="kefu-mine__cancel" size="small" onClick={() => setCancelling(a)}>
                    {TEXT.cancel}
                  </Button>
                  <Button className="kefu-mine__reschedule" size="small" type="primary" fill="outline" onClick={() => openMove(a)}>
                    {moving?.id === a.id ? TEXT.closePanel : TEXT.reschedule}
                  </Button>
                </View>
              ) : isUpcoming(a) ? (
                <Text className="kefu-appt__line kefu-muted">{TEXT.notChangeable}</Text>
              ) : null}
              {moving?.id === a.id ? (
                <View className="kefu-appt__panel" data-testid="reschedule-panel">
                  <Text className="kefu-reschedule__pick kefu-mine__pick">{TEXT.pickNew}</Text>
                  <SlotChooser serviceId={a.serviceId} date={date} onDate={setDate} slot={slot} onSlot={pickSlot} />
                  <View className="kefu-reschedule__move kefu-mine__move">
                    <Button
                      className="kefu-mine__move-confirm"
                      type="primary"
                      block
                      disabled={!slot || slot.start === a.start}
                      onClick={() => setConfirmMove(true)}
                    >
                      {TEXT.rescheduleConfirm}
                    </Button>
                  </View>
                </View>
              ) : null}
            </View>
          ));
        }}
      </PageState>

      <Dialog
        className="kefu-mine__cancel-dialog"
        visible={cancelling !== null}
        title={TEXT.cancelTitle}
        content={
          cancelling ? (
            <View>
              <Text>{TEXT.cancelBody(`${cancelling.serviceName} ${slotLabel(cancelling.start, cancelling.end)}`)}</Text>
              <View className="kefu-dialog-field">
                <TextArea value={reason} placeholder={TEXT.reasonPlaceholder} maxLength={100} onChange={setReason} />
              </View>
            </View>
          ) : null
        }
        confirmText={TEXT.cancelConfirm}
        cancelText={TEXT.keep}
        disableConfirmButton={saving}
        onConfirm={() => void cancel()}
        onCancel={() => {
          setCancelling(null);
          setReason('');
        }}
      />

      <Dialog
        visible={confirmMove && moving !== null && slot !== null}
        title={TEXT.rescheduleTitle}
        content={slot ? TEXT.rescheduleBody(slotLabel(slot.start, slot.end)) : ''}
        confirmText={TEXT.rescheduleConfirm}
        cancelText={TEXT.keep}
        disableConfirmButton={saving}
        onConfirm={() => void reschedule()}
        onCancel={() => setConfirmMove(false)}
      />
    </View>
  );
}
