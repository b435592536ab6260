// 「数据导出」: pick what, how and which days; the export runs as a job that this tab drives by polling
// `admin.exportStatus` every second (each call writes one more chunk), then offers the file.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { ExportJobView } from '../../../core/api';
import { KIND_FORMATS, MAX_EXPORT_DAYS, businessDayBefore, daysInRange, isCalendarDay, type ExportFormat, type ExportKind } from '../../../core/export';
import { call, errorText } from '../../api/client';
import { Button, Input } from '../../components/nutui';
import { openExportFile } from './download';
import { EXPORT_TEXT as T } from './ExportStrings';
import './ExportTab.scss';

type RangeKey = 'd7' | 'd30' | 'd90' | 'custom';
const RANGE_DAYS: Record<Exclude<RangeKey, 'custom'>, number> = { d7: 7, d30: 30, d90: 90 };
const KINDS: readonly ExportKind[] = ['conversations', 'appointments'];
const FORMATS: readonly ExportFormat[] = ['csv', 'json'];
export const POLL_MS = 1000;

/** The inclusive day range a choice stands for (UTC+8), or a message saying what is wrong. */
export function chosenRange(range: RangeKey, custom: { from: string; to: string }, now = new Date()): { from: string; to: string } | { error: string } {
  if (range !== 'custom') return { from: businessDayBefore(now, RANGE_DAYS[range] - 1), to: businessDayBefore(now, 0) };
  const from = custom.from.trim();
  const to = custom.to.trim();
  if (!isCalendarDay(from) || !isCalendarDay(to)) return { error: T.badDay };
  if (to < from) return { error: T.reversed };
  if (daysInRange(from, to) > MAX_EXPORT_DAYS) return { error: T.tooLong };
  return { from, to };
}

function Chip({ active, label, testId, onClick, disabled }: { active: boolean; label: string; testId: string; onClick: () => void; disabled?: boolean }) {
  return (
    <View
      className={`kefu-export__chip${active ? ' kefu-export__chip--active' : ''}${disabled ? ' kefu-export__chip--disabled' : ''}`}
      data-testid={testId}
      onClick={disabled ? undefined : onClick}
    >
      {label}
    </View>
  );
}

