// Retention (issue 7): the nightly `retention` timer purges customer data older than `days`
// (settings/retention) and audit entries older than `auditDays`. Each step removes batches selected by
// the cutoff itself, so a run that stops at its time budget leaves nothing half-marked: the next run
// selects what is left and goes on, and a second run over the same data finds nothing to do.
// With `exportFirst`, a run first starts unmasked export jobs of exactly what the cutoff will purge and
// stores them with the cutoff (`pending`); later runs advance them and purge that cutoff only once every
// job is done. Conversations keep their metadata (the dashboards read events and these fields).
import type { RetentionRunView, RetentionSettingsView } from '../../core/api';
import { SYSTEM_ACTORS } from '../../core/audit';
import { businessDay } from '../../core/templates/time';
import { RETENTION_STEPS, cutoffOf, retentionFrom, zeroCounts, type RetentionCounts, type RetentionStep, type RetentionValues } from '../../core/retention';
import { audit, purgeAuditBefore } from '../_shared/audit';
import { cloud, db, _ } from '../_shared/cloud';
import { first, isDuplicateKey, removed, rows, total } from '../_shared/db';
import type { CallContext } from '../_shared/handler';
import { advanceExport, createExportJob, loadJob, type ExportJobDoc } from './export.actions';
import { logError } from '../_shared/log';

const SETTINGS_ID = 'retention';
/** Work stops after this much of the function's 20 s timeout; the rest is for the summary. */
const BUDGET_MS = 14_000;
/** Documents removed per batch. */
const BATCH = 100;
/** An export step (one chunk and its write) is not started with less time than this left. */
const EXPORT_STEP_MS = 5_000;
const MESSAGE_PAGE = 1000;

interface PendingExport {
  cutoff: string;
  jobs: string[];
  startedAt: string;
}

interface RetentionDoc extends Partial<RetentionValues> {
  _id: string;
  updatedAt?: Date;
  updatedBy?: string;
  lastRun?: RetentionRunView;
  pending?: PendingExport;
}

const settingsDoc = () => db.collection('settings').doc(SETTINGS_ID);

async function loadRetention(): Promise<RetentionDoc | null> {
  return first<RetentionDoc>(db.collection('settings').where({ _id: SETTINGS_ID }));
}

