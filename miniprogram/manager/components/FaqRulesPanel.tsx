import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FaqRule } from '../../../core/api';
import { FAQ_LIMITS } from '../../../core/faq/limits';
import { call } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Button, Cell, CellGroup, Input, Tag } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { ChoiceChips, EntryPicker, FormButtons, OrderRow, parseOrder, refuse, Row, SwitchRow } from './FaqParts';
import { FAQ_TEXT } from './FaqStrings';
import './booking-tabs.scss';

const T = FAQ_TEXT.rules;
const C = FAQ_TEXT.common;

interface Draft {
  id?: string;
  pattern: string;
  match: FaqRule['match'];
  action: FaqRule['action'];
  entry?: { id: string; question: string };
  enabled: boolean;
  order: string;
}

const MATCHES = [
  { key: 'contains' as const, label: T.contains },
  { key: 'exact' as const, label: T.exact },
];
const ACTIONS = [
  { key: 'handoff' as const, label: T.handoff },
  { key: 'answer' as const, label: T.answer },
];

function RuleForm({ initial, onDone }: { initial: Draft; onDone: (changed: boolean) => void }) {
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async (): Promise<boolean> => {
    const order = parseOrder(draft.order);
    if (!draft.pattern.trim()) return refuse(T.patternRequired);
    if (draft.action === 'answer' && !draft.entry) return refuse(T.noEntry);
    if (order === null) return refuse(C.invalidOrder);
    await call('faq', 'saveRule', {
      ...(draft.id ? { id: draft.id } : {}),
      pattern: draft.pattern.trim(),
      match: draft.match,
      ruleAction: draft.action,
      ...(draft.action === 'answer' && draft.entry ? { entryId: draft.entry.id } : {}),
      enabled: draft.enabled,
      order,
    });
    return true;
  };

  return (
    <View className="kefu-card kefu-form" data-testid="faq-rule-editor">
      <Text className="kefu-form__heading">{draft.id ? T.editTitle : T.createTitle}</Text>
      <Row label={T.pattern}>
        <Input className="kefu-form__input" value={draft.pattern} placeholder={T.patternPlaceholder} maxLength={FAQ_LIMITS.rulePattern} onChange={(v) => set('pattern', v)} />
      </Row>
      <Row label={T.match}>
        <ChoiceChips options={MATCHES} value={draft.match} onChange={(v) => set('match', v)} testid="faq-rule-match" />
      </Row>
      <Row label={T.action}>
        <ChoiceChips options={ACTIONS} value={draft.action} onChange={(v) => set('action', v)} testid="faq-rule-action" />
      </Row>
      {draft.action === 'answer' ? (
        <Row label={T.entry}>
          <EntryPicker chosen={draft.entry} onPick={(e) => set('entry', e)} />
        </Row>
      ) : null}
      <OrderRow value={draft.order} onChange={(v) => set('order', v)} />
      <SwitchRow label={C.enabled} on={C.enabled} off={C.disabled} value={draft.enabled} onChange={(v) => set('enabled', v)} />
      <FormButtons
        testid="faq-rule"
        removeTitle={T.removeTitle}
        removeBody={T.removeBody(draft.pattern)}
        save={save}
        remove={draft.id ? () => call('faq', 'removeRule', { id: draft.id! }) : undefined}
        onDone={onDone}
      />
    </View>
  );
}

/** Keyword rules, run before the matcher in the order shown. */
export function FaqRulesPanel({ refreshKey }: { refreshKey: number }) {
  const rules = useRequest(() => call('faq', 'rules', {}), [refreshKey]);
  const [editing, setEditing] = useState<Draft | null>(null);
  if (editing) {
    return (
      <RuleForm
        initial={editing}
        onDone={(changed) => {
          setEditing(null);
          if (changed) void rules.reload();
        }}
      />
    );
  }
  const nextOrder = (rules.data ?? []).reduce((m, r) => Math.max(m, r.order), -1) + 1;
  return (
    <View className="kefu-faq-rules">
      <Text className="kefu-faq__hint">{T.hint}</Text>
      <View className="kefu-tab-actions">
        <Button type="primary" size="small" data-testid="faq-rule-add" onClick={() => setEditing({ pattern: '', match: 'contains', action: 'handoff', enabled: true, order: String(nextOrder) })}>
          {T.add}
        </Button>
      </View>
      <PageState data={rules.data} error={rules.error} onRetry={rules.reload} emptyText={T.empty}>
        {(list) => (
          <CellGroup>
            {list.map((r) => (
              <Cell
                key={r.id}
                className="kefu-faq__rule"
                data-testid="faq-rule"
                title={T.summary(r.match === 'exact' ? T.exact : T.contains, r.pattern, r.action === 'handoff' ? T.handoff : T.answer)}
                description={r.action === 'answer' ? r.entryQuestion ?? '' : undefined}
                extra={
                  <Tag background={r.enabled ? '#e7f8ee' : '#f2f3f5'} color={r.enabled ? '#07c160' : '#86909c'}>
                    {r.enabled ? C.enabled : C.disabled}
                  </Tag>
                }
                clickable
                onClick={() =>
                  setEditing({
                    id: r.id,
                    pattern: r.pattern,
                    match: r.match,
                    action: r.action,
                    ...(r.entryId ? { entry: { id: r.entryId, question: r.entryQuestion ?? r.entryId } } : {}),
                    enabled: r.enabled,
                    order: String(r.order),
                  })
                }
              />
            ))}
          </CellGroup>
        )}
      </PageState>
    </View>
  );
}
