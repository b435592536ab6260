// Staff-defined keyword rules, run before the matcher: "人工" → hand over, "发票" → that entry's answer.
// Matching is on a light normalization (full/half width, case, traditional → simplified, no spaces
// or punctuation) — not the matcher's, which drops filler words a rule may be written for (e.g. 在吗).

import { toHalfWidth, toSimplified } from './normalize';

export type RuleMatch = 'exact' | 'contains';
export type RuleAction = 'answer' | 'handoff';

export interface KeywordRule {
  id: string;
  pattern: string;
  match: RuleMatch;
  action: RuleAction;
  /** The entry answered by an 'answer' rule. */
  entryId?: string;
  enabled: boolean;
  order: number;
}

/** Full/half width, case and script folded; whitespace and punctuation removed. */
export function ruleText(text: string): string {
  return toSimplified(toHalfWidth(text)).replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** A rule list compiled once (patterns folded, disabled and empty rules dropped, by `order`). */
export interface CompiledRules {
  rules: Array<KeywordRule & { folded: string }>;
}

export function compileRules(rules: readonly KeywordRule[]): CompiledRules {
  return {
    rules: rules
      .filter((r) => r.enabled)
      .map((r) => ({ ...r, folded: ruleText(r.pattern) }))
      .filter((r) => r.folded.length > 0)
      // Stable sort: equal orders keep the order they were given in.
      .sort((a, b) => a.order - b.order),
  };
}

/** The first rule (by `order`) that the text hits, or null. */
export function matchRule(compiled: CompiledRules, text: string): KeywordRule | null {
  const folded = ruleText(text);
  if (!folded) return null;
  for (const r of compiled.rules) {
    if (r.match === 'exact' ? folded === r.folded : folded.includes(r.folded)) return r;
  }
  return null;
}
