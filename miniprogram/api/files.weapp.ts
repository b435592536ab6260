// weapp: chat images in CloudBase storage; <Image> shows a `cloud://` fileID directly.
import Taro from '@tarojs/taro';
import { IMAGE_ERRORS, chatImagePath, checkImageSize, imageExtension, isCancel } from './chat-image';
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

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().getFileInfo({ filePath, success: (res) => resolve(res.size), fail: reject });
  });
}

export async function uploadChatImage(localPath: string, openid: string): Promise<string> {
  const ext = imageExtension(localPath);
  let size: number;
  try {
    size = await fileSize(localPath);
  } catch {
    throw new ApiCallError('UNAVAILABLE', IMAGE_ERRORS.failed);
  }
  checkImageSize(size);
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath: chatImagePath(openid, ext), filePath: localPath });
    return res.fileID;
  } catch {
    throw new ApiCallError('UNAVAILABLE', IMAGE_ERRORS.failed);
  }
}

export function fileUrl(fileID: string): string {
  return fileID;
}
