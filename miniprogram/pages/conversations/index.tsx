// 我的会话: every conversation of the customer, newest first; a tap opens it (read-only once closed).
import { stopPullDownRefresh, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef } from 'react';
import { call } from '../../api/client';
import { stamp } from '../../components/booking/time';
import { ConversationStatusTag } from '../../components/chat';
import { Button } from '../../components/nutui';
import { PageState } from '../../components/PageState';
import { useRequest } from '../../hooks/useRequest';
import { useSignals } from '../../hooks/useSignals';
import { go, routes } from '../../utils/routes';
import './index.scss';

const TEXT = {
  empty: '还没有咨询记录',
  start: '咨询在线客服',
  noText: '（暂无消息）',
  stars: (score: number) => '★'.repeat(score) + '☆'.repeat(5 - score),
  messages: '我的留言',
} as const;

export default function ConversationsPage() {
  const mine = useRequest(
    () => call('session', 'mine', {}).then((list) => [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))),
    [],
  );

  useSignals(() => void mine.reload(), ['conversation', 'queue']);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void mine.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void mine.reload().finally(() => stopPullDownRefresh());
  });

  return (
    <View className="kefu-page kefu-convs">
      <PageState data={mine.data} error={mine.error} onRetry={mine.reload}>
        {(list) =>
          list.length === 0 ? (
            <View className="kefu-convs__empty" data-testid="empty">
              <Text className="kefu-convs__empty-icon">💬</Text>
              <Text className="kefu-muted">{TEXT.empty}</Text>
              <Button className="kefu-convs__start" data-testid="conversations-start" type="primary" size="small" onClick={() => go(routes.chat())}>
                {TEXT.start}
              </Button>
            </View>
          ) : (
            <View className="kefu-convs__list">
              {list.map((c) => (
                <View key={c.conversationId} className="kefu-convs__item" data-testid="conversation-item" onClick={() => go(routes.chat({ id: c.conversationId }))}>
                  <View className="kefu-convs__head">
                    <ConversationStatusTag status={c.status} />
                    <Text className="kefu-convs__date">{stamp(c.updatedAt)}</Text>
                  </View>
                  <Text className="kefu-convs__text">{c.lastText || TEXT.noText}</Text>
                  {c.rating ? (
                    <Text className="kefu-convs__stars" data-testid="conversation-stars">
                      {TEXT.stars(c.rating)}
                    </Text>
                  ) : null}
                </View>
              ))}
            </View>
          )
        }
      </PageState>
      <View className="kefu-convs__footer" onClick={() => go(routes.messages())}>
        {TEXT.messages}
      </View>
    </View>
  );
}
