import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { FieldType, NotificationEvent, NotificationSettings, TemplateView } from '../../../core/api';
import { call, errorText } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Button, Cell, CellGroup, Input, Tag } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { Dialog } from '../nutui';
import { EVENT_LABELS, FIELD_TYPE_LABELS, TEXT } from '../strings';
import './booking-tabs.scss';

const T = TEXT.templates;
const EVENTS = Object.keys(EVENT_LABELS) as NotificationEvent[];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

interface FieldDraft {
  key: string;
  label: string;
  source: string;
}

interface Draft {
  id?: string;
  event: NotificationEvent;
  templateId: string;
  title: string;
  page: string;
  fields: FieldDraft[];
  enabled: boolean;
}

const NEW_TEMPLATE: Draft = {
  event: 'appointment_confirmed',
  templateId: '',
  title: '',
  page: 'pages/appointments/index',
  fields: [{ key: '', label: '', source: '' }],
  enabled: true,
};

function toDraft(t: TemplateView): Draft {
  return {
    id: t.id,
    event: t.event,
    templateId: t.templateId,
    title: t.title,
    page: t.page,
    fields: t.fields.map((f) => ({ key: f.key, label: f.label, source: f.source })),
    enabled: t.enabled,
  };
}

/** `thing1` → 事物 (the WeChat type is the key's prefix). */
function fieldTypeLabel(key: string): string {
  const prefix = key.replace(/\d+$/, '') as FieldType;
  return FIELD_TYPE_LABELS[prefix] ?? prefix;
}

