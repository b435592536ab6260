// 服务评价: stars, tags and a comment once the conversation is over; read-only after rating.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RATING_TAGS } from '../../../core/schemas/session.schema';
import { call, errorText } from '../../api/client';
import { Button, Rate, TextArea } from '../../components/nutui';

const TEXT = {
  title: '请为本次服务评分',
  done: '感谢您的评价',
  yourRating: '您的评价',
  commentPlaceholder: '说说您的感受（选填，200 字以内）',
  submit: '提交评价',
  pickScore: '请先选择星级',
} as const;

const COMMENT_MAX = 200;
type RatingTag = (typeof RATING_TAGS)[number];

export interface Rating {
  score: number;
  comment: string;
  tags: string[];
}

interface RatingCardProps {
  conversationId: string;
  /** Present once rated: shown read-only. */
  rating?: Rating;
  onRated: (rating: Rating) => void;
}

export function RatingCard({ conversationId, rating, onRated }: RatingCardProps) {
  const [score, setScore] = useState(0);
  const [tags, setTags] = useState<RatingTag[]>([]);
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);

  if (rating) {
    return (
      <View className="kefu-card kefu-rating kefu-rating--done" data-testid="rate-card">
        <Text className="kefu-rating__title">{TEXT.done}</Text>
        <Rate className="kefu-rating__stars" value={rating.score} readOnly />
        {rating.tags.length > 0 ? (
          <View className="kefu-rating__tags">
            {rating.tags.map((tag) => (
              <Text key={tag} className="kefu-rating__tag kefu-rating__tag--on">
                {tag}
              </Text>
            ))}
          </View>
        ) : null}
        {rating.comment ? <Text className="kefu-rating__comment">{rating.comment}</Text> : null}
      </View>
    );
  }

  const toggle = (tag: RatingTag) => setTags((list) => (list.includes(tag) ? list.filter((t) => t !== tag) : [...list, tag]));

  const submit = async () => {
    if (score < 1) {
      void Taro.showToast({ title: TEXT.pickScore, icon: 'none' });
      return;
    }
    setSaving(true);
    const text = comment.trim();
    try {
      await call('session', 'rate', {
        conversationId,
        score,
        ...(tags.length > 0 ? { tags } : {}),
        ...(text ? { comment: text } : {}),
      });
      onRated({ score, tags, comment: text });
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="kefu-card kefu-rating" data-testid="rate-card">
      <Text className="kefu-rating__title">{TEXT.title}</Text>
      <Rate className="kefu-rating__stars" value={score} onChange={setScore} />
      <View className="kefu-rating__tags">
        {RATING_TAGS.map((tag) => (
          <Text
            key={tag}
            className={`kefu-rating__tag${tags.includes(tag) ? ' kefu-rating__tag--on' : ''}`}
            data-testid="rate-tag"
            onClick={() => toggle(tag)}
          >
            {tag}
          </Text>
        ))}
      </View>
      <TextArea
        className="kefu-rating__input"
        data-testid="rate-comment"
        value={comment}
        placeholder={TEXT.commentPlaceholder}
        maxLength={COMMENT_MAX}
        showCount
        onChange={setComment}
      />
      <Button className="kefu-rating__submit" data-testid="rate-submit" type="primary" block loading={saving} disabled={saving} onClick={() => void submit()}>
        {TEXT.submit}
      </Button>
    </View>
  );
}
