// Unmasking (查看): staff views show personal data masked (core/privacy/mask.ts); a staff member who
// may see a record can open it, and every opening is recorded in the audit log as `data.unmask`.
// The entry says who, when, which record and which fields and kinds of data were shown, never the
// values themselves: the audit log is kept longer than the messages and appointments it points to.
import { personalKinds, type PersonalKind } from '../../core/privacy/mask';
import { audit } from './audit';
import type { CallContext } from './handler';

export const UNMASK_ACTION = 'data.unmask';

/** What `data.unmask` records in `after` (`before` is null: nothing changed). */
export interface UnmaskRecord {
  /** The fields shown whole (non-empty ones only), e.g. `['text']`, `['name', 'phone']`. */
  fields: string[];
  /** The kinds of personal data they held. */
  kinds: PersonalKind[];
  role: string;
  /** Where the record belongs: `conversationId`, `appointmentId`… */
  [context: string]: unknown;
}

/**
 * Records that `ctx` was shown `revealed` (field → plain value) of `target` (`messages/<id>`,
 * `left_messages/<id>`, `appointments/<id>`). Call before returning the values: if the entry cannot be
 * written, the caller gets an error instead of the data.
 */
export async function recordUnmask(ctx: CallContext, target: string, revealed: Record<string, string>, context: Record<string, string> = {}): Promise<void> {
  const shown = Object.entries(revealed).filter(([, v]) => v !== '');
  const kinds = [...new Set(shown.flatMap(([, v]) => personalKinds(v)))];
  const record: UnmaskRecord = { ...context, fields: shown.map(([k]) => k), kinds, role: ctx.role };
  await audit(ctx.openid, UNMASK_ACTION, target, null, record);
}
