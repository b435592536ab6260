// Sizes of FAQ content, shared by the zod schemas, the import checks and the editor.
import { REQUEST_MAX_BYTES } from '../abuse/limits';

export const FAQ_LIMITS = {
  question: 100,
  answer: 2000,
  similar: 50,
  keywords: 20,
  keyword: 20,
  /** Import/export payload: the gateway refuses bodies over 64 KiB, the JSON envelope needs the rest. */
  importBytes: 60 * 1024,
  importRows: 1000,
  categoryName: 20,
  categoryDescription: 100,
  synonymGroups: 200,
  synonymWords: 20,
  synonymWord: 20,
  rulePattern: 50,
  /** Keyword rules in all: `faq.rules` and the bot read this many, so `faq.saveRule` creates no more. */
  rules: 500,
} as const;

/** UTF-8 length of a string, without TextEncoder (not every mini-program runtime has it). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair is one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

/** The import's size message: the schema's for the content, the manager UI's for the whole request. */
export const IMPORT_TOO_LARGE = `内容不能超过 ${FAQ_LIMITS.importBytes / 1024} KB，请分批导入`;

/** Room the platform adds to an event on the server (weapp: `userInfo`), kept free by the client's check. */
const EVENT_OVERHEAD = 256;

/**
 * Whether `faq.import` with this content can be sent: the content within `importBytes`, and the event as
 * JSON (where quotes, backslashes and line breaks take two bytes or more) within the 64 KiB request limit.
 */
export function importFits(format: 'csv' | 'json', content: string): boolean {
  if (utf8Length(content) > FAQ_LIMITS.importBytes) return false;
  return utf8Length(JSON.stringify({ action: 'import', format, content })) + EVENT_OVERHEAD <= REQUEST_MAX_BYTES;
}
