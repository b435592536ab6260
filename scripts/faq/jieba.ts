// The segmenter adapter: loads @node-rs/jieba with its default dictionary (~240 ms, once per
// process — call it when the index is first built, never at import) and hands core/faq a
// plain `(text) => words` function.
import { createRequire } from 'node:module';
import type { Segment } from '../../core/faq';

let cached: Segment | undefined;

export function jiebaSegment(): Segment {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
  const jieba = Jieba.withDict(dict);
  cached = (text: string) => jieba.cut(text, true);
  return cached;
}

let idfTable: Map<string, number> | undefined;

/** jieba's general-language IDF table (~270,000 words), read once. */
export function jiebaGeneralIdf(): (token: string) => number | undefined {
  if (!idfTable) {
    const require = createRequire(import.meta.url);
    const { idf } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    idfTable = new Map();
    for (const line of Buffer.from(idf).toString('utf8').split('\n')) {
      const sp = line.indexOf(' ');
      if (sp > 0) idfTable.set(line.slice(0, sp), Number(line.slice(sp + 1)));
    }
  }
  const table = idfTable;
  return (token) => table.get(token);
}
