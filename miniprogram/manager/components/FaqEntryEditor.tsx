import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FaqAdminCategory, FaqAdminEntry } from '../../../core/api';
import { FAQ_LIMITS } from '../../../core/faq/limits';
import { call, errorText } from '../../api/client';
import { AnswerText } from '../../components/AnswerText';
import { TextArea } from '../../components/booking/nutui';
import { Button, Input } from '../../components/nutui';
import { Dialog } from '../nutui';
import { AnswerTools } from './AnswerTools';
import { ChipsEditor, ChoiceChips, parseOrder, Row } from './FaqParts';
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
  const [saving, setSaving] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const set = <K extends keyof EntryDraft>(key: K, value: EntryDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon });

  const save = async () => {
    const order = parseOrder(draft.order);
    if (!draft.question.trim()) return toast(T.questionRequired);
    if (!draft.answer.trim()) return toast(T.answerRequired);
    if (!draft.categoryId) return toast(T.categoryRequired);
    if (order === null) return toast(C.invalidOrder);
    setSaving(true);
    try {
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
      toast(C.saved, 'success');
      onDone(true);
    } catch (err) {
      toast(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    setConfirmRemove(false);
    try {
      await call('faq', 'remove', { id: draft.id! });
      toast(C.removed, 'success');
      onDone(true);
    } catch (err) {
      toast(errorText(err));
    }
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
      <Row label={T.status}>
        <ChoiceChips
          options={[
            { key: true, label: C.published },
            { key: false, label: C.draft },
          ]}
          value={draft.enabled}
          onChange={(v) => set('enabled', v)}
          testid="faq-status"
        />
      </Row>
      <Row label={C.order}>
        <Input className="kefu-form__input" type="number" value={draft.order} maxLength={5} onChange={(v) => set('order', v)} />
      </Row>
      <View className="kefu-form__buttons">
        {draft.id ? (
          <Button className="kefu-faq__danger" fill="none" data-testid="faq-entry-remove" onClick={() => setConfirmRemove(true)}>
            {C.remove}
          </Button>
        ) : null}
        <Button onClick={() => onDone(false)}>{C.cancel}</Button>
        <Button type="primary" data-testid="faq-entry-save" loading={saving} disabled={saving} onClick={() => void save()}>
          {saving ? C.saving : C.save}
        </Button>
      </View>
      <Dialog
        visible={confirmRemove}
        title={T.removeTitle}
        content={T.removeBody(draft.question)}
        confirmText={C.remove}
        cancelText={C.keep}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmRemove(false)}
      />
    </View>
  );
}
