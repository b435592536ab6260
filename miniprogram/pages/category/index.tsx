import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useEffect } from 'react';
import { call } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Cell, CellGroup } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { go, param, routes } from '../../utils/routes';
import './index.scss';

const TEXT = {
  defaultTitle: '常见问题',
  empty: '该分类下暂无问题',
  missing: '没有指定分类',
} as const;

export default function CategoryPage() {
  const { params } = useRouter<{ id?: string; name?: string }>();
  const categoryId = param(params.id);
  const name = param(params.name);
  const entries = useRequest(() => call('faq', 'list', { categoryId }), [categoryId]);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: name || TEXT.defaultTitle });
  }, [name]);

  return (
    <View className="kefu-page kefu-category-page">
      {name ? <View className="kefu-section-title">{name}</View> : null}
      <PageState data={entries.data} error={entries.error} onRetry={entries.reload} emptyText={TEXT.empty}>
        {(list) => (
          <CellGroup className="kefu-category-page__list">
            {list.map((entry) => (
              <Cell
                key={entry.id}
                className="kefu-question"
                title={entry.question}
                clickable
                onClick={() => go(routes.answer(entry.id))}
              />
            ))}
          </CellGroup>
        )}
      </PageState>
    </View>
  );
}
