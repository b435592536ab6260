import { describe, expect, it } from 'vitest';
import { compileRules, matchRule, ruleText, type KeywordRule } from './rules';

const rule = (over: Partial<KeywordRule>): KeywordRule => ({ id: 'r', pattern: '人工', match: 'contains', action: 'handoff', enabled: true, order: 0, ...over });

describe('keyword rules', () => {
  it('folds width, case, script, spaces and punctuation', () => {
    expect(ruleText('  ＶＩＰ 開發票！ ')).toBe('vip开发票');
    expect(ruleText('😀')).toBe('');
  });

  it('exact needs the whole (folded) text; contains any part of it', () => {
    const compiled = compileRules([rule({ id: 'exact', pattern: '人工', match: 'exact' }), rule({ id: 'invoice', pattern: '发票', action: 'answer', entryId: 'faq-008' })]);
    expect(matchRule(compiled, '人工！')?.id).toBe('exact');
    expect(matchRule(compiled, '我要人工')).toBeNull();
    expect(matchRule(compiled, '怎么开發票？')?.id).toBe('invoice');
    expect(matchRule(compiled, '  ')).toBeNull();
  });

  it('the lowest order wins; disabled and empty patterns never match', () => {
    const compiled = compileRules([
      rule({ id: 'late', pattern: '退款', order: 5 }),
      rule({ id: 'early', pattern: '退', order: 1 }),
      rule({ id: 'off', pattern: '退款', order: 0, enabled: false }),
      rule({ id: 'empty', pattern: '！！', order: -1 }),
    ]);
    expect(matchRule(compiled, '退款多久到账')?.id).toBe('early');
    expect(compiled.rules.map((r) => r.id)).toEqual(['early', 'late']);
  });

  it('case-insensitive Latin patterns', () => {
    expect(matchRule(compileRules([rule({ pattern: 'WiFi' })]), '连不上wifi')?.id).toBe('r');
  });
});
