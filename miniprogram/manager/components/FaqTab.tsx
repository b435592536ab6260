import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FaqAdminCategory } from '../../../core/api';
import { call } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Button, Cell, CellGroup, Input } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { FaqCategoriesPanel } from './FaqCategoriesPanel';
import { FaqEntryEditor, newEntryDraft, toEntryDraft, type EntryDraft } from './FaqEntryEditor';
import { StatusTag } from './FaqParts';
import { FaqRulesPanel } from './FaqRulesPanel';
import { FAQ_TEXT } from './FaqStrings';
import { FaqSynonymsPanel, FaqTransferPanel } from './FaqToolsPanel';
import './booking-tabs.scss';
import './Faq.scss';

const T = FAQ_TEXT.entries;
type Section = keyof typeof FAQ_TEXT.sections;
const SECTIONS = Object.keys(FAQ_TEXT.sections) as Section[];
type Status = 'all' | 'published' | 'draft';

function EntriesPanel({ categories, refreshKey }: { categories: FaqAdminCategory[]; refreshKey: number }) {
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('all');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<EntryDraft | null>(null);
  const list = useRequest(
    () => call('faq', 'adminList', { ...(categoryId ? { categoryId } : {}), ...(status !== 'all' ? { status } : {}), ...(q.trim() ? { q: q.trim() } : {}) }),
    [categoryId, status, q, refreshKey],
  );
  const catName = new Map(categories.map((c) => [c.id, `${c.icon} ${c.name}`.trim()]));

  if (editing) {
    return (
      <FaqEntryEditor
        initial={editing}
        categories={categories}
        onDone={(changed) => {
          setEditing(null);
          if (changed) void list.reload();
        }}
      />
    );
  }

  const statuses: { key: Status; label: string }[] = [
    { key: 'all', label: T.allStatus },
    { key: 'published', label: FAQ_TEXT.common.published },
    { key: 'draft', label: FAQ_TEXT.common.draft },
  ];
  return (
    <View className="kefu-faq-entries">
      <View className="kefu-faq__filters" data-testid="faq-category-chips">
        {[{ id: null as string | null, label: T.all }, ...categories.map((c) => ({ id: c.id as string | null, label: catName.get(c.id)! }))].map((c) => (
          <View key={c.id ?? 'all'} className={`kefu-faq__filter${categoryId === c.id ? ' kefu-faq__filter--active' : ''}`} onClick={() => setCategoryId(c.id)}>
            {c.label}
          </View>
        ))}
      </View>
      <View className="kefu-faq__filters">
        {statuses.map((s) => (
          <View key={s.key} className={`kefu-faq__filter${status === s.key ? ' kefu-faq__filter--active' : ''}`} data-testid={`faq-status-filter-${s.key}`} onClick={() => setStatus(s.key)}>
            {s.label}
          </View>
        ))}
      </View>
      <View className="kefu-faq__search">
        <Input className="kefu-form__input" data-testid="faq-search" value={q} placeholder={T.searchPlaceholder} maxLength={100} onChange={setQ} />
      </View>
      <View className="kefu-tab-actions">
        <Button type="primary" size="small" data-testid="faq-entry-add" onClick={() => setEditing(newEntryDraft(categoryId ?? categories[0]?.id ?? ''))}>
          {T.add}
        </Button>
      </View>
      <PageState data={list.data?.entries} error={list.error} onRetry={list.reload} emptyText={T.empty}>
        {(entries) => (
          <>
            <CellGroup>
              {entries.map((e) => (
                <Cell
                  key={e.id}
                  className="kefu-faq__entry"
                  data-testid="faq-entry"
                  title={e.question}
                  description={
                    <View className="kefu-cell-lines">
                      <Text>{catName.get(e.categoryId) ?? e.categoryId}</Text>
                      <Text>{T.stats(e.views, e.helpful, e.notHelpful)}</Text>
                    </View>
                  }
                  extra={<StatusTag published={e.enabled} />}
                  clickable
                  onClick={() => setEditing(toEntryDraft(e))}
                />
              ))}
            </CellGroup>
            {list.data && list.data.total > entries.length ? <Text className="kefu-faq__hint">{T.more(entries.length, list.data.total)}</Text> : null}
          </>
        )}
      </PageState>
    </View>
  );
}

/** 「知识库」: entries, categories, keyword rules, synonyms, import and export. */
export function FaqTab({ refreshKey }: { refreshKey: number }) {
  const [section, setSection] = useState<Section>('entries');
  const categories = useRequest(() => call('faq', 'adminCategories', {}), [refreshKey]);
  return (
    <View className="kefu-faq">
      <View className="kefu-faq__sections">
        {SECTIONS.map((s) => (
          <View key={s} className={`kefu-faq__section${section === s ? ' kefu-faq__section--active' : ''}`} data-testid={`faq-section-${s}`} onClick={() => setSection(s)}>
            {FAQ_TEXT.sections[s]}
          </View>
        ))}
      </View>
      {section === 'entries' || section === 'categories' ? (
        <PageState data={categories.data} error={categories.error} onRetry={categories.reload}>
          {(cats) =>
            section === 'entries' ? (
              <EntriesPanel categories={cats} refreshKey={refreshKey} />
            ) : (
              <FaqCategoriesPanel categories={cats} onChanged={() => void categories.reload()} />
            )
          }
        </PageState>
      ) : null}
      {section === 'rules' ? <FaqRulesPanel refreshKey={refreshKey} /> : null}
      {section === 'synonyms' ? <FaqSynonymsPanel refreshKey={refreshKey} /> : null}
      {section === 'transfer' ? <FaqTransferPanel onImported={() => void categories.reload()} /> : null}
    </View>
  );
}
