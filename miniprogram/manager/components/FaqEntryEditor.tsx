import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FaqAdminCategory, FaqAdminEntry } from '../../../core/api';
import { FAQ_LIMITS } from '../../../core/faq/limits';
import { call } from '../../api/client';
import { AnswerText } from '../../components/AnswerText';
import { TextArea } from '../../components/booking/nutui';
import { Input } from '../../components/nutui';
import { AnswerTools } from './AnswerTools';
import { ChipsEditor, ChoiceChips, FormButtons, OrderRow, parseOrder, refuse, Row, SwitchRow } from './FaqParts';
import { FAQ_TEXT } from './FaqStrings';
import './booking-tabs.scss';

const T = FAQ_TEXT.editor;
const C = FAQ_TEXT.common;

export interface EntryDraft {
  id?: string;
  categoryId: string;
  question: string;
  answer: string;
  similar: string[];
  keywords: string[];
  enabled: boolean;
  order: string;
}

export function toEntryDraft(e: FaqAdminEntry): EntryDraft {
  return { id: e.id, categoryId: e.categoryId, question: e.question, answer: e.answer, similar: [...e.similar], keywords: [...e.keywords], enabled: e.enabled, order: String(e.order) };
}

export function newEntryDraft(categoryId: string): EntryDraft {
  return { categoryId, question: '', answer: '', similar: [], keywords: [], enabled: true, order: '0' };
}

/** The entry editor: question, answer with a live preview, similar questions, keywords, category, status, order. */
export function FaqEntryEditor({ initial, categories, onDone }: { initial: EntryDraft; categories: FaqAdminCategory[]; onDone: (changed: boolean) => void }) {
  const [draft, setDraft] = useState<EntryDraft>(initial);
  const set = <K extends keyof EntryDraft>(key: K, value: EntryDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async (): Promise<boolean> => {
    const order = parseOrder(draft.order);
    if (!draft.question.trim()) return refuse(T.questionRequired);
    if (!draft.answer.trim()) return refuse(T.answerRequired);
    if (!draft.categoryId) return refuse(T.categoryRequired);
    if (order === null) return refuse(C.invalidOrder);
    await call('faq', 'save', {
      ...(draft.id ? { id: draft.id } : {}),
      categoryId: draft.categoryId,
      question: draft.question.trim(),
      answer: draft.answer.trim(),
      similar: draft.similar,
      keywords: draft.keywords,
      enabled: draft.enabled,
      order,
    });
    return true;
  };

  return (
    <View className="kefu-card kefu-form" data-testid="faq-entry-editor">
      <Text className="kefu-form__heading">{draft.id ? T.editTitle : T.createTitle}</Text>
      <Row label={T.question}>
        <Input className="kefu-form__input" value={draft.question} placeholder={T.questionPlaceholder} maxLength={FAQ_LIMITS.question} onChange={(v) => set('question', v)} />
      </Row>
      <Row label={T.answer}>
        <TextArea className="kefu-form__textarea" value={draft.answer} placeholder={T.answerPlaceholder} maxLength={FAQ_LIMITS.answer} showCount autoSize onChange={(v) => set('answer', v)} />
        <AnswerTools answer={draft.answer} onChange={(v) => set('answer', v)} />
        <View className="kefu-faq__preview" data-testid="faq-answer-preview">
          {draft.answer.trim() ? <AnswerText text={draft.answer} /> : <Text className="kefu-faq__preview-empty">{T.previewEmpty}</Text>}
        </View>
      </Row>
      <Row label={T.similar}>
        <ChipsEditor values={draft.similar} onChange={(v) => set('similar', v)} placeholder={T.similarPlaceholder} maxLength={FAQ_LIMITS.question} testid="faq-similar" />
      </Row>
      <Row label={T.keywords}>
        <ChipsEditor values={draft.keywords} onChange={(v) => set('keywords', v)} placeholder={T.keywordsPlaceholder} maxLength={FAQ_LIMITS.keyword} testid="faq-keywords" />
      </Row>
      <Row label={T.category}>
        <ChoiceChips options={categories.map((c) => ({ key: c.id, label: `${c.icon} ${c.name}`.trim() }))} value={draft.categoryId} onChange={(v) => set('categoryId', v)} testid="faq-category" />
      </Row>
      <SwitchRow label={T.status} on={C.published} off={C.draft} value={draft.enabled} onChange={(v) => set('enabled', v)} testid="faq-status" />
      <OrderRow value={draft.order} onChange={(v) => set('order', v)} />
      <FormButtons
        testid="faq-entry"
        removeTitle={T.removeTitle}
        removeBody={T.removeBody(draft.question)}
        save={save}
        remove={draft.id ? () => call('faq', 'remove', { id: draft.id! }) : undefined}
        onDone={onDone}
      />
    </View>
  );
}
