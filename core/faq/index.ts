// The FAQ matcher: an index built once from the entries (question, similar questions, keywords),
// and `match` that ranks entries for a customer's question and decides whether to answer.
//
// Each text becomes a bag of weighted features: words (from a segmenter passed in, e.g. jieba;
// off by default), Han characters, character bigrams, Latin/digit tokens, near-synonym groups and
// question intents (see knowledge.ts). A feature's weight is its kind's weight × its IDF over entries.
// The score of an entry text is the weighted overlap (plus soft credit for similar characters, see
// char-neighbours.ts) divided by a geometric mix of the query's and the entry text's own totals, in
// [0, 1]; an entry's score is its best text's score. A query visits only the texts its features'
// posting lists touch. A small logistic model of the ranking and of how the best text meets the
// question decides between answering and suggesting (NO_MATCH_MODEL). See docs/faq-matcher.md for
// what was measured.
import { CHAR_NEIGHBOURS_DATA } from './char-neighbours';
import { CONTRAST_CLASSES, intentsOf, SYNONYM_GROUPS } from './knowledge';
import { isHan, normalize } from './normalize';

export { normalize, toHalfWidth, toSimplified } from './normalize';
export { maskPhones } from './mask';

export type Segment = (text: string) => string[];

export interface FaqEntryInput {
  id: string;
  question: string;
  similar?: string[];
  keywords?: string[];
}

export interface MatchOptions {
  /** Word segmenter (jieba in production). Without one, words are not used (characters still are). */
  segment?: Segment;
  /** Staff-defined synonym groups, added to the built-in ones. */
  synonyms?: string[][];
  /** Weight of each feature kind. */
  weights?: Partial<Record<FeatureKind, number>>;
  /** Exponent of the query's coverage in the score (the rest goes to the entry text's). */
  alpha?: number;
  /**
   * The no-match decision: answer when the calibrated probability that the best entry is right
   * (NO_MATCH_MODEL, fitted for the default weights) reaches this…
   */
  threshold?: number;
  /** …and the best entry's score beats the second's by at least this. */
  minGap?: number;
  /**
   * General-language IDF of a word or character (jieba's table in production), or undefined when
   * unknown. Word and character weights are scaled by (generalIdf / 8) ^ generalBeta, so words that
   * are common in Chinese at large (怎么, 可以) count less than the FAQ's few entries would suggest.
   */
  generalIdf?: (token: string) => number | undefined;
  generalBeta?: number;
  /**
   * 'cover': weighted overlap over a geometric mix of the query's and the text's totals;
   * 'bm25': BM25 (k1 1.2, b 0.75) divided by the query's score against itself.
   */
  scorer?: 'cover' | 'bm25';
  /**
   * Soft character matching: a question character absent from an entry text earns this share of a
   * distributionally similar character's weight (see char-neighbours.ts) × their similarity. 0 = off.
   */
  softChar?: number;
  /** IDF formula: log(1 + N/df) ('smooth') or BM25's log((N − df + ½)/(df + ½)), floored ('bm25'). */
  idf?: 'smooth' | 'bm25';
  /** Suggestions below this score are not offered. */
  suggestFloor?: number;
  /**
   * Subtracted from a text's score for each question intent (how / why / when / …) the text has and
   * the question lacks: an entry that answers 为什么 is a worse match for a 怎么 question. 0 = off.
   */
  intentPenalty?: number;
  /**
   * Subtracted from a text's score for each contrast class (knowledge.ts) in which the question and the
   * text name different members only: 冰箱 against 空调, 提前 against 逾期. 0 = off.
   */
  contrastPenalty?: number;
}

export type FeatureKind = 'w' | 'c' | 'b' | 'a' | 'g' | 'i';

const DEFAULT_WEIGHTS: Record<FeatureKind, number> = { w: 0.5, c: 0.5, b: 0.7, a: 1, g: 0.8, i: 0.4 };

