// Booking: service → date → time slot → contact details → permission for notifications → booked.
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import type { Appointment, Slot } from '../../../core/api';
import { ApiCallError, call, errorText } from '../../api/client';
import { useSubscribePermission } from '../../api/subscribe';
import { PageState } from '../../components/PageState';
import { Button, Input } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { param, routes } from '../../utils/routes';
import { appointmentRoutes } from '../../components/booking/routes';
import { ServicePicker } from '../../components/booking/ServicePicker';
import { SlotChooser } from '../../components/booking/SlotChooser';
import { StatusTag } from '../../components/booking/StatusTag';
import { TextArea } from '../../components/booking/nutui';
import { slotLabel } from '../../components/booking/time';
import { BOOKING_EVENTS, cleanPhone, newIdempotencyKey, validateBooking, type ContactForm, type FieldErrors } from './form';
import './index.scss';

const TEXT = {
  stepService: '1. 选择服务',
  stepDate: '2. 选择日期',
  stepSlot: '3. 选择时段',
  stepForm: '4. 填写联系信息',
  noServices: '暂无可预约的服务',
  name: '姓名',
  namePlaceholder: '请输入联系人姓名',
  phone: '手机号',
  phonePlaceholder: '请输入 11 位手机号',
  note: '地址或备注',
  notePlaceholder: '上门服务请填写详细地址，其他情况可填写备注',
  chosen: (label: string) => `已选：${label}`,
  submit: '提交预约',
  submitting: '正在提交…',
  retry: '重新提交',
  conflictHint: '请选择其他日期或时段后重新提交。',
  retryHint: '您的预约可能尚未提交成功，点击「重新提交」不会重复预约。',
  successTitle: '预约成功',
  successService: '服务项目',
  successTime: '预约时间',
  successStatus: '预约状态',
  notifyOn: '我们会通过微信服务通知提醒您预约进展。',
  toMine: '查看我的预约',
  toHome: '返回首页',
} as const;

const CONTACT_KEY = 'kefu.bookingContact';

function storedContact(): ContactForm {
  const value: unknown = Taro.getStorageSync(CONTACT_KEY);
  const saved = typeof value === 'object' && value !== null ? (value as Partial<ContactForm>) : {};
  return { name: typeof saved.name === 'string' ? saved.name : '', phone: typeof saved.phone === 'string' ? saved.phone : '', address: '' };
}

/** Failures the same request cannot fix: the next attempt is a new booking intent with a new key. */
function isFinal(err: unknown): boolean {
  return err instanceof ApiCallError && ['CONFLICT', 'INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN'].includes(err.code);
}