export function ExportTab({ isAdmin }: { isAdmin: boolean }) {
  const [kind, setKind] = useState<ExportKind>('conversations');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [range, setRange] = useState<RangeKey>('d7');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [unmasked, setUnmasked] = useState(false);
  const [job, setJob] = useState<ExportJobView | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState('');
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // Poll while the job runs: every answer is one chunk further.
  const jobId = job?.id;
  const running = job?.status === 'running';
  useEffect(() => {
    if (!jobId || !running) return undefined;
    const timer = setTimeout(() => {
      call('admin', 'exportStatus', { id: jobId })
        .then((next) => {
          if (alive.current) setJob(next);
        })
        .catch((err: unknown) => {
          if (!alive.current) return;
          setError(errorText(err));
          setJob((current) => (current ? { ...current, status: 'failed' } : current));
        });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [jobId, running, job?.processed]);

  const chooseKind = (next: ExportKind) => {
    setKind(next);
    if (!KIND_FORMATS[next].includes(format)) setFormat('csv');
  };

  const start = async () => {
    const days = chosenRange(range, custom);
    if ('error' in days) {
      setError(days.error);
      void Taro.showToast({ title: days.error, icon: 'none' });
      return;
    }
    setError('');
    setStarting(true);
    try {
      const created = await call('admin', 'exportStart', { kind, format, from: days.from, to: days.to, ...(isAdmin && unmasked ? { unmasked: true } : {}) });
      if (alive.current) setJob(created);
    } catch (err) {
      if (alive.current) setError(errorText(err));
    } finally {
      if (alive.current) setStarting(false);
    }
  };

  const percent = job && job.total > 0 ? Math.round((job.processed / job.total) * 100) : job?.status === 'done' ? 100 : 0;
  const busy = starting || running;

  return (
    <View className="kefu-export" data-testid="export-tab">
      <View className="kefu-export__intro kefu-muted">{T.intro}</View>

      <View className="kefu-export__row">
        <Text className="kefu-export__label">{T.kind}</Text>
        <View className="kefu-export__chips">
          {KINDS.map((k) => (
            <Chip key={k} active={kind === k} label={T.kinds[k]} testId={`export-kind-${k}`} onClick={() => chooseKind(k)} />
          ))}
        </View>
      </View>

      <View className="kefu-export__row">
        <Text className="kefu-export__label">{T.format}</Text>
        <View className="kefu-export__chips">
          {FORMATS.map((f) => (
            <Chip key={f} active={format === f} label={T.formats[f]} testId={`export-format-${f}`} disabled={!KIND_FORMATS[kind].includes(f)} onClick={() => setFormat(f)} />
          ))}
        </View>
        {kind === 'appointments' ? <Text className="kefu-muted kefu-export__hint">{T.appointmentsCsvOnly}</Text> : null}
      </View>

      <View className="kefu-export__row">
        <Text className="kefu-export__label">{T.range}</Text>
        <View className="kefu-export__chips">
          {(Object.keys(T.ranges) as RangeKey[]).map((r) => (
            <Chip key={r} active={range === r} label={T.ranges[r]} testId={`export-range-${r}`} onClick={() => setRange(r)} />
          ))}
        </View>
        {range === 'custom' ? (
          <View className="kefu-export__custom">
            <Input className="kefu-export__day" value={custom.from} placeholder={`${T.from} ${T.dayPlaceholder}`} maxLength={10} onChange={(v) => setCustom((c) => ({ ...c, from: v }))} />
            <Text className="kefu-muted">—</Text>
            <Input className="kefu-export__day" value={custom.to} placeholder={`${T.to} ${T.dayPlaceholder}`} maxLength={10} onChange={(v) => setCustom((c) => ({ ...c, to: v }))} />
          </View>
        ) : null}
      </View>

      {isAdmin ? (
        <View className="kefu-export__row">
          <View
            className={`kefu-export__switch${unmasked ? ' kefu-export__switch--on' : ''}`}
            role="switch"
            aria-checked={unmasked}
            data-testid="export-unmasked"
            onClick={() => setUnmasked((v) => !v)}
          >
            <View className="kefu-export__switch-track">
              <View className="kefu-export__switch-thumb" />
            </View>
            <Text className="kefu-export__switch-label">{T.unmasked}</Text>
          </View>
          {unmasked ? <Text className="kefu-export__warn">{T.unmaskedHint}</Text> : null}
        </View>
      ) : null}

      <View className="kefu-export__actions">
        <Button type="primary" className="kefu-export__start" data-testid="export-start" loading={busy} disabled={busy} onClick={() => void start()}>
          {starting ? T.starting : T.start}
        </Button>
      </View>

      {error ? (
        <View className="kefu-export__error" data-testid="export-error">
          {error}
        </View>
      ) : null}

      {job ? (
        <View className="kefu-card kefu-export__job" data-testid="export-job">
          <Text className="kefu-export__job-title">
            {job.status === 'done' ? T.done : job.status === 'failed' ? T.failed : T.running} · {T.kinds[job.kind]} · {T.rangeOf(job.from, job.to)}
          </Text>
          <View className="kefu-export__bar" data-testid="export-progress">
            <View className="kefu-export__bar-fill" style={{ width: `${percent}%` }} />
          </View>
          <Text className="kefu-muted" data-testid="export-count">
            {T.progress(job.processed, job.total)}
          </Text>
          {job.status === 'done' && job.total === 0 ? <Text className="kefu-muted">{T.empty}</Text> : null}
          {job.status === 'failed' && job.error ? <Text className="kefu-export__error">{job.error}</Text> : null}
          {job.status === 'done' && job.url ? (
            <Text className="kefu-export__download" data-testid="export-download" onClick={() => void openExportFile(job.url!, `export-${job.kind}-${job.from}-${job.to}.${job.format}`)}>
              {T.download}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
