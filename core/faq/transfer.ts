// FAQ import and export as CSV or JSON: parsing, row-by-row checks with plain Chinese reasons, and
// the export format (which the import reads back). Pure: the action resolves ids against the database.
import { csvDocument } from '../export/csv';
import { FAQ_LIMITS } from './limits';
import { normalize } from './normalize';

export type TransferFormat = 'json' | 'csv';

export interface TransferCategory {
  id: string;
  name: string;
}

/** One entry as exported (and as imported: `id` and `published` optional). */
export interface TransferEntry {
  id?: string;
  categoryId: string;
  question: string;
  answer: string;
  similar: string[];
  keywords: string[];
  /** Absent in an import: new entries are published, existing ones keep their state. */
  published?: boolean;
  order?: number;
}

export interface ImportRow extends TransferEntry {
  /** CSV: the line the record starts on (the header is line 1); JSON: the item's position from 1. */
  row: number;
}

export interface Rejected {
  row: number;
  reason: string;
}

export type ParsedImport = { ok: true; rows: ImportRow[]; rejected: Rejected[] } | { ok: false; message: string };

// ---- CSV (RFC 4180: quotes, doubled quotes, CRLF; a BOM is skipped) ----
// Written by the admin exports' writer (core/export/csv.ts: BOM, formula guard); read here, with line numbers.
// The guard's leading tab is whitespace, which the row checks trim, so an export reads back unchanged.

/** Records of a CSV text, each with the line it starts on. */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const endRecord = () => {
    fields.push(field);
    // Blank lines are not records.
    if (fields.length > 1 || fields[0]!.trim() !== '') out.push({ line: start, fields });
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (!any) {
      start = line;
      any = true;
    }
    if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else field += ch;
  }
  if (any || field !== '') endRecord();
  return out;
}

// ---- columns ----

type Column = 'id' | 'category' | 'question' | 'answer' | 'similar' | 'keywords' | 'published' | 'order';

/** Export header (Chinese, for staff opening it in a spreadsheet); import also accepts the English names. */
export const CSV_HEADER: Record<Column, string> = {
  id: 'id',
  category: '分类',
  question: '问题',
  answer: '答案',
  similar: '相似问',
  keywords: '关键词',
  published: '状态',
  order: '排序',
};

const ALIASES: Record<string, Column> = {
  id: 'id',
  编号: 'id',
  category: 'category',
  categoryid: 'category',
  分类: 'category',
  question: 'question',
  问题: 'question',
  answer: 'answer',
  答案: 'answer',
  similar: 'similar',
  相似问: 'similar',
  相似问题: 'similar',
  keywords: 'keywords',
  关键词: 'keywords',
  published: 'published',
  enabled: 'published',
  status: 'published',
  状态: 'published',
  发布: 'published',
  order: 'order',
  排序: 'order',
};

export const LIST_SEPARATOR = '|';

const PUBLISHED = new Set(['已发布', '发布', 'published', 'true', '1', 'yes', '是']);
const DRAFT = new Set(['草稿', '未发布', 'draft', 'false', '0', 'no', '否']);

