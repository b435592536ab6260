// Quick replies (话术库): the team's and my own; add, edit and remove the ones I may change.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { QuickReply, WhoAmI } from '../../../../core/api';
import { MANAGERS } from '../../../../core/roles';
import { call, errorText } from '../../../api/client';
import { PageState } from '../../../components/PageState';
import { Button, Input, Popup } from '../../../components/nutui';
import { Dialog, TextArea } from '../../../components/booking/nutui';
import { useRequest } from '../../../hooks/useRequest';
import { Chips, Tabs } from '../../shared/Chips';
import { DESK_ROLES } from '../../shared/roles';
import { StaffGate } from '../../shared/StaffGate';
import '../../shared/agent.scss';
import './index.scss';

type Scope = QuickReply['scope'];

const TEXT = {
  tabs: { team: '团队', personal: '个人' } satisfies Record<Scope, string>,
  help: '可使用变量：{客户昵称} {客服昵称} {日期}，插入会话时自动替换为客户昵称、您的昵称和今天的日期。',
  empty: { team: '还没有团队话术', personal: '还没有个人话术，点击下方按钮添加' } satisfies Record<Scope, string>,
  add: '新增话术',
  edit: '编辑',
  remove: '删除',
  formTitle: (editing: boolean) => (editing ? '编辑话术' : '新增话术'),
  scope: '范围',
  title: '标题（最多 20 字）',
  text: '内容（最多 500 字）',
  save: '保存',
  cancel: '取消',
  saved: '已保存',
  required: '请填写标题和内容',
  removeTitle: '删除话术',
  removeBody: (title: string) => `确定删除「${title}」？`,
  removed: '已删除',
} as const;

interface Draft {
  id?: string;
  scope: Scope;
  title: string;
  text: string;
}

export default function QuickRepliesPage() {
  return <StaffGate roles={DESK_ROLES}>{(me) => <QuickReplies me={me} />}</StaffGate>;
}

function QuickReplies({ me }: { me: WhoAmI }) {
  const list = useRequest(() => call('desk', 'quickReplies', {}), []);
  const [scope, setScope] = useState<Scope>('team');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [removing, setRemoving] = useState<QuickReply | null>(null);
  const [saving, setSaving] = useState(false);
  const mayEditTeam = MANAGERS.includes(me.role);

  const save = async () => {
    if (!draft || saving) return;
    if (draft.title.trim() === '' || draft.text.trim() === '') {
      void Taro.showToast({ title: TEXT.required, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      await call('desk', 'saveQuickReply', { ...(draft.id ? { id: draft.id } : {}), scope: draft.scope, title: draft.title.trim(), text: draft.text.trim() });
      void Taro.showToast({ title: TEXT.saved, icon: 'success' });
      setScope(draft.scope);
      setDraft(null);
      await list.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!removing) return;
    try {
      await call('desk', 'removeQuickReply', { id: removing.id });
      void Taro.showToast({ title: TEXT.removed, icon: 'success' });
      setRemoving(null);
      await list.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    }
  };

  return (
    <View className="kefu-page kefu-qr">
      <View className="kefu-card kefu-muted kefu-qr__help" data-testid="qr-help">
        {TEXT.help}
      </View>
      <Tabs
        choices={(['team', 'personal'] as const).map((s) => ({ value: s, label: TEXT.tabs[s], testId: `qr-tab-${s}` }))}
        value={scope}
        onChange={setScope}
      />
      <PageState data={list.data?.filter((r) => r.scope === scope)} error={list.error} onRetry={list.reload} emptyText={TEXT.empty[scope]}>
        {(items) => (
          <>
            {items.map((r) => (
              <View key={r.id} className="kefu-card kefu-qr__item" data-testid="qr-row">
                <Text className="kefu-line__title">{r.title}</Text>
                <Text className="kefu-qr__text">{r.text}</Text>
                {r.editable ? (
                  <View className="kefu-popup__actions">
                    <Button size="small" onClick={() => setDraft({ id: r.id, scope: r.scope, title: r.title, text: r.text })}>
                      {TEXT.edit}
                    </Button>
                    <Button size="small" onClick={() => setRemoving(r)}>
                      {TEXT.remove}
                    </Button>
                  </View>
                ) : null}
              </View>
            ))}
          </>
        )}
      </PageState>
      {scope === 'personal' || mayEditTeam ? (
        <View className="kefu-qr__add">
          <Button type="primary" block onClick={() => setDraft({ scope, title: '', text: '' })}>
            {TEXT.add}
          </Button>
        </View>
      ) : null}

      <Popup visible={draft !== null} position="bottom" round title={TEXT.formTitle(!!draft?.id)} onClose={() => setDraft(null)}>
        {draft ? (
          <View className="kefu-popup" data-testid="qr-form">
            {mayEditTeam && !draft.id ? (
              <View className="kefu-popup__field">
                <Chips
                  choices={(['team', 'personal'] as const).map((s) => ({ value: s, label: TEXT.tabs[s], testId: `qr-scope-${s}` }))}
                  value={draft.scope}
                  onChange={(s) => setDraft({ ...draft, scope: s })}
                />
              </View>
            ) : null}
            <View className="kefu-popup__field">
              <Input value={draft.title} placeholder={TEXT.title} maxLength={20} onChange={(v) => setDraft({ ...draft, title: v })} />
            </View>
            <View className="kefu-popup__field">
              <TextArea value={draft.text} placeholder={TEXT.text} maxLength={500} onChange={(v) => setDraft({ ...draft, text: v })} />
            </View>
            <View className="kefu-muted kefu-popup__field">{TEXT.help}</View>
            <View className="kefu-popup__actions">
              <Button block onClick={() => setDraft(null)}>
                {TEXT.cancel}
              </Button>
              <Button block type="primary" disabled={saving} onClick={() => void save()}>
                {TEXT.save}
              </Button>
            </View>
          </View>
        ) : null}
      </Popup>

      <Dialog
        visible={removing !== null}
        title={TEXT.removeTitle}
        content={removing ? TEXT.removeBody(removing.title) : ''}
        confirmText={TEXT.remove}
        cancelText={TEXT.cancel}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      />
    </View>
  );
}