/**
 * A logistic model of "the best entry is the right answer", on eight features of a ranking (RankInfo):
 * the best score, its lead over the 2nd and the 3rd entry, the share of the question no FAQ text knows,
 * log(1 + question length), how many question intents (how / why / …) the best text and the question
 * do not share, the evidence (the best text's exact overlap with the question, in units of the
 * largest IDF, so it does not depend on the FAQ's size) and the share of the question's weight it
 * covers. Fitted on the development half of the FAQ benchmark (958 questions) for the default
 * options by scripts/faq/fit-no-match.ts, and refitted when the general vocabulary of knowledge.ts grew
 * (third round); 2-fold cross-validated over 20 random splits: 0.376 accuracy and 0.401 precision on
 * the held-out halves (0.380 / 0.393 before that round). Nine numbers learn how confident a ranking
 * looks, not which questions exist.
 */
export const NO_MATCH_MODEL = {
  bias: 1.6,
  top: 1.777,
  gap2: -1.061,
  gap3: 6.908,
  unknown: -1.11,
  logLen: -1.643,
  intentMismatch: -0.167,
  evidence: 0.494,
  queryShare: -3.533,
};

/** What `confidence` needs beyond the ranking. */
export interface RankInfo {
  /** Share of the question's weight that no FAQ text knows (0 – 1). */
  unknown: number;
  /** Characters of the normalized question. */
  length: number;
  /** Intents that the best text or the question has and the other lacks. */
  intentMismatch: number;
  /** The best text's exact overlap with the question, over the largest possible IDF. */
  evidence: number;
  /** That overlap over the question's total weight (0 – 1). */
  queryShare: number;
  /** Contrast classes in which the best text names other members than the question (冰箱 against 空调). */
  contrastClash: number;
}

/** Probability that the best of a ranking is the right answer. */
export function confidence(ranked: Scored[], info: RankInfo): number {
  const m = NO_MATCH_MODEL;
  const s1 = ranked[0]?.score ?? 0;
  if (s1 <= 0) return 0;
  const z =
    m.bias +
    m.top * s1 +
    m.gap2 * (s1 - (ranked[1]?.score ?? 0)) +
    m.gap3 * (s1 - (ranked[2]?.score ?? 0)) +
    m.unknown * info.unknown +
    m.logLen * Math.log(1 + info.length) +
    m.intentMismatch * info.intentMismatch +
    m.evidence * info.evidence +
    m.queryShare * info.queryShare;
  return 1 / (1 + Math.exp(-z));
}

export const DEFAULTS = { alpha: 0.6, threshold: 0.25, minGap: 0, suggestFloor: 0.12, softChar: 1, scorer: 'cover' as 'cover' | 'bm25', intentPenalty: 0.01, contrastPenalty: 0.02 };

// Characters and words that carry no topic on their own.
const STOP = new Set(['的', '了', '吗', '我', '你', '您', '是', '在', '吧', '呢', '啊', '呀', '就', '和', '也', '都', '这', '那', '有', '个', '们', '么', '要', '想', '会', '还', '啦', '哦', '嘛', '我的', '你们', '我们', '这个', '那个', '一个', '现在', '请']);

interface Doc {
  entry: number;
  fids: Int32Array; // the text's distinct features, as ids into FaqIndex.fid
}

export interface FaqIndex {
  ids: string[];
  docs: Doc[];
  fid: Map<string, number>; // feature → id
  postings: Int32Array[]; // feature id → doc indexes, ascending
  idf: Float64Array; // feature id → IDF
  maxIdf: number;
  docTotal: Float64Array; // Σ weight × idf per doc
  docNorm: Float64Array; // 1 / docTotal^(1 − alpha), for the 'cover' score
  docEntry: Int32Array; // doc → entry
  scratch: { overlap: Float64Array; has: Uint8Array; credit: Float64Array; best: Float64Array; bestDoc: Int32Array; touched: Int32Array; creditTouched: Int32Array; touchedEntries: Int32Array; sharedIntents: Uint8Array };
  lenFactor: Float64Array; // 1 per doc for 'cover', BM25's length factor for 'bm25'
  isIntent: Uint8Array; // feature id → 1 for question intents
  docIntents: Uint8Array; // doc → number of intents
  /** doc → its contrast members (class × 32 + member), in docContrast[docContrastAt[d] … docContrastAt[d + 1]). */
  docContrastAt: Int32Array;
  docContrast: Int32Array;
  docLen: Float64Array; // number of features per doc
  avgLen: number;
  opts: Required<Omit<MatchOptions, 'segment' | 'synonyms' | 'weights' | 'idf' | 'generalIdf' | 'generalBeta'>> & { weights: Record<FeatureKind, number> };
  segment?: Segment;
  synonyms: SynonymMatcher;
}

