// `npm run bench:faq`: the FAQ matcher's index build time and memory at 2,000 and 10,000 synthetic
// entries, and query latency p50/p99 (characters, bigrams, synonyms, intents, soft characters — the
// default configuration; pass --jieba to add jieba words). Entries and queries are generated here
// from a small vocabulary of customer-service words: no evaluation data is read.
// FAQ_OPTS='{"softChar":0}' overrides MatchOptions.
import { buildIndex, match, type FaqEntryInput } from '../core/faq';
import { jiebaSegment } from '../scripts/faq/jieba';
import { mulberry32 as rng } from '../core/qa';

const SIZES = [2_000, 10_000];
const QUERIES = 2_000;


const SUBJECTS = ['订单', '快递', '退款', '会员', '积分', '优惠券', '发票', '账号', '密码', '手机号', '银行卡', '额度', '利息', '还款', '借款', '预约', '门店', '售后', '保修', '安装', '配送', '押金', '充值', '余额', '提现', '实名认证', '验证码', '地址', '套餐', '合同'];
const ACTIONS = ['修改', '取消', '查询', '申请', '开通', '关闭', '绑定', '解绑', '补办', '延期', '使用', '领取', '退回', '更换', '确认'];
const FRAMES = ['怎么{a}{s}', '{s}可以{a}吗', '为什么{s}{a}不了', '{s}多久能{a}', '{a}{s}要多少钱', '在哪里{a}{s}', '{s}{a}失败怎么办', '{s}{a}后什么时候到账', '能不能帮我{a}一下{s}', '{s}{a}需要什么材料'];
const EXTRAS = ['', '', '今天', '昨天', '第二次', '在小程序里', '用微信', '节假日', '晚上', '马上'];

// "diverse": a real FAQ of 10,000 entries names many products and things; 1,500 made-up two-character
// nouns (random characters of the common CJK block) stand in for them. "dense": the 30 subjects only —
// every query then shares features with most entries, the worst case for posting lists.
const r0 = rng(7);
const NOUNS = Array.from({ length: 1500 }, () => String.fromCharCode(0x4e00 + Math.floor(r0() * 3000), 0x4e00 + Math.floor(r0() * 3000)));
let diverse = true;

function sentence(r: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const subject = diverse && r() < 0.7 ? pick(NOUNS) + pick(SUBJECTS) : pick(SUBJECTS);
  return pick(EXTRAS) + pick(FRAMES).replace('{a}', pick(ACTIONS)).replace('{s}', subject) + (r() < 0.3 ? pick(SUBJECTS) : '');
}

function entries(n: number, seed: number): FaqEntryInput[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    question: sentence(r),
    similar: r() < 0.5 ? [sentence(r), sentence(r)] : [],
    keywords: r() < 0.2 ? ['人工'] : [],
  }));
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const useJieba = process.argv.includes('--jieba');
const segment = useJieba ? jiebaSegment() : undefined;
console.log(`FAQ matcher bench (${useJieba ? 'with jieba words' : 'default: no segmenter'}), node ${process.version}`);
console.log('data     entries  texts  build ms  heap MB  p50 ms  p99 ms  max ms');
for (const [mode, n] of [['diverse', SIZES[0]], ['diverse', SIZES[1]], ['dense', SIZES[0]], ['dense', SIZES[1]]] as const) {
  diverse = mode === 'diverse';
  const faq = entries(n, n);
  buildIndex(entries(200, 1), { segment }); // warm the JIT and the neighbour table
  (globalThis as { gc?: () => void }).gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = buildIndex(faq, { segment, ...(process.env.FAQ_OPTS ? (JSON.parse(process.env.FAQ_OPTS) as object) : {}) });
  const build = performance.now() - t0;
  const heap = (process.memoryUsage().heapUsed - heap0) / 1e6;
  const r = rng(99);
  const queries = Array.from({ length: QUERIES }, () => sentence(r));
  for (let i = 0; i < 200; i++) match(index, queries[i]!);
  const lat: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    match(index, q);
    lat.push(performance.now() - s);
  }
  lat.sort((a, b) => a - b);
  console.log(
    `${mode.padEnd(7)}  ${String(n).padStart(7)}  ${String(index.docs.length).padStart(5)}  ${build.toFixed(0).padStart(8)}  ${heap.toFixed(1).padStart(7)}  ${pct(lat, 50).toFixed(3).padStart(6)}  ${pct(lat, 99).toFixed(3).padStart(6)}  ${lat[lat.length - 1]!.toFixed(2).padStart(6)}`,
  );
}

