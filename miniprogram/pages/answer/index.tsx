import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call, errorText } from '../../api/client';
import { AnswerText } from '../../components/AnswerText';
import { appointmentRoutes } from '../../components/booking/routes';
import { Button } from '../../components/nutui';
import { PageState } from '../../components/PageState';
import { useRequest } from '../../hooks/useRequest';
import { formatDate } from '../../utils/format';
import { go, param, routes } from '../../utils/routes';
import './index.scss';

const TEXT = {
  updatedAt: (date: string) => `更新于 ${date}`,
  wasHelpful: '这个回答对您有帮助吗？',
  helpful: '有帮助',
  notHelpful: '没帮助',
  thanks: '感谢您的反馈',
  notSolved: '抱歉没能帮到您。可以转人工客服，或预约上门、电话回访。',
  book: '预约服务',
  stillAsk: '还没解决？',
  handoff: '转人工',
  related: '相关问题',
} as const;

type Vote = 'helpful' | 'not_helpful';

export default function AnswerPage() {
  const { params } = useRouter<{ id?: string }>();
  const id = param(params.id);
  const entry = useRequest(() => call('faq', 'get', { id }), [id]);
  const [vote, setVote] = useState<Vote | null>(null);
  const [sending, setSending] = useState(false);

  const send = async (helpful: boolean) => {
    setSending(true);
    try {
      await call('faq', 'feedback', { id, helpful });
      setVote(helpful ? 'helpful' : 'not_helpful');
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="kefu-page kefu-answer-page">
      <PageState data={entry.data} error={entry.error} onRetry={entry.reload}>
        {(faq) => (
          <>
            <View className="kefu-card kefu-answer-page__card">
              <Text className="kefu-answer-page__question" data-testid="question">
                {faq.question}
              </Text>
              <AnswerText text={faq.answer} />
              <Text className="kefu-muted kefu-answer-page__updated">{TEXT.updatedAt(formatDate(faq.updatedAt))}</Text>
            </View>
            <View className="kefu-card kefu-answer-page__feedback" data-testid="feedback">
              {vote ? (
                <Text className="kefu-answer-page__thanks">{TEXT.thanks}</Text>
              ) : (
                <>
                  <Text className="kefu-answer-page__ask">{TEXT.wasHelpful}</Text>
                  <View className="kefu-answer-page__votes">
                    <Button className="kefu-answer-page__helpful" size="small" type="primary" fill="outline" disabled={sending} onClick={() => void send(true)}>
                      {TEXT.helpful}
                    </Button>
                    <Button className="kefu-answer-page__not-helpful" size="small" fill="outline" disabled={sending} onClick={() => void send(false)}>
                      {TEXT.notHelpful}
                    </Button>
                  </View>
                </>
              )}
            </View>
            {faq.related.length > 0 ? (
              <View className="kefu-card kefu-answer-page__related" data-testid="related">
                <Text className="kefu-answer-page__related-title">{TEXT.related}</Text>
                {faq.related.map((r) => (
                  <View key={r.id} className="kefu-answer-page__related-item" data-testid="related-item" onClick={() => go(routes.answer(r.id))}>
                    <Text>{r.question}</Text>
                  </View>
                ))}
              </View>
            ) : null}
            <View className={`kefu-card kefu-answer-page__not-solved${vote === 'not_helpful' ? ' kefu-answer-page__not-solved--stressed' : ''}`} data-testid="not-solved">
              <Text className="kefu-answer-page__ask">{TEXT.stillAsk}</Text>
              {vote === 'not_helpful' ? <Text className="kefu-muted">{TEXT.notSolved}</Text> : null}
              <View className="kefu-answer-page__votes">
                <Button className="kefu-answer-page__handoff" data-testid="answer-handoff" size="small" type="primary" onClick={() => go(routes.chat({ category: faq.categoryId }))}>
                  {TEXT.handoff}
                </Button>
                <Button className="kefu-answer-page__book" size="small" type="primary" fill="outline" onClick={() => go(appointmentRoutes.book())}>
                  {TEXT.book}
                </Button>
              </View>
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}
