// Encryption at rest of personal fields (message bodies, contact details…): AES-256-GCM under a key from
// the environment, with the key id inside each value so keys can rotate. Only node:crypto: the emulator's
// seeds seal their demo data with this same module (the one import .dependency-cruiser.cjs allows them).
//
// A sealed value is `kd1.<keyId>.<iv b64url>.<ciphertext+tag b64url>`; the AAD is the field's name
// (`messages.text`), so a value copied into another field does not open. `KEFU_DATA_KEYS` =
// `id:base64(32 bytes)[,id:base64…]`: the first key seals, every key opens.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../core/envelope';
import { logError } from './log';

export const SEAL_PREFIX = 'kd1.';
/** Shown in place of a value that cannot be opened (unknown key, tampered, no key configured). */
export const UNREADABLE = '[无法解密]';
export const DATA_KEYS_ENV = 'KEFU_DATA_KEYS';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Keyring {
  /** Seals new values; the first key of the list. */
  current: { id: string; key: Buffer };
  /** Every key that opens, by id (the current one included). */
  keys: Map<string, Buffer>;
}

/** Parses `id:base64,id:base64…`; throws an Error naming what is wrong (never the key material). */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let current: Keyring['current'] | null = null;
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : '';
    if (!KEY_ID.test(id)) throw new Error(`${DATA_KEYS_ENV}: a key id must be 1–32 letters, digits, "_" or "-" (entry ${keys.size + 1})`);
    if (keys.has(id)) throw new Error(`${DATA_KEYS_ENV}: key id ${id} appears twice`);
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (key.length !== 32) throw new Error(`${DATA_KEYS_ENV}: key ${id} is not 32 bytes of base64 (openssl rand -base64 32)`);
    keys.set(id, key);
    current ??= { id, key };
  }
  if (!current) throw new Error(`${DATA_KEYS_ENV} is empty`);
  return { current, keys };
}

/** A new key list entry: `id:base64(32 random bytes)`. */
export function generateKeySpec(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** The key id of a sealed value; null for a plain one. */
export function sealedKeyId(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith(SEAL_PREFIX)) return null;
  const end = value.indexOf('.', SEAL_PREFIX.length);
  return end > SEAL_PREFIX.length ? value.slice(SEAL_PREFIX.length, end) : null;
}

