import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { ActionInput, AppointmentService } from '../../../core/api';
import { call, errorText } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Button, Cell, CellGroup, Input, Tag } from '../../components/nutui';
import { TextArea } from '../../components/booking/nutui';
import { useRequest } from '../../hooks/useRequest';
import { TEXT, WEEKDAY_LABELS } from '../strings';
import './booking-tabs.scss';

const T = TEXT.services;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The form keeps what is typed as text; numbers are checked on save. */
interface Draft {
  id?: string;
  name: string;
  description: string;
  durationMinutes: string;
  capacityPerSlot: string;
  workingDays: number[];
  start: string;
  end: string;
  holidays: string;
  leadHours: string;
  maxDaysAhead: string;
  cancelCutoffHours: string;
  enabled: boolean;
}

const NEW_SERVICE: Draft = {
  name: '',
  description: '',
  durationMinutes: '60',
  capacityPerSlot: '1',
  workingDays: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  holidays: '',
  leadHours: '2',
  maxDaysAhead: '14',
  cancelCutoffHours: '2',
  enabled: true,
};

function toDraft(s: AppointmentService): Draft {
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? '',
    durationMinutes: String(s.durationMinutes),
    capacityPerSlot: String(s.capacityPerSlot),
    workingDays: [...(s.workingDays ?? [])],
    start: s.hours?.start ?? '09:00',
    end: s.hours?.end ?? '18:00',
    holidays: (s.holidays ?? []).join('\n'),
    leadHours: String(s.leadHours ?? 0),
    maxDaysAhead: String(s.maxDaysAhead ?? 14),
    cancelCutoffHours: String(s.cancelCutoffHours ?? 2),
    enabled: s.enabled !== false,
  };
}

function weekdaysText(days: number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.length === 7) return '每天';
  return `周${sorted.map((d) => WEEKDAY_LABELS[d] ?? '').join('、')}`;
}

type Parsed = { ok: true; value: ActionInput<'appointment', 'saveService'> } | { ok: false; message: string };

