// 数据看板 · 按问题分类: the period's conversations per FAQ category (stats.categories), most first —
// volume, hand-offs and bot self-service side by side. Its own request, so the page only renders it.
import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import type { StatsCategoryRow } from '../../../../core/api';
import { call } from '../../../api/client';
import { PageState } from '../../../components/PageState';
import { useRequest } from '../../../hooks/useRequest';
import { formatValue } from '../../components/Chart/option';
import './CategoryTable.scss';

const TEXT = {
  title: '按问题分类',
  columns: { name: '分类', conversations: '会话量', handoffs: '转人工', botSelfService: '机器人自助率' },
  empty: '该时段没有会话',
} as const;

/** Most conversations first; ties by name (the uncategorised row last among equals). */
export function sortCategoryRows(rows: readonly StatsCategoryRow[]): StatsCategoryRow[] {
  return [...rows].sort(
    (a, b) => b.conversations - a.conversations || (a.categoryId === null ? 1 : 0) - (b.categoryId === null ? 1 : 0) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

export function CategoryTable({ from, to }: { from: string; to: string }) {
  const request = useRequest(() => call('stats', 'categories', { from, to }), [from, to]);
  const rows = useMemo(() => (request.data ? sortCategoryRows(request.data) : undefined), [request.data]);
  return (
    <View className="kefu-card kefu-dashboard__card" data-testid="dashboard-categories">
      <Text className="kefu-dashboard__card-title">{TEXT.title}</Text>
      <PageState data={rows} error={request.error} onRetry={() => void request.reload()}>
        {(list) =>
          list.length === 0 ? (
            <Text className="kefu-muted kefu-dashboard__empty">{TEXT.empty}</Text>
          ) : (
            <View className="kefu-category-table" data-testid="category-table">
              <View className="kefu-category-table__row kefu-category-table__row--head">
                <Text className="kefu-category-table__name">{TEXT.columns.name}</Text>
                <Text className="kefu-category-table__num">{TEXT.columns.conversations}</Text>
                <Text className="kefu-category-table__num">{TEXT.columns.handoffs}</Text>
                <Text className="kefu-category-table__num">{TEXT.columns.botSelfService}</Text>
              </View>
              {list.map((r) => (
                <View key={r.categoryId ?? '-'} className="kefu-category-table__row" data-testid="category-row">
                  <Text className="kefu-category-table__name">{r.name}</Text>
                  <Text className="kefu-category-table__num">{String(r.conversations)}</Text>
                  <Text className="kefu-category-table__num">{String(r.handoffs)}</Text>
                  <Text className="kefu-category-table__num">{formatValue('percent', r.botSelfServiceRate)}</Text>
                </View>
              ))}
            </View>
          )
        }
      </PageState>
    </View>
  );
}
