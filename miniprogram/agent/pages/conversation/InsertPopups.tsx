// What an agent can insert into the composer: a quick reply (variables filled) or a knowledge-base answer.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { fillQuickReply, listQuickReplies, type QuickReplyVars } from '../../../../core/quick-replies';
import { call, errorText } from '../../../api/client';
import { PageState } from '../../../components/PageState';
import { Input, Popup } from '../../../components/nutui';
import { useRequest } from '../../../hooks/useRequest';
import '../../shared/agent.scss';

const TEXT = {
  qrTitle: '快捷回复',
  qrSearch: '搜索标题或内容',
  qrEmpty: '没有匹配的快捷回复',
  team: '团队',
  personal: '个人',
  kbTitle: '知识库',
  kbSearch: '输入关键词搜索知识库',
  kbHint: '输入关键词后显示匹配的问题',
  kbEmpty: '没有找到相关问题',
} as const;

const SEARCH_DEBOUNCE_MS = 300;

interface InsertProps {
  visible: boolean;
  onClose: () => void;
  onInsert: (text: string) => void;
}

/** The debounced value of `value` (searching as one types, without a call per key). */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

export function QuickReplyPopup({ visible, onClose, onInsert, vars }: InsertProps & { vars: () => QuickReplyVars }) {
  const [q, setQ] = useState('');
  // Read once per opening; the search filters the same way the function does.
  const replies = useRequest(() => (visible ? call('desk', 'quickReplies', {}) : Promise.resolve([])), [visible]);
  return (
    <Popup visible={visible} position="bottom" round title={TEXT.qrTitle} onClose={onClose}>
      {visible ? (
        <View className="kefu-popup" data-testid="qr-popup">
          <Input value={q} placeholder={TEXT.qrSearch} clearable onChange={setQ} />
          <PageState data={replies.data && listQuickReplies(replies.data, q)} error={replies.error} onRetry={replies.reload} emptyText={TEXT.qrEmpty}>
            {(items) => (
              <>
                {items.map((r) => (
                  <View
                    key={r.id}
                    className="kefu-popup__item"
                    data-testid="qr-item"
                    onClick={() => {
                      onInsert(fillQuickReply(r.text, vars()));
                      setQ('');
                    }}
                  >
                    <Text className="kefu-line__title">{`${r.title} · ${r.scope === 'team' ? TEXT.team : TEXT.personal}`}</Text>
                    <Text className="kefu-line__text">{r.text}</Text>
                  </View>
                ))}
              </>
            )}
          </PageState>
        </View>
      ) : null}
    </Popup>
  );
}

export function KnowledgePopup({ visible, onClose, onInsert }: InsertProps) {
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), SEARCH_DEBOUNCE_MS);
  const hits = useRequest(() => (visible && query ? call('faq', 'search', { q: query }) : Promise.resolve([])), [visible, query]);

  const pick = async (id: string) => {
    try {
      const entry = await call('faq', 'get', { id });
      onInsert(entry.answer);
      setQ('');
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    }
  };

  return (
    <Popup visible={visible} position="bottom" round title={TEXT.kbTitle} onClose={onClose}>
      {visible ? (
        <View className="kefu-popup" data-testid="kb-popup">
          <Input value={q} placeholder={TEXT.kbSearch} clearable onChange={setQ} />
          {query === '' ? (
            <View className="kefu-muted kefu-popup__field">{TEXT.kbHint}</View>
          ) : (
            <PageState data={hits.data} error={hits.error} onRetry={hits.reload} emptyText={TEXT.kbEmpty}>
              {(items) => (
                <>
                  {items.map((hit) => (
                    <View key={hit.id} className="kefu-popup__item" data-testid="kb-item" onClick={() => void pick(hit.id)}>
                      <Text>{hit.question}</Text>
                    </View>
                  ))}
                </>
              )}
            </PageState>
          )}
        </View>
      ) : null}
    </Popup>
  );
}