export interface Scored {
  id: string;
  score: number;
}

export interface MatchResult {
  match: Scored | null;
  suggestions: Scored[];
  /** Entries ranked, best first (up to 10), for evaluation and the grey zone. */
  ranked: Scored[];
  /** Calibrated probability that ranked[0] is the right answer. */
  confidence: number;
}

// ---- phrases: longest match at each position of the normalized text (synonyms, contrast classes) ----

interface PhraseMatcher {
  code: Map<string, number>; // phrase (normalized) → what it stands for
  maxLen: number;
  first: Set<string>; // first characters of phrases: most positions are skipped at once
}

/** A matcher of `phrases` (normalized) to their codes; a phrase already there keeps its first code. */
function phraseMatcher(phrases: Iterable<readonly [string, number]>): PhraseMatcher {
  const code = new Map<string, number>();
  const first = new Set<string>();
  let maxLen = 1;
  for (const [p, c] of phrases) {
    if (!p || code.has(p)) continue;
    code.set(p, c);
    first.add(p[0]!);
    maxLen = Math.max(maxLen, Array.from(p).length);
  }
  return { code, maxLen, first };
}

/** The codes of the longest phrase at each position, left to right, a match skipping its own characters. */
function longestMatches(text: string, m: PhraseMatcher): number[] {
  // `text` is normalized: BMP Han characters, a-z, 0-9 and spaces only, so string indexes are characters.
  const out: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (!m.first.has(text[i]!)) {
      i++;
      continue;
    }
    let found = 0;
    for (let len = Math.min(m.maxLen, text.length - i); len >= 1; len--) {
      const c = m.code.get(text.substr(i, len));
      if (c !== undefined) {
        out.push(c);
        found = len;
        break;
      }
    }
    i += found || 1;
  }
  return out;
}

type SynonymMatcher = PhraseMatcher;

function synonymMatcher(extra: string[][] | undefined): SynonymMatcher {
  const group = new Map<string, number>();
  const all = [...SYNONYM_GROUPS, ...(extra ?? [])];
  all.forEach((members, own) => {
    // A group that shares a member with an earlier one joins it (staff's 发票 = 票据 meets the
    // built-in 发票 = 收据), so no member is silently dropped.
    const norm = members.map((raw) => normalize(raw)).filter(Boolean);
    const g = norm.map((m) => group.get(m)).find((x) => x !== undefined) ?? own;
    for (const m of norm) if (!group.has(m)) group.set(m, g);
  });
  return phraseMatcher(group);
}

// ---- features ----

/** The features of a text that is already normalized. */
function normFeatures(norm: string, index: Pick<FaqIndex, 'segment' | 'synonyms'> & { weights: Record<FeatureKind, number> }): Map<string, number> {
  const feats = new Map<string, number>();
  const w = index.weights;
  const add = (f: string, weight: number): void => {
    if (weight > 0 && !feats.has(f)) feats.set(f, weight);
  };
  if (!norm) return feats;
  for (const run of norm.split(' ')) {
    const chars = Array.from(run);
    if (chars.length === 0) continue;
    if (!isHan(chars[0]!)) {
      // Amounts, dates and counts differ from one customer to the next: any number is "a number".
      add(/^[0-9]+$/.test(run) ? 'a:#' : `a:${run}`, w.a);
      continue;
    }
    for (let i = 0; i < chars.length; i++) {
      if (!STOP.has(chars[i]!)) add(`c:${chars[i]}`, w.c);
      if (i + 1 < chars.length) add(`b:${chars[i]}${chars[i + 1]}`, w.b);
    }
    if (index.segment) {
      for (const word of index.segment(run)) if (Array.from(word).length > 1 && !STOP.has(word)) add(`w:${word}`, w.w);
    }
  }
  for (const g of longestMatches(norm, index.synonyms)) add(`g:${g}`, w.g);
  for (const intent of intentsOf(norm)) add(`i:${intent}`, w.i);
  return feats;
}