/** The document exists before any `update` (an update of a missing document changes nothing). */
async function ensureDoc(): Promise<void> {
  if (await loadRetention()) return;
  try {
    await db.collection('settings').add({ data: { _id: SETTINGS_ID } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

function settingsView(doc: RetentionDoc | null): RetentionSettingsView {
  return {
    ...retentionFrom(doc),
    custom: typeof doc?.days === 'number',
    ...(doc?.updatedAt ? { updatedAt: new Date(doc.updatedAt).toISOString() } : {}),
    lastRun: doc?.lastRun ?? null,
  };
}

export async function readRetention(): Promise<RetentionSettingsView> {
  return settingsView(await loadRetention());
}

export async function saveRetention(ctx: CallContext, values: RetentionValues): Promise<RetentionSettingsView> {
  const before = retentionFrom(await loadRetention());
  await ensureDoc();
  const after = { days: values.days, exportFirst: values.exportFirst, auditDays: values.auditDays };
  await settingsDoc().update({ data: { ...after, updatedAt: ctx.now, updatedBy: ctx.openid } });
  await audit(ctx.openid, 'retention.settings', `settings/${SETTINGS_ID}`, before, after);
  return readRetention();
}

// ---------------------------------------------------------------------------------------------------

type Where = Record<string, unknown>;

interface Budget {
  left(): number;
  /** Documents per batch; conversations a fifth of it (each removes its messages and their images). */
  batch: number;
}

/** `KEFU_RETENTION_BUDGET_MS` / `KEFU_RETENTION_BATCH`: smaller values to watch a run stop and resume with little data. */
function envInt(name: string, max: number): number | null {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/**
 * Remove `where` in batches (oldest `sortField` first) until none is left or time is up; true when none is left.
 * `beforeRemove` runs on each batch's ids before it is removed (what must not outlive those documents).
 */
async function removeAll(
  collection: 'appointments' | 'slot_counters' | 'left_messages' | 'faq_unanswered' | 'notifications',
  where: () => Where,
  sortField: string,
  budget: Budget,
  count: (n: number) => void,
  beforeRemove?: (ids: string[]) => Promise<void>,
): Promise<boolean> {
  const coll = db.collection(collection);
  for (;;) {
    const ids = (await rows<{ _id: string }>(coll.where(where()).orderBy(sortField, 'asc').field({ _id: true }).limit(budget.batch))).map((d) => d._id);
    if (ids.length === 0) return true;
    if (beforeRemove) await beforeRemove(ids);
    // The condition again with the ids: a document that changed meanwhile (e.g. a queued notification) stays.
    count(await removed(coll.where({ ...where(), _id: _.in(ids) }).remove()));
    if (budget.left() <= 0) return false;
  }
}

/**
 * The idempotency locks of appointments about to be removed, before them: a lock never outlives its appointment.
 * (One whose appointment then stays, rescheduled meanwhile, only named a request made before the cutoff.)
 */
async function removeKeyLocks(appointmentIds: string[]): Promise<void> {
  await db.collection('appointment_keys').where({ appointmentId: _.in(appointmentIds) }).remove();
}

/** `cloud.deleteFile` of cloud-storage ids; a file that is already gone counts as removed. */
async function deleteFiles(fileIDs: string[]): Promise<number> {
  const list = fileIDs.filter((f) => f.startsWith('cloud://'));
  if (list.length === 0) return 0;
  let deleted = 0;
  for (let at = 0; at < list.length; at += 50) {
    const res = (await cloud.deleteFile({ fileList: list.slice(at, at + 50) })) as { fileList?: Array<{ status: number }> } | undefined;
    deleted += (res?.fileList ?? []).filter((f) => f.status === 0).length;
  }
  return deleted;
}

interface PurgeConversation {
  _id: string;
  rating?: { comment?: string };
}

/** Messages (and their images) of closed conversations closed before the cutoff; the conversation keeps its metadata. */
async function purgeConversations(cutoff: Date, now: Date, budget: Budget, counts: RetentionCounts): Promise<boolean> {
  const due = () => db.collection('conversations').where({ status: 'closed', closedAt: _.lt(cutoff), purgedAt: _.exists(false) });
  for (;;) {
    const batch = await rows<PurgeConversation>(due().orderBy('closedAt', 'asc').field({ _id: true, rating: true }).limit(Math.max(1, Math.ceil(budget.batch / 5))));
    if (batch.length === 0) return true;
    for (const conv of batch) {
      for (;;) {
        const page = await rows<{ _id: string; image?: string }>(db.collection('messages').where({ conversationId: conv._id }).field({ _id: true, image: true }).limit(MESSAGE_PAGE));
        if (page.length === 0) break;
        // Files first: if storage fails, the messages (and so the file ids) stay for the next run.
        counts.images += await deleteFiles(page.map((m) => m.image ?? '').filter(Boolean));
        counts.messages += await removed(db.collection('messages').where({ _id: _.in(page.map((m) => m._id)) }).remove());
        if (page.length < MESSAGE_PAGE) break;
      }
      // Customer text on the conversation itself goes too; `rating.comment` alone (score and tags stay for the reports).
      const patch: Record<string, unknown> = { lastText: '', purgedAt: now };
      if (conv.rating) patch.rating = { comment: '' };
      await db.collection('conversations').doc(conv._id).update({ data: patch });
      counts.conversations++;
    }
    if (budget.left() <= 0) return false;
  }
}

/** Finished export jobs created before the cutoff: the file in storage, any leftover chunks, the job. */
async function purgeExports(cutoff: Date, budget: Budget, counts: RetentionCounts): Promise<boolean> {
  for (;;) {
    const old = await rows<{ _id: string; fileID?: string }>(
      db
        .collection('exports')
        .where({ status: _.in(['done', 'failed']), createdAt: _.lt(cutoff) })
        .orderBy('createdAt', 'asc')
        .field({ _id: true, fileID: true })
        .limit(budget.batch),
    );
    if (old.length === 0) return true;
    await deleteFiles(old.map((j) => j.fileID ?? '').filter(Boolean));
    const ids = old.map((j) => j._id);
    await db.collection('export_chunks').where({ jobId: _.in(ids) }).remove();
    counts.exports += await removed(db.collection('exports').where({ _id: _.in(ids) }).remove());
    if (budget.left() <= 0) return false;
  }
}

/** Every step of a purge of `cutoff`, in order; true when all of them finished. */
async function purge(cutoff: Date, now: Date, budget: Budget, counts: RetentionCounts): Promise<boolean> {
  const add = (key: keyof RetentionCounts) => (n: number) => {
    counts[key] += n;
  };
  const steps: Record<Exclude<RetentionStep, 'audit'>, () => Promise<boolean>> = {
    conversations: () => purgeConversations(cutoff, now, budget, counts),
    appointments: () => removeAll('appointments', () => ({ end: _.lt(cutoff) }), 'end', budget, add('appointments'), removeKeyLocks),
    slotCounters: () => removeAll('slot_counters', () => ({ start: _.lt(cutoff) }), 'start', budget, add('slotCounters')),
    leftMessages: () => removeAll('left_messages', () => ({ createdAt: _.lt(cutoff) }), 'createdAt', budget, add('leftMessages')),
    unanswered: () => removeAll('faq_unanswered', () => ({ at: _.lt(cutoff) }), 'at', budget, add('unanswered')),
    // A queued notification still holds a grant: it is sent or given back first (templates/tick).
    notifications: () => removeAll('notifications', () => ({ createdAt: _.lt(cutoff), status: _.neq('queued') }), 'createdAt', budget, add('notifications')),
    exports: () => purgeExports(cutoff, budget, counts),
  };
  for (const step of RETENTION_STEPS) {
    if (step === 'audit') continue;
    if (!(await steps[step]())) return false;
  }
  return true;
}

async function purgeAudit(cutoff: Date, budget: Budget, counts: RetentionCounts): Promise<boolean> {
  for (;;) {
    const n = await purgeAuditBefore(cutoff, budget.batch);
    counts.audit += n;
    if (n < budget.batch) return true;
    if (budget.left() <= 0) return false;
  }
}

const dueConversations = (cutoff: Date) => db.collection('conversations').where({ status: 'closed', closedAt: _.lt(cutoff), purgedAt: _.exists(false) });
const dueAppointments = (cutoff: Date) => db.collection('appointments').where({ end: _.lt(cutoff) });

/** The export jobs of what a purge of `cutoff` removes (unmasked: they are the only copy left; admins only). */
async function startRetentionExports(cutoff: Date, now: Date): Promise<string[]> {
  const jobs: string[] = [];
  const to = businessDay(new Date(cutoff.getTime() - 1));
  const oldestConversation = await first<{ createdAt: Date }>(dueConversations(cutoff).orderBy('createdAt', 'asc').field({ createdAt: true }));
  if (oldestConversation) {
    const job = await createExportJob(SYSTEM_ACTORS.retention, now, { kind: 'conversations', format: 'json', from: businessDay(new Date(oldestConversation.createdAt)), to, since: new Date(0), until: now, unmasked: true, purgeBefore: cutoff });
    jobs.push(job._id);
  }
  const oldestAppointment = await first<{ day: string }>(dueAppointments(cutoff).orderBy('day', 'asc').field({ day: true }));
  if (oldestAppointment) {
    const job = await createExportJob(SYSTEM_ACTORS.retention, now, { kind: 'appointments', format: 'csv', from: oldestAppointment.day, to, since: new Date(0), until: now, unmasked: true, purgeBefore: cutoff });
    jobs.push(job._id);
  }
  return jobs;
}

/** Push the pending jobs on while there is time; their states afterwards. */
async function advancePending(ids: string[], budget: Budget): Promise<Array<ExportJobDoc | null>> {
  const out: Array<ExportJobDoc | null> = [];
  for (const id of ids) {
    let job = await loadJob(id);
    while (job && job.status === 'running' && budget.left() > EXPORT_STEP_MS) {
      const before = `${job.processed}|${job.seq}|${job.status}`;
      job = await advanceExport(job, new Date());
      // Someone else holds the lease (the exports timer): leave it to them.
      if (`${job.processed}|${job.seq}|${job.status}` === before) break;
    }
    out.push(job);
  }
  return out;
}

/** The `retention` timer: one run, within the time budget; its summary is stored and audited. */
export async function runRetention(now: Date): Promise<RetentionRunView> {
  const startedAt = Date.now();
  const budgetMs = envInt('KEFU_RETENTION_BUDGET_MS', BUDGET_MS) ?? BUDGET_MS;
  const budget: Budget = { left: () => startedAt + budgetMs - Date.now(), batch: envInt('KEFU_RETENTION_BATCH', BATCH) ?? BATCH };
  const doc = await loadRetention();
  const settings = retentionFrom(doc);
  const counts = zeroCounts();
  let cutoff = cutoffOf(now, settings.days);
  let pending: PendingExport | null = doc?.pending ?? null;
  let outcome: RetentionRunView['outcome'] = 'done';
  let message: string | undefined;
  let exportJobs: string[] | undefined;
  let purgeNow = true;

  if (!settings.exportFirst) {
    pending = null;
  } else if (pending) {
    cutoff = new Date(pending.cutoff);
    exportJobs = pending.jobs;
    const jobs = await advancePending(pending.jobs, budget);
    if (jobs.some((j) => !j || j.status === 'failed')) {
      outcome = 'failed';
      message = '清理前的导出失败，本次未清理任何客户数据；下次运行将重新导出';
      pending = null;
      purgeNow = false;
    } else if (jobs.some((j) => j!.status === 'running')) {
      outcome = 'exporting';
      message = '正在导出将被清理的数据，导出完成后再清理';
      purgeNow = false;
    }
  } else if ((await total(dueConversations(cutoff))) + (await total(dueAppointments(cutoff))) > 0) {
    exportJobs = await startRetentionExports(cutoff, now);
    pending = { cutoff: cutoff.toISOString(), jobs: exportJobs, startedAt: now.toISOString() };
    outcome = 'exporting';
    message = '已开始导出将被清理的数据，导出完成后的下一次运行再清理';
    purgeNow = false;
  }

  let complete = true;
  try {
    if (purgeNow) complete = await purge(cutoff, now, budget, counts);
    // The audit log has its own, longer period and is never part of an export.
    if (complete) complete = await purgeAudit(cutoffOf(now, settings.auditDays), budget, counts);
  } catch (err) {
    logError('[admin] retention step failed', err);
    complete = false;
    message = '清理中途出错，下次运行会继续';
  }
  if (purgeNow && !complete) outcome = 'partial';
  // The exported cutoff is done with once its purge finished; until then later runs continue it.
  if (purgeNow && complete) pending = null;

  const run: RetentionRunView = {
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date().toISOString(),
    cutoff: cutoff.toISOString(),
    outcome,
    counts,
    ...(exportJobs && exportJobs.length > 0 ? { exportJobs } : {}),
    ...(message ? { message } : {}),
  };
  await ensureDoc();
  await settingsDoc().update({ data: { lastRun: _.set(run), pending: pending ? _.set(pending) : _.remove() } });
  await audit(SYSTEM_ACTORS.retention, 'retention.run', `settings/${SETTINGS_ID}`, null, run);
  return run;
}
