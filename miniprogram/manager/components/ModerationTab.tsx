// 话术审核: the words an agent's reply may not contain. Supervisors and admins add and remove words; each
// change saves the whole list at once (audited), and agents' replies are checked against it from then on.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MODERATION_MAX_WORDS, MODERATION_WORD_MAX, normalizeForModeration } from '../../../core/abuse/moderation';
import type { ModerationSettings } from '../../../core/api';
import { call, errorText } from '../../api/client';
import { Button, Input, Tag } from '../../components/nutui';
import { PageState } from '../../components/PageState';
import { useRequest } from '../../hooks/useRequest';
import { TEXT } from '../strings';
import './booking-tabs.scss';

const T = TEXT.moderation;

export function ModerationTab({ refreshKey = 0 }: { refreshKey?: number }) {
  const list = useRequest(() => call('admin', 'moderation', {}), [refreshKey]);
  return (
    <View className="kefu-moderation" data-testid="moderation-tab">
      <PageState data={list.data} error={list.error} onRetry={list.reload}>
        {(settings) => <WordList settings={settings} onSaved={list.reload} />}
      </PageState>
    </View>
  );
}

function WordList({ settings, onSaved }: { settings: ModerationSettings; onSaved: () => Promise<void> }) {
  const [draft, setDraft] = useState('');
  const [saving, setSaving] = useState(false);
  const words = settings.words;

  const save = async (next: string[], done: string): Promise<boolean> => {
    setSaving(true);
    try {
      await call('admin', 'saveModeration', { words: next });
      void Taro.showToast({ title: done, icon: 'none' });
      await onSaved();
      return true;
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
      return false;
    } finally {
      setSaving(false);
    }
  };

  const add = async () => {
    const word = draft.trim();
    if (word === '' || saving) return;
    if (words.some((w) => normalizeForModeration(w) === normalizeForModeration(word))) {
      void Taro.showToast({ title: T.duplicate(word), icon: 'none' });
      return;
    }
    if (words.length >= MODERATION_MAX_WORDS) {
      void Taro.showToast({ title: T.full, icon: 'none' });
      return;
    }
    // The draft stays when the save fails, so nothing typed is lost.
    if (await save([...words, word], T.added)) setDraft('');
  };

  const remove = (word: string) => {
    if (saving) return;
    void save(
      words.filter((w) => w !== word),
      T.removed,
    );
  };

  return (
    <View className="kefu-card kefu-form">
      <Text className="kefu-form__heading">{T.title}</Text>
      <Text className="kefu-muted">{T.hint}</Text>
      <View className="kefu-moderation__add">
        <View className="kefu-moderation__input" data-testid="moderation-input">
          <Input value={draft} placeholder={T.placeholder} maxLength={MODERATION_WORD_MAX} onChange={setDraft} />
        </View>
        <View data-testid="moderation-add" onClick={() => void add()}>
          <Button type="primary" size="small" disabled={saving || draft.trim() === ''}>
            {T.add}
          </Button>
        </View>
      </View>
      <Text className="kefu-muted" data-testid="moderation-count">
        {T.count(words.length, MODERATION_MAX_WORDS)}
      </Text>
      {words.length === 0 ? (
        <Text className="kefu-muted" data-testid="moderation-empty">
          {T.empty}
        </Text>
      ) : (
        <View className="kefu-moderation__words">
          {words.map((word) => (
            <View key={word} className="kefu-moderation__word" data-testid="moderation-word">
              <Tag background="#fff7e8" color="#d25f00">
                {word}
              </Tag>
              <Text className="kefu-moderation__remove" data-testid="moderation-remove" aria-label={T.remove(word)} onClick={() => remove(word)}>
                ×
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
