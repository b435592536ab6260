// One conversation at the desk: the history (notes included), the customer beside it, and — when it is
// mine — the composer with quick replies, knowledge base, notes, booking, transfer and closing.
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ChatMessage, DeskConversation, WhoAmI } from '../../../../core/api';
import { ApiCallError, call, errorText } from '../../../api/client';
import { STATUS_LABELS } from '../../../components/booking/strings';
import { stamp } from '../../../components/booking/time';
import { Composer, MessageList } from '../../../components/chat';
import { PageState } from '../../../components/PageState';
import { Button, Dialog, Tag } from '../../../components/nutui';
import { useRequest } from '../../../hooks/useRequest';
import { go, param, routes } from '../../../utils/routes';
import { STATUS_TEXT } from '../../shared/format';
import { DESK_ROLES } from '../../shared/roles';
import { StaffGate } from '../../shared/StaffGate';
import { TransferPopup } from '../../shared/TransferPopup';
import { useLive } from '../../shared/useLive';
import { REVEAL_TEXT, callNumber, useReveal } from '../../shared/useReveal';
import { BookForPopup, ClosePopup } from './ActionPopups';
import { KnowledgePopup, QuickReplyPopup } from './InsertPopups';
import '../../shared/agent.scss';
import './index.scss';

const TEXT = {
  agent: (name: string) => `接待：${name}`,
  panel: '客户资料',
  phone: (p: string) => `手机：${p || '未知'}`,
  earlier: '历史会话',
  noEarlier: '没有其他会话',
  appointments: '即将到来的预约',
  noAppointments: '没有预约',
  tools: { qr: '快捷回复', kb: '知识库', note: '备注', book: '预约', transfer: '转接', close: '结束' },
  notePlaceholder: '内部备注，客户不可见',
  claim: '接入',
  claimed: '已接入',
  queued: '客户正在排队，接入后即可回复',
  othersConversation: (name: string) => `该会话由 ${name} 接待`,
  bot: '客户正在与机器人对话',
  closed: '会话已结束',
  resolved: (r: boolean | null | undefined) => (r === true ? '已解决' : r === false ? '未解决' : ''),
  reason: (s: string) => `说明：${s}`,
  rating: (score: number) => `客户评分：${'★'.repeat(score)}${'☆'.repeat(Math.max(0, 5 - score))}（${score} 分）`,
  comment: (s: string) => `评价：${s}`,
  noRating: '客户尚未评分',
  refusedTitle: '未能发送',
  refusedOk: '返回修改',
} as const;

type Popup = 'qr' | 'kb' | 'book' | 'transfer' | 'close' | null;

export default function DeskConversationPage() {
  return <StaffGate roles={DESK_ROLES}>{(me) => <Conversation me={me} />}</StaffGate>;
}

function Conversation({ me }: { me: WhoAmI }) {
  const { params } = useRouter<{ id?: string }>();
  const id = param(params.id);
  const conv = useRequest(() => call('desk', 'conversation', { conversationId: id }), [id]);
  useLive(conv.reload, ['conversation']);

  return (
    <View className="kefu-desk-chat">
      <PageState data={conv.data} error={conv.error} onRetry={conv.reload}>
        {(c) => <ConversationView me={me} conv={c} reload={conv.reload} />}
      </PageState>
    </View>
  );
}

