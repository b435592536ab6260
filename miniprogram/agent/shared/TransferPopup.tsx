// Hands a conversation to an online colleague or (desk only) to a skill group, with an optional note.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call, errorText } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Button, Popup } from '../../components/nutui';
import { TextArea } from '../../components/booking/nutui';
import { useRequest } from '../../hooks/useRequest';
import { onlineAgents } from './agents';
import './agent.scss';

const TEXT = {
  title: '转接会话',
  reassign: '改派给在线同事',
  toAgent: '转给同事',
  toGroup: '转到技能组',
  noAgents: '暂无其他在线同事',
  load: (active: number, capacity: number) => `接待 ${active}/${capacity}`,
  queued: (n: number) => `排队 ${n} 人`,
  note: '转接备注（选填，仅同事可见）',
  submit: '确认转接',
  pick: '请选择同事或技能组',
  done: '已转接',
} as const;

type Target = { kind: 'agent' | 'group'; id: string };

interface Props {
  conversationId: string | null;
  /** Not offered (the current agent). */
  exclude?: string;
  /** Offer skill groups too (the desk), or colleagues only (a supervisor's reassign). */
  withGroups: boolean;
  onClose: () => void;
  onDone: () => void;
}

export function TransferPopup({ conversationId, exclude, withGroups, onClose, onDone }: Props) {
  const visible = conversationId !== null;
  const overview = useRequest(() => (visible ? call('desk', 'transferTargets', {}) : Promise.resolve([])), [visible]);
  const [target, setTarget] = useState<Target | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const close = () => {
    setTarget(null);
    setNote('');
    onClose();
  };

  const submit = async () => {
    if (!conversationId || saving) return;
    if (!target) {
      void Taro.showToast({ title: TEXT.pick, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      await call('desk', 'transfer', {
        conversationId,
        ...(target.kind === 'agent' ? { toAgentId: target.id } : { toGroupId: target.id }),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      void Taro.showToast({ title: TEXT.done, icon: 'success' });
      setTarget(null);
      setNote('');
      onDone();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  const option = (kind: Target['kind'], id: string, name: string, detail: string) => {
    const active = target?.kind === kind && target.id === id;
    return (
      <View
        key={`${kind}-${id}`}
        className={`kefu-popup__item kefu-pick${active ? ' kefu-pick--active' : ''}`}
        data-testid={`transfer-${kind}-${id}`}
        onClick={() => setTarget({ kind, id })}
      >
        <Text>{name}</Text>
        <Text className="kefu-muted">{detail}</Text>
      </View>
    );
  };

  return (
    <Popup visible={visible} position="bottom" round title={withGroups ? TEXT.title : TEXT.reassign} onClose={close}>
      {visible ? (
        <View className="kefu-popup" data-testid="transfer-popup">
          <PageState data={overview.data} error={overview.error} onRetry={overview.reload}>
            {(groups) => {
              const agents = onlineAgents(groups, exclude);
              return (
                <>
                  <View className="kefu-section-title">{TEXT.toAgent}</View>
                  {agents.length === 0 ? <View className="kefu-muted">{TEXT.noAgents}</View> : null}
                  {agents.map((a) => option('agent', a.openid, a.name, `${a.groups.join('、')} · ${TEXT.load(a.active, a.capacity)}`))}
                  {withGroups ? (
                    <>
                      <View className="kefu-section-title">{TEXT.toGroup}</View>
                      {groups.map((g) => option('group', g.groupId, g.name, TEXT.queued(g.queued)))}
                    </>
                  ) : null}
                </>
              );
            }}
          </PageState>
          <View className="kefu-popup__field">
            <TextArea value={note} placeholder={TEXT.note} maxLength={500} onChange={setNote} />
          </View>
          <View className="kefu-popup__actions">
            <Button block type="primary" disabled={saving} onClick={() => void submit()}>
              {TEXT.submit}
            </Button>
          </View>
        </View>
      ) : null}
    </Popup>
  );
}
