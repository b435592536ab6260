// Refits NO_MATCH_MODEL (core/faq/index.ts) on labelled questions, and checks it by 2-fold
// cross-validation over random splits, so that what is fitted stays a few general coefficients.
// Run: npx tsx scripts/faq/fit-no-match.ts --faq <faq.json> --queries <queries.jsonl> [--splits 10]
// Prints the held-out accuracy / precision / coverage of the refitted model and of the model in the
// code, then the coefficients and threshold fitted on all questions (to paste into index.ts).
// FAQ_OPTS='{"intentPenalty":0}' overrides MatchOptions, as for `npm run faq`. The questions are
// only read: nothing of them is written anywhere.
import fs from 'node:fs';
import { buildIndex, confidence, DEFAULTS, rankWithInfo, type FaqEntryInput, type MatchOptions, type NO_MATCH_MODEL } from '../../core/faq';
import { mulberry32 as rng } from '../../core/qa';

type Coef = Exclude<keyof typeof NO_MATCH_MODEL, 'bias'>;
const NAMES: Coef[] = ['top', 'gap2', 'gap3', 'unknown', 'logLen', 'intentMismatch', 'evidence', 'queryShare'];

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

interface Row {
  x: number[]; // NAMES order
  valid: boolean; // some entry scored > 0
  right: boolean; // the best entry is the expected one
  isNull: boolean; // no entry answers the question
  pCode: number; // probability from the model in the code
}

function rows(faqFile: string, queriesFile: string): Row[] {
  const faq = (JSON.parse(fs.readFileSync(faqFile, 'utf8')) as FaqEntryInput[]).map((e) => ({ ...e, id: String(e.id) }));
  const index = buildIndex(faq, process.env.FAQ_OPTS ? (JSON.parse(process.env.FAQ_OPTS) as MatchOptions) : {});
  return fs
    .readFileSync(queriesFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { query: string; expected?: string | null })
    .map((q) => {
      const { ranked, info } = rankWithInfo(index, q.query);
      const s = [0, 1, 2].map((k) => ranked[k]?.score ?? 0);
      const x = [s[0]!, s[0]! - s[1]!, s[0]! - s[2]!, info.unknown, Math.log(1 + info.length), info.intentMismatch, info.evidence, info.queryShare];
      const expected = q.expected ?? null;
      return { x, valid: s[0]! > 0, right: ranked[0]?.id === expected, isNull: expected === null, pCode: confidence(ranked, info) };
    });
}

