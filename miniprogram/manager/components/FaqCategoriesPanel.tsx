import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FaqAdminCategory } from '../../../core/api';
import { FAQ_LIMITS } from '../../../core/faq/limits';
import { call } from '../../api/client';
import { EmptyState } from '../../components/PageState';
import { Button, Cell, CellGroup, Input, Tag } from '../../components/nutui';
import { FormButtons, OrderRow, parseOrder, refuse, Row, SwitchRow } from './FaqParts';
import { FAQ_TEXT } from './FaqStrings';
import './booking-tabs.scss';

const T = FAQ_TEXT.categories;
const C = FAQ_TEXT.common;

interface Draft {
  id?: string;
  name: string;
  icon: string;
  description: string;
  order: string;
  enabled: boolean;
}

function CategoryForm({ initial, onDone }: { initial: Draft; onDone: (changed: boolean) => void }) {
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async (): Promise<boolean> => {
    const order = parseOrder(draft.order);
    if (!draft.name.trim()) return refuse(T.nameRequired);
    if (order === null) return refuse(C.invalidOrder);
    await call('faq', 'saveCategory', { ...(draft.id ? { id: draft.id } : {}), name: draft.name.trim(), icon: draft.icon.trim(), description: draft.description.trim(), order, enabled: draft.enabled });
    return true;
  };

  return (
    <View className="kefu-card kefu-form" data-testid="faq-category-editor">
      <Text className="kefu-form__heading">{draft.id ? T.editTitle : T.createTitle}</Text>
      <Row label={T.name}>
        <Input className="kefu-form__input" value={draft.name} placeholder={T.namePlaceholder} maxLength={FAQ_LIMITS.categoryName} onChange={(v) => set('name', v)} />
      </Row>
      <Row label={T.icon}>
        <Input className="kefu-form__input" value={draft.icon} placeholder={T.iconPlaceholder} maxLength={8} onChange={(v) => set('icon', v)} />
      </Row>
      <Row label={T.description}>
        <Input className="kefu-form__input" value={draft.description} placeholder={T.descriptionPlaceholder} maxLength={FAQ_LIMITS.categoryDescription} onChange={(v) => set('description', v)} />
      </Row>
      <OrderRow value={draft.order} onChange={(v) => set('order', v)} />
      <SwitchRow label={T.visible} on={C.enabled} off={C.disabled} value={draft.enabled} onChange={(v) => set('enabled', v)} />
      <FormButtons
        testid="faq-category"
        removeTitle={T.removeTitle}
        removeBody={T.removeBody(draft.name)}
        save={save}
        remove={draft.id ? () => call('faq', 'removeCategory', { id: draft.id! }) : undefined}
        onDone={onDone}
      />
    </View>
  );
}

/** Categories of the service center, disabled ones included, with their entry counts. */
export function FaqCategoriesPanel({ categories, onChanged }: { categories: FaqAdminCategory[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<Draft | null>(null);
  if (editing) {
    return (
      <CategoryForm
        initial={editing}
        onDone={(changed) => {
          setEditing(null);
          if (changed) onChanged();
        }}
      />
    );
  }
  const nextOrder = categories.reduce((m, c) => Math.max(m, c.order), 0) + 1;
  return (
    <View className="kefu-faq-categories">
      <View className="kefu-tab-actions">
        <Button type="primary" size="small" data-testid="faq-category-add" onClick={() => setEditing({ name: '', icon: '', description: '', order: String(nextOrder), enabled: true })}>
          {T.add}
        </Button>
      </View>
      {categories.length === 0 ? (
        <EmptyState text={T.empty} />
      ) : (
        <CellGroup>
          {categories.map((c) => (
            <Cell
              key={c.id}
              className="kefu-faq__category"
              data-testid="faq-category"
              title={`${c.icon} ${c.name}`.trim()}
              description={T.counts(c.entryCount, c.publishedCount)}
              extra={
                <Tag background={c.enabled ? '#e7f8ee' : '#f2f3f5'} color={c.enabled ? '#07c160' : '#86909c'}>
                  {c.enabled ? C.enabled : C.disabled}
                </Tag>
              }
              clickable
              onClick={() => setEditing({ id: c.id, name: c.name, icon: c.icon, description: c.description, order: String(c.order), enabled: c.enabled })}
            />
          ))}
        </CellGroup>
      )}
    </View>
  );
}
