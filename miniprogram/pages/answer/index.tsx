import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '../../api/client';
import { AnswerText } from '../../components/AnswerText';
import { PageState } from '../../components/PageState';
import { useRequest } from '../../hooks/useRequest';
import { formatDate } from '../../utils/format';
import { param } from '../../utils/routes';
import './index.scss';

const TEXT = {
  updatedAt: (date: string) => `更新于 ${date}`,
} as const;

export default function AnswerPage() {
  const { params } = useRouter<{ id?: string }>();
  const id = param(params.id);
  const entry = useRequest(() => call('faq', 'get', { id }), [id]);

  return (
    <View className="kefu-page kefu-answer-page">
      <PageState data={entry.data} error={entry.error} onRetry={entry.reload}>
        {(faq) => (
          <View className="kefu-card kefu-answer-page__card">
            <Text className="kefu-answer-page__question" data-testid="question">
              {faq.question}
            </Text>
            <AnswerText text={faq.answer} />
            <Text className="kefu-muted kefu-answer-page__updated">{TEXT.updatedAt(formatDate(faq.updatedAt))}</Text>
          </View>
        )}
      </PageState>
    </View>
  );
}
