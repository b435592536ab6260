// `npm run bench:seal`: the cost of sealing and opening one value (AES-256-GCM, a fresh 12-byte IV each time),
// for the sizes the product stores: a chat line, a long message, a notification's data, an export chunk.
// Also the cost of sealing/opening the protected fields of a whole document. Prints; asserts nothing.
import { generateKeySpec, openFields, openWith, openerWith, parseKeyring, sealFields, sealWith } from '../cloudfunctions/_shared/seal';

const ring = parseKeyring(`${generateKeySpec('k2')},${generateKeySpec('k1')}`);
const sizes: Array<[string, string]> = [
  ['chat line (20 chars)', '您好，我家热水器不出热水了，怎么办'],
  ['message (500 chars)', '我'.repeat(500)],
  ['notification data (~300 B JSON)', JSON.stringify({ thing1: { value: '发票怎么开？' }, thing2: { value: '在订单详情页申请电子发票即可。' }, time3: { value: '2026年12月1日 10:00' } })],
  ['export chunk (256 K chars)', 'a,b,c\r\n'.repeat(256 * 1024 / 7)],
];

function time(n: number, run: () => void): number {
  for (let i = 0; i < Math.min(n, 1000); i++) run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) run();
  return Number(process.hrtime.bigint() - start) / n / 1000;
}

console.log(`node ${process.version}; µs per call (mean)`);
console.log(`${'value'.padEnd(34)}${'seal'.padStart(10)}${'open'.padStart(10)}${'stored bytes'.padStart(18)}`);
for (const [name, value] of sizes) {
  const n = value.length > 10_000 ? 200 : 50_000;
  const sealed = sealWith(ring, value, 'messages.text');
  const s = time(n, () => sealWith(ring, value, 'messages.text'));
  const o = time(n, () => openWith(ring, sealed, 'messages.text'));
  console.log(`${name.padEnd(34)}${s.toFixed(1).padStart(10)}${o.toFixed(1).padStart(10)}${`${Buffer.byteLength(value)} → ${sealed.length}`.padStart(18)}`);
}
const appt = { _id: 'a1', name: '王小明', phone: '13900139000', address: '北京市朝阳区幸福路 1 号', note: '家里有狗', status: 'booked' };
const sealedAppt = sealFields('appointments', appt, (v, f) => sealWith(ring, v, f));
const opener = openerWith(ring);
console.log(`${'appointment (4 fields)'.padEnd(34)}${time(20_000, () => sealFields('appointments', appt, (v, f) => sealWith(ring, v, f))).toFixed(1).padStart(10)}${time(20_000, () => openFields('appointments', sealedAppt, opener)).toFixed(1).padStart(10)}`);
