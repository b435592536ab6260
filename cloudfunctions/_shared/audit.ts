import { db } from './cloud';

/** Append-only: who changed what, with the value before and after. */
export async function audit(actor: string, action: string, target: string, before: unknown, after: unknown): Promise<void> {
  await db.collection('audit_log').add({
    data: { actor, action, target, before: before ?? null, after: after ?? null, at: db.serverDate() },
  });
}
