// The one module that touches `audit_log`: it appends entries, reads them for admins, and (only the
// retention timer, after `auditDays`) removes the oldest. Nothing else may name the collection; a
// unit test (test/unit/audit-append-only.test.ts) scans cloudfunctions/ for it.
import { AppError } from '../../core/envelope';
import { db, _ } from './cloud';
import { first, rows } from './db';

/** Append-only: who changed what, with the value before and after. */
export async function audit(actor: string, action: string, target: string, before: unknown, after: unknown): Promise<void> {
  await db.collection('audit_log').add({
    data: { actor, action, target, before: before ?? null, after: after ?? null, at: db.serverDate() },
  });
}

export interface AuditDoc {
  _id: string;
  at: Date;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  limit: number;
  /** Id of the last entry of the previous page. */
  before?: string;
  /** Action prefixes: an entry matches when its action starts with one of them. */
  prefix?: string | string[];
  actor?: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Newest first (`at`, then `_id`, both descending, so a page boundary inside one millisecond is exact). */
export async function readAudit(query: AuditQuery): Promise<AuditDoc[]> {
  const log = db.collection('audit_log');
  const conditions: object[] = [];
  if (query.actor) conditions.push({ actor: query.actor });
  if (query.prefix) {
    const prefixes = Array.isArray(query.prefix) ? query.prefix : [query.prefix];
    conditions.push({ action: db.RegExp({ regexp: `^(?:${prefixes.map(escapeRegExp).join('|')})` }) });
  }
  if (query.before) {
    const last = await first<AuditDoc>(log.where({ _id: query.before }));
    if (!last) throw new AppError('NOT_FOUND', '这条日志已不存在，请刷新后重试');
    conditions.push(_.or([{ at: _.lt(last.at) }, { at: last.at, _id: _.lt(last._id) }]));
  }
  const filtered = conditions.length === 0 ? log : log.where(conditions.length === 1 ? conditions[0]! : _.and(conditions));
  return rows<AuditDoc>(filtered.orderBy('at', 'desc').orderBy('_id', 'desc').limit(query.limit));
}

/**
 * Retention of the audit log itself: up to `limit` entries older than `cutoff` removed, oldest first.
 * The only removal of audit entries anywhere (called by the retention timer with `auditDays`).
 */
export async function purgeAuditBefore(cutoff: Date, limit: number): Promise<number> {
  const log = db.collection('audit_log');
  const old = await rows<{ _id: string }>(log.where({ at: _.lt(cutoff) }).orderBy('at', 'asc').field({ _id: true }).limit(limit));
  if (old.length === 0) return 0;
  const res = (await log.where({ _id: _.in(old.map((d) => d._id)), at: _.lt(cutoff) }).remove()) as { stats: { removed: number } };
  return res.stats.removed;
}