// ---- row checks ----

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function list(v: unknown): string[] {
  const raw = Array.isArray(v) ? v.map(str) : str(v).split(LIST_SEPARATOR);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of raw.map((x) => x.trim())) {
    if (s && !seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out;
}

interface RawRow {
  row: number;
  id: unknown;
  category: unknown;
  question: unknown;
  answer: unknown;
  similar: unknown;
  keywords: unknown;
  published: unknown;
  order: unknown;
}

function checkRow(raw: RawRow, categories: readonly TransferCategory[], seen: Map<string, number>, seenIds: Map<string, number>): ImportRow | Rejected {
  const reject = (reason: string): Rejected => ({ row: raw.row, reason });
  const L = FAQ_LIMITS;
  const question = str(raw.question);
  const answer = typeof raw.answer === 'string' ? raw.answer.trim() : str(raw.answer);
  if (!question) return reject('缺少问题');
  if (Array.from(question).length > L.question) return reject(`问题超过 ${L.question} 个字`);
  if (!answer) return reject('缺少答案');
  if (Array.from(answer).length > L.answer) return reject(`答案超过 ${L.answer} 个字`);
  const cat = str(raw.category);
  if (!cat) return reject('缺少分类');
  const category = categories.find((c) => c.id === cat) ?? categories.find((c) => c.name === cat);
  if (!category) return reject(`未知的分类「${cat}」`);
  const id = str(raw.id);
  if (id && !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return reject('id 格式不正确');
  const similar = list(raw.similar).filter((s) => s !== question);
  if (similar.length > L.similar) return reject(`相似问超过 ${L.similar} 个`);
  if (similar.some((s) => Array.from(s).length > L.question)) return reject(`相似问超过 ${L.question} 个字`);
  const keywords = list(raw.keywords);
  if (keywords.length > L.keywords) return reject(`关键词超过 ${L.keywords} 个`);
  if (keywords.some((k) => Array.from(k).length > L.keyword)) return reject(`关键词超过 ${L.keyword} 个字`);
  let published: boolean | undefined;
  if (typeof raw.published === 'boolean') published = raw.published;
  else if (str(raw.published)) {
    const p = str(raw.published).toLowerCase();
    if (PUBLISHED.has(p)) published = true;
    else if (DRAFT.has(p)) published = false;
    else return reject(`状态「${str(raw.published)}」无法识别（应为 已发布 或 草稿）`);
  }
  let order: number | undefined;
  if (str(raw.order)) {
    order = Number(str(raw.order));
    if (!Number.isInteger(order) || order < 0 || order > 99999) return reject('排序应为 0–99999 的整数');
  }
  const key = normalize(question) || question;
  const earlier = seen.get(key);
  if (earlier !== undefined) return reject(`问题与第 ${earlier} 行重复`);
  const earlierId = id ? seenIds.get(id) : undefined;
  if (earlierId !== undefined) return reject(`id 与第 ${earlierId} 行重复`);
  seen.set(key, raw.row);
  if (id) seenIds.set(id, raw.row);
  return {
    row: raw.row,
    ...(id ? { id } : {}),
    categoryId: category.id,
    question,
    answer,
    similar,
    keywords,
    ...(published !== undefined ? { published } : {}),
    ...(order !== undefined ? { order } : {}),
  };
}

function collect(raws: RawRow[], categories: readonly TransferCategory[]): ParsedImport {
  if (raws.length === 0) return { ok: false, message: '文件中没有可导入的问题' };
  if (raws.length > FAQ_LIMITS.importRows) return { ok: false, message: `一次最多导入 ${FAQ_LIMITS.importRows} 条，请分批导入` };
  const seen = new Map<string, number>();
  const seenIds = new Map<string, number>();
  const rows: ImportRow[] = [];
  const rejected: Rejected[] = [];
  for (const raw of raws) {
    const r = checkRow(raw, categories, seen, seenIds);
    if ('reason' in r) rejected.push(r);
    else rows.push(r);
  }
  return { ok: true, rows, rejected };
}

function fromCsv(content: string, categories: readonly TransferCategory[]): ParsedImport {
  const records = parseCsv(content);
  const header = records.shift();
  if (!header) return { ok: false, message: '文件是空的' };
  const columns = header.fields.map((h) => ALIASES[h.trim().toLowerCase()]);
  for (const need of ['question', 'answer', 'category'] as const) {
    if (!columns.includes(need)) return { ok: false, message: `第一行应为表头，缺少「${CSV_HEADER[need]}」列` };
  }
  return collect(
    records.map(({ line, fields }) => {
      const raw: RawRow = { row: line, id: '', category: '', question: '', answer: '', similar: '', keywords: '', published: '', order: '' };
      columns.forEach((c, i) => {
        if (c) raw[c] = fields[i] ?? '';
      });
      return raw;
    }),
    categories,
  );
}

function fromJson(content: string, categories: readonly TransferCategory[]): ParsedImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return { ok: false, message: 'JSON 格式不正确，请检查括号、引号和逗号' };
  }
  const items = Array.isArray(parsed) ? parsed : (parsed as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(items)) return { ok: false, message: 'JSON 应为问题数组，或含 entries 数组的对象' };
  return collect(
    items.map((item, i) => {
      const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      return {
        row: i + 1,
        id: o.id,
        category: o.categoryId ?? o.category,
        question: o.question,
        answer: o.answer,
        similar: o.similar,
        keywords: o.keywords,
        published: o.published ?? o.enabled,
        order: o.order,
      };
    }),
    categories,
  );
}

/** Parse and check an import file: the rows to write and the rows rejected, each with its reason. */
export function parseImport(format: TransferFormat, content: string, categories: readonly TransferCategory[]): ParsedImport {
  return format === 'csv' ? fromCsv(content, categories) : fromJson(content, categories);
}

/** The export file: CSV with the header row (lists joined by `|`), or JSON `{entries}`. */
export function formatExport(format: TransferFormat, entries: readonly TransferEntry[], categories: readonly TransferCategory[]): string {
  const name = new Map(categories.map((c) => [c.id, c.name]));
  if (format === 'json') {
    const out = entries.map((e) => ({
      id: e.id,
      category: name.get(e.categoryId) ?? e.categoryId,
      question: e.question,
      answer: e.answer,
      similar: e.similar,
      keywords: e.keywords,
      published: e.published ?? true,
      order: e.order ?? 0,
    }));
    return JSON.stringify({ entries: out }, null, 2);
  }
  const cols = Object.keys(CSV_HEADER) as Column[];
  return csvDocument(
    cols.map((c) => CSV_HEADER[c]),
    entries.map((e) => [
      e.id ?? '',
      name.get(e.categoryId) ?? e.categoryId,
      e.question,
      e.answer,
      e.similar.join(LIST_SEPARATOR),
      e.keywords.join(LIST_SEPARATOR),
      e.published === false ? '草稿' : '已发布',
      String(e.order ?? 0),
    ]),
  );
}