function TemplateForm({ initial, onDone }: { initial: Draft; onDone: (saved: boolean) => void }) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setField = (index: number, patch: Partial<FieldDraft>) =>
    setDraft((d) => ({ ...d, fields: d.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) }));

  const save = async () => {
    const fields = draft.fields
      .map((f) => ({ key: f.key.trim(), label: f.label.trim(), source: f.source.trim() }))
      .filter((f) => f.key || f.label || f.source);
    if (fields.length === 0 || fields.some((f) => !f.key || !f.label || !f.source)) {
      void Taro.showToast({ title: T.needFields, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      await call('templates', 'save', {
        // Saved by event: one template per kind of notification.
        event: draft.event,
        templateId: draft.templateId.trim(),
        title: draft.title.trim(),
        page: draft.page.trim(),
        fields,
        enabled: draft.enabled,
      });
      void Taro.showToast({ title: T.saved, icon: 'success' });
      onDone(true);
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="kefu-card kefu-form" data-testid="template-form">
      <Text className="kefu-form__heading">{draft.id ? T.editTitle : T.createTitle}</Text>
      <View className="kefu-form__row">
        <Text className="kefu-form__label">{T.event}</Text>
        <View className="kefu-form__chips">
          {EVENTS.map((e) => (
            <View key={e} className={`kefu-form__chip${draft.event === e ? ' kefu-form__chip--active' : ''}`} onClick={() => set('event', e)}>
              {EVENT_LABELS[e]}
            </View>
          ))}
        </View>
      </View>
      <View className="kefu-form__row">
        <Text className="kefu-form__label">{T.templateId}</Text>
        <Input className="kefu-form__input" value={draft.templateId} placeholder={T.templateIdPlaceholder} maxLength={64} onChange={(v) => set('templateId', v)} />
      </View>
      <View className="kefu-form__row">
        <Text className="kefu-form__label">{T.title}</Text>
        <Input className="kefu-form__input" value={draft.title} placeholder={T.titlePlaceholder} maxLength={30} onChange={(v) => set('title', v)} />
      </View>
      <View className="kefu-form__row">
        <Text className="kefu-form__label">{T.page}</Text>
        <Input className="kefu-form__input" value={draft.page} placeholder={T.pagePlaceholder} maxLength={128} onChange={(v) => set('page', v)} />
      </View>
      <View className="kefu-form__row">
        <Text className="kefu-form__label">{T.fields}</Text>
        {draft.fields.map((f, i) => (
          <View key={i} className="kefu-form__field">
            <Input className="kefu-form__input" value={f.key} placeholder={T.fieldKey} maxLength={32} onChange={(v) => setField(i, { key: v })} />
            <Input className="kefu-form__input" value={f.label} placeholder={T.fieldLabel} maxLength={20} onChange={(v) => setField(i, { label: v })} />
            <Input className="kefu-form__input" value={f.source} placeholder={T.fieldSource} maxLength={40} onChange={(v) => setField(i, { source: v })} />
            {draft.fields.length > 1 ? (
              <Text className="kefu-form__field-remove" onClick={() => set('fields', draft.fields.filter((_, j) => j !== i))}>
                {T.removeField}
              </Text>
            ) : null}
          </View>
        ))}
        {draft.fields.length < 10 ? (
          <Button size="small" fill="outline" onClick={() => set('fields', [...draft.fields, { key: '', label: '', source: '' }])}>
            {T.addField}
          </Button>
        ) : null}
      </View>
      <View className="kefu-form__row">
        <Text className="kefu-form__label">{T.enabledLabel}</Text>
        <View className="kefu-form__chips">
          <View className={`kefu-form__chip${draft.enabled ? ' kefu-form__chip--active' : ''}`} onClick={() => set('enabled', true)}>
            {T.enabled}
          </View>
          <View className={`kefu-form__chip${draft.enabled ? '' : ' kefu-form__chip--active'}`} onClick={() => set('enabled', false)}>
            {T.disabled}
          </View>
        </View>
      </View>
      <View className="kefu-form__buttons">
        <Button onClick={() => onDone(false)}>{T.cancel}</Button>
        <Button className="kefu-template-form__save" type="primary" loading={saving} disabled={saving} onClick={() => void save()}>
          {T.save}
        </Button>
      </View>
    </View>
  );
}

function SettingsCard({ refreshKey }: { refreshKey: number }) {
  const settings = useRequest(() => call('templates', 'settings', {}), [refreshKey]);
  const [draft, setDraft] = useState<{ dailyCap: string; quietStart: string; quietEnd: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (settings.data) setDraft(toText(settings.data));
  }, [settings.data]);

  const save = async () => {
    if (!draft) return;
    const cap = Number(draft.dailyCap);
    if (!/^\d+$/.test(draft.dailyCap.trim()) || cap < 1 || cap > 50) {
      void Taro.showToast({ title: T.invalidCap, icon: 'none' });
      return;
    }
    if (!HHMM.test(draft.quietStart.trim()) || !HHMM.test(draft.quietEnd.trim())) {
      void Taro.showToast({ title: T.invalidQuiet, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const saved = await call('templates', 'saveSettings', { dailyCap: cap, quietStart: draft.quietStart.trim(), quietEnd: draft.quietEnd.trim() });
      setDraft(toText(saved));
      void Taro.showToast({ title: T.settingsSaved, icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="kefu-card kefu-form kefu-notify-settings" data-testid="notify-settings">
      <Text className="kefu-form__heading">{T.settingsTitle}</Text>
      <PageState data={draft ?? undefined} error={settings.error} onRetry={settings.reload}>
        {(d) => (
          <>
            <View className="kefu-form__row">
              <Text className="kefu-form__label">{T.dailyCap}</Text>
              <Input className="kefu-form__input" type="number" value={d.dailyCap} maxLength={2} onChange={(v) => setDraft({ ...d, dailyCap: v })} />
            </View>
            <View className="kefu-form__row">
              <Text className="kefu-form__label">{T.quiet}</Text>
              <View className="kefu-form__range">
                <Input className="kefu-form__input kefu-form__time" value={d.quietStart} maxLength={5} onChange={(v) => setDraft({ ...d, quietStart: v })} />
                <Text className="kefu-form__to">{TEXT.services.hoursTo}</Text>
                <Input className="kefu-form__input kefu-form__time" value={d.quietEnd} maxLength={5} onChange={(v) => setDraft({ ...d, quietEnd: v })} />
              </View>
              <Text className="kefu-muted">{T.quietHint}</Text>
            </View>
            <View className="kefu-form__buttons">
              <Button className="kefu-notify-settings__save" type="primary" loading={saving} disabled={saving} onClick={() => void save()}>
                {T.saveSettings}
              </Button>
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}

function toText(s: NotificationSettings) {
  return { dailyCap: String(s.dailyCap), quietStart: s.quietStart, quietEnd: s.quietEnd };
}

/** Subscribe-message templates by event, and the sending limits. */
export function TemplatesTab({ refreshKey }: { refreshKey: number }) {
  const templates = useRequest(() => call('templates', 'list', {}), [refreshKey]);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [removing, setRemoving] = useState<TemplateView | null>(null);

  const remove = async () => {
    if (!removing) return;
    const target = removing;
    setRemoving(null);
    try {
      await call('templates', 'remove', { id: target.id });
      void Taro.showToast({ title: T.removed, icon: 'success' });
      await templates.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    }
  };

  if (editing) {
    return (
      <TemplateForm
        initial={editing}
        onDone={(saved) => {
          setEditing(null);
          if (saved) void templates.reload();
        }}
      />
    );
  }

  return (
    <View className="kefu-templates-admin">
      <SettingsCard refreshKey={refreshKey} />
      <View className="kefu-tab-actions">
        <Button className="kefu-templates-admin__add" type="primary" size="small" onClick={() => setEditing({ ...NEW_TEMPLATE, fields: [...NEW_TEMPLATE.fields] })}>
          {T.add}
        </Button>
      </View>
      <PageState data={templates.data} error={templates.error} onRetry={templates.reload} emptyText={T.empty}>
        {(list) => (
          <CellGroup>
            {list.map((t) => (
              <Cell
                key={t.id}
                className="kefu-template-admin"
                data-testid="template-admin"
                title={`${EVENT_LABELS[t.event] ?? t.event} · ${t.title}`}
                description={
                  <View className="kefu-cell-lines">
                    <Text>{t.templateId}</Text>
                    <Text>{t.fields.map((f) => `${f.label}（${fieldTypeLabel(f.key)}）`).join('、')}</Text>
                  </View>
                }
                extra={
                  <View className="kefu-template-admin__extra">
                    <Tag background={t.enabled ? '#e7f8ee' : '#f2f3f5'} color={t.enabled ? '#07c160' : '#86909c'}>
                      {t.enabled ? T.enabled : T.disabled}
                    </Tag>
                    <Button
                      className="kefu-template-admin__remove"
                      size="mini"
                      fill="none"
                      onClick={(e) => {
                        e.stopPropagation();
                        setRemoving(t);
                      }}
                    >
                      {T.remove}
                    </Button>
                  </View>
                }
                clickable
                onClick={() => setEditing(toDraft(t))}
              />
            ))}
          </CellGroup>
        )}
      </PageState>
      <Dialog
        visible={removing !== null}
        title={T.removeTitle}
        content={removing ? T.removeBody(removing.title) : ''}
        confirmText={T.remove}
        cancelText={T.keep}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      />
    </View>
  );
}