/** Seals with a given keyring (the functions use `seal`, which reads the environment). */
export function sealWith(ring: Keyring, value: string, field: string): string {
  if (value === '') return value;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  cipher.setAAD(Buffer.from(field, 'utf8'));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${SEAL_PREFIX}${ring.current.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export type OpenResult = { ok: true; value: string } | { ok: false; reason: string };

/** Opens with a given keyring; a plain value (written before encryption) comes back as it is. */
export function openWith(ring: Keyring | null, value: string, field: string): OpenResult {
  const id = sealedKeyId(value);
  if (id === null) return { ok: true, value };
  if (!ring) return { ok: false, reason: `${DATA_KEYS_ENV} is not set` };
  const key = ring.keys.get(id);
  if (!key) return { ok: false, reason: `unknown key id ${id}` };
  const [, , ivText, bodyText] = value.split('.');
  const iv = Buffer.from(ivText ?? '', 'base64url');
  const body = Buffer.from(bodyText ?? '', 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) return { ok: false, reason: 'malformed value' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(field, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return { ok: true, value: Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8') };
  } catch {
    return { ok: false, reason: `authentication failed (key ${id})` };
  }
}

// ---------------------------------------------------------------------------------------------------
// The keyring of this process, from the environment (read again when the variable changes).

let cached: { spec: string; ring: Keyring | null; error: string | null } | null = null;

function loaded(): { ring: Keyring | null; error: string | null } {
  const spec = process.env[DATA_KEYS_ENV] ?? '';
  if (cached?.spec === spec) return cached;
  let ring: Keyring | null = null;
  let error: string | null = null;
  if (!spec.trim()) error = `${DATA_KEYS_ENV} is not set`;
  else {
    try {
      ring = parseKeyring(spec);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
  }
  cached = { spec, ring, error };
  return cached;
}

/** The keyring of this function, or null when none (or a bad one) is configured. */
export function keyring(): Keyring | null {
  return loaded().ring;
}

const NO_KEY_MESSAGE = '服务端未配置数据加密密钥，暂时无法保存，请联系管理员';

/** Fails closed (UNAVAILABLE) before an action's first write when a later step would have to seal without a key. */
export function requireDataKeys(what: string): void {
  const { ring, error } = loaded();
  if (ring) return;
  logError(`[seal] cannot ${what}: ${error ?? `${DATA_KEYS_ENV} is not set`} (set ${DATA_KEYS_ENV} on this cloud function, docs/deploy.md)`);
  throw new AppError('UNAVAILABLE', NO_KEY_MESSAGE);
}

/** Seals a value for `field`; without a usable key it fails closed (UNAVAILABLE), never storing plaintext. */
export function seal(value: string, field: string): string {
  if (value === '') return value;
  const { ring, error } = loaded();
  if (!ring) {
    logError(`[seal] cannot write ${field}: ${error ?? `${DATA_KEYS_ENV} is not set`} (set ${DATA_KEYS_ENV} on this cloud function, docs/deploy.md)`);
    throw new AppError('UNAVAILABLE', NO_KEY_MESSAGE);
  }
  return sealWith(ring, value, field);
}

/** Opens a value of `field`; what cannot be opened reads as UNREADABLE (logged without the value). */
export function open(value: unknown, field: string): string {
  if (typeof value !== 'string') return value === undefined || value === null ? '' : String(value);
  const result = openWith(keyring(), value, field);
  if (result.ok) return result.value;
  logError(`[seal] cannot open ${field}: ${result.reason}`);
  return UNREADABLE;
}

/** A JSON value sealed as one string (e.g. a notification's rendered data). */
export function sealJson(value: unknown, field: string): string {
  return seal(JSON.stringify(value), field);
}

/** The JSON value of `sealJson`; an unsealed object (older records) comes back as it is, unreadable → `fallback`. */
export function openJson<T>(value: unknown, field: string, fallback: T): T {
  if (typeof value !== 'string') return (value as T) ?? fallback;
  const text = open(value, field);
  if (text === UNREADABLE) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------------
// Which fields are sealed, per collection (dotted paths). The AAD of a field is `<collection>.<path>`.

export const SEALED_FIELDS = {
  messages: ['text'],
  conversations: ['lastText', 'rating.comment'],
  left_messages: ['text', 'phone', 'answer'],
  appointments: ['name', 'phone', 'address', 'note'],
  faq_unanswered: ['text'],
  notifications: ['data'],
  export_chunks: ['body'],
} as const;

export type SealedCollection = keyof typeof SEALED_FIELDS;

function getPath(doc: Record<string, unknown>, path: string): unknown {
  let at: unknown = doc;
  for (const part of path.split('.')) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** A copy of `doc` with the string at `path` replaced (objects on the way copied, never shared). */
function withPath<T extends Record<string, unknown>>(doc: T, path: string, map: (v: string) => string): T {
  const [head, ...rest] = path.split('.');
  const value = doc[head!];
  if (rest.length === 0) return typeof value === 'string' ? { ...doc, [head!]: map(value) } : doc;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return doc;
  return { ...doc, [head!]: withPath(value as Record<string, unknown>, rest.join('.'), map) };
}

/** Seals every protected string field of a document (or an update patch) about to be written. */
export function sealFields<T extends object>(collection: SealedCollection, doc: T, sealer: (value: string, field: string) => string = seal): T {
  let out = doc as Record<string, unknown>;
  for (const path of SEALED_FIELDS[collection]) out = withPath(out, path, (v) => sealer(v, `${collection}.${path}`));
  return out as T;
}

/** Opens every protected string field of a document read from the database. */
export function openFields<T extends object>(collection: SealedCollection, doc: T, opener: (value: string, field: string) => string = open): T {
  let out = doc as Record<string, unknown>;
  for (const path of SEALED_FIELDS[collection]) out = withPath(out, path, (v) => opener(v, `${collection}.${path}`));
  return out as T;
}

/** An opener with a given keyring (seeds, tests): unreadable values become UNREADABLE. */
export const openerWith =
  (ring: Keyring) =>
  (value: string, field: string): string => {
    const r = openWith(ring, value, field);
    return r.ok ? r.value : UNREADABLE;
  };

/** The value at a dotted path of a document (the rekey pass reads sealed values with it). */
export { getPath as sealedValueAt };
