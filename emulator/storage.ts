// Cloud storage for chat images, emulated: what `wx.cloud.uploadFile` and a `cloud://` fileID do on
// weapp, the gateway does for h5 (`POST /api/upload`, `GET /api/files/<path>`). Files live under
// `<dataDir>/files/<path>`, or in memory for an in-memory emulator.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_EXTENSIONS, chatImage } from '../core/schemas/session.schema';

export type ImageExtension = (typeof IMAGE_EXTENSIONS)[number];

export interface FileStore {
  put(filePath: string, bytes: Buffer): Promise<void>;
  /** The bytes at `filePath`, or null when there is no such file. */
  get(filePath: string): Promise<Buffer | null>;
  /** Removes the file; false when there was none. */
  remove(filePath: string): Promise<boolean>;
}

/** Disk store under `<dataDir>/files`, or a Map when there is no data folder (':memory:'). */
export function createFileStore(dataDir: string | null): FileStore {
  if (!dataDir) {
    const files = new Map<string, Buffer>();
    return {
      put: async (filePath, bytes) => void files.set(filePath, bytes),
      get: async (filePath) => files.get(filePath) ?? null,
      remove: async (filePath) => files.delete(filePath),
    };
  }
  const root = path.join(dataDir, 'files');
  // Paths reaching the store were validated by `parseChatPath`; resolving again keeps a slip from leaving the folder.
  const resolve = (filePath: string) => {
    const file = path.resolve(root, filePath);
    if (!file.startsWith(root + path.sep)) throw new Error('path outside the file store');
    return file;
  };
  return {
    async put(filePath, bytes) {
      const file = resolve(filePath);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, bytes);
    },
    async get(filePath) {
      try {
        return await fs.readFile(resolve(filePath));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async remove(filePath) {
      try {
        await fs.unlink(resolve(filePath));
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
    },
  };
}

export const CONTENT_TYPES: Record<ImageExtension, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

export function isImageExtension(ext: string): ext is ImageExtension {
  return (IMAGE_EXTENSIONS as readonly string[]).includes(ext);
}

/** The image type the first bytes announce (JPEG, PNG, GIF, WebP), as a Content-Type; null for anything else. */
export function sniffImage(bytes: Buffer): string | null {
  const starts = (sig: readonly number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/** A new chat image path for `openid`: `chat/<openid>/<32 hex>.<ext>`. */
export function newChatPath(openid: string, ext: ImageExtension): string {
  return `chat/${openid}/${randomBytes(16).toString('hex')}.${ext}`;
}

export function fileIdOf(envId: string, filePath: string): string {
  return `cloud://${envId}/${filePath}`;
}

/**
 * A stored chat image path if `filePath` is exactly one (`chat/<openid>/<name>.<ext>`, the shape the
 * functions accept as a fileID); null otherwise — so `..`, encoded slashes and other files never reach the store.
 */
export function parseChatPath(envId: string, filePath: string): { path: string; ext: ImageExtension } | null {
  if (!chatImage.safeParse(fileIdOf(envId, filePath)).success || filePath.trim() !== filePath) return null;
  const ext = filePath.slice(filePath.lastIndexOf('.') + 1);
  return isImageExtension(ext) ? { path: filePath, ext } : null;
}

/**
 * A path a function may write with `cloud.uploadFile` (`exports/<id>.csv`, `chat/<openid>/<name>.png`):
 * segments of letters, digits, `.`, `_`, `-`, each starting with a letter or digit (so no `..`), at
 * most 255 characters; null otherwise.
 */
export function parseStoragePath(filePath: string): string | null {
  return filePath.length <= 255 && /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(filePath) ? filePath : null;
}

/** The path of a `cloud://<env>/<path>` fileID, when it is a storage path; null otherwise. */
export function storagePathOf(fileID: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  return m ? parseStoragePath(m[1]!) : null;
}

const FILE_TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', txt: 'text/plain; charset=utf-8', ...CONTENT_TYPES };

/** Content-Type by extension; unknown ones are served as bytes. */
export function contentTypeOf(filePath: string): string {
  return FILE_TYPES[filePath.slice(filePath.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}
