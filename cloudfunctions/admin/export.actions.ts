// Data export (issue 6): conversations (CSV, JSON) and appointments (CSV) for a UTC+8 day range, as a
// job in `exports`. `exportStart` records the job (and the audit entry); every `exportStatus` call
// advances it by one chunk, under a lease so two pollers never write the same chunk; the last call joins
// the chunks (`export_chunks`) into `exports/<id>.<ext>` in cloud storage and hands out a temporary link.
import { randomBytes } from 'node:crypto';
import type { ExportJobView } from '../../core/api';
import { AppError } from '../../core/envelope';
import {
  APPOINTMENT_HEADER,
  CONVERSATION_HEADER,
  EXPORT_CHUNK,
  appointmentRow,
  conversationJson,
  conversationRows,
  maskAppointment,
  maskConversation,
  rangeBounds,
  type ExportAppointment,
  type ExportConversation,
  type ExportFormat,
  type ExportKind,
  type ExportMessage,
} from '../../core/export';
import { CSV_BOM, csvLine } from '../../core/export/csv';
import { ADMINS, MANAGERS } from '../../core/roles';
import { adminSchemas } from '../../core/schemas/admin.schema';
import { audit } from '../_shared/audit';
import { cloud, db, _ } from '../_shared/cloud';
import { first, rows, total, updated } from '../_shared/db';
import { action, type CallContext } from '../_shared/handler';
import { open, openFields, seal } from '../_shared/seal';
import { logError } from '../_shared/log';

export interface ExportJobDoc {
  _id: string;
  kind: ExportKind;
  format: ExportFormat;
  from: string;
  to: string;
  unmasked: boolean;
  status: 'running' | 'done' | 'failed';
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Items created before this instant (and in the range) are exported: later ones cannot shift the chunks. */
  until: Date;
  since: Date;
  total: number;
  processed: number;
  /** Next `export_chunks` sequence number. */
  seq: number;
  /** A chunk is being written until then (the lease). */
  lockedUntil: Date;
  failures: number;
  fileID?: string;
  error?: string;
  finishedAt?: Date;
  /**
   * A retention export (issue 7): exactly what the purge of this cutoff removes — closed conversations
   * closed before it (with their messages), appointments that ended before it — instead of a day range.
   */
  purgeBefore?: Date;
}

const LEASE_MS = 60_000;
const MAX_FAILURES = 3;
/** Characters per `export_chunks` document, well under a document's size limit. */
const PIECE_CHARS = 256 * 1024;
const PAGE = 1000;
const LINK_MAX_AGE_S = 3600;

const jobs = () => db.collection('exports');
const chunks = () => db.collection('export_chunks');

/** Chunk size: 500, or `KEFU_EXPORT_CHUNK` (1–500) to watch progress with small data. */
function chunkSize(): number {
  const n = Number(process.env.KEFU_EXPORT_CHUNK);
  return Number.isInteger(n) && n >= 1 && n <= EXPORT_CHUNK ? n : EXPORT_CHUNK;
}

function itemQuery(job: Pick<ExportJobDoc, 'kind' | 'from' | 'to' | 'since' | 'until' | 'purgeBefore'>) {
  if (job.purgeBefore) {
    if (job.kind === 'appointments') return db.collection('appointments').where({ end: _.lt(job.purgeBefore), createdAt: _.lt(job.until) });
    return db.collection('conversations').where({ status: 'closed', closedAt: _.lt(job.purgeBefore), purgedAt: _.exists(false), createdAt: _.lt(job.until) });
  }
  if (job.kind === 'appointments') return db.collection('appointments').where({ day: _.gte(job.from).and(_.lte(job.to)), createdAt: _.lt(job.until) });
  return db.collection('conversations').where({ createdAt: _.gte(job.since).and(_.lt(job.until)) });
}

/** Every document of a query, a page at a time (the SDK returns at most 1000 per call). */
async function allRows<T>(query: () => { skip(n: number): { limit(n: number): { get(): unknown } } }): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await rows<T>(query().skip(skip).limit(PAGE));
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

async function namesOf(collection: 'users' | 'skill_groups' | 'appointment_services', ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const found = await allRows<{ _id: string; name?: string }>(() => db.collection(collection).where({ _id: _.in(unique) }).field({ _id: true, name: true }));
  return new Map(found.map((d) => [d._id, String(d.name ?? '')]));
}

