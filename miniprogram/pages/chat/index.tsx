// 在线客服: the customer's conversation — the bot first, then a person (queue, agent), then a rating.
// With `id` of a past conversation it shows that history read-only.
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatMessage, ConversationView } from '../../../core/api';
import type { NotificationEvent } from '../../../core/api';
import { call, errorText } from '../../api/client';
import { useSubscribePermission } from '../../api/subscribe';
import { appointmentRoutes } from '../../components/booking/routes';
import { Composer, MessageList, mergeMessages, queueText } from '../../components/chat';
import { Button, Dialog } from '../../components/nutui';
import { ErrorState, LoadingState } from '../../components/PageState';
import { useMe } from '../../hooks/useMe';
import { useSignals } from '../../hooks/useSignals';
import { go, param, routes } from '../../utils/routes';
import { RatingCard, type Rating } from './RatingCard';
import './index.scss';

const TEXT = {
  bot: '小暖助手',
  botHint: '智能客服 · 随时可转人工',
  handoff: '转人工',
  agent: (name: string) => `客服 ${name} 为您服务`,
  closed: '会话已结束',
  end: '结束会话',
  endTitle: '结束会话',
  endBody: '确定结束本次会话吗？结束后可以为本次服务评分。',
  endConfirm: '结束',
  keep: '继续咨询',
  mine: '我的会话',
  offHours: (hours: string) => `现在是非工作时间（${hours}），您可以留言或预约回电，我们会尽快联系您。`,
  nobodyOnline: (hours: string) => `暂时没有客服在线（服务时间：${hours}），您可以留言或预约回电，无需继续等待。`,
  leave: '留言',
  callback: '预约回电',
  restart: '发起新会话',
  me: '我',
} as const;

/** Asked for on 转人工: a reply while the customer is away, and the invitation to rate. */
const CHAT_EVENTS: NotificationEvent[] = ['agent_replied', 'rate_request'];
const CHAT_PROMPT = { title: '是否接收客服消息通知？', body: '您离开聊天页面时，客服的回复和服务评价邀请将通过微信服务通知发送给您。' };

/** Signals come in bursts (a reply and a status change): read the history once per burst. */
const RELOAD_DEBOUNCE_MS = 300;

let localSeq = 0;

