import { EJSON } from 'bson';
import { describe, expect, it } from 'vitest';
import { cloneValue, decodeWire, encode, normalizeDoc } from './ejson';
import { DbError } from './errors';

const wire = (v: unknown): string => EJSON.stringify(v as never, { relaxed: false });

describe('decodeWire', () => {
  it('turns canonical EJSON into plain JS values', () => {
    const at = new Date('2024-03-04T05:06:07.089Z');
    const text = wire({ i: 1, d: 1.5, big: 2 ** 40, s: 'x', b: true, z: null, at, list: [1, 'a', { at }] });
    expect(text).toContain('"$numberInt"');
    expect(text).toContain('"$date"');
    expect(decodeWire(text)).toEqual({ i: 1, d: 1.5, big: 2 ** 40, s: 'x', b: true, z: null, at, list: [1, 'a', { at }] });
  });

  it('accepts an already-parsed JSON object', () => {
    expect(decodeWire({ n: { $numberInt: '7' }, at: { $date: { $numberLong: '0' } } })).toEqual({ n: 7, at: new Date(0) });
  });

  it('replaces $tcb_server_date by now + offset, at any depth', () => {
    const now = Date.UTC(2024, 0, 1);
    const value = decodeWire(
      wire({ a: { $tcb_server_date: { offset: 0 } }, $set: { 'b.c': { $tcb_server_date: { offset: -1000 } } }, l: [{ $tcb_server_date: {} }] }),
      now,
    );
    expect(value).toEqual({ a: new Date(now), $set: { 'b.c': new Date(now - 1000) }, l: [new Date(now)] });
  });

  it('turns $regularExpression into a JS RegExp, keeping the flags JavaScript knows', () => {
    const value = decodeWire(wire({ name: { $regularExpression: { pattern: '^a.b', options: 'isx' } } })) as { name: RegExp };
    expect(value.name).toBeInstanceOf(RegExp);
    expect(value.name.source).toBe('^a.b');
    expect(value.name.flags).toBe('is');
    expect(value.name.test('A\nb')).toBe(true);
  });

  it('rejects malformed input, invalid regexps and __proto__ keys with INVALID_PARAM', () => {
    for (const bad of ['{not json', wire({ r: { $regularExpression: { pattern: '(', options: '' } } }), '{"__proto__":{"x":1}}']) {
      let error: unknown;
      try {
        decodeWire(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DbError);
      expect((error as DbError).code).toBe('INVALID_PARAM');
    }
  });
});

describe('encode / normalizeDoc / cloneValue', () => {
  it('round-trips dates, regexps and numbers through canonical EJSON', () => {
    const doc = { _id: 'x', at: new Date(5), r: /a+/i, n: 3, f: 0.25, nested: { list: [new Date(6)] } };
    expect(decodeWire(encode(doc))).toEqual(doc);
  });

  it('normalizeDoc drops undefined fields like a store round trip does', () => {
    expect(normalizeDoc({ a: 1, b: undefined, c: { d: undefined, e: 2 } })).toEqual({ a: 1, c: { e: 2 } });
  });

  it('cloneValue copies deeply', () => {
    const doc = { a: { b: [1, { c: new Date(1) }] } };
    const copy = cloneValue(doc);
    expect(copy).toEqual(doc);
    (copy.a.b[1] as { c: Date }).c.setTime(99);
    (copy.a.b as unknown[]).push(2);
    expect(doc).toEqual({ a: { b: [1, { c: new Date(1) }] } });
  });
});
