import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { FaqExportFile, FaqImportResult } from '../../../core/api';
import { FAQ_LIMITS, IMPORT_TOO_LARGE, importFits } from '../../../core/faq/limits';
import { call, errorText } from '../../api/client';
import { PageState } from '../../components/PageState';
import { TextArea } from '../../components/booking/nutui';
import { Button } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { ChoiceChips } from './FaqParts';
import { FAQ_TEXT } from './FaqStrings';
import './booking-tabs.scss';

const S = FAQ_TEXT.synonyms;
const X = FAQ_TEXT.transfer;
const toast = (title: string, icon: 'none' | 'success' = 'none') => void Taro.showToast({ title, icon });

/** One group per line; words separated by spaces or commas (full- or half-width), or 、. */
export function parseSynonymLines(text: string): { groups: string[][] } | { line: number } {
  const groups: string[][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const words = [...new Set(lines[i]!.split(/[\s,，、]+/).map((w) => w.trim()).filter(Boolean))];
    if (words.length === 0) continue;
    if (words.length < 2) return { line: i + 1 };
    groups.push(words);
  }
  return { groups };
}

export function FaqSynonymsPanel({ refreshKey }: { refreshKey: number }) {
  const synonyms = useRequest(() => call('faq', 'synonyms', {}), [refreshKey]);
  const [text, setText] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (synonyms.data) setText(synonyms.data.groups.map((g) => g.join(' ')).join('\n'));
  }, [synonyms.data]);

  const save = async () => {
    const parsed = parseSynonymLines(text ?? '');
    if ('line' in parsed) return toast(S.tooFew(parsed.line));
    setSaving(true);
    try {
      const saved = await call('faq', 'saveSynonyms', { groups: parsed.groups });
      setText(saved.groups.map((g) => g.join(' ')).join('\n'));
      toast(S.saved, 'success');
    } catch (err) {
      toast(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageState data={synonyms.data} error={synonyms.error} onRetry={synonyms.reload}>
      {() => (
        <View className="kefu-card kefu-form" data-testid="faq-synonyms">
          <Text className="kefu-faq__hint">{S.hint}</Text>
          <TextArea className="kefu-form__textarea" value={text ?? ''} placeholder={S.placeholder} maxLength={20000} autoSize onChange={setText} />
          <View className="kefu-form__buttons">
            <Button type="primary" data-testid="faq-synonyms-save" loading={saving} disabled={saving} onClick={() => void save()}>
              {saving ? FAQ_TEXT.common.saving : FAQ_TEXT.common.save}
            </Button>
          </View>
        </View>
      )}
    </PageState>
  );
}

const FORMATS = [
  { key: 'csv' as const, label: 'CSV' },
  { key: 'json' as const, label: 'JSON' },
];

/** Import by pasting (file pickers are awkward on phones); export shows the content to copy. */
export function FaqTransferPanel({ onImported }: { onImported: () => void }) {
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState<'import' | 'export' | null>(null);
  const [result, setResult] = useState<FaqImportResult | null>(null);
  const [file, setFile] = useState<FaqExportFile | null>(null);

  const runImport = async () => {
    if (!content.trim()) return toast(X.empty);
    // The request as it will be sent: quotes and line breaks grow once the content is JSON (64 KiB limit).
    if (!importFits(format, content)) return toast(IMPORT_TOO_LARGE);
    setBusy('import');
    try {
      setResult(await call('faq', 'import', { format, content }));
      onImported();
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const runExport = async () => {
    setBusy('export');
    try {
      setFile(await call('faq', 'export', { format }));
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const copy = async () => {
    if (!file) return;
    try {
      await Taro.setClipboardData({ data: file.content });
      toast(X.copied, 'success');
    } catch (err) {
      toast(errorText(err));
    }
  };

  return (
    <View className="kefu-faq-transfer">
      <View className="kefu-card kefu-form">
        <ChoiceChips options={FORMATS} value={format} onChange={setFormat} testid="faq-format" />
      </View>
      <View className="kefu-card kefu-form" data-testid="faq-import">
        <Text className="kefu-form__heading">{X.importTitle}</Text>
        <Text className="kefu-faq__hint">{X.importHint}</Text>
        <TextArea className="kefu-form__textarea" value={content} placeholder={X.importPlaceholder} maxLength={FAQ_LIMITS.importBytes} onChange={setContent} />
        <View className="kefu-form__buttons">
          <Button type="primary" data-testid="faq-import-run" loading={busy === 'import'} disabled={busy !== null} onClick={() => void runImport()}>
            {busy === 'import' ? X.importing : X.import}
          </Button>
        </View>
        {result ? (
          <View data-testid="faq-import-result">
            <Text className="kefu-faq__result">{X.result(result.imported, result.updated, result.unchanged, result.rejected.length + result.failed.length)}</Text>
            {result.complete ? null : (
              <Text className="kefu-faq__hint" data-testid="faq-import-stopped">
                {X.stopped}
              </Text>
            )}
            {result.rejected.length + result.failed.length > 0 ? <Text className="kefu-form__label">{X.rejectedTitle}</Text> : null}
            {[...result.rejected, ...result.failed]
              .sort((a, b) => a.row - b.row)
              .map((r) => (
                <View key={r.row} className="kefu-faq__rejected" data-testid="faq-import-rejected">
                  <Text>{X.row(r.row)}</Text>
                  <Text>{r.reason}</Text>
                </View>
              ))}
          </View>
        ) : null}
      </View>
      <View className="kefu-card kefu-form" data-testid="faq-export">
        <Text className="kefu-form__heading">{X.exportTitle}</Text>
        <View className="kefu-form__buttons">
          <Button data-testid="faq-export-run" loading={busy === 'export'} disabled={busy !== null} onClick={() => void runExport()}>
            {busy === 'export' ? X.exporting : X.export}
          </Button>
          {file ? (
            <Button type="primary" data-testid="faq-export-copy" onClick={() => void copy()}>
              {X.copy}
            </Button>
          ) : null}
        </View>
        {file ? (
          <>
            <Text className="kefu-faq__result">{X.file(file.filename, file.count)}</Text>
            <Text className="kefu-faq__output" data-testid="faq-export-content">
              {file.content}
            </Text>
          </>
        ) : null}
      </View>
    </View>
  );
}