/** QA totals by conversation from `qa_reviews` (another feature's collection): empty when it does not exist. */
async function qaTotals(conversationIds: string[]): Promise<Map<string, number>> {
  try {
    const reviews = await allRows<{ conversationId?: string; total?: unknown; score?: unknown }>(() => db.collection('qa_reviews').where({ conversationId: _.in(conversationIds) }));
    const totals = new Map<string, number>();
    for (const r of reviews) {
      const value = typeof r.total === 'number' ? r.total : typeof r.score === 'number' ? r.score : null;
      if (r.conversationId && value !== null) totals.set(r.conversationId, value);
    }
    return totals;
  } catch {
    return new Map();
  }
}

const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

type StoredConversation = {
  _id: string;
  createdAt: Date;
  closedAt?: Date | null;
  customerName?: string;
  agentId?: string | null;
  groupId?: string;
  status: ExportConversation['status'];
  resolved?: boolean | null;
  rating?: { score: number; comment?: string; tags?: string[] };
};
type StoredMessage = { _id: string; conversationId: string; from: ExportMessage['from']; author?: string; authorName?: string; text?: string; kind?: ExportMessage['kind']; createdAt: Date };

async function conversationsChunk(job: ExportJobDoc, size: number): Promise<{ count: number; text: string }> {
  const convs = await rows<StoredConversation>(itemQuery(job).orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(job.processed).limit(size));
  if (convs.length === 0) return { count: 0, text: '' };
  const ids = convs.map((c) => c._id);
  const [messages, qa, groups] = await Promise.all([
    allRows<StoredMessage>(() => db.collection('messages').where({ conversationId: _.in(ids) }).orderBy('createdAt', 'asc').orderBy('_id', 'asc')).then((list) => list.map((m) => openFields('messages', m))),
    qaTotals(ids),
    namesOf('skill_groups', convs.map((c) => c.groupId ?? '')),
  ]);
  const agents = await namesOf('users', convs.map((c) => c.agentId ?? ''));
  const byConv = new Map<string, StoredMessage[]>();
  for (const m of messages) {
    const list = byConv.get(m.conversationId);
    if (list) list.push(m);
    else byConv.set(m.conversationId, [m]);
  }
  const pieces = convs.map((c) => {
    const own = byConv.get(c._id) ?? [];
    const lastAgent = [...own].reverse().find((m) => m.from === 'agent');
    const record: ExportConversation = {
      id: c._id,
      createdAt: asDate(c.createdAt),
      closedAt: c.closedAt ? asDate(c.closedAt) : null,
      customerName: c.customerName ?? '',
      agentName: (c.agentId ? agents.get(c.agentId) || c.agentId : '') || lastAgent?.authorName || '',
      groupName: groups.get(c.groupId ?? '') || c.groupId || '',
      status: c.status,
      resolved: c.resolved ?? null,
      rating: c.rating ? { score: c.rating.score, comment: open(c.rating.comment ?? '', 'conversations.rating.comment'), tags: c.rating.tags ?? [] } : null,
      qaTotal: qa.get(c._id) ?? null,
      messages: own.map((m) => ({ at: asDate(m.createdAt), from: m.from, kind: m.kind ?? 'text', authorName: m.authorName ?? '', text: m.text ?? '' })),
    };
    const out = job.unmasked ? record : maskConversation(record);
    return job.format === 'json' ? JSON.stringify(conversationJson(out)) : conversationRows(out).map(csvLine).join('');
  });
  // JSON pieces are array elements: each chunk starts with its separator except the very first.
  const text = job.format === 'json' ? (job.processed > 0 ? ',\n' : '') + pieces.join(',\n') : pieces.join('');
  return { count: convs.length, text };
}

type StoredAppointment = {
  _id: string;
  serviceId: string;
  day: string;
  start: Date;
  end: Date;
  name?: string;
  phone?: string;
  address?: string;
  note?: string;
  status: ExportAppointment['status'];
  bookedBy?: string;
  createdAt: Date;
};