// Logistic regression by Newton's method on standardized features, L2 penalty on the weights.
function fit(data: Row[], l2 = 1): { bias: number; w: number[] } {
  const train = data.filter((r) => r.valid);
  const k = NAMES.length;
  const mu = NAMES.map((_, j) => train.reduce((a, r) => a + r.x[j]!, 0) / train.length);
  const sd = NAMES.map((_, j) => Math.sqrt(train.reduce((a, r) => a + (r.x[j]! - mu[j]!) ** 2, 0) / train.length) || 1);
  const z = train.map((r) => [1, ...r.x.map((v, j) => (v - mu[j]!) / sd[j]!)]);
  const y = train.map((r) => (r.right ? 1 : 0));
  let w = new Array<number>(k + 1).fill(0);
  for (let it = 0; it < 30; it++) {
    const g = new Array<number>(k + 1).fill(0);
    const h = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
    z.forEach((zi, i) => {
      const p = 1 / (1 + Math.exp(-zi.reduce((a, v, j) => a + v * w[j]!, 0)));
      for (let a = 0; a <= k; a++) {
        g[a]! += (p - y[i]!) * zi[a]!;
        for (let b = 0; b <= k; b++) h[a]![b]! += p * (1 - p) * zi[a]! * zi[b]!;
      }
    });
    for (let a = 1; a <= k; a++) {
      g[a]! += l2 * w[a]!;
      h[a]![a]! += l2;
    }
    const step = solve(h, g);
    w = w.map((v, j) => v - step[j]!);
  }
  // Back to the raw features' scale.
  const raw = NAMES.map((_, j) => w[j + 1]! / sd[j]!);
  return { bias: w[0]! - raw.reduce((a, v, j) => a + v * mu[j]!, 0), w: raw };
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

const prob = (model: { bias: number; w: number[] }, r: Row): number => (r.valid ? 1 / (1 + Math.exp(-(model.bias + r.x.reduce((a, v, j) => a + v * model.w[j]!, 0)))) : 0);

function score(data: Row[], p: number[], t: number): { accuracy: number; precision: number; coverage: number } {
  let correct = 0;
  let answered = 0;
  let right = 0;
  data.forEach((r, i) => {
    const answer = p[i]! >= t && r.valid;
    if (answer) answered++;
    if (answer && r.right) right++;
    if ((answer && r.right) || (!answer && r.isNull)) correct++;
  });
  return { accuracy: correct / data.length, precision: answered ? right / answered : 0, coverage: answered / data.length };
}

function bestThreshold(data: Row[], p: number[]): number {
  let best = { acc: -1, t: 0.5 };
  for (let t = 0.05; t < 0.95; t += 0.005) {
    const { accuracy } = score(data, p, t);
    if (accuracy > best.acc) best = { acc: accuracy, t };
  }
  return best.t;
}


function main(): void {
  const faqFile = arg('--faq');
  const queriesFile = arg('--queries');
  if (!faqFile || !queriesFile) {
    console.error('usage: fit-no-match --faq <faq.json> --queries <queries.jsonl> [--splits 10]');
    process.exit(2);
  }
  const data = rows(faqFile, queriesFile);
  const threshold = process.env.FAQ_OPTS ? ((JSON.parse(process.env.FAQ_OPTS) as MatchOptions).threshold ?? DEFAULTS.threshold) : DEFAULTS.threshold;
  const splits = Number(arg('--splits', '10'));
  const held = { refit: [] as ReturnType<typeof score>[], code: [] as ReturnType<typeof score>[] };
  const r = rng(1);
  for (let s = 0; s < splits; s++) {
    const order = data.map((_, i) => i).sort(() => r() - 0.5);
    const half = Math.floor(order.length / 2);
    for (const [tr, te] of [
      [order.slice(0, half), order.slice(half)],
      [order.slice(half), order.slice(0, half)],
    ] as const) {
      const train = tr.map((i) => data[i]!);
      const test = te.map((i) => data[i]!);
      const m = fit(train);
      const t = bestThreshold(train, train.map((x) => prob(m, x)));
      held.refit.push(score(test, test.map((x) => prob(m, x)), t));
      held.code.push(score(test, test.map((x) => x.pCode), threshold));
    }
  }
  const mean = (xs: ReturnType<typeof score>[]) => (['accuracy', 'precision', 'coverage'] as const).map((k) => `${k} ${(xs.reduce((a, x) => a + x[k], 0) / xs.length).toFixed(3)}`).join('  ');
  console.log(`held-out halves, ${splits} × 2-fold:`);
  console.log(`  refitted model  ${mean(held.refit)}`);
  console.log(`  model in code   ${mean(held.code)}  (threshold ${threshold}; fitted on all of them if these are dev)`);
  const m = fit(data);
  const t = bestThreshold(data, data.map((x) => prob(m, x)));
  const all = score(data, data.map((x) => prob(m, x)), t);
  console.log(`fitted on all: accuracy ${all.accuracy.toFixed(3)}  precision ${all.precision.toFixed(3)}  coverage ${all.coverage.toFixed(3)}  threshold ${t.toFixed(3)}`);
  const coef: Record<string, number> = { bias: Number(m.bias.toFixed(3)) };
  NAMES.forEach((n, j) => (coef[n] = Number(m.w[j]!.toFixed(3))));
  console.log(`NO_MATCH_MODEL = ${JSON.stringify(coef)}`);
}

main();
