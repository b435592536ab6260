// Configuration documents (`settings/<id>`) saved by staff: the document replaced with the new values,
// stamped with who and when, and the change audited (before → after). One place for every settings editor.
import { audit } from './audit';
import { db } from './cloud';
import type { CallContext } from './handler';

/**
 * Replaces `settings/<id>` with `values` (+ `updatedAt`, `updatedBy`) and appends the audit entry
 * `action` on `settings/<id>`; `audited` is what the entry records as "after" (default: `values`).
 */
export async function saveSettingsDoc(ctx: Pick<CallContext, 'openid' | 'now'>, id: string, action: string, before: unknown, values: Record<string, unknown>, audited: unknown = values): Promise<void> {
  await db.collection('settings').doc(id).set({ data: { ...values, updatedAt: ctx.now, updatedBy: ctx.openid } });
  await audit(ctx.openid, action, `settings/${id}`, before, audited);
}
