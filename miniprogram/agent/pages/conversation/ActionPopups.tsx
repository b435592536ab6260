// The desk's closing and booking forms for one conversation.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import type { AppointmentService, Slot } from '../../../../core/api';
import { call, errorText } from '../../../api/client';
import { PageState } from '../../../components/PageState';
import { Button, Input, Popup } from '../../../components/nutui';
import { TextArea } from '../../../components/booking/nutui';
import { ServicePicker } from '../../../components/booking/ServicePicker';
import { SlotChooser } from '../../../components/booking/SlotChooser';
import { slotLabel } from '../../../components/booking/time';
import '../../../components/booking/index.scss';
import { useRequest } from '../../../hooks/useRequest';
import { Chips } from '../../shared/Chips';
import '../../shared/agent.scss';

const TEXT = {
  close: {
    title: '结束会话',
    resolved: '已解决',
    unresolved: '未解决',
    reason: '说明（选填，最多 200 字）',
    submit: '结束会话',
    done: '会话已结束',
  },
  book: {
    title: '为客户预约',
    service: '服务项目',
    time: '日期和时段',
    date: '选择日期',
    slot: '选择时段',
    name: '客户姓名',
    phone: '客户手机号（11 位）',
    address: '上门地址（选填）',
    submit: '确认预约',
    pickSlot: '请选择服务和时段',
    required: '请填写客户姓名和手机号',
    done: (label: string) => `已预约 ${label}`,
  },
} as const;

interface PopupProps {
  conversationId: string;
  visible: boolean;
  onClose: () => void;
  onDone: () => void;
}

export function ClosePopup({ conversationId, visible, onClose, onDone }: PopupProps) {
  const [resolved, setResolved] = useState<'yes' | 'no'>('yes');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (saving) return;
    setSaving(true);
    try {
      await call('desk', 'close', { conversationId, resolved: resolved === 'yes', ...(reason.trim() ? { reason: reason.trim() } : {}) });
      void Taro.showToast({ title: TEXT.close.done, icon: 'success' });
      setReason('');
      onDone();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popup visible={visible} position="bottom" round title={TEXT.close.title} onClose={onClose}>
      {visible ? (
        <View className="kefu-popup" data-testid="close-popup">
          <Chips
            choices={[
              { value: 'yes', label: TEXT.close.resolved, testId: 'close-resolved' },
              { value: 'no', label: TEXT.close.unresolved, testId: 'close-unresolved' },
            ]}
            value={resolved}
            onChange={setResolved}
          />
          <View className="kefu-popup__field">
            <TextArea value={reason} placeholder={TEXT.close.reason} maxLength={200} onChange={setReason} />
          </View>
          <View className="kefu-popup__actions">
            <Button block type="primary" disabled={saving} onClick={() => void submit()}>
              {TEXT.close.submit}
            </Button>
          </View>
        </View>
      ) : null}
    </Popup>
  );
}

export function BookForPopup({ conversationId, visible, onClose, onDone, customerName }: PopupProps & { customerName: string }) {
  const services = useRequest(() => (visible ? call('appointment', 'services', {}) : Promise.resolve([])), [visible]);
  const [service, setService] = useState<AppointmentService | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const pickSlot = useCallback((s: Slot | null) => setSlot(s), []);
  const [name, setName] = useState(customerName);
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (saving) return;
    if (!service || !slot) {
      void Taro.showToast({ title: TEXT.book.pickSlot, icon: 'none' });
      return;
    }
    if (name.trim() === '' || phone.trim() === '') {
      void Taro.showToast({ title: TEXT.book.required, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const booked = await call('appointment', 'bookFor', {
        conversationId,
        serviceId: service.id,
        start: slot.start,
        name: name.trim(),
        phone: phone.trim(),
        ...(address.trim() ? { address: address.trim() } : {}),
      });
      void Taro.showToast({ title: TEXT.book.done(slotLabel(booked.start, booked.end)), icon: 'none' });
      setService(null);
      setDate(null);
      setSlot(null);
      setPhone('');
      setAddress('');
      onDone();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popup visible={visible} position="bottom" round title={TEXT.book.title} onClose={onClose}>
      {visible ? (
        <View className="kefu-popup" data-testid="book-popup">
          <Text className="kefu-muted">{TEXT.book.service}</Text>
          <PageState data={services.data} error={services.error} onRetry={services.reload}>
            {(list) => (
              <ServicePicker
                services={list}
                value={service?.id ?? null}
                onChange={(s) => {
                  setService(s);
                  setDate(null);
                  setSlot(null);
                }}
              />
            )}
          </PageState>
          {service ? (
            <SlotChooser serviceId={service.id} service={service} date={date} onDate={setDate} slot={slot} onSlot={pickSlot} titles={{ date: TEXT.book.date, slot: TEXT.book.slot }} />
          ) : null}
          <View className="kefu-popup__field" data-testid="book-name">
            <Input value={name} placeholder={TEXT.book.name} maxLength={20} onChange={setName} />
          </View>
          <View className="kefu-popup__field" data-testid="book-phone">
            <Input type="tel" value={phone} placeholder={TEXT.book.phone} maxLength={11} onChange={setPhone} />
          </View>
          <View className="kefu-popup__field" data-testid="book-address">
            <Input value={address} placeholder={TEXT.book.address} maxLength={100} onChange={setAddress} />
          </View>
          <View className="kefu-popup__actions">
            <Button block type="primary" disabled={saving} onClick={() => void submit()}>
              {TEXT.book.submit}
            </Button>
          </View>
        </View>
      ) : null}
    </Popup>
  );
}