async function appointmentsChunk(job: ExportJobDoc, size: number): Promise<{ count: number; text: string }> {
  const list = (await rows<StoredAppointment>(itemQuery(job).orderBy('day', 'asc').orderBy('_id', 'asc').skip(job.processed).limit(size))).map((a) => openFields('appointments', a));
  if (list.length === 0) return { count: 0, text: '' };
  const [services, staff] = await Promise.all([namesOf('appointment_services', list.map((a) => a.serviceId)), namesOf('users', list.map((a) => a.bookedBy ?? ''))]);
  const text = list
    .map((a) => {
      const record: ExportAppointment = {
        id: a._id,
        day: a.day,
        start: asDate(a.start),
        end: asDate(a.end),
        serviceName: services.get(a.serviceId) || a.serviceId,
        name: a.name ?? '',
        phone: a.phone ?? '',
        address: a.address ?? '',
        note: a.note ?? '',
        status: a.status,
        bookedBy: a.bookedBy ? staff.get(a.bookedBy) || a.bookedBy : '',
        createdAt: asDate(a.createdAt),
      };
      return csvLine(appointmentRow(job.unmasked ? record : maskAppointment(record)));
    })
    .join('');
  return { count: list.length, text };
}

const extensionOf = (job: Pick<ExportJobDoc, 'format'>) => job.format;

/** The whole file: header (CSV with BOM) or the JSON envelope around the chunks. */
function assemble(job: ExportJobDoc, body: string): string {
  if (job.format === 'json') {
    const head = JSON.stringify({ kind: job.kind, from: job.from, to: job.to, masked: !job.unmasked, exportedAt: new Date().toISOString(), total: job.processed });
    return `${head.slice(0, -1)},"conversations":[\n${body}\n]}\n`;
  }
  return CSV_BOM + csvLine(job.kind === 'appointments' ? APPOINTMENT_HEADER : CONVERSATION_HEADER) + body;
}

async function finish(job: ExportJobDoc): Promise<Partial<ExportJobDoc>> {
  const pieces = await allRows<{ seq: number; body: string }>(() => chunks().where({ jobId: job._id }).orderBy('seq', 'asc'));
  const content = assemble(job, pieces.map((p) => open(p.body, 'export_chunks.body')).join(''));
  const cloudPath = `exports/${job._id}.${extensionOf(job)}`;
  const uploaded = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(content, 'utf8') });
  await chunks().where({ jobId: job._id }).remove();
  return { status: 'done', fileID: uploaded.fileID, finishedAt: new Date() };
}

/** One step of a running job: the next chunk, or the file once every item is written. */
async function step(job: ExportJobDoc): Promise<Partial<ExportJobDoc>> {
  if (job.processed >= job.total) return finish(job);
  const size = Math.min(chunkSize(), job.total - job.processed);
  const { count, text } = job.kind === 'appointments' ? await appointmentsChunk(job, size) : await conversationsChunk(job, size);
  // Fewer items than counted (some were deleted meanwhile): what is written is the total.
  if (count === 0) return { total: job.processed };
  // A failed attempt may have left some pieces of this chunk behind: start it afresh.
  if (job.failures > 0) await chunks().where({ jobId: job._id, seq: _.gte(job.seq) }).remove();
  let seq = job.seq;
  for (let at = 0; at < text.length; at += PIECE_CHARS) {
    await chunks().add({ data: { _id: `${job._id}|${seq}`, jobId: job._id, seq, body: seal(text.slice(at, at + PIECE_CHARS), 'export_chunks.body') } });
    seq++;
  }
  return { processed: job.processed + count, seq };
}

export async function loadJob(id: string): Promise<ExportJobDoc | null> {
  return first<ExportJobDoc>(jobs().where({ _id: id }));
}

/** Advance a running job by one step under a lease; a caller that loses the lease just reads the job. */
export async function advanceExport(job: ExportJobDoc, now: Date): Promise<ExportJobDoc> {
  if (job.status !== 'running') return job;
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const lease = await updated(
    jobs()
      .where({ _id: job._id, status: 'running', processed: job.processed, seq: job.seq, lockedUntil: _.lte(now) })
      .update({ data: { lockedUntil: leaseUntil } }),
  );
  if (lease !== 1) return (await loadJob(job._id)) ?? job;
  let patch: Partial<ExportJobDoc>;
  try {
    patch = await step(job);
  } catch (err) {
    logError(`[admin] export ${job._id} step failed`, err);
    const failures = (job.failures ?? 0) + 1;
    patch = failures >= MAX_FAILURES ? { failures, status: 'failed', error: '导出失败，请稍后重新导出' } : { failures };
    if (patch.status === 'failed') {
      try {
        await chunks().where({ jobId: job._id }).remove();
      } catch {
        // Leftover pieces are harmless: they are never read once the job has failed.
      }
    }
  }
  // Only while the lease is still ours: a step that outlived it (and was taken over) changes nothing.
  await jobs()
    .where({ _id: job._id, lockedUntil: leaseUntil })
    .update({ data: { ...patch, lockedUntil: new Date(0), updatedAt: new Date() } });
  return (await loadJob(job._id)) ?? job;
}