// ---- contrast classes ----

/** Every variant of every contrast member (normalized) → class × 32 + member. */
const CONTRAST = phraseMatcher(CONTRAST_CLASSES.flatMap((members, c) => members.flatMap((variants, m) => variants.map((v) => [normalize(v), c * 32 + m] as const))));

/** The contrast members a normalized text names (class × 32 + member), each once. */
function contrastOf(norm: string): number[] {
  return [...new Set(longestMatches(norm, CONTRAST))];
}

function packContrast(codes: number[][]): { docContrastAt: Int32Array; docContrast: Int32Array } {
  const at = new Int32Array(codes.length + 1);
  codes.forEach((c, i) => (at[i + 1] = at[i]! + c.length));
  return { docContrastAt: at, docContrast: Int32Array.from(codes.flat()) };
}

/** Classes in which the question and the text name members, none of them shared. */
function contrastClash(q: readonly number[], index: FaqIndex, d: number): number {
  const from = index.docContrastAt[d]!;
  const to = index.docContrastAt[d + 1]!;
  if (from === to) return 0;
  let clash = 0;
  let seen = 0; // classes counted, as a bit set (fewer than 32 classes)
  for (let k = from; k < to; k++) {
    const cls = index.docContrast[k]! >> 5;
    if (seen & (1 << cls)) continue;
    let asked = false;
    let shared = false;
    for (const code of q) {
      if (code >> 5 !== cls) continue;
      asked = true;
      for (let j = from; j < to; j++) if (index.docContrast[j] === code) shared = true;
    }
    if (asked) {
      seen |= 1 << cls;
      if (!shared) clash++;
    }
  }
  return clash;
}

// ---- build ----

const K1 = 1.2;
const B = 0.75;

function idfOf(n: number, df: number, kind: 'smooth' | 'bm25'): number {
  if (kind === 'bm25') return Math.max(0.05, Math.log((n - df + 0.5) / (df + 0.5)));
  return Math.log(1 + n / df);
}

