// The staff FAQ import/export panel: the request size is checked as it will be sent (JSON, 64 KiB),
// with the server's own message; the result lists every row not written, and says when the import stopped.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FaqImportResult } from '../../core/api';
import { FAQ_LIMITS, utf8Length } from '../../core/faq/limits';
import { FaqTransferPanel } from '../../miniprogram/manager/components/FaqToolsPanel';
import { fakeFunctions, type FakeFunctions } from './fake-functions';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) => fake.functions!.invoke(...args),
}));

const result: FaqImportResult = {
  imported: 1,
  updated: 1,
  unchanged: 3,
  rejected: [{ row: 4, reason: '缺少答案' }],
  written: [
    { row: 2, id: 'faq-new', change: 'created' },
    { row: 3, id: 'faq-001', change: 'updated' },
  ],
  failed: [
    { row: 5, reason: '导入期间这个问题被其他人修改过，未覆盖；请重新导出后再导入这一行' },
    { row: 6, reason: '导入中断，未写入：当前使用的人较多，请稍后重试。已写入的行再次导入时会显示为未变化' },
  ],
  complete: false,
};

const importCalls = () => fake.functions!.calls.filter((c) => c.name === 'faq' && c.event.action === 'import');

describe('FAQ import', () => {
  beforeEach(() => {
    fake.functions = fakeFunctions().ok('faq.import', result);
  });

  it('refuses, before sending, content that is under 60 KB but over the request limit once sent as JSON', async () => {
    render(<FaqTransferPanel onImported={() => {}} />);
    // Quotes and line breaks: 2 bytes each as text, 4 bytes once JSON-escaped.
    const content = `问题,答案,分类\n${'"\n'.repeat(29_000)}`;
    expect(utf8Length(content)).toBeLessThan(FAQ_LIMITS.importBytes);
    typeInTextArea(screen.getByTestId('faq-import'), content);
    fireEvent.click(screen.getByTestId('faq-import-run'));
    await waitFor(() => expect(taro.toasts).toContain('内容不能超过 60 KB，请分批导入'));
    expect(importCalls()).toHaveLength(0);
  });

  it('sends content that fits, and lists every row not written, in order, saying the import stopped', async () => {
    const onImported = vi.fn();
    render(<FaqTransferPanel onImported={onImported} />);
    const content = '问题,答案,分类\n"带""引号"", 和逗号",答案,售后\n';
    typeInTextArea(screen.getByTestId('faq-import'), content);
    fireEvent.click(screen.getByTestId('faq-import-run'));
    const box = await screen.findByTestId('faq-import-result');
    expect(importCalls().map((c) => c.event)).toEqual([{ action: 'import', format: 'csv', content }]);
    expect(box.textContent).toContain('新增 1 条，更新 1 条，未变化 3 条，未导入 3 条');
    expect(screen.getByTestId('faq-import-stopped').textContent).toContain('导入中途停止');
    expect(screen.getAllByTestId('faq-import-rejected').map((r) => r.textContent)).toEqual([
      '第 4 行缺少答案',
      `第 5 行${result.failed[0]!.reason}`,
      `第 6 行${result.failed[1]!.reason}`,
    ]);
    expect(onImported).toHaveBeenCalled();
  });
});
