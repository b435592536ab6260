import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FaqUnansweredGroup } from '../../../core/api';
import { call, errorText } from '../../api/client';
import { EmptyState, PageState } from '../../components/PageState';
import { Button } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { EntryPicker } from './FaqParts';
import { FAQ_TEXT } from './FaqStrings';
import './booking-tabs.scss';
import './Faq.scss';

const T = FAQ_TEXT.unanswered;
const DAYS = 30;
const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon });

function GroupCard({ group, onResolved }: { group: FaqUnansweredGroup; onResolved: () => void }) {
  // Attaching starts from the entry the bot suggested most, if any.
  const [picking, setPicking] = useState(false);
  const [target, setTarget] = useState<{ id: string; question: string } | undefined>(group.type === 'unanswered' ? group.entry : undefined);
  const [busy, setBusy] = useState(false);

  const resolve = async (resolution: 'new' | 'similar' | 'dismiss') => {
    setBusy(true);
    try {
      const res = await call('faq', 'resolveUnanswered', { groupKey: group.key, days: DAYS, resolution, ...(resolution === 'similar' && target ? { entryId: target.id } : {}) });
      toast(resolution === 'new' ? T.created : resolution === 'similar' ? T.attached(res.entry?.question ?? '') : T.done, resolution === 'new' ? 'none' : 'success');
      onResolved();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="kefu-card kefu-unanswered__group" data-testid="unanswered-group">
      <View className="kefu-unanswered__head">
        <Text className="kefu-unanswered__question">{group.question}</Text>
        <Text className="kefu-unanswered__count">{T.count(group.count)}</Text>
      </View>
      {group.type === 'notHelpful' ? <Text className="kefu-unanswered__line">{T.notHelpful}</Text> : null}
      {group.examples.slice(1, 4).map((e) => (
        <Text key={e} className="kefu-unanswered__line">
          · {e}
        </Text>
      ))}
      {group.type === 'unanswered' && group.entry ? <Text className="kefu-unanswered__line">{T.suggested(group.entry.question)}</Text> : null}
      {picking ? (
        <View className="kefu-form">
          <Text className="kefu-form__label">{T.pickTitle}</Text>
          <EntryPicker chosen={target} onPick={setTarget} />
        </View>
      ) : null}
      <View className="kefu-unanswered__actions">
        {group.type === 'notHelpful' ? (
          <Button size="small" data-testid="unanswered-dismiss" disabled={busy} onClick={() => void resolve('dismiss')}>
            {T.handled}
          </Button>
        ) : picking ? (
          <>
            <Button size="small" disabled={busy} onClick={() => setPicking(false)}>
              {FAQ_TEXT.common.keep}
            </Button>
            <Button size="small" type="primary" data-testid="unanswered-attach-confirm" disabled={busy || !target} onClick={() => void resolve('similar')}>
              {T.confirmAttach}
            </Button>
          </>
        ) : (
          <>
            <Button size="small" fill="none" data-testid="unanswered-dismiss" disabled={busy} onClick={() => void resolve('dismiss')}>
              {T.dismiss}
            </Button>
            <Button size="small" data-testid="unanswered-attach" disabled={busy} onClick={() => setPicking(true)}>
              {T.addSimilar}
            </Button>
            <Button size="small" type="primary" data-testid="unanswered-create" disabled={busy} onClick={() => void resolve('new')}>
              {T.createEntry}
            </Button>
          </>
        )}
      </View>
    </View>
  );
}

/** 「未解决问题」: what the bot could not answer and answers marked not helpful, grouped, most asked first. */
export function FaqUnansweredTab({ refreshKey }: { refreshKey: number }) {
  const report = useRequest(() => call('faq', 'unanswered', { days: DAYS }), [refreshKey]);
  return (
    <View className="kefu-unanswered">
      <PageState data={report.data} error={report.error} onRetry={report.reload}>
        {(r) => (
          <>
            <Text className="kefu-faq__hint">{T.hint(r.days, r.total)}</Text>
            {r.groups.length === 0 ? <EmptyState text={T.empty} /> : null}
            {r.groups.map((g) => (
              <GroupCard key={g.key} group={g} onResolved={() => void report.reload()} />
            ))}
          </>
        )}
      </PageState>
    </View>
  );
}
