// FAQ import and export end to end: the CSV goes through the admin exports' writer (BOM, formula guard)
// and reads back unchanged; the import writes in bounded transactions, reports and audits exactly which
// rows it wrote (also when a row fails mid-import), and settles not-helpful votes like faq.save.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/export/csv';
import type { FaqImportResult as ImportResult } from '../../core/api';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
let supervisor: string;
let qa: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  [supervisor, qa] = await Promise.all([emu.login('supervisor'), emu.login('qa')]);
});
afterAll(() => emu.close());

interface Group {
  key: string;
  count: number;
}

const fn = (token: string, event: Record<string, unknown>) => emu.call(token, 'faq', event);
const importText = async (content: string, format: 'csv' | 'json' = 'csv') => data<ImportResult>(await fn(supervisor, { action: 'import', format, content }));
const exportText = async (format: 'csv' | 'json') => data<{ content: string; count: number }>(await fn(qa, { action: 'export', format })).content;
const save = async (input: Record<string, unknown>) => data<{ id: string }>(await fn(supervisor, { action: 'save', similar: [], keywords: [], enabled: true, ...input }));
const report = async () => data<{ groups: Group[] }>(await fn(qa, { action: 'unanswered' })).groups;
const entriesNow = () => emu.db.find('faq_entries', {}, { sort: { _id: 1 } });
const importAudits = () => emu.db.find('audit_log', { action: 'faq.import' }, { sort: { at: 1 } });

describe('export → import round trip', () => {
  it('CSV has a BOM and no cell a spreadsheet would run; the same text imports back with nothing changed', async () => {
    const formula = await save({ categoryId: 'cat-product', question: '=1+1 这个公式怎么显示', answer: '+86 开头的号码是中国大陆号码', similar: ['-减号开头的问法'], keywords: ['@客服'] });
    const quoted = await save({ categoryId: 'cat-product', question: '发票, "电子"的怎么开', answer: '第一段，含逗号\r\n\r\n1. 打开"订单"\n2. 申请开票', similar: ['开票, 电子'], keywords: ['发票'] });
    const before = entriesNow();

    const csv = await exportText('csv');
    expect(csv.startsWith('\uFEFFid,分类,问题,答案,相似问,关键词,状态,排序\r\n')).toBe(true);
    const records = parseCsv(csv);
    expect(records).toHaveLength(before.length + 1);
    for (const field of records.flat()) expect(field).not.toMatch(/^[=+\-@](?!\d+$)/);
    const byId = new Map(records.map((r) => [r[0], r]));
    expect(byId.get(formula.id)?.slice(2, 6)).toEqual(['\t=1+1 这个公式怎么显示', '\t+86 开头的号码是中国大陆号码', '\t-减号开头的问法', '\t@客服']);
    expect(byId.get(quoted.id)?.slice(2, 4)).toEqual(['发票, "电子"的怎么开', '第一段，含逗号\r\n\r\n1. 打开"订单"\n2. 申请开票']);

    for (const format of ['csv', 'json'] as const) {
      const res = await importText(format === 'csv' ? csv : await exportText('json'), format);
      expect(res).toEqual({ imported: 0, updated: 0, unchanged: before.length, rejected: [], written: [], failed: [], complete: true });
    }
    // Nothing was written at all: not even `updatedAt` moved.
    expect(entriesNow()).toEqual(before);
    expect(emu.db.get('faq_entries', formula.id)).toMatchObject({ question: '=1+1 这个公式怎么显示', similar: ['-减号开头的问法'], keywords: ['@客服'] });
  });

  it('an edited export writes only the rows that changed, and lists them', async () => {
    const csv = await exportText('csv');
    const entry = emu.db.get('faq_entries', 'faq-003')!;
    const edited = csv.replace(`${entry.question}`, `${String(entry.question)}（新）`);
    expect(edited).not.toBe(csv);
    const res = await importText(edited);
    expect(res).toMatchObject({ imported: 0, updated: 1, written: [{ id: 'faq-003', change: 'updated' }], failed: [], rejected: [], complete: true });
    expect(res.unchanged).toBe(emu.db.count('faq_entries') - 1);
    expect(emu.db.get('faq_entries', 'faq-003')).toMatchObject({ question: `${String(entry.question)}（新）`, answer: entry.answer });
    expect(importAudits().at(-1)).toMatchObject({
      before: { changed: [{ id: 'faq-003', question: entry.question }] },
      after: { updated: 1, imported: 0, complete: true, failed: [], written: [{ id: 'faq-003', change: 'updated' }], changed: [{ id: 'faq-003', question: `${String(entry.question)}（新）` }] },
    });
  });
});

