// The permission matrix: every function × action × caller, written from the product's rules
// (docs/api.md, design.md) — not read from the code's `access` fields, so a wrong `access` fails here.
// A completeness check compares the table with the actions the functions really register, so a new
// action without a row fails (adding one is one line). Object-level rules (whose conversation, whose
// appointment…) are in permissions-objects.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../core/api';
import { functionFolders, loadActions, type RegisteredAction } from '../helpers/action-tables';
import { watchWrites } from '../helpers/db-snapshot';
import { errorCode, startTestEmulator, type TestEmulator } from '../helpers/emulator';

/** Who may call: `c` customer (anyone with an OPENID), `a` agent, `q` QA, `s` supervisor, `m` admin. */
type Who = string;
const ANYONE: Who = 'c a q s m';
const STAFF: Who = 'a q s m';
/** Desk work and the appointment schedule: agents, supervisors, admins (not QA). */
const DESK: Who = 'a s m';
/** Quality review and reading the knowledge base's staff side: QA, supervisors, admins. */
const REVIEWERS: Who = 'q s m';
const MANAGERS: Who = 's m';
const ADMIN: Who = 'm';

/** One row per action. The only place to add an action: `'fn.action': WHO,`. */
const MATRIX: Record<string, Who> = {
  // faq — the service center for everyone; the knowledge base kept by managers, read by QA too
  'faq.categories': ANYONE,
  'faq.list': ANYONE,
  'faq.get': ANYONE,
  'faq.hot': ANYONE,
  'faq.ask': ANYONE,
  'faq.search': ANYONE,
  'faq.feedback': ANYONE,
  'faq.adminCategories': REVIEWERS,
  'faq.adminList': REVIEWERS,
  'faq.synonyms': REVIEWERS,
  'faq.export': REVIEWERS,
  'faq.rules': REVIEWERS,
  'faq.unanswered': REVIEWERS,
  'faq.duplicates': REVIEWERS,
  'faq.save': MANAGERS,
  'faq.remove': MANAGERS,
  'faq.saveCategory': MANAGERS,
  'faq.removeCategory': MANAGERS,
  'faq.saveSynonyms': MANAGERS,
  'faq.import': MANAGERS,
  'faq.resolveUnanswered': MANAGERS,
  'faq.mergeDuplicate': MANAGERS,
  'faq.dismissDuplicate': MANAGERS,
  'faq.saveRule': MANAGERS,
  'faq.removeRule': MANAGERS,
  // session — anyone may chat; whose conversation is checked per object
  'session.start': ANYONE,
  'session.send': ANYONE,
  'session.history': ANYONE,
  'session.handoff': ANYONE,
  'session.rate': ANYONE,
  'session.close': ANYONE,
  'session.mine': ANYONE,
  'session.availability': ANYONE,
  'session.leaveMessage': ANYONE,
  'session.myMessages': ANYONE,
  // desk — agents, supervisors, admins; QA only for quality review
  'desk.setStatus': DESK,
  'desk.heartbeat': DESK,
  'desk.inbox': DESK,
  'desk.conversation': DESK,
  'desk.reply': DESK,
  'desk.note': DESK,
  'desk.close': DESK,
  'desk.transfer': DESK,
  'desk.transferTargets': DESK,
  'desk.claim': DESK,
  'desk.quickReplies': DESK,
  'desk.saveQuickReply': DESK,
  'desk.removeQuickReply': DESK,
  'desk.leftMessages': DESK,
  'desk.answerMessage': DESK,
  // Opening masked personal data (logged): whoever may read the record at the desk; QA reviews masked.
  'desk.reveal': DESK,
  'desk.revealCustomer': DESK,
  'desk.revealLeftMessage': DESK,
  'desk.qaRubric': REVIEWERS,
  'desk.saveQaRubric': MANAGERS,
  'desk.qaSample': REVIEWERS,
  'desk.qaReview': REVIEWERS,
  'desk.qaScore': REVIEWERS,
  'desk.qaReport': REVIEWERS,
  'desk.qaMine': DESK,
  // routing — supervisors watch and switch; every staff member may read the settings (business hours)
  'routing.tick': MANAGERS,
  'routing.overview': MANAGERS,
  'routing.active': MANAGERS,
  'routing.settings': STAFF,
  'routing.saveSettings': MANAGERS,
  'routing.setCapacity': MANAGERS,
  'routing.setMode': MANAGERS,
  // appointment — customers book their own; the schedule is worked by desk staff
  'appointment.services': ANYONE,
  'appointment.slots': ANYONE,
  'appointment.days': ANYONE,
  'appointment.book': ANYONE,
  'appointment.mine': ANYONE,
  'appointment.cancel': ANYONE,
  'appointment.reschedule': ANYONE,
  'appointment.list': DESK,
  'appointment.confirm': DESK,
  'appointment.complete': DESK,
  'appointment.staffReschedule': DESK,
  'appointment.staffCancel': DESK,
  'appointment.bookFor': DESK,
  'appointment.revealContact': DESK,
  'appointment.saveService': MANAGERS,
  // templates — customers give grants; managers keep templates; desk staff read the outbox (what of it: permissions-objects)
  'templates.available': ANYONE,
  'templates.grant': ANYONE,
  'templates.list': MANAGERS,
  'templates.save': MANAGERS,
  'templates.remove': MANAGERS,
  'templates.settings': MANAGERS,
  'templates.saveSettings': MANAGERS,
  'templates.outbox': DESK,
  // stats — staff (agents: their own numbers); categories, targets, unanswered for QA and managers
  'stats.overview': STAFF,
  'stats.timeseries': STAFF,
  'stats.agents': STAFF,
  'stats.categories': REVIEWERS,
  'stats.targets': REVIEWERS,
  'stats.unanswered': REVIEWERS,
  'stats.staffing': MANAGERS,
  'stats.rollup': MANAGERS,
  'stats.saveTargets': MANAGERS,
  // admin — roles and invitations by admins only; exports by managers
  'admin.whoami': ANYONE,
  'admin.claim': ANYONE,
  'admin.acceptInvite': ANYONE,
  'admin.staff': MANAGERS,
  'admin.invite': ADMIN,
  'admin.invites': ADMIN,
  'admin.revokeInvite': ADMIN,
  'admin.setRole': ADMIN,
  'admin.audit': ADMIN,
  'admin.retention': ADMIN,
  'admin.saveRetention': ADMIN,
  'admin.keyStatus': ADMIN,
  'admin.rekey': ADMIN,
  // 话术审核: the words agents' replies may not contain, kept by supervisors and admins.
  'admin.moderation': MANAGERS,
  'admin.saveModeration': MANAGERS,
  'admin.exportStart': MANAGERS,
  'admin.exportStatus': MANAGERS,
};