function parse(d: Draft): Parsed {
  const ints: Array<[keyof Draft, string]> = [
    ['durationMinutes', T.duration],
    ['capacityPerSlot', T.capacity],
    ['leadHours', T.leadHours],
    ['maxDaysAhead', T.maxDaysAhead],
    ['cancelCutoffHours', T.cancelCutoff],
  ];
  for (const [key, label] of ints) {
    if (!/^\d+$/.test(String(d[key]).trim())) return { ok: false, message: T.invalidNumber(label) };
  }
  if (d.name.trim() === '') return { ok: false, message: T.nameRequired };
  if (d.workingDays.length === 0) return { ok: false, message: T.noDays };
  if (!HHMM.test(d.start.trim()) || !HHMM.test(d.end.trim())) return { ok: false, message: T.invalidTime };
  const holidays = d.holidays
    .split(/[\s,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = holidays.find((h) => !DAY.test(h));
  if (bad) return { ok: false, message: T.invalidHoliday(bad) };
  return {
    ok: true,
    value: {
      ...(d.id ? { id: d.id } : {}),
      name: d.name.trim(),
      description: d.description.trim(),
      durationMinutes: Number(d.durationMinutes),
      capacityPerSlot: Number(d.capacityPerSlot),
      workingDays: [...d.workingDays].sort((a, b) => a - b),
      hours: { start: d.start.trim(), end: d.end.trim() },
      holidays,
      leadHours: Number(d.leadHours),
      maxDaysAhead: Number(d.maxDaysAhead),
      cancelCutoffHours: Number(d.cancelCutoffHours),
      enabled: d.enabled,
    },
  };
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="kefu-form__row">
      <Text className="kefu-form__label">{label}</Text>
      <View className="kefu-form__control">{children}</View>
    </View>
  );
}

function ServiceForm({ initial, onDone }: { initial: Draft; onDone: (saved: boolean) => void }) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async () => {
    const parsed = parse(draft);
    if (!parsed.ok) {
      void Taro.showToast({ title: parsed.message, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      await call('appointment', 'saveService', parsed.value);
      void Taro.showToast({ title: T.saved, icon: 'success' });
      onDone(true);
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  const numberInput = (key: keyof Draft) => (
    <Input className="kefu-form__input" type="number" value={String(draft[key])} maxLength={4} onChange={(v) => set(key, v as never)} />
  );

  return (
    <View className="kefu-card kefu-form" data-testid="service-form">
      <Text className="kefu-form__heading">{draft.id ? T.editTitle : T.createTitle}</Text>
      <Row label={T.name}>
        <Input className="kefu-form__input kefu-service-form__name" value={draft.name} placeholder={T.namePlaceholder} maxLength={20} onChange={(v) => set('name', v)} />
      </Row>
      <Row label={T.description}>
        <TextArea className="kefu-form__textarea" value={draft.description} placeholder={T.descriptionPlaceholder} maxLength={200} onChange={(v) => set('description', v)} />
      </Row>
      <Row label={T.duration}>{numberInput('durationMinutes')}</Row>
      <Row label={T.capacity}>{numberInput('capacityPerSlot')}</Row>
      <Row label={T.workingDays}>
        <View className="kefu-form__chips">
          {WEEKDAYS.map((d) => {
            const on = draft.workingDays.includes(d);
            return (
              <View
                key={d}
                className={`kefu-form__chip${on ? ' kefu-form__chip--active' : ''}`}
                data-testid={`weekday-${d}`}
                onClick={() => set('workingDays', on ? draft.workingDays.filter((x) => x !== d) : [...draft.workingDays, d])}
              >
                {WEEKDAY_LABELS[d]}
              </View>
            );
          })}
        </View>
      </Row>
      <Row label={T.hours}>
        <View className="kefu-form__range">
          <Input className="kefu-form__input kefu-form__time" value={draft.start} placeholder="09:00" maxLength={5} onChange={(v) => set('start', v)} />
          <Text className="kefu-form__to">{T.hoursTo}</Text>
          <Input className="kefu-form__input kefu-form__time" value={draft.end} placeholder="18:00" maxLength={5} onChange={(v) => set('end', v)} />
        </View>
      </Row>
      <Row label={T.holidays}>
        <TextArea className="kefu-form__textarea" value={draft.holidays} placeholder={T.holidaysPlaceholder} maxLength={4000} onChange={(v) => set('holidays', v)} />
      </Row>
      <Row label={T.leadHours}>{numberInput('leadHours')}</Row>
      <Row label={T.maxDaysAhead}>{numberInput('maxDaysAhead')}</Row>
      <Row label={T.cancelCutoff}>{numberInput('cancelCutoffHours')}</Row>
      <Row label={T.enabledLabel}>
        <View className="kefu-form__chips">
          <View className={`kefu-form__chip${draft.enabled ? ' kefu-form__chip--active' : ''}`} onClick={() => set('enabled', true)}>
            {T.enabled}
          </View>
          <View className={`kefu-form__chip${draft.enabled ? '' : ' kefu-form__chip--active'}`} onClick={() => set('enabled', false)}>
            {T.disabled}
          </View>
        </View>
      </Row>
      <View className="kefu-form__buttons">
        <Button className="kefu-form__cancel" onClick={() => onDone(false)}>
          {T.cancel}
        </Button>
        <Button className="kefu-form__save kefu-service-form__save" type="primary" loading={saving} disabled={saving} onClick={() => void save()}>
          {saving ? T.saving : T.save}
        </Button>
      </View>
    </View>
  );
}

/** The bookable services: list, edit, create. */
export function ServicesTab({ refreshKey }: { refreshKey: number }) {
  const services = useRequest(() => call('appointment', 'services', {}), [refreshKey]);
  const [editing, setEditing] = useState<Draft | null>(null);

  if (editing) {
    return (
      <ServiceForm
        initial={editing}
        onDone={(saved) => {
          setEditing(null);
          if (saved) void services.reload();
        }}
      />
    );
  }

  return (
    <View className="kefu-services-admin">
      <View className="kefu-tab-actions">
        <Button className="kefu-services-admin__add" type="primary" size="small" onClick={() => setEditing({ ...NEW_SERVICE })}>
          {T.add}
        </Button>
      </View>
      <PageState data={services.data} error={services.error} onRetry={services.reload} emptyText={T.empty}>
        {(list) => (
          <CellGroup>
            {list.map((s) => (
              <Cell
                key={s.id}
                className="kefu-service-admin"
                data-testid="service-admin"
                title={s.name}
                description={
                  <View className="kefu-cell-lines">
                    <Text>{T.summary(s.durationMinutes, s.capacityPerSlot)}</Text>
                    <Text>{T.schedule(weekdaysText(s.workingDays ?? []), s.hours?.start ?? '', s.hours?.end ?? '')}</Text>
                  </View>
                }
                extra={
                  <Tag background={s.enabled ? '#e7f8ee' : '#f2f3f5'} color={s.enabled ? '#07c160' : '#86909c'}>
                    {s.enabled ? T.enabled : T.disabled}
                  </Tag>
                }
                clickable
                onClick={() => setEditing(toDraft(s))}
              />
            ))}
          </CellGroup>
        )}
      </PageState>
    </View>
  );
}
