import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../core/api';
import { AUDIT_FILTERS, type AuditFilter } from '../../../core/audit';
import { call, errorText } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Button, Cell, CellGroup } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { formatDateTime } from '../../utils/format';
import { TEXT } from '../strings';
import { actionLabel, entryLines } from './audit-format';
import { ChoiceChips } from './FaqParts';

const A = TEXT.audit;
const PAGE = 20;
type Filter = 'all' | AuditFilter;
const FILTERS: readonly { key: Filter; label: string }[] = [
  { key: 'all', label: A.filters.all },
  ...(Object.keys(AUDIT_FILTERS) as AuditFilter[]).map((key) => ({ key, label: A.filters[key] })),
];

function page(filter: Filter, before?: string): Promise<AuditEntry[]> {
  return call('admin', 'audit', { limit: PAGE, ...(filter === 'all' ? {} : { prefix: [...AUDIT_FILTERS[filter]] }), ...(before ? { before } : {}) });
}

/** Configuration, role and data-access changes, newest first: who, when, what, before → after; by kind, 20 at a time. */
export function AuditTab({ refreshKey }: { refreshKey: number }) {
  const [filter, setFilter] = useState<Filter>('all');
  const first = useRequest(() => page(filter), [refreshKey, filter]);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [exhausted, setExhausted] = useState(false);

  // A new first page (another filter, a refresh) starts the list again.
  useEffect(() => {
    setOlder([]);
    setExhausted(first.data !== undefined && first.data.length < PAGE);
  }, [first.data]);

  const entries = first.data ? [...first.data, ...older] : undefined;

  const loadMore = async () => {
    const last = entries?.at(-1);
    if (!last || loadingMore) return;
    setLoadingMore(true);
    try {
      const next = await page(filter, last.id);
      setOlder((list) => [...list, ...next]);
      if (next.length < PAGE) setExhausted(true);
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <View className="kefu-audit">
      <View className="kefu-audit__filters" data-testid="audit-filters">
        <ChoiceChips options={FILTERS} value={filter} onChange={setFilter} testid="audit-filter" />
      </View>
      <PageState data={entries} error={first.error} onRetry={first.reload} emptyText={filter === 'all' ? A.empty : A.emptyFiltered}>
        {(list) => (
          <>
            <CellGroup>
              {list.map((entry) => (
                <Cell
                  key={entry.id}
                  className="kefu-audit-entry"
                  data-testid="audit-entry"
                  title={
                    <View className="kefu-audit-entry__title">
                      <Text>{actionLabel(entry.action)}</Text>
                      {entry.target ? <Text className="kefu-muted kefu-audit-entry__target">{entry.target}</Text> : null}
                    </View>
                  }
                  description={
                    <View className="kefu-audit-entry__body">
                      {entryLines(entry).map((line, i) => (
                        <Text key={i} className="kefu-audit-entry__change">
                          {line}
                        </Text>
                      ))}
                      <Text className="kefu-muted">{A.by(entry.actorName || entry.actor, formatDateTime(entry.at))}</Text>
                    </View>
                  }
                />
              ))}
            </CellGroup>
            <View className="kefu-audit__more">
              {exhausted ? (
                <Text className="kefu-muted" data-testid="audit-end">
                  {A.end}
                </Text>
              ) : (
                <Button size="small" data-testid="audit-more" loading={loadingMore} disabled={loadingMore} onClick={() => void loadMore()}>
                  {loadingMore ? A.loadingMore : A.loadMore}
                </Button>
              )}
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}
