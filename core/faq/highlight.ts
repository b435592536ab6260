// Which characters of an FAQ question to highlight for a search query: every character the query also
// has, compared after folding width, case and script. Pure: no Taro, no I/O.
import { toHalfWidth, toSimplified } from './normalize';

export interface HighlightSegment {
  text: string;
  hit: boolean;
}

/** Characters too common in questions to mean anything as a match (highlighting them is noise). */
export const HIGHLIGHT_STOP_CHARS: ReadonlySet<string> = new Set(Array.from('的了吗呢啊吧我你是在有怎么'));

// Letters and digits of any script only: whitespace, punctuation and symbols never match.
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** One character as compared: half-width, lower case, simplified. */
function fold(ch: string): string {
  return toSimplified(toHalfWidth(ch));
}

function matchable(folded: string): boolean {
  return WORD_CHAR.test(folded) && !HIGHLIGHT_STOP_CHARS.has(folded);
}

/**
 * `question` cut into runs of highlighted (`hit`) and plain characters, in order; joined, the
 * segments give back `question` unchanged. An empty question gives no segments.
 */
export function highlightSegments(question: string, query: string): HighlightSegment[] {
  const wanted = new Set<string>();
  for (const ch of query) {
    const folded = fold(ch);
    if (matchable(folded)) wanted.add(folded);
  }
  const segments: HighlightSegment[] = [];
  // By code point, so a character outside the BMP is never split in two.
  for (const ch of question) {
    const folded = fold(ch);
    const hit = matchable(folded) && wanted.has(folded);
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += ch;
    else segments.push({ text: ch, hit });
  }
  return segments;
}
