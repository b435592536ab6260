// `npm run bench:faq-duplicates`: what `faq.duplicates` costs on a grown FAQ. Synthetic entries (made up
// here from a small customer-service vocabulary, one in ten a reworded copy of another; no evaluation
// data) at 2,000, 3,000 and 4,000 entries (above the 3,000 cap: `checked` stays 3,000).
// 1. The pure part in this process: building the index and `findDuplicates` (one query per entry).
// 2. End to end through the gateway of an in-process emulator with the real `faq` bundle: reading the
//    entries, the synonyms and the dismissed pairs, building, comparing, answering (p50 / max of 5 calls).
import os from 'node:os';
import { buildIndex, type FaqEntryInput } from '../core/faq';
import { findDuplicates } from '../core/faq/duplicates';
import { startEmulator } from '../emulator/server';
import { buildStaleFunctions } from '../scripts/build-functions';
import { mulberry32 as rng } from '../core/qa';

const SIZES = [2_000, 3_000, 4_000];
const RUNS = 5;


const SUBJECTS = ['订单', '快递', '退款', '会员', '积分', '优惠券', '发票', '账号', '密码', '手机号', '银行卡', '额度', '还款', '预约', '门店', '售后', '保修', '安装', '配送', '押金', '充值', '余额', '提现', '验证码', '地址', '套餐'];
const ACTIONS = ['修改', '取消', '查询', '申请', '开通', '关闭', '绑定', '解绑', '补办', '延期', '领取', '更换'];
const FRAMES = ['怎么{a}{s}', '{s}可以{a}吗', '为什么{s}{a}不了', '{s}多久能{a}', '{a}{s}要多少钱', '在哪里{a}{s}', '{s}{a}失败怎么办', '{s}{a}需要什么材料'];
/** How a customer rewords the same question: the near-duplicates staff end up with. */
const REWORD: Array<[RegExp, string]> = [
  [/^怎么/, '如何'],
  [/可以/, '能不能'],
  [/吗$/, '么'],
  [/怎么办$/, '如何处理'],
  [/要多少钱$/, '收费吗'],
  [/在哪里/, '去哪'],
];

function syntheticFaq(n: number): Array<FaqEntryInput & { enabled: boolean }> {
  const r = rng(n);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  // Made-up two-character product names keep a large FAQ diverse, as a real one is.
  const nouns = Array.from({ length: Math.ceil(n / 4) }, () => String.fromCharCode(0x4e00 + Math.floor(r() * 3000), 0x4e00 + Math.floor(r() * 3000)));
  const sentence = () => pick(FRAMES).replace('{a}', pick(ACTIONS)).replace('{s}', pick(nouns) + pick(SUBJECTS));
  const out: Array<FaqEntryInput & { enabled: boolean }> = [];
  for (let i = 0; i < n; i++) {
    const base = i > 10 && r() < 0.1 ? out[Math.floor(r() * out.length)]!.question : null;
    const question = base ? REWORD.reduce((q, [re, to]) => (r() < 0.5 ? q.replace(re, to) : q), base) + (r() < 0.5 ? '？' : '') : sentence();
    out.push({ id: `dup-${i}`, question, similar: r() < 0.5 ? [sentence()] : [], keywords: [], enabled: r() < 0.8 });
  }
  return out;
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  console.log(`faq.duplicates benchmark — ${os.cpus().length} cores, Node ${process.version}`);
  console.log('\n1. Pure: buildIndex + findDuplicates (entries: question + similar questions)');
  for (const n of SIZES) {
    const faq = syntheticFaq(Math.min(n, 3_000));
    const t0 = performance.now();
    const index = buildIndex(faq);
    const t1 = performance.now();
    const pairs = findDuplicates(index, faq);
    const t2 = performance.now();
    console.log(`   ${String(faq.length).padStart(5)} entries: build ${ms(t1 - t0).padStart(7)}, compare ${ms(t2 - t1).padStart(7)}, ${pairs.length} pairs listed`);
    if (n >= 3_000) break;
  }

  console.log('\n2. End to end: faq.duplicates through the gateway (real bundle, in-memory SQLite)');
  await buildStaleFunctions();
  for (const n of SIZES) {
    const emu = await startEmulator({ port: 0, dataDir: ':memory:', timers: false, log: () => {} });
    try {
      const seeded = emu.db.count('faq_entries');
      const now = Date.now();
      emu.db.insert(
        'faq_entries',
        syntheticFaq(n - seeded).map((e, i) => ({ _id: e.id, categoryId: 'cat-usage', question: e.question, answer: '答案。', similar: e.similar, keywords: e.keywords, enabled: e.enabled, order: 0, views: 0, helpful: 0, notHelpful: 0, createdAt: new Date(now - i * 1000), updatedAt: new Date(now - i * 1000) })),
      );
      const login = (await (await fetch(`${emu.url}/api/dev/login`, { method: 'POST', body: '{"role":"supervisor"}' })).json()) as { token: string };
      const call = async () => {
        const started = performance.now();
        const res = await fetch(`${emu.url}/api/fn/faq`, { method: 'POST', headers: { authorization: `Bearer ${login.token}` }, body: '{"action":"duplicates"}' });
        const body = (await res.json()) as { ok: boolean; data?: { pairs: unknown[]; checked: number; total: number }; error?: unknown };
        if (!body.ok || !body.data) throw new Error(`faq.duplicates failed: ${JSON.stringify(body.error)}`);
        return { ms: performance.now() - started, data: body.data };
      };
      const cold = await call();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push((await call()).ms);
      times.sort((a, b) => a - b);
      const d = cold.data;
      console.log(
        `   ${String(emu.db.count('faq_entries')).padStart(5)} entries (checked ${d.checked} of ${d.total}, ${d.pairs.length} pairs): first call ${ms(cold.ms)}, then p50 ${ms(times[Math.floor(times.length / 2)]!)}, max ${ms(times.at(-1)!)}`,
      );
    } finally {
      await emu.close();
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