function ConversationView({ me, conv: c, reload }: { me: WhoAmI; conv: DeskConversation; reload: () => Promise<void> }) {
  const [input, setInput] = useState('');
  const [noteMode, setNoteMode] = useState(false);
  const [panelOpen, setPanelOpen] = useState(false);
  const [popup, setPopup] = useState<Popup>(null);
  /** Why the last reply was refused (话术审核, a text too long…): shown until the agent has read it. */
  const [refusal, setRefusal] = useState<string | null>(null);
  const canReply = c.mine && c.status === 'assigned';
  const id = c.conversationId;
  // Customer messages with personal data come masked; 查看 opens one (logged on the server).
  const { revealed, busy, reveal } = useReveal<string>();
  const messages = c.messages.map((m) => (revealed[m.id] !== undefined ? { ...m, text: revealed[m.id]! } : m));
  const revealAction = (m: ChatMessage) =>
    m.masked && revealed[m.id] === undefined ? (
      <Text
        className="kefu-msg__reveal"
        data-testid="msg-reveal"
        onClick={() => void reveal(m.id, async () => (await call('desk', 'reveal', { conversationId: id, messageId: m.id })).text)}
      >
        {busy === m.id ? REVEAL_TEXT.opening : REVEAL_TEXT.view}
      </Text>
    ) : null;

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: c.customerName });
  }, [c.customerName]);

  const insert = (text: string) => {
    setInput((prev) => (prev ? `${prev}${text}` : text));
    setPopup(null);
  };

  const send = async (text: string) => {
    // Composer toasts a failure and keeps the text for another try; a refused text (话术审核 names the
    // words) gets a dialog instead, and the draft stays for editing.
    try {
      if (noteMode) await call('desk', 'note', { conversationId: id, text });
      else await call('desk', 'reply', { conversationId: id, text });
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'INVALID_INPUT') {
        setRefusal(errorText(err));
        return;
      }
      throw err;
    }
    setInput('');
    await reload();
  };

  const sendImage = async (image: string) => {
    await call('desk', 'reply', { conversationId: id, image });
    await reload();
  };

  const claim = async () => {
    try {
      await call('desk', 'claim', { conversationId: id });
      void Taro.showToast({ title: TEXT.claimed, icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    }
    await reload();
  };

  const done = () => {
    setPopup(null);
    void reload();
  };

  const tool = (key: keyof typeof TEXT.tools, testId: string, onClick: () => void, active = false) => (
    <View key={key} className={`kefu-desk-chat__tool${active ? ' kefu-desk-chat__tool--active' : ''}`} data-testid={testId} onClick={onClick}>
      {TEXT.tools[key]}
    </View>
  );

  return (
    <>
      <View className="kefu-desk-chat__head" data-testid="desk-chat-head">
        <View className="kefu-desk-chat__who">
          <Text className="kefu-line__title">{c.customerName}</Text>
          {c.vip ? (
            <Tag background="#fff3e8" color="#d25f00">
              VIP
            </Tag>
          ) : null}
          <Text className="kefu-muted">{`${c.groupName} · ${STATUS_TEXT[c.status]}${c.agentName && !c.mine ? ` · ${TEXT.agent(c.agentName)}` : ''}`}</Text>
        </View>
        <View className="kefu-desk-chat__panel-toggle" data-testid="customer-panel-toggle" onClick={() => setPanelOpen(!panelOpen)}>
          {`${TEXT.panel} ${panelOpen ? '▴' : '▾'}`}
        </View>
      </View>
      {panelOpen ? <CustomerPanel conv={c} /> : null}

      <View className="kefu-desk-chat__messages">
        <MessageList messages={messages} viewer="agent" bubbleExtra={revealAction} />
      </View>

      {canReply ? (
        <View className={`kefu-desk-chat__composer${noteMode ? ' kefu-desk-chat__composer--note' : ''}`} data-testid="desk-reply">
          <Composer
            value={input}
            onChange={setInput}
            onSend={send}
            onImage={noteMode ? undefined : sendImage}
            uploaderId={me.openid}
            placeholder={noteMode ? TEXT.notePlaceholder : undefined}
            toolbar={
              <View className="kefu-desk-chat__tools">
                {tool('qr', 'qr-open', () => setPopup('qr'))}
                {tool('kb', 'kb-open', () => setPopup('kb'))}
                {tool('note', 'desk-note-toggle', () => setNoteMode(!noteMode), noteMode)}
                {tool('book', 'book-for', () => setPopup('book'))}
                {tool('transfer', 'desk-transfer', () => setPopup('transfer'))}
                {tool('close', 'desk-close', () => setPopup('close'))}
              </View>
            }
          />
          {noteMode ? <Text className="kefu-desk-chat__note-hint">{TEXT.notePlaceholder}</Text> : null}
        </View>
      ) : (
        <ReadOnlyFooter conv={c} onClaim={() => void claim()} />
      )}

      {canReply ? (
        <>
          <QuickReplyPopup
            visible={popup === 'qr'}
            onClose={() => setPopup(null)}
            onInsert={insert}
            vars={() => ({ customerName: c.customerName, agentName: me.name, now: new Date() })}
          />
          <KnowledgePopup visible={popup === 'kb'} onClose={() => setPopup(null)} onInsert={insert} />
          <BookForPopup conversationId={id} customerName={c.customerName} visible={popup === 'book'} onClose={() => setPopup(null)} onDone={done} />
          <TransferPopup conversationId={popup === 'transfer' ? id : null} exclude={me.openid} withGroups onClose={() => setPopup(null)} onDone={done} />
          <ClosePopup conversationId={id} visible={popup === 'close'} onClose={() => setPopup(null)} onDone={done} />
          <Dialog
            visible={refusal !== null}
            title={TEXT.refusedTitle}
            content={<View data-testid="reply-refused">{refusal ?? ''}</View>}
            confirmText={TEXT.refusedOk}
            hideCancelButton
            onConfirm={() => setRefusal(null)}
            onCancel={() => setRefusal(null)}
          />
        </>
      ) : null}
    </>
  );
}

function CustomerPanel({ conv: c }: { conv: DeskConversation }) {
  const { customer } = c;
  // The phone comes masked; 查看号码 opens it (logged on the server), then 拨打.
  const { revealed, busy, reveal } = useReveal<string>();
  const phone = revealed[c.conversationId];
  return (
    <View className="kefu-desk-chat__panel" data-testid="customer-panel">
      <View className="kefu-desk-chat__phone">
        <Text data-testid="customer-phone">{TEXT.phone(phone ?? customer.phone)}</Text>
        {customer.phone && phone === undefined ? (
          <Text
            className="kefu-msg__reveal"
            data-testid="customer-phone-reveal"
            onClick={() => void reveal(c.conversationId, async () => (await call('desk', 'revealCustomer', { conversationId: c.conversationId })).phone)}
          >
            {busy ? REVEAL_TEXT.opening : REVEAL_TEXT.viewPhone}
          </Text>
        ) : null}
        {phone ? (
          <Text className="kefu-msg__reveal" data-testid="customer-phone-call" onClick={() => callNumber(phone)}>
            {REVEAL_TEXT.call}
          </Text>
        ) : null}
      </View>
      <Text className="kefu-desk-chat__panel-title">{TEXT.earlier}</Text>
      {customer.earlier.length === 0 ? <Text className="kefu-muted">{TEXT.noEarlier}</Text> : null}
      {customer.earlier.map((e) => (
        <View key={e.conversationId} className="kefu-desk-chat__panel-line" data-testid="earlier-item" onClick={() => go(routes.deskConversation(e.conversationId))}>
          <Text className="kefu-line__text">{e.lastText}</Text>
          <Text className="kefu-muted">{`${stamp(e.createdAt)} · ${STATUS_TEXT[e.status]}${e.rating ? ` · ${e.rating}★` : ''}`}</Text>
        </View>
      ))}
      <Text className="kefu-desk-chat__panel-title">{TEXT.appointments}</Text>
      {customer.appointments.length === 0 ? <Text className="kefu-muted">{TEXT.noAppointments}</Text> : null}
      {customer.appointments.map((a) => (
        <View key={a.id} className="kefu-desk-chat__panel-line" data-testid="customer-appointment">
          <Text>{`${stamp(a.start)} ${a.serviceName}`}</Text>
          <Text className="kefu-muted">{STATUS_LABELS[a.status]}</Text>
        </View>
      ))}
    </View>
  );
}

function ReadOnlyFooter({ conv: c, onClaim }: { conv: DeskConversation; onClaim: () => void }) {
  if (c.status === 'closed') {
    const result = TEXT.resolved(c.resolved);
    return (
      <View className="kefu-desk-chat__footer" data-testid="desk-closed">
        <Text className="kefu-line__title">{`${TEXT.closed}${result ? ` · ${result}` : ''}`}</Text>
        {c.closeReason ? <Text className="kefu-muted">{TEXT.reason(c.closeReason)}</Text> : null}
        {c.rating ? (
          <>
            <Text>{TEXT.rating(c.rating.score)}</Text>
            {c.rating.comment ? <Text className="kefu-muted">{TEXT.comment(c.rating.comment)}</Text> : null}
          </>
        ) : (
          <Text className="kefu-muted">{TEXT.noRating}</Text>
        )}
      </View>
    );
  }
  if (c.status === 'queued') {
    return (
      <View className="kefu-desk-chat__footer" data-testid="desk-queued">
        <Text className="kefu-muted">{TEXT.queued}</Text>
        <View data-testid="claim" onClick={onClaim}>
          <Button type="primary" block>
            {TEXT.claim}
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="kefu-desk-chat__footer">
      <Text className="kefu-muted">{c.status === 'bot' ? TEXT.bot : TEXT.othersConversation(c.agentName ?? '')}</Text>
    </View>
  );
}