async function view(job: ExportJobDoc): Promise<ExportJobView> {
  const out: ExportJobView = {
    id: job._id,
    status: job.status,
    kind: job.kind,
    format: job.format,
    from: job.from,
    to: job.to,
    unmasked: job.unmasked,
    processed: Math.min(job.processed, job.total),
    total: job.total,
  };
  if (job.error) out.error = job.error;
  if (job.status === 'done' && job.fileID) {
    out.fileID = job.fileID;
    const res = (await cloud.getTempFileURL({ fileList: [{ fileID: job.fileID, maxAge: LINK_MAX_AGE_S }] })) as { fileList: Array<{ tempFileURL: string; status: number }> } | undefined;
    const link = res?.fileList?.[0];
    if (link && link.status === 0 && link.tempFileURL) out.url = link.tempFileURL;
  }
  return out;
}

type JobSpec = Pick<ExportJobDoc, 'kind' | 'format' | 'from' | 'to' | 'since' | 'until' | 'unmasked' | 'purgeBefore'>;

/** Record a new running job (counted now) and its audit entry; `createdBy` is who may read it besides admins. */
export async function createExportJob(createdBy: string, now: Date, spec: JobSpec): Promise<ExportJobDoc> {
  const count = await total(itemQuery(spec));
  const job: ExportJobDoc = {
    _id: randomBytes(12).toString('hex'),
    ...spec,
    status: 'running',
    createdBy,
    createdAt: now,
    updatedAt: now,
    total: count,
    processed: 0,
    seq: 0,
    lockedUntil: new Date(0),
    failures: 0,
  };
  await jobs().add({ data: job });
  // Every export is audited; an unmasked one under its own action, so it stands out in the log.
  await audit(createdBy, job.unmasked ? 'export.unmasked' : 'export.start', `exports/${job._id}`, null, {
    kind: job.kind,
    format: job.format,
    from: job.from,
    to: job.to,
    unmasked: job.unmasked,
    total: count,
    ...(spec.purgeBefore ? { purgeBefore: spec.purgeBefore } : {}),
  });
  return job;
}

/** Jobs are seen by whoever started them, and by admins. */
function mayRead(ctx: CallContext, job: ExportJobDoc): boolean {
  return job.createdBy === ctx.openid || ADMINS.includes(ctx.role);
}

export const exportActions = {
  exportStart: action({
    access: MANAGERS,
    input: adminSchemas.exportStart,
    async run(ctx, input): Promise<ExportJobView> {
      if (input.unmasked && !ADMINS.includes(ctx.role)) throw new AppError('FORBIDDEN', '只有管理员可以导出未脱敏的数据');
      const { start, end } = rangeBounds(input.from, input.to);
      const until = end.getTime() < ctx.now.getTime() ? end : ctx.now;
      return view(await createExportJob(ctx.openid, ctx.now, { kind: input.kind, format: input.format, from: input.from, to: input.to, since: start, until, unmasked: input.unmasked }));
    },
  }),

  exportStatus: action({
    access: MANAGERS,
    input: adminSchemas.exportStatus,
    async run(ctx, input): Promise<ExportJobView> {
      const job = await loadJob(input.id);
      if (!job || !mayRead(ctx, job)) throw new AppError('NOT_FOUND', '没有这个导出任务');
      return view(await advanceExport(job, new Date()));
    },
  }),
};

/** Timer: push every running job one step, so exports finish even when nobody polls. */
export async function advanceExports(now: Date): Promise<{ advanced: number }> {
  const running = await rows<ExportJobDoc>(jobs().where({ status: 'running' }).limit(20));
  for (const job of running) await advanceExport(job, now);
  return { advanced: running.length };
}
