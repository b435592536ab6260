// Staff keyword rules (`faq_rules`), run before the matcher by askFaq (_shared/faq/index-cache.ts):
// exact or contains → answer with an entry, or hand over to a person.
import type { FaqRule } from '../../core/api';
import { AppError } from '../../core/envelope';
import { MANAGERS } from '../../core/roles';
import { faqSchemas } from '../../core/schemas/faq.schema';
import { audit } from '../_shared/audit';
import { db, _ } from '../_shared/cloud';
import { first, rows } from '../_shared/db';
import { invalidateFaqIndex } from '../_shared/faq/index-cache';
import { action } from '../_shared/handler';
import { FAQ_READERS } from './faq.admin.actions';
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
      const list = await rows<StoredRule>(rulesCol().orderBy('order', 'asc').limit(500));
      const q = await questions([...new Set(list.flatMap((r) => (r.entryId ? [r.entryId] : [])))]);
      return list.map((r) => ruleView(r, q));
    },
  }),

  saveRule: action({
    access: MANAGERS,
    input: faqSchemas.saveRule,
    async run(ctx, input): Promise<FaqRule> {
      const q = new Map<string, string>();
      if (input.ruleAction === 'answer') {
        const e = await first<StoredEntry>(entries().where({ _id: input.entryId! }));
        if (!e) throw new AppError('NOT_FOUND', '规则要回答的问题不存在');
        q.set(e._id, e.question);
      }
      const fields = {
        pattern: input.pattern,
        match: input.match,
        action: input.ruleAction,
        // A hand-over rule answers with nothing: drop a leftover entry.
        entryId: input.ruleAction === 'answer' ? input.entryId! : null,
        enabled: input.enabled,
        order: input.order,
        updatedAt: ctx.now,
        updatedBy: ctx.openid,
      };
      let id = input.id;
      if (id) {
        const before = await first<StoredRule>(rulesCol().where({ _id: id }));
        if (!before) throw new AppError('NOT_FOUND', '没有找到这条规则，它可能已被删除');
        await rulesCol().doc(id).update({ data: fields });
        await audit(ctx.openid, 'faq.rule.update', `faq_rules/${id}`, { pattern: before.pattern, match: before.match, action: before.action, enabled: before.enabled }, { pattern: input.pattern, match: input.match, action: input.ruleAction, enabled: input.enabled });
      } else {
        id = ((await rulesCol().add({ data: { ...fields, createdAt: ctx.now } })) as { _id: string })._id;
        await audit(ctx.openid, 'faq.rule.create', `faq_rules/${id}`, null, { pattern: input.pattern, match: input.match, action: input.ruleAction, enabled: input.enabled });
      }
      invalidateFaqIndex();
      const { entryId, ...rest } = fields;
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
