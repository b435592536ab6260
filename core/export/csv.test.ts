import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvDocument, csvField, csvLine, parseCsv } from './csv';

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('两行\n文字')).toBe('"两行\n文字"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(5)).toBe('5');
    expect(csvField(false)).toBe('false');
  });

  it('keeps spreadsheet formulas from running', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\t=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe('"\t@SUM(A1)"');
    expect(csvField('-5')).toBe('-5');
    expect(csvField('-1.5')).toBe('-1.5');
  });

  it('writes CRLF records and a BOM-first document', () => {
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
    const doc = csvDocument(['编号', '内容'], [['1', '你好'], ['2', 'x"y']]);
    expect(doc.startsWith(CSV_BOM)).toBe(true);
    expect(doc).toBe(`${CSV_BOM}编号,内容\r\n1,你好\r\n2,"x""y"\r\n`);
  });

  it('parses what it writes, including quoted line breaks and empty fields', () => {
    const rows = [
      ['id', 'text', 'note'],
      ['1', 'a,b', ''],
      ['2', '引号"和\r\n换行', 'x'],
      ['', '', ''],
    ];
    const doc = csvDocument(rows[0]!, rows.slice(1));
    expect(parseCsv(doc)).toEqual(rows);
    expect(parseCsv('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
  });
});
