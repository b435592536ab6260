// The audit log (issue 7): every action that changes configuration, roles, invites, FAQ, templates,
// notification and routing settings, services, team quick replies, the QA rubric and scores, KPI
// targets and retention, and every export, writes exactly one entry with who, what, the target and the
// value before and after. Then `admin.audit`: newest first, paged by `before`, filtered by action
// prefix and actor, admins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../core/api';
import { AUDIT_FILTERS } from '../../core/audit';
import { businessDayBefore } from '../../core/export';
import { agentToken, newChat } from '../helpers/conversations';
import { data, errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

type Json = Record<string, unknown>;

interface Row {
  /** `function.action` as called. */
  call: string;
  /** Who calls it: a role's default user, or an OPENID logged in as a customer. */
  as: 'admin' | 'supervisor' | 'qa' | { customer: string };
  /** Builds the input (may call other actions first: their entries are not counted). */
  input: (state: Json) => Promise<Json> | Json;
  action: string;
  target: (result: Json, state: Json) => string;
  /** null for a creation or a data access; for changes and removals the recorded value before. */
  before: null | ((state: Json) => unknown);
  after: null | ((result: Json, state: Json) => unknown);
  /** Keep something of the result for later rows. */
  keep?: (result: Json, state: Json) => void;
}

const SERVICE = { name: '审计测试服务', durationMinutes: 30, capacityPerSlot: 2, workingDays: [1, 2, 3, 4, 5], hours: { start: '09:00', end: '18:00' }, leadHours: 0, maxDaysAhead: 14 };
const today = businessDayBefore(new Date(), 0);

describe('audit coverage', () => {
  let emu: TestEmulator;
  const tokens: Record<string, string> = {};
  const openids: Record<string, string> = { admin: 'demo-admin', supervisor: 'demo-supervisor', qa: 'audit-qa' };
  const state: Json = {};

  const run = async (who: Row['as'], fnAction: string, input: Json) => {
    const [fn, action] = fnAction.split('.') as [string, string];
    const token = typeof who === 'string' ? tokens[who]! : (tokens[who.customer] ??= await emu.login('customer', { openid: who.customer }));
    return emu.call(token, fn, { action, ...input });
  };

  beforeAll(async () => {
    emu = await startTestEmulator();
    tokens.admin = await emu.login('admin', { openid: openids.admin });
    tokens.supervisor = await emu.login('supervisor', { openid: openids.supervisor });
    tokens.qa = await emu.login('qa', { openid: openids.qa });
  });
  afterAll(async () => {
    await emu?.close();
  });

  const rows: Row[] = [
    // ---- roles and invitations ----
    {
      call: 'admin.invite', as: 'admin', input: () => ({ role: 'agent', name: '审计客服' }), action: 'invite.create',
      target: (r) => `invites/${r.id}`, before: null, after: () => ({ role: 'agent', name: '审计客服' }), keep: (r, s) => void (s.invite = r.id),
    },
    {
      call: 'admin.revokeInvite', as: 'admin', input: (s) => ({ id: s.invite }), action: 'invite.revoke',
      target: (_r, s) => `invites/${s.invite}`, before: () => ({ status: 'open' }), after: () => ({ status: 'revoked' }),
    },
    {
      call: 'admin.acceptInvite', as: { customer: 'audit-joiner' },
      input: async () => {
        await emu.login('customer', { openid: 'audit-joiner' });
        const invite = data<{ code: string }>(await emu.call(tokens.admin!, 'admin', { action: 'invite', role: 'agent' }));
        return { code: invite.code };
      },
      action: 'role.set', target: () => 'users/audit-joiner', before: () => ({ role: 'customer' }), after: () => ({ role: 'agent' }),
    },
    {
      call: 'admin.setRole', as: 'admin', input: () => ({ openid: 'audit-joiner', role: 'qa' }), action: 'role.set',
      target: () => 'users/audit-joiner', before: () => ({ role: 'agent' }), after: () => ({ role: 'qa' }),
    },
    // ---- exports and retention ----
    {
      call: 'admin.exportStart', as: 'supervisor', input: () => ({ kind: 'conversations', format: 'csv', from: today, to: today }), action: 'export.start',
      target: (r) => `exports/${r.id}`, before: null, after: () => ({ kind: 'conversations', format: 'csv', from: today, to: today, unmasked: false }),
    },
    {
      call: 'admin.exportStart', as: 'admin', input: () => ({ kind: 'appointments', format: 'csv', from: today, to: today, unmasked: true }), action: 'export.unmasked',
      target: (r) => `exports/${r.id}`, before: null, after: () => ({ kind: 'appointments', unmasked: true }),
    },
    {
      call: 'admin.saveRetention', as: 'admin', input: () => ({ days: 365, exportFirst: true, auditDays: 2000 }), action: 'retention.settings',
      target: () => 'settings/retention', before: () => ({ days: 180, exportFirst: false, auditDays: 1095 }), after: () => ({ days: 365, exportFirst: true, auditDays: 2000 }),
    },
    // ---- appointment services ----
    {
      call: 'appointment.saveService', as: 'supervisor', input: () => SERVICE, action: 'service.create',
      target: (r) => `appointment_services/${r.id}`, before: null, after: () => ({ name: SERVICE.name, capacityPerSlot: 2 }), keep: (r, s) => void (s.service = r.id),
    },
    {
      call: 'appointment.saveService', as: 'admin', input: (s) => ({ ...SERVICE, id: s.service, capacityPerSlot: 3 }), action: 'service.update',
      target: (_r, s) => `appointment_services/${s.service}`, before: () => ({ name: SERVICE.name, capacityPerSlot: 2 }), after: () => ({ capacityPerSlot: 3 }),
    },
    // ---- QA scores and rubric ----
    {
      call: 'desk.qaScore', as: 'qa',
      input: async (s) => {
        const agent = await agentToken(emu, 1);
        data(await emu.call(agent, 'desk', { action: 'setStatus', status: 'online' }));
        const chat = await newChat(emu, { category: 'cat-product', prefix: 'audit' });
        data(await emu.call(chat.token, 'session', { action: 'handoff', conversationId: chat.conversationId }));
        data(await emu.call(agent, 'desk', { action: 'reply', conversationId: chat.conversationId, text: '您好' }));
        data(await emu.call(agent, 'desk', { action: 'close', conversationId: chat.conversationId, resolved: true }));
        s.reviewed = chat.conversationId;
        return { conversationId: chat.conversationId, scores: { greeting: 4, accuracy: 3, tone: 5, resolution: 2 }, comment: '还需改进' };
      },
      action: 'qa.score', target: (_r, s) => `qa_reviews/${s.reviewed}`, before: null,
      after: () => ({ scores: { greeting: 4, accuracy: 3, tone: 5, resolution: 2 }, comment: '还需改进' }),
    },
    {
      call: 'desk.qaScore', as: 'supervisor', input: (s) => ({ conversationId: s.reviewed, scores: { greeting: 5, accuracy: 5, tone: 5, resolution: 5 } }), action: 'qa.score',
      target: (_r, s) => `qa_reviews/${s.reviewed}`, before: () => ({ scores: { greeting: 4, accuracy: 3, tone: 5, resolution: 2 }, comment: '还需改进' }), after: () => ({ scores: { greeting: 5, accuracy: 5, tone: 5, resolution: 5 }, total: 100 }),
    },
    {
      call: 'desk.saveQaRubric', as: 'supervisor', input: () => ({ items: [{ key: 'greeting', label: '问候', weight: 1 }, { key: 'solve', label: '解决', weight: 3 }] }), action: 'qa_rubric.save',
      target: () => 'settings/qa_rubric', before: () => ({ items: [expect.objectContaining({ key: 'greeting' }), expect.objectContaining({ key: 'accuracy' }), expect.objectContaining({ key: 'tone' }), expect.objectContaining({ key: 'resolution' })] }),
      after: () => ({ items: [{ key: 'greeting', label: '问候', weight: 1 }, { key: 'solve', label: '解决', weight: 3 }] }),
    },
    // ---- team quick replies ----
    {
      call: 'desk.saveQuickReply', as: 'supervisor', input: () => ({ scope: 'team', title: '问候', text: '您好，{客户昵称}' }), action: 'quick_reply.save',
      target: (r) => `quick_replies/${r.id}`, before: null, after: () => ({ title: '问候', text: '您好，{客户昵称}' }), keep: (r, s) => void (s.reply = r.id),
    },
    {
      call: 'desk.saveQuickReply', as: 'admin', input: (s) => ({ id: s.reply, scope: 'team', title: '问候语', text: '您好' }), action: 'quick_reply.save',
      target: (_r, s) => `quick_replies/${s.reply}`, before: () => ({ scope: 'team', title: '问候', text: '您好，{客户昵称}' }), after: () => ({ scope: 'team', title: '问候语', text: '您好' }),
    },
    {
      call: 'desk.removeQuickReply', as: 'supervisor', input: (s) => ({ id: s.reply }), action: 'quick_reply.remove',
      target: (_r, s) => `quick_replies/${s.reply}`, before: () => ({ title: '问候语', text: '您好' }), after: null,
    },
    // ---- FAQ ----
    {
      call: 'faq.saveCategory', as: 'supervisor', input: () => ({ name: '审计分类' }), action: 'faq.category.create',
      target: (r) => `faq_categories/${r.id}`, before: null, after: () => ({ name: '审计分类' }), keep: (r, s) => void (s.category = r.id),
    },
    {
      call: 'faq.saveCategory', as: 'supervisor', input: (s) => ({ id: s.category, name: '审计分类二', order: 3 }), action: 'faq.category.update',
      target: (_r, s) => `faq_categories/${s.category}`, before: () => ({ name: '审计分类' }), after: () => ({ name: '审计分类二', order: 3 }),
    },
    {
      call: 'faq.save', as: 'supervisor', input: (s) => ({ categoryId: s.category, question: '审计怎么查？', answer: '在管理后台查看。', enabled: false }), action: 'faq.create',
      target: (r) => `faq_entries/${r.id}`, before: null, after: (_r, s) => ({ categoryId: s.category, question: '审计怎么查？', enabled: false }), keep: (r, s) => void (s.entry = r.id),
    },
    {
      call: 'faq.save', as: 'admin', input: (s) => ({ id: s.entry, categoryId: s.category, question: '审计日志怎么查？', answer: '在管理后台的审计日志查看。', enabled: true }), action: 'faq.update',
      target: (_r, s) => `faq_entries/${s.entry}`, before: () => ({ question: '审计怎么查？', enabled: false }), after: () => ({ question: '审计日志怎么查？', enabled: true }),
    },
    {
      call: 'faq.saveRule', as: 'supervisor', input: () => ({ pattern: '投诉', match: 'contains', ruleAction: 'handoff' }), action: 'faq.rule.create',
      target: (r) => `faq_rules/${r.id}`, before: null, after: () => ({ pattern: '投诉', match: 'contains', action: 'handoff' }), keep: (r, s) => void (s.rule = r.id),
    },
    {
      call: 'faq.saveRule', as: 'supervisor', input: (s) => ({ id: s.rule, pattern: '我要投诉', match: 'exact', ruleAction: 'handoff' }), action: 'faq.rule.update',
      target: (_r, s) => `faq_rules/${s.rule}`, before: () => ({ pattern: '投诉', match: 'contains' }), after: () => ({ pattern: '我要投诉', match: 'exact' }),
    },
    {
      call: 'faq.removeRule', as: 'supervisor', input: (s) => ({ id: s.rule }), action: 'faq.rule.remove',
      target: (_r, s) => `faq_rules/${s.rule}`, before: () => ({ pattern: '我要投诉' }), after: null,
    },
    {
      call: 'faq.saveSynonyms', as: 'supervisor',
      input: async (s) => {
        s.synonymsBefore = data<{ groups: string[][] }>(await emu.call(tokens.supervisor!, 'faq', { action: 'synonyms' })).groups;
        return { groups: [['审计', '日志']] };
      },
      action: 'faq.synonyms.update', target: () => 'settings/faq_synonyms', before: (s) => s.synonymsBefore, after: () => [['审计', '日志']],
    },
    {
      call: 'faq.import', as: 'supervisor', input: (s) => ({ format: 'csv', content: `问题,答案,分类\n审计日志怎么查？,导入后的答案。,${s.category}\n导入的新问题？,新答案。,${s.category}` }), action: 'faq.import',
      target: () => 'faq_entries', before: (s) => ({ changed: [expect.objectContaining({ id: s.entry, question: '审计日志怎么查？', answer: '在管理后台的审计日志查看。' })] }),
      after: (_r, s) => ({ imported: 1, updated: 1, rejected: 0, changed: [expect.objectContaining({ id: s.entry, answer: '导入后的答案。' })] }),
    },
    {
      call: 'faq.export', as: 'qa', input: () => ({ format: 'json' }), action: 'faq.export', target: () => 'faq_entries', before: null, after: () => ({ format: 'json' }),
    },
    {
      call: 'faq.resolveUnanswered', as: 'supervisor', input: () => ({ texts: ['审计覆盖测试的问题'], resolution: 'dismiss' }), action: 'faq.unanswered.resolve',
      target: () => 'faq_unanswered', before: () => ({ status: 'open', texts: ['审计覆盖测试的问题'] }), after: () => ({ status: 'handled', resolution: 'dismiss' }),
    },
    {
      call: 'faq.resolveUnanswered', as: 'supervisor', input: (s) => ({ texts: ['审计在哪里看'], resolution: 'similar', entryId: s.entry }), action: 'faq.unanswered.resolve',
      target: (_r, s) => `faq_entries/${s.entry}`, before: () => ({ status: 'open', similar: [] }), after: () => ({ status: 'handled', resolution: 'similar', similar: ['审计在哪里看'] }),
    },
    {
      call: 'faq.mergeDuplicate', as: 'supervisor',
      input: async (s) => {
        const twin = data<Json>(await emu.call(tokens.supervisor!, 'faq', { action: 'save', categoryId: s.category, question: '审计记录去哪看', answer: '在管理后台。', similar: [], keywords: ['审计'], enabled: true }));
        s.twin = twin.id;
        return { from: twin.id, into: s.entry };
      },
      action: 'faq.merge', target: (_r, s) => `faq_entries/${s.entry}`,
      before: (s) => ({ question: '审计日志怎么查？', mergedEntry: { id: s.twin, question: '审计记录去哪看', enabled: true } }),
      after: (_r, s) => ({ similar: expect.arrayContaining(['审计记录去哪看']), keywords: ['审计'], mergedEntry: { id: s.twin, enabled: false, mergedInto: s.entry } }),
    },
    {
      call: 'faq.dismissDuplicate', as: 'supervisor',
      input: async (s) => {
        const other = data<Json>(await emu.call(tokens.supervisor!, 'faq', { action: 'save', categoryId: s.category, question: '审计日志能导出吗', answer: '可以导出。', similar: [], keywords: [], enabled: true }));
        s.other = other.id;
        return { a: s.entry, b: other.id };
      },
      action: 'faq.duplicate.dismiss', target: () => 'settings/faq_duplicates_dismissed',
      before: () => ({ dismissed: false }), after: () => ({ questions: ['审计日志怎么查？', '审计日志能导出吗'], dismissed: true }),
    },
    {
      call: 'faq.remove', as: 'supervisor',
      input: async (s) => {
        // The imported entry shares the category: remove it first (not counted), then the audited one.
        const list = data<{ entries: Array<{ id: string }> }>(await emu.call(tokens.supervisor!, 'faq', { action: 'adminList', categoryId: s.category })).entries;
        for (const e of list.filter((x) => x.id !== s.entry)) data(await emu.call(tokens.supervisor!, 'faq', { action: 'remove', id: e.id }));
        return { id: s.entry };
      },
      action: 'faq.remove', target: (_r, s) => `faq_entries/${s.entry}`, before: () => ({ question: '审计日志怎么查？' }), after: null,
    },
    {
      call: 'faq.removeCategory', as: 'supervisor', input: (s) => ({ id: s.category }), action: 'faq.category.remove',
      target: (_r, s) => `faq_categories/${s.category}`, before: () => ({ name: '审计分类二' }), after: null,
    },
    // ---- routing ----
    {
      call: 'routing.saveSettings', as: 'supervisor',
      input: async (s) => {
        s.routing = data<Json>(await emu.call(tokens.supervisor!, 'routing', { action: 'settings' }));
        return { replyTimeoutSec: 95 };
      },
      action: 'routing.settings', target: () => 'settings/routing', before: (s) => ({ replyTimeoutSec: (s.routing as Json).replyTimeoutSec }), after: () => ({ replyTimeoutSec: 95 }),
    },
    {
      call: 'routing.setCapacity', as: 'supervisor', input: () => ({ openid: 'demo-agent-2', capacity: 4 }), action: 'routing.capacity',
      target: () => 'users/demo-agent-2', before: () => ({ capacity: 5 }), after: () => ({ capacity: 4 }),
    },
    {
      call: 'routing.setMode', as: 'admin', input: () => ({ groupId: 'grp-presales', mode: 'round_robin' }), action: 'routing.mode',
      target: () => 'skill_groups/grp-presales', before: () => ({ mode: 'least_loaded' }), after: () => ({ mode: 'round_robin' }),
    },
    // ---- KPI targets ----
    {
      call: 'stats.saveTargets', as: 'supervisor', input: () => ({ frtSec: 25, resolutionRate: 0.8, csat: 4.6, utilization: 0.8 }), action: 'stats.targets',
      target: () => 'settings/stats_targets', before: () => ({ frtSec: 20, resolutionRate: 0.75, csat: 4.5, utilization: 0.85 }), after: () => ({ frtSec: 25, resolutionRate: 0.8, csat: 4.6, utilization: 0.8 }),
    },
    // ---- notification templates and settings ----
    {
      call: 'templates.save', as: 'supervisor',
      input: async (s) => {
        const list = data<Array<{ event: string; templateId: string; title: string; page: string; fields: Array<{ key: string; label: string; source: string }> }>>(await emu.call(tokens.supervisor!, 'templates', { action: 'list' }));
        const t = list[0]!;
        s.template = t;
        return { event: t.event, templateId: 'tpl-audit-new', title: t.title, page: t.page, fields: t.fields.map(({ key, label, source }) => ({ key, label, source })) };
      },
      action: 'template.save', target: (_r, s) => `notification_templates/${(s.template as Json).event}`,
      before: (s) => ({ templateId: (s.template as Json).templateId }), after: () => ({ templateId: 'tpl-audit-new' }),
    },
    {
      call: 'templates.remove', as: 'admin', input: (s) => ({ id: (s.template as Json).event }), action: 'template.remove',
      target: (_r, s) => `notification_templates/${(s.template as Json).event}`, before: () => ({ templateId: 'tpl-audit-new' }), after: null,
    },
    {
      call: 'templates.saveSettings', as: 'supervisor',
      input: async (s) => {
        s.notifications = data<Json>(await emu.call(tokens.supervisor!, 'templates', { action: 'settings' }));
        return { dailyCap: 7, quietStart: '23:00', quietEnd: '07:30' };
      },
      action: 'notification.settings', target: () => 'settings/notifications',
      before: (s) => ({ dailyCap: (s.notifications as Json).dailyCap }), after: () => ({ dailyCap: 7, quietStart: '23:00', quietEnd: '07:30' }),
    },
  ];

  for (const row of rows) {
    it(`${row.call} → ${row.action}`, async () => {
      const input = await row.input(state);
      const seen = new Set(emu.db.find('audit_log', {}).map((d) => String(d._id)));
      const res = await run(row.as, row.call, input);
      const result = data<Json>(res);
      const added = emu.db.find('audit_log', {}).filter((d) => !seen.has(String(d._id)));
      expect(added).toHaveLength(1);
      const entry = added[0]!;
      const actor = typeof row.as === 'string' ? openids[row.as] : row.as.customer;
      expect(entry).toMatchObject({ actor, action: row.action, target: row.target(result, state) });
      expect(entry.at).toBeInstanceOf(Date);
      if (row.before === null) expect(entry.before).toBeNull();
      else expect(entry.before).toMatchObject(row.before(state) as object);
      if (row.after === null) expect(entry.after).toBeNull();
      else expect(entry.after).toMatchObject(row.after(result, state) as object);
      row.keep?.(result, state);
    });
  }

  it('an action refused for bad input or permission writes no entry', async () => {
    const count = emu.db.count('audit_log');
    expect(errorCode(await run('qa', 'routing.setCapacity', { openid: 'demo-agent-2', capacity: 3 }))).toBe('FORBIDDEN');
    expect(errorCode(await run('admin', 'admin.saveRetention', { days: 10, exportFirst: false, auditDays: 200 }))).toBe('INVALID_INPUT');
    expect(errorCode(await run('supervisor', 'stats.saveTargets', { frtSec: 0, resolutionRate: 0.8, csat: 4.6, utilization: 0.8 }))).toBe('INVALID_INPUT');
    expect(emu.db.count('audit_log')).toBe(count);
  });
});

describe('admin.audit', () => {
  let emu: TestEmulator;
  let admin: string;
  const audit = (token: string, input: Json = {}) => emu.call(token, 'admin', { ...input, action: 'audit' });

  beforeAll(async () => {
    emu = await startTestEmulator();
    admin = await emu.login('admin', { openid: 'demo-admin' });
    const supervisor = await emu.login('supervisor', { openid: 'demo-supervisor' });
    // 6 invites by the admin, 4 FAQ categories by the supervisor, interleaved.
    for (let i = 0; i < 6; i++) {
      data(await emu.call(admin, 'admin', { action: 'invite', role: 'agent', name: `客服${i}` }));
      if (i < 4) data(await emu.call(supervisor, 'faq', { action: 'saveCategory', name: `分类${i}` }));
    }
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('keeps the existing call shape: the latest entries, newest first, with the actor’s name', async () => {
    const entries = data<AuditEntry[]>(await audit(admin, { limit: 50 }));
    expect(entries).toHaveLength(10);
    const times = entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(entries[0]).toMatchObject({ actor: 'demo-admin', action: 'invite.create', before: null, after: { name: '客服5' } });
    expect(entries[0]!.actorName).toBe(emu.db.get('users', 'demo-admin')!.name);
    expect(entries.find((e) => e.action === 'faq.category.create')!.actorName).toBe(emu.db.get('users', 'demo-supervisor')!.name);
    // Default limit 50.
    expect(data<AuditEntry[]>(await audit(admin))).toHaveLength(10);
  });

  it('pages with `before` without gaps or repeats', async () => {
    const all = data<AuditEntry[]>(await audit(admin, { limit: 50 }));
    const pages: AuditEntry[][] = [];
    let before: string | undefined;
    for (;;) {
      const page = data<AuditEntry[]>(await audit(admin, { limit: 3, ...(before ? { before } : {}) }));
      if (page.length === 0) break;
      pages.push(page);
      before = page.at(-1)!.id;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
    expect(pages.flat().map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(errorCode(await audit(admin, { before: 'no-such-entry' }))).toBe('NOT_FOUND');
  });

  it('filters by action prefix (one or several) and by actor, and pages within a filter', async () => {
    const faq = data<AuditEntry[]>(await audit(admin, { prefix: 'faq.' }));
    expect(faq.map((e) => e.action)).toEqual(Array(4).fill('faq.category.create'));
    const roles = data<AuditEntry[]>(await audit(admin, { prefix: [...AUDIT_FILTERS.role] }));
    expect(roles).toHaveLength(6);
    expect(new Set(roles.map((e) => e.action))).toEqual(new Set(['invite.create']));
    // A prefix is a prefix, not a pattern: `.` matches only a dot.
    expect(data<AuditEntry[]>(await audit(admin, { prefix: 'faq_' }))).toEqual([]);
    const bySupervisor = data<AuditEntry[]>(await audit(admin, { actor: 'demo-supervisor' }));
    expect(bySupervisor.map((e) => e.actor)).toEqual(Array(4).fill('demo-supervisor'));
    const firstPage = data<AuditEntry[]>(await audit(admin, { actor: 'demo-admin', prefix: 'invite.', limit: 4 }));
    const next = data<AuditEntry[]>(await audit(admin, { actor: 'demo-admin', prefix: 'invite.', limit: 4, before: firstPage.at(-1)!.id }));
    expect([...firstPage, ...next].map((e) => (e.after as Json).name)).toEqual(['客服5', '客服4', '客服3', '客服2', '客服1', '客服0']);
    expect(data<AuditEntry[]>(await audit(admin, { actor: 'nobody', prefix: 'faq.' }))).toEqual([]);
  });

  it('is for admins only, and refuses bad filters', async () => {
    for (const role of ['supervisor', 'qa', 'agent', 'customer']) expect(errorCode(await audit(await emu.login(role)))).toBe('FORBIDDEN');
    expect(errorCode(await audit(null as unknown as string))).toBe('UNAUTHENTICATED');
    for (const bad of [{ prefix: '^faq' }, { prefix: 'faq.(.*)' }, { actor: 'a b' }, { limit: 500 }, { before: '../x' }, { prefix: [] }]) {
      expect(errorCode(await audit(admin, bad))).toBe('INVALID_INPUT');
    }
  });
});

describe('audit coverage: claiming a fresh deployment', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ seed: false, functionEnv: { KEFU_SETUP_CODE: 'audit-setup-code' } });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('admin.claim → role.set for the claimer, customer → admin; a refused claim writes nothing', async () => {
    const owner = await emu.login('customer', { openid: 'audit-owner' });
    data(await emu.call(owner, 'admin', { action: 'whoami' }));
    expect(errorCode(await emu.call(owner, 'admin', { action: 'claim', setupCode: 'wrong' }))).toBe('FORBIDDEN');
    expect(emu.db.count('audit_log')).toBe(0);
    data(await emu.call(owner, 'admin', { action: 'claim', setupCode: 'audit-setup-code' }));
    const entries = emu.db.find('audit_log', {});
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'audit-owner', action: 'role.set', target: 'users/audit-owner', before: { role: 'customer' }, after: { role: 'admin' } });
  });
});