export function buildIndex(entries: FaqEntryInput[], options: MatchOptions = {}): FaqIndex {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const synonyms = synonymMatcher(options.synonyms);
  const ctx = { segment: options.segment, synonyms, weights };
  const docs: Doc[] = [];
  const fid = new Map<string, number>();
  const fweight: number[] = [];
  const df: number[] = [];
  const lastEntry: number[] = [];
  const postingCount: number[] = [];
  const contrastCodes: number[][] = [];
  entries.forEach((e, entry) => {
    const texts = [e.question, ...(e.similar ?? [])];
    if (e.keywords && e.keywords.length > 0) texts.push(e.keywords.join(' '));
    for (const t of texts) {
      const norm = normalize(t);
      const feats = normFeatures(norm, ctx);
      if (feats.size === 0) continue;
      const fids = new Int32Array(feats.size);
      let k = 0;
      for (const [f, wt] of feats) {
        let id = fid.get(f);
        if (id === undefined) {
          id = fid.size;
          fid.set(f, id);
          fweight.push(wt);
          df.push(0);
          lastEntry.push(-1);
          postingCount.push(0);
        }
        // IDF over entries (not texts), so an entry with many similar questions does not dilute its words.
        if (lastEntry[id] !== entry) {
          df[id]!++;
          lastEntry[id] = entry;
        }
        postingCount[id]!++;
        fids[k++] = id;
      }
      docs.push({ entry, fids });
      contrastCodes.push(contrastOf(norm));
    }
  });
  // Postings in one buffer (compressed-row layout): feature id → a view of ascending doc indexes.
  const nf = fid.size;
  const buffer = new Int32Array(postingCount.reduce((a, b) => a + b, 0));
  const postings: Int32Array[] = new Array<Int32Array>(nf);
  const fill = new Int32Array(nf);
  let offset = 0;
  for (let id = 0; id < nf; id++) {
    postings[id] = buffer.subarray(offset, offset + postingCount[id]!);
    offset += postingCount[id]!;
  }
  docs.forEach((d, i) => {
    for (const id of d.fids) postings[id]![fill[id]!++] = i;
  });
  const n = Math.max(entries.length, 1);
  const isIntent = Uint8Array.from([...fid.keys()], (f) => (f.startsWith('i:') ? 1 : 0));
  const idf = new Float64Array(nf);
  const beta = options.generalBeta ?? 0.5;
  for (const [f, id] of fid) {
    let v = idfOf(n, df[id]!, options.idf ?? 'smooth');
    if (options.generalIdf && beta > 0 && (f.startsWith('w:') || f.startsWith('c:'))) {
      const g = options.generalIdf(f.slice(2));
      if (g !== undefined) v *= Math.pow(Math.min(Math.max(g / 8, 0.25), 2), beta);
    }
    idf[id] = v;
  }
  const maxIdf = Math.log(1 + n / 0.5);
  const docTotal = new Float64Array(docs.length);
  docs.forEach((d, i) => {
    let s = 0;
    for (const id of d.fids) s += fweight[id]! * idf[id]!;
    docTotal[i] = s;
  });
  return {
    ids: entries.map((e) => e.id),
    docs,
    fid,
    postings,
    idf,
    maxIdf,
    docTotal,
    docEntry: Int32Array.from(docs.map((d) => d.entry)),
    docNorm: docTotal.map((t) => 1 / Math.pow(t, 1 - (options.alpha ?? DEFAULTS.alpha))),
    scratch: {
      overlap: new Float64Array(docs.length),
      has: new Uint8Array(docs.length),
      credit: new Float64Array(docs.length),
      best: new Float64Array(entries.length),
      bestDoc: new Int32Array(entries.length),
      touched: new Int32Array(docs.length),
      creditTouched: new Int32Array(docs.length),
      touchedEntries: new Int32Array(entries.length),
      sharedIntents: new Uint8Array(docs.length),
    },
    lenFactor: lenFactorOf(docs, options.scorer ?? DEFAULTS.scorer),
    isIntent,
    docIntents: Uint8Array.from(docs, (d) => d.fids.reduce((a, id) => a + isIntent[id]!, 0)),
    ...packContrast(contrastCodes),
    docLen: Float64Array.from(docs.map((d) => d.fids.length)),
    avgLen: docs.reduce((a, d) => a + d.fids.length, 0) / Math.max(docs.length, 1),
    opts: {
      alpha: options.alpha ?? DEFAULTS.alpha,
      threshold: options.threshold ?? DEFAULTS.threshold,
      minGap: options.minGap ?? DEFAULTS.minGap,
      suggestFloor: options.suggestFloor ?? DEFAULTS.suggestFloor,
      scorer: options.scorer ?? DEFAULTS.scorer,
      softChar: options.softChar ?? DEFAULTS.softChar,
      intentPenalty: options.intentPenalty ?? DEFAULTS.intentPenalty,
      contrastPenalty: options.contrastPenalty ?? DEFAULTS.contrastPenalty,
      weights,
    },
    segment: options.segment,
    synonyms,
  };
}

function lenFactorOf(docs: Doc[], scorer: 'cover' | 'bm25'): Float64Array {
  const out = new Float64Array(docs.length).fill(1);
  if (scorer !== 'bm25') return out;
  const avgLen = docs.reduce((a, d) => a + d.fids.length, 0) / Math.max(docs.length, 1);
  docs.forEach((d, i) => {
    out[i] = (K1 + 1) / (1 + K1 * (1 - B + (B * d.fids.length) / avgLen));
  });
  return out;
}

// ---- match ----

/** Every entry's score for a question, best first (entries scoring 0 left out). */
export function rank(index: FaqIndex, text: string, limit = 10): Scored[] {
  return rankWithInfo(index, text, limit).ranked;
}

const NO_INFO: RankInfo = { unknown: 1, length: 0, intentMismatch: 0, evidence: 0, queryShare: 0, contrastClash: 0 };

