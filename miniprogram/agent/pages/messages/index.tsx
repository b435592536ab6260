// Messages customers left for the team (留言): open ones first; answer each once (the customer is notified).
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LeftMessage, RevealedLeftMessage } from '../../../../core/api';
import { call, errorText } from '../../../api/client';
import { PageState } from '../../../components/PageState';
import { Button, Tag } from '../../../components/nutui';
import { TextArea } from '../../../components/booking/nutui';
import { useRequest } from '../../../hooks/useRequest';
import { formatDateTime } from '../../../utils/format';
import { routes, go } from '../../../utils/routes';
import { DESK_ROLES } from '../../shared/roles';
import { StaffGate } from '../../shared/StaffGate';
import { useLive } from '../../shared/useLive';
import { REVEAL_TEXT, callNumber, useReveal, type Reveal } from '../../shared/useReveal';
import '../../shared/agent.scss';
import './index.scss';

const TEXT = {
  empty: '还没有客户留言',
  open: '待回复',
  answered: '已回复',
  noPhone: '未留电话',
  reply: '回复',
  cancel: '取消',
  submit: '发送回复',
  placeholder: '回复内容将通过服务通知发送给客户（最多 500 字）',
  required: '请填写回复内容',
  sent: '已回复',
  answer: (by: string | undefined) => (by ? `${by} 的回复：` : '回复：'),
  conversation: '查看会话',
  unnamed: '客户',
} as const;

export default function DeskMessagesPage() {
  return <StaffGate roles={DESK_ROLES}>{() => <LeftMessages />}</StaffGate>;
}

function LeftMessages() {
  const list = useRequest(() => call('desk', 'leftMessages', {}), []);
  useLive(list.reload, ['messages']);
  useDidShow(() => void list.reload());
  // Phone and text come masked; 查看号码 opens them (logged on the server) and stays open on this page.
  const opened = useReveal<RevealedLeftMessage>();

  return (
    <View className="kefu-page kefu-left">
      <PageState data={list.data} error={list.error} onRetry={list.reload} emptyText={TEXT.empty}>
        {(items) => (
          <>
            {items.map((m) => (
              <LeftMessageCard key={m.id} message={m} onAnswered={list.reload} opened={opened} />
            ))}
          </>
        )}
      </PageState>
    </View>
  );
}

function LeftMessageCard({ message: m, onAnswered, opened }: { message: LeftMessage; onAnswered: () => Promise<void>; opened: Reveal<RevealedLeftMessage> }) {
  const [replying, setReplying] = useState(false);
  const whole = opened.revealed[m.id];
  const phone = whole?.phone ?? m.phone;
  const open = () => void opened.reveal(m.id, () => call('desk', 'revealLeftMessage', { id: m.id }));
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (saving) return;
    if (text.trim() === '') {
      void Taro.showToast({ title: TEXT.required, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      await call('desk', 'answerMessage', { id: m.id, text: text.trim() });
      void Taro.showToast({ title: TEXT.sent, icon: 'success' });
      setReplying(false);
      setText('');
      await onAnswered();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="kefu-card kefu-left__item" data-testid="left-item">
      <View className="kefu-line">
        <View className="kefu-line__main">
          <Text className="kefu-line__title">{m.customerName || TEXT.unnamed}</Text>
          <Text className="kefu-muted" data-testid="left-phone">{`${phone || TEXT.noPhone} · ${formatDateTime(m.createdAt)}`}</Text>
        </View>
        <Tag background={m.status === 'open' ? '#fff3e8' : '#e7f8ee'} color={m.status === 'open' ? '#d25f00' : '#07c160'}>
          {m.status === 'open' ? TEXT.open : TEXT.answered}
        </Tag>
      </View>
      <Text className="kefu-left__text">{whole?.text ?? m.text}</Text>
      {m.status === 'answered' && m.answer ? (
        <View className="kefu-left__answer" data-testid="left-answer-text">
          <Text className="kefu-muted">{TEXT.answer(m.answeredByName)}</Text>
          <Text>{m.answer}</Text>
          {m.answeredAt ? <Text className="kefu-muted">{formatDateTime(m.answeredAt)}</Text> : null}
        </View>
      ) : null}
      {m.status === 'open' && replying ? (
        <View className="kefu-left__form">
          <TextArea value={text} placeholder={TEXT.placeholder} maxLength={500} onChange={setText} />
          <View className="kefu-popup__actions">
            <Button size="small" onClick={() => setReplying(false)}>
              {TEXT.cancel}
            </Button>
            <View data-testid="left-submit" onClick={() => void submit()}>
              <Button size="small" type="primary" disabled={saving}>
                {TEXT.submit}
              </Button>
            </View>
          </View>
        </View>
      ) : null}
      <View className="kefu-popup__actions">
        {m.status === 'open' && !replying ? (
          <View data-testid="left-answer" onClick={() => setReplying(true)}>
            <Button size="small" type="primary">
              {TEXT.reply}
            </Button>
          </View>
        ) : null}
        {m.masked && !whole ? (
          <View data-testid="left-reveal" onClick={open}>
            <Button size="small" disabled={opened.busy === m.id}>
              {m.phone ? REVEAL_TEXT.viewPhone : REVEAL_TEXT.view}
            </Button>
          </View>
        ) : null}
        {whole?.phone ? (
          <View data-testid="left-call" onClick={() => callNumber(whole.phone)}>
            <Button size="small">{REVEAL_TEXT.callBack}</Button>
          </View>
        ) : null}
        {m.conversationId ? (
          <Button size="small" onClick={() => go(routes.deskConversation(m.conversationId!))}>
            {TEXT.conversation}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
