// Rules both platforms' `files` share: which images a chat takes, how big, where they go, what to say.
import { IMAGE_EXTENSIONS, IMAGE_MAX_BYTES } from '../../core/schemas/session.schema';
import { ApiCallError } from './errors';

export type ImageExtension = (typeof IMAGE_EXTENSIONS)[number];

export const IMAGE_ERRORS = {
  tooLarge: `图片过大，请选择 ${IMAGE_MAX_BYTES / 1024 / 1024} MB 以内的图片`,
  badType: '图片格式不支持，请选择 JPG、PNG、GIF 或 WEBP 图片',
  failed: '上传失败，请重试',
  pickFailed: '无法选择图片，请重试',
} as const;

const MIME_EXTENSIONS: Record<string, ImageExtension> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

function isImageExtension(ext: string): ext is ImageExtension {
  return (IMAGE_EXTENSIONS as readonly string[]).includes(ext);
}

/** The extension of an image file (by its MIME type when known, else its name); throws 图片格式不支持. */
export function imageExtension(name: string, mimeType = ''): ImageExtension {
  const byType = MIME_EXTENSIONS[mimeType.toLowerCase()];
  if (byType) return byType;
  const ext = /\.([A-Za-z0-9]+)(?:[?#].*)?$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (isImageExtension(ext)) return ext;
  throw new ApiCallError('INVALID_INPUT', IMAGE_ERRORS.badType);
}

/** Refuses an image over the chat limit before any byte is sent. */
export function checkImageSize(bytes: number): void {
  if (bytes > IMAGE_MAX_BYTES) throw new ApiCallError('INVALID_INPUT', IMAGE_ERRORS.tooLarge);
}

function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes);
  // weapp has no Web Crypto: a name only has to be unique there (reads are governed by the storage rules).
  if (typeof globalThis.crypto?.getRandomValues === 'function') globalThis.crypto.getRandomValues(values);
  else for (let i = 0; i < bytes; i++) values[i] = Math.floor(Math.random() * 256);
  return Array.from(values, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `chat/<openid>/<32 hex>.<ext>`: the path the functions accept as the caller's own image. */
export function chatImagePath(openid: string, ext: ImageExtension): string {
  return `chat/${openid}/${randomHex(16)}.${ext}`;
}

/** `chat/…` of `cloud://<env>/chat/…`; null for anything else. */
export function storagePath(fileID: string): string | null {
  return /^cloud:\/\/[^/]+\/(chat\/.+)$/.exec(fileID)?.[1] ?? null;
}

/** Whether a picker failure is the user closing it (not an error to show). */
export function isCancel(err: unknown): boolean {
  const errMsg = typeof err === 'object' && err !== null && 'errMsg' in err ? String(err.errMsg) : '';
  return /cancel/i.test(errMsg);
}
