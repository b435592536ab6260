// FAQ answers are plain text: blank lines separate blocks, `- ` starts a bullet, `1. ` a numbered step,
// a line `![说明](https://…)` is an image, and `[文字](/pages/book/index)` inside a line links to a page of
// the mini-program. Nothing else is markup, so staff type answers on a phone without learning a syntax.

export type AnswerBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; items: string[]; start: number }
  | { type: 'image'; src: string; alt: string };

/** A run of text, or a link to a customer page (`page` is a path such as `/pages/book/index`). */
export interface InlinePart {
  text: string;
  page?: string;
}

const IMAGE = /^!\[([^\]\n]*)\]\(([^)\s]+)\)$/;
const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
// Images from https or cloud storage only (never http, data: or javascript:).
const SAFE_IMAGE = /^(https:\/\/|cloud:\/\/)[^\s"'<>]+$/;
// Links go to pages of the main package only: customers cannot open staff pages, and a mini-program
// cannot open web addresses.
const PAGE = /^\/?(pages\/[a-z][a-z0-9-]*\/index)(\?[A-Za-z0-9_=&%.-]*)?$/;

/** `/pages/x/index?…` for a link target a customer may open, else null. */
export function pageOf(target: string): string | null {
  const m = PAGE.exec(target.trim());
  return m ? `/${m[1]}${m[2] ?? ''}` : null;
}

/** Splits a line into text and page links; a link to anything else keeps only its words. */
export function inlineParts(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at) });
    const page = pageOf(m[2]!);
    parts.push(page ? { text: m[1]!, page } : { text: m[1]! });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  // Neighbouring plain runs (an unsafe link's words) read as one.
  return parts.reduce<InlinePart[]>((out, part) => {
    const prev = out[out.length - 1];
    if (prev && !prev.page && !part.page) prev.text += part.text;
    else out.push({ ...part });
    return out;
  }, []);
}

const BULLET = /^[-•]\s+(.*)$/;
// `1. ` needs the space (so `3.5 元` stays text); the Chinese `1、` needs none.
const NUMBERED = /^(\d{1,3})(?:\.\s+|、\s*)(.*)$/;

export function parseAnswer(answer: string): AnswerBlock[] {
  const blocks: AnswerBlock[] = [];
  let paragraph: string[] = [];
  let list: Extract<AnswerBlock, { type: 'list' }> | null = null;

  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push(list);
    list = null;
  };

  for (const rawLine of answer.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      flushParagraph();
      flushList();
      continue;
    }
    const image = IMAGE.exec(line);
    if (image) {
      flushParagraph();
      flushList();
      // An image from elsewhere is not shown; its caption stays, so the answer still reads.
      if (SAFE_IMAGE.test(image[2]!)) blocks.push({ type: 'image', src: image[2]!, alt: image[1]!.trim() });
      else if (image[1]!.trim()) blocks.push({ type: 'paragraph', text: image[1]!.trim() });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      const item = bullet ? bullet[1] : (numbered as RegExpExecArray)[2];
      flushParagraph();
      if (!list || list.ordered !== ordered) {
        flushList();
        list = { type: 'list', ordered, items: [], start: numbered ? Number(numbered[1]) : 1 };
      }
      list.items.push(item);
      continue;
    }
    flushList();
    paragraph.push(line);
  }
  flushParagraph();
  flushList();
  return blocks;
}