/** `rank`, plus what the no-match model needs to know about the question and the best text (RankInfo). */
export function rankWithInfo(index: FaqIndex, text: string, limit = 10): { ranked: Scored[]; info: RankInfo } {
  const norm = normalize(text);
  const q = normFeatures(norm, { segment: index.segment, synonyms: index.synonyms, weights: index.opts.weights });
  if (q.size === 0) return { ranked: [], info: NO_INFO };
  const bm25 = index.opts.scorer === 'bm25';
  // Scratch buffers live in the index (matching is synchronous), zeroed again before returning.
  // Only the texts and entries a feature of the question touches are visited (`touched`), so a query
  // costs the length of its features' posting lists, not the size of the FAQ.
  const { overlap, best, bestDoc, touched, touchedEntries, sharedIntents } = index.scratch;
  const { lenFactor, postings, idf: idfs, fid } = index;
  const qv = new Map<number, number>(); // the question's known features → weight × IDF
  let qIntents = 0;
  let nTouched = 0;
  let qTotal = 0;
  let qUnknown = 0;
  // Every feature of one kind has the same weight in a query and in a text, so the overlap of a
  // shared feature is simply its weight × IDF (× BM25's length factor).
  for (const [f, wt] of q) {
    const id = fid.get(f);
    if (id === undefined) {
      qTotal += wt * index.maxIdf;
      qUnknown += wt * index.maxIdf;
      continue;
    }
    const v = wt * idfs[id]!;
    qTotal += v;
    qv.set(id, v);
    const post = postings[id]!;
    if (index.isIntent[id]) {
      qIntents++;
      if (index.opts.intentPenalty > 0) for (let k = 0; k < post.length; k++) sharedIntents[post[k]!]!++;
    }
    for (let k = 0; k < post.length; k++) {
      const d = post[k]!;
      const o = overlap[d]!;
      if (o === 0) touched[nTouched++] = d;
      overlap[d] = o + v * lenFactor[d]!;
    }
  }
  if (index.opts.softChar > 0) nTouched = softCharOverlap(index, q, nTouched);
  const qSelf = (qTotal * (K1 + 1)) / (1 + K1 * (1 - B + (B * q.size) / index.avgLen));
  const { alpha } = index.opts;
  // Best text per entry, then the top `limit` entries by a small insertion list (no full sort).
  const qNorm = 1 / Math.pow(qTotal, alpha);
  const { docNorm, docEntry, docIntents } = index;
  const penalty = index.opts.intentPenalty;
  const qContrast = contrastOf(norm);
  const cPenalty = index.opts.contrastPenalty;
  let nEntries = 0;
  for (let t = 0; t < nTouched; t++) {
    const d = touched[t]!;
    const m = overlap[d]!;
    overlap[d] = 0;
    const unasked = docIntents[d]! - sharedIntents[d]!;
    sharedIntents[d] = 0;
    if (m <= 0) continue;
    // (m / qTotal)^alpha × (m / docTotal)^(1 − alpha) = m × qTotal^−alpha × docTotal^(alpha − 1)
    const s = (bm25 ? m / qSelf : m * qNorm * docNorm[d]!) - penalty * unasked - (cPenalty > 0 && qContrast.length > 0 ? cPenalty * contrastClash(qContrast, index, d) : 0);
    if (s <= 0) continue;
    const e = docEntry[d]!;
    const b = best[e]!;
    if (b === 0) touchedEntries[nEntries++] = e;
    if (s > b) {
      best[e] = s;
      bestDoc[e] = d;
    }
  }
  const top: [number, number][] = [];
  for (let t = 0; t < nEntries; t++) {
    const e = touchedEntries[t]!;
    const s = best[e]!;
    best[e] = 0;
    if (s <= 0 || (top.length === limit && s <= top[top.length - 1]![1])) continue;
    let k = top.length === limit ? limit - 1 : top.length;
    if (top.length < limit) top.push([e, s]);
    // Equal scores keep entry order, as a scan over all entries would.
    while (k > 0 && (top[k - 1]![1] < s || (top[k - 1]![1] === s && top[k - 1]![0] > e))) {
      top[k] = top[k - 1]!;
      k--;
    }
    top[k] = [e, s];
  }
  const info: RankInfo = { unknown: qUnknown / qTotal, length: norm.replace(/ /g, '').length, intentMismatch: 0, evidence: 0, queryShare: 0, contrastClash: 0 };
  if (top.length > 0) {
    // The best text's exact overlap (no soft credit) and the intents it does not share with the question.
    let ov = 0;
    let shared = 0;
    let docIntents = 0;
    for (const id of index.docs[bestDoc[top[0]![0]]!]!.fids) {
      const v = qv.get(id);
      if (index.isIntent[id]) {
        docIntents++;
        if (v !== undefined) shared++;
      }
      if (v !== undefined) ov += v;
    }
    info.intentMismatch = qIntents + docIntents - 2 * shared;
    info.evidence = ov / index.maxIdf;
    info.queryShare = ov / qTotal;
    info.contrastClash = qContrast.length > 0 ? contrastClash(qContrast, index, bestDoc[top[0]![0]]!) : 0;
  }
  return { ranked: top.map(([e, score]) => ({ id: index.ids[e]!, score })), info };
}

