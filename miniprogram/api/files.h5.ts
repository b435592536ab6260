// h5: chat images through the local gateway (`POST /api/upload`, `GET /api/files/…`), which stands in
// for cloud storage; identity is the dev token, as for function calls.
import Taro from '@tarojs/taro';
import { IMAGE_ERRORS, checkImageSize, imageExtension, isCancel, storagePath } from './chat-image';
import { clearToken, ensureToken, readToken, reloginSameRole } from './dev-session';
import { ApiCallError } from './errors';

export async function chooseChatImage(): Promise<string | null> {
  try {
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFilePaths[0] ?? null;
  } catch (err) {
    if (isCancel(err)) return null;
    throw new ApiCallError('UNAVAILABLE', IMAGE_ERRORS.pickFailed);
  }
}

async function readPicked(localPath: string): Promise<Blob> {
  try {
    const res = await fetch(localPath);
    if (!res.ok) throw new Error(String(res.status));
    return await res.blob();
  } catch {
    throw new ApiCallError('UNAVAILABLE', IMAGE_ERRORS.failed);
  }
}

async function post(blob: Blob, ext: string, token: string): Promise<Response> {
  try {
    return await fetch(`/api/upload?ext=${ext}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + token, 'Content-Type': blob.type.startsWith('image/') ? blob.type : `image/${ext === 'jpg' ? 'jpeg' : ext}` },
      body: blob,
    });
  } catch {
    throw new ApiCallError('UNAVAILABLE', IMAGE_ERRORS.failed);
  }
}

// The gateway takes the uploader from the token, so `openid` is not sent (weapp names the path with it).
export async function uploadChatImage(localPath: string, _openid: string): Promise<string> {
  const blob = await readPicked(localPath);
  const ext = imageExtension(localPath, blob.type);
  checkImageSize(blob.size);
  let response = await post(blob, ext, await ensureToken());
  if (response.status === 401) {
    // The gateway forgot the token (data folder reset, restart): log in again once with the same role.
    clearToken();
    response = await post(blob, ext, await reloginSameRole());
  }
  if (response.status === 413) throw new ApiCallError('INVALID_INPUT', IMAGE_ERRORS.tooLarge);
  if (response.status === 400) throw new ApiCallError('INVALID_INPUT', IMAGE_ERRORS.badType);
  const body: unknown = await response.json().catch(() => undefined);
  const fileID = typeof body === 'object' && body !== null && 'fileID' in body ? body.fileID : undefined;
  if (!response.ok || typeof fileID !== 'string') throw new ApiCallError('UNAVAILABLE', IMAGE_ERRORS.failed);
  return fileID;
}

/** `/api/files/chat/…?token=…`: an <Image> sends no headers, so the token rides in the query (as for SSE). */
export function fileUrl(fileID: string): string {
  const path = storagePath(fileID);
  return path ? `/api/files/${path}?token=${encodeURIComponent(readToken())}` : fileID;
}
