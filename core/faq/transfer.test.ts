import { describe, expect, it } from 'vitest';
import { FAQ_LIMITS, importFits, utf8Length } from './limits';
import { formatExport, parseCsv, parseImport, type TransferEntry } from './transfer';

const categories = [
  { id: 'cat-a', name: '售后' },
  { id: 'cat-b', name: '安装' },
];

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, newlines in fields, CRLF, a BOM and blank lines', () => {
    const text = '\ufeffa,b,c\r\n1,"x, ""y""",3\r\n\r\n2,"line1\nline2",\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', '3'] },
      { line: 4, fields: ['2', 'line1\nline2', ''] },
    ]);
  });
});

describe('parseImport', () => {
  it('CSV: good rows in, each broken row rejected with a Chinese reason and its line', () => {
    const csv = [
      '问题,答案,分类,相似问,关键词,状态',
      '怎么开发票,在订单页申请,售后,发票怎么开|开票,发票,已发布',
      ',没有问题的答案,售后,,,',
      '没有答案的问题,,售后,,,',
      '分类不存在,答案,不存在的分类,,,',
      `答案太长,${'长'.repeat(2001)},安装,,,`,
      '怎么开发票？,重复了,售后,,,',
      '草稿问题,"第一段\n\n- 列表",cat-b,,,草稿',
      '状态不对,答案,售后,,,maybe',
    ].join('\n');
    const res = parseImport('csv', csv, categories);
    if (!res.ok) throw new Error(res.message);
    expect(res.rows.map((r) => [r.row, r.question, r.categoryId, r.published])).toEqual([
      [2, '怎么开发票', 'cat-a', true],
      [8, '草稿问题', 'cat-b', false],
    ]);
    expect(res.rows[0]).toMatchObject({ similar: ['发票怎么开', '开票'], keywords: ['发票'] });
    expect(res.rows[1]!.answer).toBe('第一段\n\n- 列表');
    expect(res.rejected).toEqual([
      { row: 3, reason: '缺少问题' },
      { row: 4, reason: '缺少答案' },
      { row: 5, reason: '未知的分类「不存在的分类」' },
      { row: 6, reason: '答案超过 2000 个字' },
      { row: 7, reason: '问题与第 2 行重复' },
      { row: 11, reason: '状态「maybe」无法识别（应为 已发布 或 草稿）' },
    ]);
  });

  it('CSV without the needed header, JSON syntax errors and empty files are refused as a whole', () => {
    expect(parseImport('csv', '怎么开发票,答案\n', categories)).toEqual({ ok: false, message: '第一行应为表头，缺少「问题」列' });
    expect(parseImport('json', '[{"question": }', categories)).toMatchObject({ ok: false });
    expect(parseImport('json', '{"a":1}', categories)).toMatchObject({ ok: false });
    expect(parseImport('json', '[]', categories)).toEqual({ ok: false, message: '文件中没有可导入的问题' });
  });

  it('JSON: arrays or {entries}, lists as arrays or `|` strings, category by id or name', () => {
    const res = parseImport('json', JSON.stringify([{ question: 'Q1', answer: 'A1', category: 'cat-a', similar: 'x|y', enabled: false }, { question: 'Q2', answer: 'A2', categoryId: '安装', keywords: ['k'] }, 7]), categories);
    if (!res.ok) throw new Error(res.message);
    expect(res.rows).toMatchObject([
      { row: 1, categoryId: 'cat-a', similar: ['x', 'y'], published: false },
      { row: 2, categoryId: 'cat-b', keywords: ['k'] },
    ]);
    expect(res.rejected).toEqual([{ row: 3, reason: '缺少问题' }]);
  });
});

describe('formatExport → parseImport round trip', () => {
  const entries: TransferEntry[] = [
    { id: 'faq-1', categoryId: 'cat-a', question: '发票, "电子"的怎么开', answer: '第一段\n\n1. 打开订单\n2. 申请开票', similar: ['开票'], keywords: ['发票', '开票'], published: true, order: 3 },
    { id: 'faq-2', categoryId: 'cat-b', question: '安装收费吗', answer: '免费', similar: [], keywords: [], published: false, order: 0 },
    { id: 'faq-3', categoryId: 'cat-a', question: '=HYPERLINK("x")', answer: '-5 度以下不能安装', similar: ['+号开头'], keywords: ['@客服'], published: true, order: 1 },
  ];
  it.each(['csv', 'json'] as const)('%s', (format) => {
    const content = formatExport(format, entries, categories);
    if (format === 'csv') {
      // The admin exports' writer: a BOM for Excel, and a tab in front of what a spreadsheet would run.
      expect(content.split('\r\n')[0]).toBe('\uFEFFid,分类,问题,答案,相似问,关键词,状态,排序');
      expect(content).toContain('faq-3,售后,"\t=HYPERLINK(""x"")","\t-5 度以下不能安装","\t+号开头","\t@客服",已发布,1\r\n');
    }
    const res = parseImport(format, content, categories);
    if (!res.ok) throw new Error(res.message);
    expect(res.rejected).toEqual([]);
    expect(res.rows.map(({ row: _row, ...e }) => e)).toEqual(entries);
  });
});

describe('utf8Length', () => {
  it('counts bytes', () => {
    expect(utf8Length('a中😀')).toBe(1 + 3 + 4);
  });
});

describe('importFits', () => {
  it('checks the content and the request as JSON, where quotes and line breaks grow', () => {
    expect(importFits('csv', '问题,答案,分类\nQ,A,cat')).toBe(true);
    expect(importFits('csv', 'x'.repeat(FAQ_LIMITS.importBytes + 1))).toBe(false);
    // Under 60 KiB as text, but every quote and line break takes two bytes once it is JSON: over 64 KiB.
    const quoted = '"\n'.repeat(Math.floor(FAQ_LIMITS.importBytes / 2));
    expect(utf8Length(quoted)).toBeLessThanOrEqual(FAQ_LIMITS.importBytes);
    expect(importFits('csv', quoted)).toBe(false);
    expect(importFits('csv', 'x'.repeat(FAQ_LIMITS.importBytes))).toBe(true);
  });
});
