// FAQ answers are plain text: blank lines separate blocks, `- ` starts a bullet, `1. ` a numbered step.

export type AnswerBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; items: string[]; start: number };

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
