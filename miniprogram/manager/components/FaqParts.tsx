// Small pieces shared by the knowledge-base and unanswered-report tabs.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { FaqSearchHit } from '../../../core/api';
import { call, errorText } from '../../api/client';
import { Button, Input, Tag } from '../../components/nutui';
import { Dialog } from '../nutui';
import { FAQ_TEXT } from './FaqStrings';
import './Faq.scss';

const C = FAQ_TEXT.common;

export const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon });

/** A form's validation refusal: says why and answers "not saved". */
export function refuse(message: string): false {
  toast(message);
  return false;
}

/**
 * Remove (after a confirmation), cancel and save for the FAQ forms. `save` validates and saves, and
 * returns false when validation refused (it has already said why); errors from the function are toasts.
 */
export function FormButtons({ testid, removeTitle, removeBody, save, remove, onDone }: {
  testid: string;
  removeTitle: string;
  removeBody: string;
  save: () => Promise<boolean>;
  /** Stored items only. */
  remove?: () => Promise<unknown>;
  onDone: (changed: boolean) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);

  const runSave = async () => {
    setSaving(true);
    try {
      if (!(await save())) return;
      toast(C.saved, 'success');
      onDone(true);
    } catch (err) {
      toast(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const runRemove = async () => {
    setConfirmRemove(false);
    try {
      await remove?.();
      toast(C.removed, 'success');
      onDone(true);
    } catch (err) {
      // e.g. CONFLICT: a category that still holds entries; the message says how many.
      toast(errorText(err));
    }
  };

  return (
    <>
      <View className="kefu-form__buttons">
        {remove ? (
          <Button className="kefu-faq__danger" fill="none" data-testid={`${testid}-remove`} onClick={() => setConfirmRemove(true)}>
            {C.remove}
          </Button>
        ) : null}
        <Button onClick={() => onDone(false)}>{C.cancel}</Button>
        <Button type="primary" data-testid={`${testid}-save`} loading={saving} disabled={saving} onClick={() => void runSave()}>
          {saving ? C.saving : C.save}
        </Button>
      </View>
      <Dialog visible={confirmRemove} title={removeTitle} content={removeBody} confirmText={C.remove} cancelText={C.keep} onConfirm={() => void runRemove()} onCancel={() => setConfirmRemove(false)} />
    </>
  );
}

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="kefu-form__row">
      <Text className="kefu-form__label">{label}</Text>
      <View className="kefu-form__control">{children}</View>
    </View>
  );
}

/** A choice among a few options, as chips (the services tab does the same). */
/** The 排序 row of the FAQ forms: a small whole number typed as text (parsed by `parseOrder` on save). */
export function OrderRow({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <Row label={C.order}>
      <Input className="kefu-form__input" type="number" value={value} maxLength={5} onChange={onChange} />
    </Row>
  );
}

/** A yes/no row of the FAQ forms (published or draft, enabled or disabled). */
export function SwitchRow({ label, on, off, value, onChange, testid }: { label: string; on: string; off: string; value: boolean; onChange: (value: boolean) => void; testid?: string }) {
  return (
    <Row label={label}>
      <ChoiceChips
        options={[
          { key: true, label: on },
          { key: false, label: off },
        ]}
        value={value}
        onChange={onChange}
        testid={testid}
      />
    </Row>
  );
}

export function ChoiceChips<K extends string | boolean>({ options, value, onChange, testid }: { options: readonly { key: K; label: string }[]; value: K; onChange: (key: K) => void; testid?: string }) {
  return (
    <View className="kefu-form__chips">
      {options.map((o) => (
        <View
          key={String(o.key)}
          className={`kefu-form__chip${o.key === value ? ' kefu-form__chip--active' : ''}`}
          data-testid={testid ? `${testid}-${String(o.key)}` : undefined}
          onClick={() => onChange(o.key)}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}

export function StatusTag({ published }: { published: boolean }) {
  return (
    <Tag background={published ? '#e7f8ee' : '#f2f3f5'} color={published ? '#07c160' : '#86909c'}>
      {published ? C.published : C.draft}
    </Tag>
  );
}

/** Add/remove chips for a list of short texts (similar questions, keywords). */
export function ChipsEditor({ values, onChange, placeholder, maxLength, testid }: { values: string[]; onChange: (values: string[]) => void; placeholder: string; maxLength: number; testid: string }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const v = draft.trim();
    if (v && !values.includes(v)) onChange([...values, v]);
    setDraft('');
  };
  return (
    <View className="kefu-faq-chips" data-testid={testid}>
      <View className="kefu-form__chips">
        {values.map((v) => (
          <View key={v} className="kefu-faq-chips__chip">
            <Text className="kefu-faq-chips__text">{v}</Text>
            <Text className="kefu-faq-chips__remove" data-testid={`${testid}-remove`} onClick={() => onChange(values.filter((x) => x !== v))}>
              ×
            </Text>
          </View>
        ))}
      </View>
      <View className="kefu-faq-chips__add">
        <Input className="kefu-form__input kefu-faq-chips__input" value={draft} placeholder={placeholder} maxLength={maxLength} onChange={setDraft} onConfirm={add} />
        <Button size="small" data-testid={`${testid}-add`} onClick={add}>
          {C.add}
        </Button>
      </View>
    </View>
  );
}

/** Search the published FAQ (faq.search) and pick one entry. */
export function EntryPicker({ chosen, onPick }: { chosen?: { id: string; question: string }; onPick: (hit: { id: string; question: string }) => void }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<FaqSearchHit[] | null>(null);
  const [error, setError] = useState('');
  const search = async (text: string) => {
    setQ(text);
    if (!text.trim()) {
      setHits(null);
      return;
    }
    try {
      setHits(await call('faq', 'search', { q: text.trim() }));
      setError('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <View className="kefu-faq-picker" data-testid="faq-entry-picker">
      {chosen ? <Text className="kefu-faq-picker__chosen">{FAQ_TEXT.picker.chosen(chosen.question)}</Text> : null}
      <Input className="kefu-form__input" value={q} placeholder={FAQ_TEXT.picker.placeholder} maxLength={100} onChange={(v) => void search(v)} />
      {error ? <Text className="kefu-faq-picker__none">{error}</Text> : null}
      {hits && hits.length === 0 ? <Text className="kefu-faq-picker__none">{FAQ_TEXT.picker.none}</Text> : null}
      {hits?.map((h) => (
        <View key={h.id} className={`kefu-faq-picker__hit${chosen?.id === h.id ? ' kefu-faq-picker__hit--active' : ''}`} data-testid="faq-picker-hit" onClick={() => onPick({ id: h.id, question: h.question })}>
          {h.question}
        </View>
      ))}
    </View>
  );
}

/** Integer 0–99999 from a text field, or null. */
export function parseOrder(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  return /^\d{1,5}$/.test(t) ? Number(t) : null;
}