let neighbours: Map<string, [string, number][]> | undefined;

function charNeighbours(): Map<string, [string, number][]> {
  if (neighbours) return neighbours;
  neighbours = new Map();
  for (const item of CHAR_NEIGHBOURS_DATA.split(' ')) {
    const [c, ...rest] = Array.from(item);
    if (!c) continue;
    const list: [string, number][] = [];
    for (const part of rest.join('').split(',')) {
      const [d, ...digits] = Array.from(part);
      if (d) list.push([d, Number(digits.join('')) / 100]);
    }
    neighbours.set(c, list);
  }
  return neighbours;
}

/**
 * Soft character matching: a question character that an entry text lacks is credited with the best
 * of its neighbours that the text has (neighbour's weight × similarity × softChar), once.
 */
function softCharOverlap(index: FaqIndex, q: Map<string, number>, nTouched: number): number {
  const nb = charNeighbours();
  const gamma = index.opts.softChar;
  const { has, credit, overlap, touched, creditTouched } = index.scratch;
  const { lenFactor, postings, idf: idfs, fid } = index;
  let n = nTouched;
  for (const [f, wt] of q) {
    if (f.charCodeAt(0) !== 99 /* c */) continue;
    const list = nb.get(f.slice(2));
    if (!list) continue;
    const ownId = fid.get(f);
    const own = ownId === undefined ? undefined : postings[ownId];
    if (own) for (let k = 0; k < own.length; k++) has[own[k]!] = 1;
    let nCredit = 0;
    for (const [d2, sim] of list) {
      const g = `c:${d2}`;
      if (q.has(g)) continue;
      const id = fid.get(g);
      if (id === undefined) continue;
      const post = postings[id]!;
      const v = wt * idfs[id]! * sim * gamma;
      for (let k = 0; k < post.length; k++) {
        const d = post[k]!;
        if (has[d]) continue;
        const c = v * lenFactor[d]!;
        const old = credit[d]!;
        if (old === 0) creditTouched[nCredit++] = d;
        if (c > old) credit[d] = c;
      }
    }
    for (let t = 0; t < nCredit; t++) {
      const d = creditTouched[t]!;
      if (overlap[d] === 0) touched[n++] = d;
      overlap[d]! += credit[d]!;
      credit[d] = 0;
    }
    if (own) for (let k = 0; k < own.length; k++) has[own[k]!] = 0;
  }
  return n;
}

/**
 * Rank and decide. Confident → `match` is the best entry and `suggestions` the next ones (so match +
 * suggestions are the top 3); otherwise `match` is null and `suggestions` the top 3 above the floor.
 */
export function match(index: FaqIndex, text: string): MatchResult {
  const { ranked, info } = rankWithInfo(index, text);
  const top = ranked[0];
  const second = ranked[1]?.score ?? 0;
  const { threshold, minGap, suggestFloor } = index.opts;
  const p = confidence(ranked, info);
  // An entry about another member of a contrast class (冰箱 asked, 空调 answered) is never asserted:
  // it can only be suggested.
  const confident = top !== undefined && p >= threshold && top.score - second >= minGap && info.contrastClash === 0;
  const rest = (confident ? ranked.slice(1, 3) : ranked.slice(0, 3)).filter((s) => s.score >= suggestFloor);
  return { match: confident ? top : null, suggestions: rest, ranked, confidence: p };
}
