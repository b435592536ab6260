// Staff keyword rules (`faq_rules`), run before the matcher by askFaq (_shared/faq/index-cache.ts):
// exact or contains → answer with an entry, or hand over to a person.
import type { FaqRule } from '../../core/api';
import { AppError } from '../../core/envelope';
import { FAQ_LIMITS } from '../../core/faq/limits';
import { MANAGERS } from '../../core/roles';
import { faqSchemas } from '../../core/schemas/faq.schema';
import { audit } from '../_shared/audit';
import { db, _ } from '../_shared/cloud';
import { first, newId, rows, total } from '../_shared/db';
import { invalidateFaqIndex } from '../_shared/faq/index-cache';
import { action } from '../_shared/handler';
import { transact, txGet } from '../_shared/tx';
import { FAQ_READERS, touchRulesLock } from './faq.admin.actions';
import { entries, type StoredEntry } from './faq.store';

const rulesCol = () => db.collection('faq_rules');

interface StoredRule {
  _id: string;
  pattern: string;
  match: FaqRule['match'];
  action: FaqRule['action'];
  entryId?: string;
  enabled?: boolean;
  order?: number;
  updatedAt?: Date;
}

function ruleView(r: StoredRule, questions: Map<string, string>): FaqRule {
  const q = r.entryId ? questions.get(r.entryId) : undefined;
  return {
    id: r._id,
    pattern: r.pattern,
    match: r.match,
    action: r.action,
    ...(r.entryId ? { entryId: r.entryId } : {}),
    ...(q !== undefined ? { entryQuestion: q } : {}),
    enabled: r.enabled === true,
    order: r.order ?? 0,
    updatedAt: (r.updatedAt ? new Date(r.updatedAt) : new Date(0)).toISOString(),
  };
}

async function questions(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await rows<StoredEntry>(entries().where({ _id: _.in(ids) }).field({ _id: true, question: true }).limit(1000));
  return new Map(found.map((e) => [e._id, e.question]));
}

export const faqRulesActions = {
  rules: action({
    access: FAQ_READERS,
    input: faqSchemas.rules,
    async run(): Promise<FaqRule[]> {
      const list = await rows<StoredRule>(rulesCol().orderBy('order', 'asc').limit(FAQ_LIMITS.rules));
      const q = await questions([...new Set(list.flatMap((r) => (r.entryId ? [r.entryId] : [])))]);
      return list.map((r) => ruleView(r, q));
    },
  }),

  saveRule: action({
    access: MANAGERS,
    input: faqSchemas.saveRule,
    async run(ctx, input): Promise<FaqRule> {
      // One transaction on `settings/faq_rules` (which faq.remove also writes): creations serialize, so the
      // count below is exact and two at once cannot pass the limit; and a rule cannot be saved for an entry
      // that a concurrent remove takes away (it reads the entry here, remove removes it: one conflicts).
      const { id, before, fields, question } = await transact(async (t) => {
        await touchRulesLock(t, ctx);
        let question: string | undefined;
        if (input.ruleAction === 'answer') {
          const e = await txGet<StoredEntry>(t, 'faq_entries', input.entryId!);
          if (!e) throw new AppError('NOT_FOUND', '规则要回答的问题不存在');
          question = e.question;
        }
        const stored = input.id ? await txGet<StoredRule>(t, 'faq_rules', input.id) : null;
        if (input.id && !stored) throw new AppError('NOT_FOUND', '没有找到这条规则，它可能已被删除');
        if (!stored && (await total(rulesCol().where({}))) >= FAQ_LIMITS.rules) {
          throw new AppError('INVALID_INPUT', `关键词规则最多 ${FAQ_LIMITS.rules} 条，请先删除不用的规则`);
        }
        const fields = {
          pattern: input.pattern,
          match: input.match,
          action: input.ruleAction,
          // A hand-over rule answers with nothing: drop a leftover entry.
          entryId: input.ruleAction === 'answer' ? input.entryId! : null,
          // Omitted on edit: kept as stored; on create: enabled, order 0.
          enabled: input.enabled ?? (stored ? stored.enabled === true : true),
          order: input.order ?? stored?.order ?? 0,
          updatedAt: ctx.now,
          updatedBy: ctx.openid,
        };
        const id = input.id ?? newId();
        if (stored) await t.collection('faq_rules').doc(id).update({ data: fields });
        else await t.collection('faq_rules').add({ data: { _id: id, ...fields, createdAt: ctx.now } });
        return { id, before: stored, fields, question };
      });
      const after = { pattern: fields.pattern, match: fields.match, action: fields.action, enabled: fields.enabled };
      if (before) await audit(ctx.openid, 'faq.rule.update', `faq_rules/${id}`, { pattern: before.pattern, match: before.match, action: before.action, enabled: before.enabled }, after);
      else await audit(ctx.openid, 'faq.rule.create', `faq_rules/${id}`, null, after);
      invalidateFaqIndex();
      const { entryId, ...rest } = fields;
      const q = new Map<string, string>(entryId && question !== undefined ? [[entryId, question]] : []);
      return ruleView({ _id: id, ...rest, ...(entryId ? { entryId } : {}) }, q);
    },
  }),

  removeRule: action({
    access: MANAGERS,
    input: faqSchemas.removeRule,
    async run(ctx, input) {
      const before = await first<StoredRule>(rulesCol().where({ _id: input.id }));
      if (!before) return { removed: false };
      await rulesCol().doc(input.id).remove();
      await audit(ctx.openid, 'faq.rule.remove', `faq_rules/${input.id}`, { pattern: before.pattern, action: before.action }, null);
      invalidateFaqIndex();
      return { removed: true };
    },
  }),
};
