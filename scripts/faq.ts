// `npm run --silent faq -- match|eval --faq <faq.json> --queries <queries.jsonl> [--jieba]`
// match: one JSON line per query {"query","match","score","suggestions"}.
// eval: accuracy, precision on answered, coverage, recall@1, top-3 recall on answerable questions,
// latency percentiles — and the same for a character-bigram TF-IDF baseline computed in this run.
// --jieba adds jieba words to the features (measured: no gain on the dev half, ~150–250 ms to load;
// see docs/faq-matcher.md), so the default is characters, bigrams, synonyms and intents only.
// FAQ_OPTS='{"softChar":0}' overrides MatchOptions, for ablations.
import fs from 'node:fs';
import { buildIndex, match, normalize, type FaqEntryInput, type MatchOptions } from '../core/faq';
import { jiebaSegment } from './faq/jieba';

interface Query {
  query: string;
  expected?: string | null;
}
interface Outcome {
  match: string | null;
  score: number;
  top3: string[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function readFaq(file: string): FaqEntryInput[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { id: string; question: string; similar?: string[]; keywords?: string[] }[];
  return raw.map((e) => ({ id: String(e.id), question: e.question, similar: e.similar, keywords: e.keywords }));
}

function readQueries(file: string): Query[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Query);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function metrics(queries: Query[], outcomes: Outcome[]) {
  let correct = 0;
  let answered = 0;
  let answeredRight = 0;
  let answerable = 0;
  let r1 = 0;
  let r3 = 0;
  queries.forEach((q, i) => {
    const o = outcomes[i]!;
    const exp = q.expected ?? null;
    if (o.match !== null) answered++;
    if (o.match === exp) correct++;
    if (o.match !== null && o.match === exp) answeredRight++;
    if (exp !== null) {
      answerable++;
      if (o.top3[0] === exp) r1++;
      if (o.top3.includes(exp)) r3++;
    }
  });
  const n = queries.length || 1;
  return {
    accuracy: correct / n,
    precision: answered ? answeredRight / answered : 0,
    coverage: answered / n,
    recall1: answerable ? r1 / answerable : 0,
    top3: answerable ? r3 / answerable : 0,
  };
}

// ---- baseline: character-bigram TF-IDF, cosine; threshold picked on the queries themselves ----

function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const run of normalize(text).split(' ')) {
    const c = Array.from(run);
    if (c.length === 1) out.set(c[0]!, (out.get(c[0]!) ?? 0) + 1);
    for (let i = 0; i + 1 < c.length; i++) out.set(c[i]! + c[i + 1]!, (out.get(c[i]! + c[i + 1]!) ?? 0) + 1);
  }
  return out;
}

function tfidfBaseline(faq: FaqEntryInput[], queries: Query[]): { outcomes: Outcome[]; threshold: number } {
  const docs = faq.map((e) => bigrams([e.question, ...(e.similar ?? [])].join(' ')));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log((1 + docs.length) / (1 + (df.get(t) ?? 0))) + 1;
  const vec = (m: Map<string, number>) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, tf] of m) {
      const w = tf * idf(t);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  };
  const dv = docs.map(vec);
  const ranked = queries.map((q) => {
    const qv = vec(bigrams(q.query));
    const s = dv.map((d, i) => {
      let dot = 0;
      for (const [t, w] of qv) dot += w * (d.get(t) ?? 0);
      return [i, dot] as const;
    });
    s.sort((a, b) => b[1] - a[1]);
    return s.slice(0, 3);
  });
  let best = { acc: -1, threshold: 0, outcomes: [] as Outcome[] };
  for (let t = 0; t <= 1.0001; t += 0.02) {
    const outcomes = ranked.map((r) => ({
      match: r[0] && r[0][1] >= t ? faq[r[0][0]]!.id : null,
      score: r[0]?.[1] ?? 0,
      top3: r.filter((x) => x[1] > 0).map((x) => faq[x[0]]!.id),
    }));
    const m = metrics(queries, outcomes);
    if (m.accuracy > best.acc) best = { acc: m.accuracy, threshold: t, outcomes };
  }
  return { outcomes: best.outcomes, threshold: best.threshold };
}

function fmt(m: ReturnType<typeof metrics>): string {
  return `accuracy ${m.accuracy.toFixed(3)}  precision ${m.precision.toFixed(3)}  coverage ${m.coverage.toFixed(3)}  recall@1 ${m.recall1.toFixed(3)}  top-3 ${m.top3.toFixed(3)}`;
}

// `faq match … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

function main(): void {
  const mode = process.argv[2];
  const faqFile = arg('--faq');
  const queriesFile = arg('--queries');
  if ((mode !== 'match' && mode !== 'eval') || !faqFile || !queriesFile) {
    console.error('usage: faq match|eval --faq <faq.json> --queries <queries.jsonl> [--jieba]');
    process.exit(2);
  }
  const faq = readFaq(faqFile);
  const queries = readQueries(queriesFile);
  const t0 = performance.now();
  const segment = process.argv.includes('--jieba') ? jiebaSegment() : undefined;
  const t1 = performance.now();
  const opts: MatchOptions = { segment };
  if (process.env.FAQ_OPTS) Object.assign(opts, JSON.parse(process.env.FAQ_OPTS) as MatchOptions);
  const index = buildIndex(faq, opts);
  const t2 = performance.now();
  const latencies: number[] = [];
  const outcomes: Outcome[] = [];
  for (const q of queries) {
    const s = performance.now();
    const r = match(index, q.query);
    latencies.push(performance.now() - s);
    outcomes.push({ match: r.match?.id ?? null, score: r.ranked[0]?.score ?? 0, top3: [...(r.match ? [r.match.id] : []), ...r.suggestions.map((x) => x.id)] });
    if (mode === 'match') {
      console.log(JSON.stringify({ query: q.query, match: r.match?.id ?? null, score: Number((r.ranked[0]?.score ?? 0).toFixed(4)), suggestions: r.suggestions.map((x) => x.id) }));
    }
  }
  if (mode === 'match') return;
  latencies.sort((a, b) => a - b);
  const m = metrics(queries, outcomes);
  const base = tfidfBaseline(faq, queries);
  console.log(`entries ${faq.length}  queries ${queries.length}  answerable ${queries.filter((q) => q.expected !== null && q.expected !== undefined).length}`);
  console.log(`matcher   ${fmt(m)}`);
  console.log(`baseline  ${fmt(metrics(queries, base.outcomes))}  (char-bigram TF-IDF cosine, threshold ${base.threshold.toFixed(2)} picked on these queries)`);
  console.log(`latency ms  p50 ${percentile(latencies, 50).toFixed(3)}  p90 ${percentile(latencies, 90).toFixed(3)}  p99 ${percentile(latencies, 99).toFixed(3)}  max ${percentile(latencies, 100).toFixed(3)}`);
  console.log(`segmenter load ${(t1 - t0).toFixed(0)} ms  index build ${(t2 - t1).toFixed(1)} ms`);
}

main();