/** The eight callers of the issue; "another" customer / agent differ only per object (see the object table). */
const CALLERS = ['none', 'customer', 'otherCustomer', 'agent', 'otherAgent', 'qa', 'supervisor', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
const ROLE_LETTER: Record<Exclude<Caller, 'none'>, string> = { customer: 'c', otherCustomer: 'c', agent: 'a', otherAgent: 'a', qa: 'q', supervisor: 's', admin: 'm' };

function allowed(who: Who, caller: Caller): boolean {
  return caller !== 'none' && who.split(' ').includes(ROLE_LETTER[caller]);
}

let emu: TestEmulator;
let registered: RegisteredAction[];
const tokens = new Map<Caller, string | null>();

beforeAll(async () => {
  [emu, registered] = await Promise.all([startTestEmulator(), loadActions()]);
  tokens.set('none', null);
  tokens.set('customer', await emu.login('customer', { openid: 'matrix-customer-a' }));
  tokens.set('otherCustomer', await emu.login('customer', { openid: 'matrix-customer-b' }));
  tokens.set('agent', await emu.login('agent', { openid: 'demo-agent-3' }));
  tokens.set('otherAgent', await emu.login('agent', { openid: 'demo-agent-1' }));
  tokens.set('qa', await emu.login('qa'));
  tokens.set('supervisor', await emu.login('supervisor'));
  tokens.set('admin', await emu.login('admin'));
});
afterAll(async () => {
  await emu?.close();
});

describe('permission matrix', () => {
  it('covers exactly the actions the functions define', () => {
    expect(functionFolders()).toEqual([...FUNCTION_NAMES].sort());
    const defined = registered.map((a) => `${a.fn}.${a.name}`);
    const missing = defined.filter((name) => !(name in MATRIX));
    const stale = Object.keys(MATRIX).filter((name) => !defined.includes(name));
    expect(missing, `actions without a row in MATRIX: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `rows for actions that do not exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('every caller gets the answer of the table: denied → UNAUTHENTICATED (no token, 401) or FORBIDDEN; allowed → neither', { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    for (const [name, who] of Object.entries(MATRIX)) {
      const [fn, action] = name.split('.') as [string, string];
      // No input: a denied caller is refused before validation; an allowed one gets past the role check
      // (an answer, or INVALID_INPUT for the missing fields) without changing anything of note.
      // One after the other: parallel calls would start several cold instances of each function.
      const answers = [];
      for (const caller of CALLERS) answers.push({ caller, res: await emu.call(tokens.get(caller) ?? null, fn, { action }) });
      for (const { caller, res } of answers) {
        const code = errorCode(res);
        if (caller === 'none') {
          if (res.status !== 401 || code !== 'UNAUTHENTICATED') wrong.push(`${name} none: ${res.status} ${code}`);
        } else if (allowed(who, caller)) {
          if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') wrong.push(`${name} ${caller}: ${code}, expected allowed`);
        } else if (res.status !== 200 || code !== 'FORBIDDEN') {
          wrong.push(`${name} ${caller}: ${res.status} ${code ?? 'ok'}, expected FORBIDDEN`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('without an OPENID the functions themselves answer UNAUTHENTICATED; a client cannot pose as a timer', async () => {
    const writes = watchWrites(emu.db);
    for (const fn of FUNCTION_NAMES) {
      // What CloudBase would pass a function called with no user (the gateway never does: it answers 401).
      const direct = await emu.host.invoke(fn, { action: 'whoami' }, { openid: '', appid: 'wx0000000000000000', source: 'wx_client', clientIp: '127.0.0.1' });
      expect(direct.ok && (direct.result as { error?: { code?: string } }).error?.code, fn).toBe('UNAUTHENTICATED');
      // A timer event sent by a signed-in client is an ordinary call: no action, refused; no timer runs.
      const posing = await emu.call(tokens.get('customer')!, fn, { Type: 'Timer', TriggerName: 'tick' });
      expect(errorCode(posing), fn).toBe('INVALID_INPUT');
    }
    writes.stop();
    expect(writes.writes).toEqual([]);
  });

  it('a forged or expired-looking token is 401 for every function, before the function runs', async () => {
    for (const fn of FUNCTION_NAMES) {
      for (const token of ['garbage', `${tokens.get('admin')}x`, 'eyJvcGVuaWQiOiJkZW1vLWFkbWluIn0.AAAA']) {
        const res = await emu.call(token, fn, { action: 'whoami' });
        expect(res.status, `${fn} ${token.slice(0, 10)}`).toBe(401);
        expect(errorCode(res)).toBe('UNAUTHENTICATED');
      }
    }
  });
});
