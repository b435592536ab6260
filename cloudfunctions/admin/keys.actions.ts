// Key rotation of the data sealed at rest (_shared/seal.ts). Each sealed value names its key
// (`kd1.<keyId>.…`), so values under an older key are found with a prefix query. The `rekey` pass
// (hourly timer, or `admin.rekey`) re-seals them, and plain values written before encryption, under the
// current key, a batch at a time within a time budget; `admin.keyStatus` counts what each key still seals.
import type { KeyStatus, RekeyResult } from '../../core/api';
import { ADMINS } from '../../core/roles';
import { adminSchemas } from '../../core/schemas/admin.schema';
import type { CollectionName } from '../../core/collections';
import { db, _ } from '../_shared/cloud';
import { rows, total, updated } from '../_shared/db';
import { action } from '../_shared/handler';
import { SEAL_PREFIX, SEALED_FIELDS, keyring, openWith, sealWith, sealedKeyId, sealedValueAt, type Keyring, type SealedCollection } from '../_shared/seal';
import { logError } from '../_shared/log';

/** Documents re-sealed per query. */
const BATCH = 100;
/** A pass stops starting new batches after this long (the function times out at 20 s). */
const BUDGET_MS = 12_000;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const regex = (source: string) => db.RegExp({ regexp: source, options: '' });
/** Values sealed under `keyId`. */
const underKey = (keyId: string) => regex(`^${escape(SEAL_PREFIX)}${escape(keyId)}\\.`);
/** Every sealed value. */
const anySealed = () => regex(`^${escape(SEAL_PREFIX)}`);
/** Non-empty values that are not sealed (written before encryption). */
const plain = () => regex(`^(?!${escape(SEAL_PREFIX)}).`);

const fieldsOf = () => Object.entries(SEALED_FIELDS) as Array<[SealedCollection, readonly string[]]>;
const collection = (name: SealedCollection) => db.collection(name satisfies CollectionName);

/** Re-seals the protected fields of one document that are plain or under an older key (one conditional update). */
async function resealDoc(ring: Keyring, name: SealedCollection, doc: Record<string, unknown>): Promise<'resealed' | 'failed' | 'unchanged'> {
  const patch: Record<string, string> = {};
  const guard: Record<string, string> = {};
  let failed = false;
  for (const path of SEALED_FIELDS[name]) {
    const value = sealedValueAt(doc, path);
    if (typeof value !== 'string' || value === '') continue;
    const id = sealedKeyId(value);
    if (id === ring.current.id) continue;
    const field = `${name}.${path}`;
    const opened = openWith(ring, value, field);
    if (!opened.ok) {
      // Unknown key or tampered: nothing to re-seal with; keyStatus shows it as unknown.
      logError(`[rekey] cannot open ${field} of ${name}/${String(doc._id)}: ${opened.reason}`);
      failed = true;
      continue;
    }
    patch[path] = sealWith(ring, opened.value, field);
    guard[path] = value;
  }
  if (Object.keys(patch).length === 0) return failed ? 'failed' : 'unchanged';
  // Conditional on the values read, so a change written meanwhile is never overwritten.
  const n = await updated(collection(name).where({ _id: doc._id, ...guard }).update({ data: patch }));
  return n === 1 ? 'resealed' : 'unchanged';
}

/** One bounded pass. Idempotent: values under the current key are never touched. */
export async function rekey(now = new Date()): Promise<RekeyResult> {
  const ring = keyring();
  const result: RekeyResult = { resealed: 0, failed: 0, more: false };
  if (!ring) {
    logError('[rekey] KEFU_DATA_KEYS is not set on the admin function: nothing re-sealed');
    return result;
  }
  const started = now.getTime();
  const selectors = [...[...ring.keys.keys()].filter((id) => id !== ring.current.id).map(underKey), plain()];
  for (const [name, paths] of fieldsOf()) {
    for (const path of paths) {
      for (const selector of selectors) {
        // Documents that could not be opened stay as they are: skip past them by _id.
        let after = '';
        for (;;) {
          if (Date.now() - started > BUDGET_MS) return { ...result, more: true };
          const where = after ? { [path]: selector, _id: _.gt(after) } : { [path]: selector };
          const batch = await rows<Record<string, unknown>>(collection(name).where(where).orderBy('_id', 'asc').limit(BATCH));
          for (const doc of batch) {
            const outcome = await resealDoc(ring, name, doc);
            if (outcome === 'resealed') result.resealed++;
            else if (outcome === 'failed') result.failed++;
          }
          if (batch.length < BATCH) break;
          after = String(batch[batch.length - 1]!._id);
        }
      }
    }
  }
  return result;
}

export async function keyStatus(): Promise<KeyStatus> {
  const ring = keyring();
  const keys = ring ? [ring.current.id, ...[...ring.keys.keys()].filter((id) => id !== ring.current.id)] : [];
  const fields: KeyStatus['fields'] = [];
  for (const [name, paths] of fieldsOf()) {
    for (const path of paths) {
      const count = (selector: unknown) => total(collection(name).where({ [path]: selector }));
      const byKey: Record<string, number> = {};
      for (const id of keys) byKey[id] = await count(underKey(id));
      const sealed = await count(anySealed());
      const known = Object.values(byKey).reduce((s, n) => s + n, 0);
      fields.push({ field: `${name}.${path}`, byKey, plain: await count(plain()), unknown: Math.max(0, sealed - known) });
    }
  }
  const older = keys.slice(1);
  return {
    configured: ring !== null,
    current: ring?.current.id ?? null,
    keys,
    fields,
    pending: fields.reduce((s, f) => s + f.plain + older.reduce((t, id) => t + (f.byKey[id] ?? 0), 0), 0),
    unknown: fields.reduce((s, f) => s + f.unknown, 0),
  };
}

export const keyActions = {
  keyStatus: action({
    access: ADMINS,
    input: adminSchemas.keyStatus,
    async run(): Promise<KeyStatus> {
      return keyStatus();
    },
  }),

  rekey: action({
    access: ADMINS,
    input: adminSchemas.rekey,
    async run(ctx): Promise<RekeyResult> {
      return rekey(ctx.now);
    },
  }),
};
