// The unanswered report: customer questions the bot could not answer, grouped by what they ask.
// Grouping uses the matcher itself — its normalization and its score — over an index built from the
// questions, so "发票怎么开" and "怎么开发票呀" fall in one group exactly when the matcher would see
// them as the same question.
import { buildIndex, rank } from './index';
import { maskPersonal } from '../privacy/mask';
import { normalize } from './normalize';

export interface UnansweredRecord {
  text: string;
  at: Date | string | number;
}

export interface UnansweredCluster {
  /** Stable while the group's most asked wording stays the most asked: `u:` + a hash of it. */
  key: string;
  count: number;
  /** The most asked wording (masked). */
  question: string;
  /** Every distinct wording (masked), most asked first. */
  texts: string[];
  lastAt: Date;
}

export interface GroupOptions {
  /** Matcher score (0 – 1) from a group's first wording at which another wording joins the group. */
  threshold?: number;
}

/** Two wordings that differ in spaces, punctuation, width, case, script or filler words are one form. */
interface Form {
  norm: string;
  count: number;
  lastAt: number;
  texts: Map<string, number>;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable key for a group. */
export function hashKey(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const time = (at: UnansweredRecord['at']): number => {
  const t = at instanceof Date ? at.getTime() : new Date(at).getTime();
  return Number.isFinite(t) ? t : 0;
};

/** The form key of a wording: its normalized text, or (emoji, symbols only) the trimmed text itself. */
export function formOf(text: string): string {
  const masked = maskPersonal(text.trim());
  return normalize(masked) || masked;
}

/** Groups records by similarity: most asked groups first (then the most recent). Texts are masked. */
export function groupUnanswered(records: readonly UnansweredRecord[], options: GroupOptions = {}): UnansweredCluster[] {
  // 0.6: below it unrelated questions with a shared frame (今天股市怎么样 / 今天天气怎么样 score 0.55) merge;
  // a wrong merge is worse than a split, since a group can become similar questions of one entry.
  const threshold = options.threshold ?? 0.6;
  const forms = new Map<string, Form>();
  for (const r of records) {
    const text = maskPersonal(String(r.text ?? '').trim());
    if (!text) continue;
    const key = formOf(text);
    const at = time(r.at);
    const f = forms.get(key) ?? { norm: normalize(text), count: 0, lastAt: 0, texts: new Map<string, number>() };
    f.count++;
    f.lastAt = Math.max(f.lastAt, at);
    f.texts.set(text, (f.texts.get(text) ?? 0) + 1);
    forms.set(key, f);
  }
  const ordered = [...forms.entries()].sort(([ka, a], [kb, b]) => b.count - a.count || b.lastAt - a.lastAt || (ka < kb ? -1 : ka > kb ? 1 : 0));
  const searchable = ordered.filter(([, f]) => f.norm.length > 0);
  const index = buildIndex(searchable.map(([key]) => ({ id: key, question: key })));
  const assigned = new Set<string>();
  const clusters: UnansweredCluster[] = [];
  for (const [key, seed] of ordered) {
    if (assigned.has(key)) continue;
    assigned.add(key);
    const members: Form[] = [seed];
    if (seed.norm) {
      for (const hit of rank(index, key, searchable.length)) {
        if (hit.score < threshold || assigned.has(hit.id)) continue;
        assigned.add(hit.id);
        members.push(forms.get(hit.id)!);
      }
    }
    const texts = new Map<string, number>();
    for (const m of members) for (const [t, n] of m.texts) texts.set(t, (texts.get(t) ?? 0) + n);
    // Ties: the shorter wording (usually the plainer question), then code-point order, so keys and questions are stable.
    const byCount = [...texts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([t]) => t);
    clusters.push({
      key: `u:${hashKey(key)}`,
      count: members.reduce((n, m) => n + m.count, 0),
      question: byCount[0]!,
      texts: byCount,
      lastAt: new Date(Math.max(...members.map((m) => m.lastAt))),
    });
  }
  return clusters.sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime());
}
