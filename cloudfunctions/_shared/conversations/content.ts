// What a chat message carries: a text or one image (exactly one; the zod schemas check that). An image is
// a file the caller uploaded to `cloud://<env>/chat/<their OPENID>/…`, so nobody can post someone else's.
import { AppError } from '../../../core/envelope';
import { ERRORS, TEXTS } from './texts';

export type MessageContent = { text: string; image?: undefined } | { image: string; text?: undefined };

/** The uploader segment of a chat image's path (schema-validated before). */
export function imageUploader(fileId: string): string | null {
  return /^cloud:\/\/[^/]+\/chat\/([^/]+)\//.exec(fileId)?.[1] ?? null;
}

/** A validated `{text?, image?}` as message content; an image must be the caller's own upload. */
export function contentOf(input: { text?: string; image?: string }, openid: string): MessageContent {
  if (input.image !== undefined) {
    if (imageUploader(input.image) !== openid) throw new AppError('FORBIDDEN', ERRORS.imageNotYours);
    return { image: input.image };
  }
  return { text: input.text ?? '' };
}

/** The one line that stands for the message in lists and notifications. */
export function previewOf(content: MessageContent): string {
  return content.image !== undefined ? TEXTS.imagePreview : content.text;
}

/** The stored fields of a message with this content. */
export function storedContent(content: MessageContent): { text: string; kind: 'text' | 'image'; image?: string } {
  return content.image !== undefined ? { text: '', kind: 'image', image: content.image } : { text: content.text, kind: 'text' };
}
