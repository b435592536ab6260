import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { RetentionRunView, RetentionSettingsView } from '../../../core/api';
import { AUDIT_DAYS, RETENTION_DAYS, type RetentionCounts } from '../../../core/retention';
import { call, errorText } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Button, Input } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { formatDateTime } from '../../utils/format';
import { RETENTION_COUNT_LABELS, RETENTION_OUTCOME_LABELS, TEXT } from '../strings';
import { openExportFile } from './download';
import { Row, SwitchRow } from './FaqParts';

const R = TEXT.retention;

interface Draft {
  days: string;
  exportFirst: boolean;
  auditDays: string;
}

const toDraft = (s: RetentionSettingsView): Draft => ({ days: String(s.days), exportFirst: s.exportFirst, auditDays: String(s.auditDays) });
const wholeIn = (text: string, range: { min: number; max: number }) => /^\d+$/.test(text.trim()) && Number(text) >= range.min && Number(text) <= range.max;

/** What a run purged, in words ("会话 3 · 消息 41 …"); nothing when it purged nothing. */
export function countsText(counts: RetentionCounts): string {
  const parts = (Object.keys(RETENTION_COUNT_LABELS) as Array<keyof RetentionCounts>).filter((k) => counts[k] > 0).map((k) => `${RETENTION_COUNT_LABELS[k]} ${counts[k]}`);
  return parts.length > 0 ? parts.join(' · ') : R.nothing;
}

function LastRun({ run }: { run: RetentionRunView | null }) {
  const download = async (id: string) => {
    try {
      const job = await call('admin', 'exportStatus', { id });
      if (job.status !== 'done' || !job.url) {
        void Taro.showToast({ title: R.notReady, icon: 'none' });
        return;
      }
      await openExportFile(job.url, `retention-${job.kind}-${job.from}-${job.to}.${job.format}`);
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    }
  };
  return (
    <View className="kefu-card kefu-retention__last" data-testid="retention-last-run">
      <Text className="kefu-form__heading">{R.lastRun}</Text>
      {run ? (
        <View className="kefu-retention__run">
          <Text className="kefu-retention__outcome">{RETENTION_OUTCOME_LABELS[run.outcome]}</Text>
          <Text className="kefu-muted">{R.ranAt(formatDateTime(run.finishedAt))}</Text>
          <Text className="kefu-muted">{R.cutoff(formatDateTime(run.cutoff))}</Text>
          <Text className="kefu-retention__counts">{countsText(run.counts)}</Text>
          {run.message ? <Text className="kefu-muted">{run.message}</Text> : null}
          {(run.exportJobs ?? []).map((id) => (
            <Text key={id} className="kefu-retention__download" data-testid="retention-download" onClick={() => void download(id)}>
              {R.download}
            </Text>
          ))}
        </View>
      ) : (
        <Text className="kefu-muted">{R.never}</Text>
      )}
    </View>
  );
}

/** Admins: how long customer data and the audit log are kept, whether to export before purging, and the last run. */
export function RetentionTab({ refreshKey }: { refreshKey: number }) {
  const settings = useRequest(() => call('admin', 'retention', {}), [refreshKey]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (settings.data) setDraft(toDraft(settings.data));
  }, [settings.data]);

  const save = async () => {
    if (!draft) return;
    const refuse = (title: string) => void Taro.showToast({ title, icon: 'none' });
    if (!wholeIn(draft.days, RETENTION_DAYS)) return refuse(R.invalidDays);
    if (!wholeIn(draft.auditDays, AUDIT_DAYS)) return refuse(R.invalidAudit);
    if (Number(draft.auditDays) < Number(draft.days)) return refuse(R.auditShorter);
    setSaving(true);
    try {
      const saved = await call('admin', 'saveRetention', { days: Number(draft.days), exportFirst: draft.exportFirst, auditDays: Number(draft.auditDays) });
      setDraft(toDraft(saved));
      void Taro.showToast({ title: R.saved, icon: 'success' });
    } catch (err) {
      refuse(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="kefu-retention">
      <View className="kefu-card kefu-form" data-testid="retention-settings">
        <Text className="kefu-form__heading">{R.title}</Text>
        <Text className="kefu-muted kefu-retention__hint">{R.hint}</Text>
        <PageState data={draft ?? undefined} error={settings.error} onRetry={settings.reload}>
          {(d) => (
            <>
              <Row label={R.days}>
                <Input className="kefu-form__input" type="number" value={d.days} maxLength={4} onChange={(v) => setDraft({ ...d, days: v })} />
                <Text className="kefu-muted">{R.daysHint}</Text>
              </Row>
              <SwitchRow label={R.exportFirst} on={R.exportOn} off={R.exportOff} value={d.exportFirst} onChange={(v) => setDraft({ ...d, exportFirst: v })} testid="retention-export-first" />
              <Text className="kefu-muted kefu-retention__hint">{R.exportHint}</Text>
              <Row label={R.auditDays}>
                <Input className="kefu-form__input" type="number" value={d.auditDays} maxLength={4} onChange={(v) => setDraft({ ...d, auditDays: v })} />
                <Text className="kefu-muted">{R.auditHint}</Text>
              </Row>
              <View className="kefu-form__buttons">
                <Button type="primary" data-testid="retention-save" loading={saving} disabled={saving} onClick={() => void save()}>
                  {R.save}
                </Button>
              </View>
            </>
          )}
        </PageState>
      </View>
      {settings.data ? <LastRun run={settings.data.lastRun} /> : null}
    </View>
  );
}