export default function ChatPage() {
  const { params } = useRouter<{ id?: string; category?: string; text?: string }>();
  const givenId = param(params.id);
  const category = param(params.category);
  // From search's 转人工客服: the customer's question, sent as the first message.
  const text = param(params.text);
  const { me } = useMe();

  const [view, setView] = useState<ConversationView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<ChatMessage[]>([]);
  const [input, setInput] = useState('');
  const [offHours, setOffHours] = useState(false);
  const [handingOff, setHandingOff] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [ending, setEnding] = useState(false);
  const [rated, setRated] = useState<Rating | null>(null);

  // Loaded with the page, so the tap on 转人工 can prompt at once (WeChat needs the prompt from the tap).
  const templates = useRef<string[]>([]);
  const permission = useSubscribePermission(CHAT_PROMPT);
  useEffect(() => {
    call('templates', 'available', { events: CHAT_EVENTS })
      .then((list) => {
        templates.current = list.map((t) => t.templateId);
      })
      .catch(() => undefined);
  }, []);

  const conversationId = useRef<string | null>(null);
  // Reads are numbered: an answer older than one already shown is dropped (its messages are in the newer one).
  const readSeq = useRef(0);
  const shownSeq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useCallback(async () => {
    const id = conversationId.current;
    if (!id) return;
    const seq = ++readSeq.current;
    const next = await call('session', 'history', { conversationId: id });
    if (seq < shownSeq.current) return;
    shownSeq.current = seq;
    setView((prev) => (prev && prev.conversationId === next.conversationId ? { ...next, messages: mergeMessages(prev.messages, next.messages) } : next));
  }, []);

  const open = useCallback(async () => {
    setError(null);
    try {
      // A retry after a failed first read keeps the conversation already started (and its first message).
      const id = conversationId.current || givenId || (await call('session', 'start', { ...(category ? { category } : {}), ...(text ? { text } : {}) })).conversationId;
      conversationId.current = id;
      await refresh();
    } catch (err) {
      setError(err);
    }
  }, [givenId, category, text, refresh]);

  useEffect(() => {
    void open();
  }, [open]);

  const refreshSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void refresh().catch(() => undefined), RELOAD_DEBOUNCE_MS);
  }, [refresh]);
  useEffect(() => () => clearTimeout(timer.current), []);

  useSignals(refreshSoon, ['conversation', 'queue']);
  // Back from 留言 or another page: the conversation may have moved on.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) refreshSoon();
    shown.current = true;
  });

  const sendMessage = async (payload: { text: string } | { image: string }) => {
    const id = conversationId.current;
    if (!id) return;
    const local: ChatMessage = {
      id: `local-${++localSeq}`,
      from: 'customer',
      authorName: me?.name ?? TEXT.me,
      text: 'text' in payload ? payload.text : '',
      kind: 'text' in payload ? 'text' : 'image',
      ...('image' in payload ? { image: payload.image } : {}),
      createdAt: new Date().toISOString(),
    };
    // Shown at once; replaced by the stored message when the history comes back.
    setPending((list) => [...list, local]);
    try {
      await call('session', 'send', { conversationId: id, ...payload });
      await refresh().catch(() => undefined);
    } finally {
      setPending((list) => list.filter((m) => m.id !== local.id));
    }
  };

  const sendText = async (text: string) => {
    setInput('');
    try {
      await sendMessage({ text });
    } catch (err) {
      // Give the words back so nothing typed is lost; the composer shows the error.
      setInput((current) => current || text);
      throw err;
    }
  };

  const sendSuggestion = (question: string) => {
    sendText(question).catch((err: unknown) => void Taro.showToast({ title: errorText(err), icon: 'none' }));
  };

  const handoff = async () => {
    const id = conversationId.current;
    if (!id || handingOff) return;
    setHandingOff(true);
    // Synchronously inside the tap: the prompt first; the hand-off does not wait for the answer.
    void permission.ask(templates.current);
    try {
      const result = await call('session', 'handoff', { conversationId: id });
      setOffHours(result.offHours === true);
      await refresh();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setHandingOff(false);
    }
  };

  const end = async () => {
    const id = conversationId.current;
    if (!id) return;
    setEnding(true);
    try {
      await call('session', 'close', { conversationId: id });
      setConfirmEnd(false);
      await refresh();
    } catch (err) {
      setConfirmEnd(false);
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setEnding(false);
    }
  };

  if (error) {
    return (
      <View className="kefu-chat">
        <ErrorState error={error} onRetry={() => void open()} />
      </View>
    );
  }
  if (!view) {
    return (
      <View className="kefu-chat">
        <LoadingState />
      </View>
    );
  }

  const { status, availability } = view;
  const agentsOnline = view.agentsOnline ?? availability.agentsOnline;
  const offerMessage =
    (status === 'bot' && (offHours || !availability.inHours)) || (status === 'queued' && (agentsOnline === 0 || !availability.inHours));
  const rating = rated ?? view.rating;

  return (
    <View className={`kefu-chat kefu-chat--${status}`}>
      <View className="kefu-chat__bar">
        <View className="kefu-chat__status">
          {status === 'bot' ? (
            <>
              <Text className="kefu-chat__title">{TEXT.bot}</Text>
              <Text className="kefu-chat__hint">{TEXT.botHint}</Text>
            </>
          ) : status === 'queued' ? (
            <Text className="kefu-chat__title kefu-chat__title--queue" data-testid="chat-queue">
              {queueText(view.queuePosition, view.etaSeconds)}
            </Text>
          ) : status === 'assigned' ? (
            <Text className="kefu-chat__title" data-testid="chat-agent">
              {TEXT.agent(view.agentName ?? '')}
            </Text>
          ) : (
            <Text className="kefu-chat__title kefu-chat__title--closed">{TEXT.closed}</Text>
          )}
        </View>
        <View className="kefu-chat__actions">
          {status === 'bot' ? (
            <Button className="kefu-chat__handoff" data-testid="chat-handoff" type="primary" size="small" loading={handingOff} disabled={handingOff} onClick={() => void handoff()}>
              {TEXT.handoff}
            </Button>
          ) : null}
          {status !== 'closed' ? (
            <Button className="kefu-chat__end" data-testid="chat-end" size="small" fill="outline" onClick={() => setConfirmEnd(true)}>
              {TEXT.end}
            </Button>
          ) : null}
          <Text className="kefu-chat__link" data-testid="chat-mine" onClick={() => go(routes.conversations)}>
            {TEXT.mine}
          </Text>
        </View>
      </View>

      {offerMessage ? (
        <View className="kefu-chat__notice" data-testid="chat-offhours">
          <Text className="kefu-chat__notice-text">{status === 'bot' ? TEXT.offHours(availability.hours) : TEXT.nobodyOnline(availability.hours)}</Text>
          <View className="kefu-chat__notice-actions">
            <Button size="small" type="primary" onClick={() => go(routes.messages({ leave: true, conversationId: view.conversationId }))}>
              {TEXT.leave}
            </Button>
            <Button size="small" fill="outline" onClick={() => go(appointmentRoutes.book())}>
              {TEXT.callback}
            </Button>
          </View>
        </View>
      ) : null}

      <View className="kefu-chat__messages">
        <MessageList
          messages={mergeMessages(view.messages, pending)}
          viewer="customer"
          onSuggestion={status === 'closed' ? undefined : (s) => sendSuggestion(s.question)}
        />
      </View>

      {status === 'closed' ? (
        <View className="kefu-chat__footer">
          {view.mayRate || rating ? <RatingCard conversationId={view.conversationId} rating={rating} onRated={setRated} /> : null}
          <Button className="kefu-chat__restart" data-testid="chat-restart" block onClick={() => void Taro.redirectTo({ url: routes.chat() })}>
            {TEXT.restart}
          </Button>
        </View>
      ) : (
        <Composer value={input} onChange={setInput} onSend={sendText} onImage={(image) => sendMessage({ image })} uploaderId={me?.openid} />
      )}

      {permission.element}
      <Dialog
        visible={confirmEnd}
        title={TEXT.endTitle}
        content={TEXT.endBody}
        confirmText={TEXT.endConfirm}
        cancelText={TEXT.keep}
        disableConfirmButton={ending}
        onConfirm={() => void end()}
        onCancel={() => setConfirmEnd(false)}
      />
    </View>
  );
}