export default function BookPage() {
  const router = useRouter();
  const services = useRequest(() => call('appointment', 'services', {}).then((list) => list.filter((s) => s.enabled)), []);
  // Loaded with the page, so the tap on 提交预约 can prompt at once (WeChat needs the prompt from the tap).
  const templates = useRequest(() => call('templates', 'available', { events: BOOKING_EVENTS }).catch(() => []), []);
  const permission = useSubscribePermission();

  const [serviceId, setServiceId] = useState<string | null>(() => param(router.params.serviceId) || null);
  const [date, setDate] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [form, setForm] = useState<ContactForm>(storedContact);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<{ message: string; final: boolean } | null>(null);
  const [booked, setBooked] = useState<{ appointment: Appointment; notified: boolean } | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);

  const busy = useRef(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  // The permission is asked once per form; a retry goes straight to booking.
  const asked = useRef<Promise<{ accepted: string[] }> | null>(null);

  const service = services.data?.find((s) => s.id === serviceId) ?? null;

  const pickSlot = useCallback((next: Slot | null) => {
    setSlot(next);
    if (next) setErrors((e) => ({ ...e, slot: undefined }));
  }, []);

  const setField = (field: keyof ContactForm, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = () => {
    if (busy.current) return;
    const found = validateBooking({ serviceId: service?.id ?? null, slotStart: slot?.start ?? null, form });
    setErrors(found);
    const first = Object.values(found).find(Boolean);
    if (first) {
      void Taro.showToast({ title: first, icon: 'none' });
      return;
    }
    if (!service || !slot) return;
    busy.current = true;
    setSubmitting(true);
    setFailure(null);
    // Synchronously inside the tap: the prompt first, the network after.
    asked.current ??= permission.ask((templates.data ?? []).map((t) => t.templateId));
    const address = form.address.trim();
    const input = {
      serviceId: service.id,
      start: slot.start,
      name: form.name.trim(),
      phone: cleanPhone(form.phone),
      ...(address ? { address } : {}),
      idempotencyKey: idempotencyKey.current,
    };
    void (async () => {
      const answer = await asked.current!;
      try {
        const appointment = await call('appointment', 'book', input);
        Taro.setStorageSync(CONTACT_KEY, { name: input.name, phone: input.phone });
        setBooked({ appointment, notified: answer.accepted.length > 0 });
      } catch (err) {
        const final = isFinal(err);
        setFailure({ message: errorText(err), final });
        if (final) {
          idempotencyKey.current = newIdempotencyKey();
          setRefreshKey((k) => k + 1);
          if (err instanceof ApiCallError && err.code === 'CONFLICT') setSlot(null);
        }
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    })();
  };

  if (booked) {
    const { appointment } = booked;
    return (
      <View className="kefu-page kefu-book">
        <View className="kefu-card kefu-book__success" data-testid="book-success">
          <Text className="kefu-book__success-icon">✅</Text>
          <Text className="kefu-book__success-title">{TEXT.successTitle}</Text>
          <View className="kefu-book__row">
            <Text className="kefu-book__label">{TEXT.successService}</Text>
            <Text className="kefu-book__value">{appointment.serviceName}</Text>
          </View>
          <View className="kefu-book__row">
            <Text className="kefu-book__label">{TEXT.successTime}</Text>
            <Text className="kefu-book__value" data-testid="book-success-time">
              {slotLabel(appointment.start, appointment.end)}
            </Text>
          </View>
          <View className="kefu-book__row">
            <Text className="kefu-book__label">{TEXT.successStatus}</Text>
            <StatusTag status={appointment.status} />
          </View>
          {booked.notified ? <Text className="kefu-book__notify kefu-muted">{TEXT.notifyOn}</Text> : null}
          <Button className="kefu-book__to-mine" type="primary" block onClick={() => void Taro.redirectTo({ url: appointmentRoutes.mine })}>
            {TEXT.toMine}
          </Button>
          <Button className="kefu-book__to-home" block onClick={() => void Taro.reLaunch({ url: routes.home })}>
            {TEXT.toHome}
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="kefu-page kefu-book">
      <View className="kefu-section-title">{TEXT.stepService}</View>
      <PageState data={services.data} error={services.error} onRetry={services.reload} emptyText={TEXT.noServices}>
        {(list) => (
          <ServicePicker
            services={list}
            value={serviceId}
            onChange={(next) => {
              if (next.id === serviceId) return;
              setServiceId(next.id);
              setDate(null);
              setSlot(null);
              setFailure(null);
              setErrors((e) => ({ ...e, service: undefined }));
            }}
          />
        )}
      </PageState>
      {errors.service ? <Text className="kefu-field-error">{errors.service}</Text> : null}

      {service ? (
        <>
          <SlotChooser
            serviceId={service.id}
            service={service}
            date={date}
            onDate={setDate}
            slot={slot}
            onSlot={pickSlot}
            refreshKey={refreshKey}
            titles={{ date: TEXT.stepDate, slot: TEXT.stepSlot }}
          />
          {errors.slot ? <Text className="kefu-field-error">{errors.slot}</Text> : null}

          <View className="kefu-section-title">{TEXT.stepForm}</View>
          <View className="kefu-book__form">
            <View className="kefu-book__field">
              <Text className="kefu-book__field-label">{TEXT.name}</Text>
              <Input
                className="kefu-book__name"
                data-testid="book-name"
                value={form.name}
                placeholder={TEXT.namePlaceholder}
                maxLength={20}
                onChange={(v) => setField('name', v)}
              />
            </View>
            {errors.name ? <Text className="kefu-field-error">{errors.name}</Text> : null}
            <View className="kefu-book__field">
              <Text className="kefu-book__field-label">{TEXT.phone}</Text>
              <Input
                className="kefu-book__phone"
                data-testid="book-phone"
                type="number"
                value={form.phone}
                placeholder={TEXT.phonePlaceholder}
                maxLength={13}
                onChange={(v) => setField('phone', v)}
              />
            </View>
            {errors.phone ? (
              <Text className="kefu-field-error" data-testid="phone-error">
                {errors.phone}
              </Text>
            ) : null}
            <View className="kefu-book__field kefu-book__field--top">
              <Text className="kefu-book__field-label">{TEXT.note}</Text>
              <TextArea
                className="kefu-book__note"
                data-testid="book-note"
                value={form.address}
                placeholder={TEXT.notePlaceholder}
                maxLength={100}
                onChange={(v) => setField('address', v)}
              />
            </View>
            {errors.address ? <Text className="kefu-field-error">{errors.address}</Text> : null}
          </View>

          {failure ? (
            <View className="kefu-card kefu-book__failure" data-testid="book-failure">
              <Text className="kefu-book__failure-message">{failure.message}</Text>
              <Text className="kefu-muted">{failure.final ? TEXT.conflictHint : TEXT.retryHint}</Text>
            </View>
          ) : null}

          <View className="kefu-book__submit-bar">
            {slot ? <Text className="kefu-book__chosen">{TEXT.chosen(slotLabel(slot.start, slot.end))}</Text> : null}
            <Button
              className="kefu-book__submit"
              data-testid="book-submit"
              type="primary"
              block
              loading={submitting}
              disabled={submitting}
              onClick={submit}
            >
              {submitting ? TEXT.submitting : failure && !failure.final ? TEXT.retry : TEXT.submit}
            </Button>
          </View>
        </>
      ) : null}
      {permission.element}
    </View>
  );
}