describe('rows that would clash', () => {
  it('rejects a repeated id, and a row that would give an entry the question of another entry', async () => {
    const a = emu.db.get('faq_entries', 'faq-001')!;
    const b = emu.db.get('faq_entries', 'faq-002')!;
    const csv = [
      'id,问题,答案,分类',
      `faq-001,${String(b.question)},改成别人的问题,${String(b.categoryId)}`,
      'dup-id,重复 id 的第一行,答案一,cat-product',
      'dup-id,重复 id 的第二行,答案二,cat-product',
    ].join('\n');
    expect(a.categoryId).toBe(b.categoryId);
    const res = await importText(csv);
    expect(res.rejected).toEqual([
      { row: 2, reason: `该分类下已有相同的问题「${String(b.question)}」` },
      { row: 4, reason: 'id 与第 3 行重复' },
    ]);
    expect(res.written).toContainEqual({ row: 3, id: 'dup-id', change: 'created' });
    expect(emu.db.get('faq_entries', 'dup-id')).toMatchObject({ question: '重复 id 的第一行', answer: '答案一' });
    expect(emu.db.get('faq_entries', 'faq-001')).toMatchObject({ question: a.question, answer: a.answer });
  });
});

describe('not-helpful votes', () => {
  it('an import that changes the answer settles them, as faq.save does; one that keeps the answer does not', async () => {
    const entry = emu.db.get('faq_entries', 'faq-020')!;
    const vote = async (openid: string) => data(await fn(await emu.login('customer', { openid }), { action: 'feedback', id: 'faq-020', helpful: false }));
    await vote('imp-nh-1');
    await vote('imp-nh-2');
    expect((await report()).find((g) => g.key === 'nh:faq-020')?.count).toBe(2);

    const row = (answer: string, keywords: string) => ['id,问题,答案,分类,关键词', `faq-020,${String(entry.question)},"${answer}",${String(entry.categoryId)},${keywords}`].join('\n');
    // Keywords only: the answer the customers judged is still there.
    expect((await importText(row(String(entry.answer), '导入关键词'))).updated).toBe(1);
    expect((await report()).find((g) => g.key === 'nh:faq-020')?.count).toBe(2);

    expect((await importText(row(`${String(entry.answer)}（已补充说明）`, '导入关键词'))).written).toEqual([{ row: 2, id: 'faq-020', change: 'updated' }]);
    expect((await report()).find((g) => g.key === 'nh:faq-020')).toBeUndefined();
    expect(emu.db.find('faq_feedback', { entryId: 'faq-020', helpful: false })).toHaveLength(2);
    expect(emu.db.find('faq_feedback', { entryId: 'faq-020', helpful: false, handledAt: { $exists: false } })).toHaveLength(0);
  });
});

describe('a row that fails mid-import', () => {
  it('an entry edited by someone else during the import is not overwritten; the report and the audit list exactly what was written', async () => {
    const target = emu.db.get('faq_entries', 'faq-005')!;
    // Enough rows (40 transactions) that the colleague's edit lands well before the last one.
    const n = 800;
    const lines = ['id,问题,答案,分类'];
    for (let i = 1; i <= n; i++) lines.push(`bulk-${i},批量问题 ${i},批量答案 ${i},cat-product`);
    // The last row changes faq-005, which a colleague edits while the import runs.
    lines.push(`faq-005,${String(target.question)},导入文件里的旧答案,${String(target.categoryId)}`);
    const auditsBefore = importAudits().length;

    const running = importText(lines.join('\n'));
    // Once the first batch is committed, the colleague saves faq-005 (a later batch still has to come).
    while (!emu.db.get('faq_entries', 'bulk-1')) await new Promise((r) => setTimeout(r, 5));
    expect(emu.db.get('faq_entries', `bulk-${n}`)).toBeUndefined();
    await save({ id: 'faq-005', categoryId: target.categoryId, question: target.question, answer: '同事刚改好的答案', similar: target.similar, keywords: target.keywords });
    const res = await running;

    expect(res.complete).toBe(true);
    expect(res.failed).toEqual([{ row: n + 2, reason: '导入期间这个问题被其他人修改过，未覆盖；请重新导出后再导入这一行' }]);
    expect(res.imported).toBe(n);
    expect(res.updated).toBe(0);
    expect(res.written).toEqual(Array.from({ length: n }, (_, i) => ({ row: i + 2, id: `bulk-${i + 1}`, change: 'created' })));
    expect(emu.db.get('faq_entries', 'faq-005')).toMatchObject({ answer: '同事刚改好的答案' });
    expect(emu.db.count('faq_entries', { _id: { $regex: '^bulk-' } })).toBe(n);

    const audits = importAudits();
    expect(audits).toHaveLength(auditsBefore + 1);
    expect(audits.at(-1)).toMatchObject({ after: { imported: n, updated: 0, complete: true, failedRows: [n + 2], failed: res.failed, written: res.written } });

    // Importing the same file again writes only what is left: the bulk rows are unchanged now.
    const again = await importText(lines.join('\n'));
    expect(again).toMatchObject({ imported: 0, updated: 1, unchanged: n, failed: [], complete: true, written: [{ row: n + 2, id: 'faq-005', change: 'updated' }] });
  });

  it('QA still cannot import', async () => {
    expect(errorCode(await fn(qa, { action: 'import', format: 'csv', content: '问题,答案,分类\nQ,A,cat-product' }))).toBe('FORBIDDEN');
  });
});
