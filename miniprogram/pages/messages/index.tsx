// 我的留言: messages left for the team and their answers; `leave=1` opens the form first
// (from the chat when nobody is on duty, with the conversation it replaces).
import Taro, { stopPullDownRefresh, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { LeftMessage, NotificationEvent } from '../../../core/api';
import { call, errorText } from '../../api/client';
import { useSubscribePermission } from '../../api/subscribe';
import { stamp } from '../../components/booking/time';
import { Button, Input, Tag, TextArea } from '../../components/nutui';
import { PageState } from '../../components/PageState';
import { useRequest } from '../../hooks/useRequest';
import { useSignals } from '../../hooks/useSignals';
import { go, param, routes } from '../../utils/routes';
import { LEAVE_TEXT_MAX, validateLeave, type LeaveErrors, type LeaveForm } from './form';
import './index.scss';

const TEXT = {
  formTitle: '给我们留言',
  formHint: '客服上班后会尽快回复，回复结果会显示在这里，也可通过微信服务通知提醒您。',
  textPlaceholder: '请描述您遇到的问题',
  phone: '联系电话',
  phonePlaceholder: '选填，方便客服回电',
  submit: '提交留言',
  submitted: '留言已提交',
  leave: '我要留言',
  cancel: '取消',
  list: '我的留言',
  empty: '还没有留言',
  open: '待回复',
  answered: '已回复',
  answer: '客服回复',
  answeredBy: (who: string, when: string) => `${who || '客服'} · ${when}`,
  phoneLine: (phone: string) => `联系电话：${phone}`,
  chat: '咨询在线客服',
} as const;

/** The notification a left message asks permission for. */
const MESSAGE_EVENTS: NotificationEvent[] = ['message_answered'];

function LeftItem({ item }: { item: LeftMessage }) {
  const answered = item.status === 'answered';
  return (
    <View className="kefu-left__item" data-testid="left-item">
      <View className="kefu-left__head">
        <Tag className="kefu-left__status" background={answered ? '#e7f8ee' : '#fff7e8'} color={answered ? '#07c160' : '#d25f00'}>
          {answered ? TEXT.answered : TEXT.open}
        </Tag>
        <Text className="kefu-left__date">{stamp(item.createdAt)}</Text>
      </View>
      <Text className="kefu-left__text">{item.text}</Text>
      {item.phone ? <Text className="kefu-muted kefu-left__phone">{TEXT.phoneLine(item.phone)}</Text> : null}
      {answered && item.answer ? (
        <View className="kefu-left__answer">
          <Text className="kefu-left__answer-title">{TEXT.answer}</Text>
          <Text className="kefu-left__answer-text">{item.answer}</Text>
          <Text className="kefu-muted">{TEXT.answeredBy(item.answeredByName ?? '', item.answeredAt ? stamp(item.answeredAt) : '')}</Text>
        </View>
      ) : null}
    </View>
  );
}

export default function MessagesPage() {
  const { params } = useRouter<{ leave?: string; conversationId?: string }>();
  const conversationId = param(params.conversationId);
  const mine = useRequest(() => call('session', 'myMessages', {}), []);
  // Loaded with the page, so the tap on 提交留言 can prompt at once (WeChat needs the prompt from the tap).
  const templates = useRequest(() => call('templates', 'available', { events: MESSAGE_EVENTS }).catch(() => []), []);
  const permission = useSubscribePermission();

  const [formOpen, setFormOpen] = useState(param(params.leave) === '1');
  const [form, setForm] = useState<LeaveForm>({ text: '', phone: '' });
  const [errors, setErrors] = useState<LeaveErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const busy = useRef(false);
  // Only the first message may take the conversation along (it leaves the queue with it).
  const conversationUsed = useRef(false);

  useSignals(() => void mine.reload(), ['messages']);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void mine.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void mine.reload().finally(() => stopPullDownRefresh());
  });

  const setField = (field: keyof LeaveForm, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = () => {
    if (busy.current) return;
    const { errors: found, input } = validateLeave(form);
    setErrors(found);
    if (!input) {
      void Taro.showToast({ title: found.text ?? found.phone ?? '', icon: 'none' });
      return;
    }
    busy.current = true;
    setSubmitting(true);
    // Synchronously inside the tap: the prompt first, the network after.
    const asked = permission.ask((templates.data ?? []).map((t) => t.templateId));
    const withConversation = conversationId && !conversationUsed.current ? { conversationId } : {};
    void (async () => {
      await asked;
      try {
        await call('session', 'leaveMessage', { ...input, ...withConversation });
        conversationUsed.current = true;
        void Taro.showToast({ title: TEXT.submitted, icon: 'success' });
        setForm({ text: '', phone: '' });
        setFormOpen(false);
        await mine.reload();
      } catch (err) {
        void Taro.showToast({ title: errorText(err), icon: 'none' });
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    })();
  };

  return (
    <View className="kefu-page kefu-left">
      {formOpen ? (
        <View className="kefu-card kefu-left__form" data-testid="leave-form">
          <Text className="kefu-left__form-title">{TEXT.formTitle}</Text>
          <Text className="kefu-muted kefu-left__form-hint">{TEXT.formHint}</Text>
          <TextArea
            className="kefu-left__input"
            data-testid="leave-text"
            value={form.text}
            placeholder={TEXT.textPlaceholder}
            maxLength={LEAVE_TEXT_MAX}
            showCount
            autoSize
            onChange={(v) => setField('text', v)}
          />
          {errors.text ? (
            <Text className="kefu-left__error" data-testid="leave-text-error">
              {errors.text}
            </Text>
          ) : null}
          <View className="kefu-left__field">
            <Text className="kefu-left__label">{TEXT.phone}</Text>
            <Input
              className="kefu-left__phone-input"
              data-testid="leave-phone"
              type="tel"
              value={form.phone}
              placeholder={TEXT.phonePlaceholder}
              maxLength={16}
              onChange={(v) => setField('phone', v)}
            />
          </View>
          {errors.phone ? (
            <Text className="kefu-left__error" data-testid="leave-phone-error">
              {errors.phone}
            </Text>
          ) : null}
          <View className="kefu-left__actions">
            <Button className="kefu-left__submit" data-testid="leave-submit" type="primary" block loading={submitting} disabled={submitting} onClick={submit}>
              {TEXT.submit}
            </Button>
            <Button className="kefu-left__cancel" block fill="none" onClick={() => setFormOpen(false)}>
              {TEXT.cancel}
            </Button>
          </View>
        </View>
      ) : (
        <View className="kefu-left__bar">
          <Button className="kefu-left__open" data-testid="leave-open" type="primary" size="small" onClick={() => setFormOpen(true)}>
            {TEXT.leave}
          </Button>
          <Text className="kefu-left__chat" onClick={() => go(routes.chat())}>
            {TEXT.chat}
          </Text>
        </View>
      )}

      <View className="kefu-section-title">{TEXT.list}</View>
      <PageState data={mine.data} error={mine.error} onRetry={mine.reload} emptyText={TEXT.empty}>
        {(list) => (
          <View className="kefu-left__list">
            {[...list]
              .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
              .map((item) => (
                <LeftItem key={item.id} item={item} />
              ))}
          </View>
        )}
      </PageState>
      {permission.element}
    </View>
  );
}
