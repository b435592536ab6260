// Chat images. Taro picks `files.weapp.ts` (cloud storage) or `files.h5.ts` (the local gateway);
// this fallback, for other targets, picks nothing and uploads nothing. Unit tests mock this module.
import { ApiCallError } from './errors';

/** Lets the user pick one image (compressed); its local path, or null when they cancel. */
export async function chooseChatImage(): Promise<string | null> {
  return null;
}

/** Uploads a picked image as `chat/<openid>/<random>.<ext>`; its fileID (`cloud://…`). */
export async function uploadChatImage(_localPath: string, _openid: string): Promise<string> {
  throw new ApiCallError('UNAVAILABLE', '当前平台不支持上传图片');
}

/** What an <Image> can show for a fileID. */
export function fileUrl(fileID: string): string {
  return fileID;
}
