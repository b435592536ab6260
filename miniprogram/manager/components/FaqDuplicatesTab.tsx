import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FaqDuplicateEntry, FaqDuplicatePair } from '../../../core/api';
import { pairKey } from '../../../core/faq/duplicates';
import { call, errorText } from '../../api/client';
import { EmptyState, PageState } from '../../components/PageState';
import { Button } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { Dialog } from '../nutui';
import { StatusTag, toast } from './FaqParts';
import { FAQ_TEXT } from './FaqStrings';
import './Faq.scss';

const T = FAQ_TEXT.duplicates;

interface Merge {
  from: FaqDuplicateEntry;
  into: FaqDuplicateEntry;
}

function Side({ entry, testid }: { entry: FaqDuplicateEntry; testid: string }) {
  return (
    <View className="kefu-duplicates__side" data-testid={testid}>
      <Text className="kefu-duplicates__question">{entry.question}</Text>
      <View>
        <StatusTag published={entry.published} />
      </View>
    </View>
  );
}

function PairCard({ pair, busy, onMerge, onDismiss }: { pair: FaqDuplicatePair; busy: boolean; onMerge: (m: Merge) => void; onDismiss: () => void }) {
  return (
    <View className="kefu-card kefu-duplicates__pair" data-testid="duplicate-pair">
      <Text className="kefu-duplicates__score">{T.score(Math.round(pair.score * 100))}</Text>
      <View className="kefu-duplicates__sides">
        <Side entry={pair.a} testid="duplicate-left" />
        <Side entry={pair.b} testid="duplicate-right" />
      </View>
      <View className="kefu-unanswered__actions">
        <Button size="small" fill="none" data-testid="duplicate-dismiss" disabled={busy} onClick={onDismiss}>
          {T.notDuplicate}
        </Button>
        <Button size="small" data-testid="duplicate-merge-left" disabled={busy} onClick={() => onMerge({ from: pair.b, into: pair.a })}>
          {T.mergeLeft}
        </Button>
        <Button size="small" data-testid="duplicate-merge-right" disabled={busy} onClick={() => onMerge({ from: pair.a, into: pair.b })}>
          {T.mergeRight}
        </Button>
      </View>
    </View>
  );
}

/**
 * 「重复条目」: pairs of entries the matcher finds alike both ways, best first. Merging makes one entry similar
 * questions of the other (the merged one is unpublished); 「不是重复」 hides the pair for good.
 */
export function FaqDuplicatesTab({ refreshKey }: { refreshKey: number }) {
  const report = useRequest(() => call('faq', 'duplicates', {}), [refreshKey]);
  const [confirming, setConfirming] = useState<Merge | null>(null);
  const [busy, setBusy] = useState(false);
  // Handled here: a merged entry is no longer compared, a dismissed pair no longer listed (no new check needed).
  const [gone, setGone] = useState<{ ids: ReadonlySet<string>; keys: ReadonlySet<string> }>({ ids: new Set(), keys: new Set() });

  const run = async (work: () => Promise<unknown>, done: string, hide: { id?: string; key?: string }) => {
    setBusy(true);
    try {
      await work();
      toast(done, 'success');
      setGone((g) => ({ ids: hide.id ? new Set([...g.ids, hide.id]) : g.ids, keys: hide.key ? new Set([...g.keys, hide.key]) : g.keys }));
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const merge = async () => {
    const m = confirming;
    setConfirming(null);
    if (m) await run(() => call('faq', 'mergeDuplicate', { from: m.from.id, into: m.into.id }), T.merged, { id: m.from.id });
  };

  const dismiss = (p: FaqDuplicatePair) => run(() => call('faq', 'dismissDuplicate', { a: p.a.id, b: p.b.id }), T.dismissed, { key: pairKey(p.a.id, p.b.id) });

  return (
    <View className="kefu-duplicates">
      <PageState data={report.data} error={report.error} onRetry={report.reload}>
        {(r) => {
          const pairs = r.pairs.filter((p) => !gone.keys.has(pairKey(p.a.id, p.b.id)) && !gone.ids.has(p.a.id) && !gone.ids.has(p.b.id));
          return (
            <>
              <Text className="kefu-faq__hint">
                {T.hint(r.checked, pairs.length)}
                {r.checked < r.total ? T.capped(r.checked, r.total) : ''}
              </Text>
              {pairs.length === 0 ? <EmptyState text={T.empty} /> : null}
              {pairs.map((p) => (
                <PairCard key={pairKey(p.a.id, p.b.id)} pair={p} busy={busy} onMerge={setConfirming} onDismiss={() => void dismiss(p)} />
              ))}
            </>
          );
        }}
      </PageState>
      <Dialog
        visible={confirming !== null}
        title={T.confirmTitle}
        content={confirming ? T.confirmBody(confirming.from.question, confirming.into.question) + (confirming.into.published ? '' : T.intoDraft(confirming.into.question)) : ''}
        confirmText={T.confirm}
        cancelText={FAQ_TEXT.common.keep}
        onConfirm={() => void merge()}
        onCancel={() => setConfirming(null)}
      />
    </View>
  );
}
