import { z } from 'zod';
import { empty, id, mainlandMobile, text } from './common';

/** Longest message a customer or an agent may send (characters, after trimming). */
export const MESSAGE_MAX = 2000;
export const message = text(MESSAGE_MAX);

export const CONVERSATION_STATUSES = ['bot', 'queued', 'assigned', 'closed'] as const;

/** Image types a chat accepts (by file name extension). */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp'] as const;
/** Largest image a chat accepts (bytes). */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A chat image in cloud storage: `cloud://<env>/chat/<uploader OPENID>/<random name>.<ext>`.
 * The functions also check that the uploader segment is the caller (nobody attaches someone else's file).
 */
export const chatImage = z
  .string()
  .trim()
  .max(300, '图片地址过长')
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/chat\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]{16,64}\.(jpg|jpeg|png|gif|webp)$/, '图片地址格式不正确');

/** A message is text or one image (exactly one of the two). */
const textOrImage = { text: message.optional(), image: chatImage.optional() };
const oneOf = (v: { text?: string; image?: string }) => (v.text === undefined) !== (v.image === undefined);
const ONE_OF_MESSAGE = { message: '请发送文字或一张图片' };


/** Tags a customer may pick when rating (shown as chips). */
export const RATING_TAGS = ['回复及时', '态度友好', '解决了问题', '专业耐心', '等待太久', '没有解决', '答非所问'] as const;

export const sessionSchemas = {
  /** Opens a conversation with the bot (or returns the caller's open one); `text` is a first message. */
  start: z.object({ text: message.optional(), category: id.optional() }),
  send: z.object({ conversationId: id, ...textOrImage }).refine(oneOf, ONE_OF_MESSAGE),
  history: z.object({ conversationId: id }),
  handoff: z.object({ conversationId: id }),
  rate: z.object({
    conversationId: id,
    score: z.number().int().min(1).max(5),
    tags: z.array(z.enum(RATING_TAGS)).max(RATING_TAGS.length).optional(),
    comment: z.string().trim().max(200).optional(),
  }),
  close: z.object({ conversationId: id }),
  mine: empty,
  /** Whether people are on duty now: business hours and agents online (before offering 转人工). */
  availability: z.object({ category: id.optional() }),
  /**
   * Leave a message for the team (outside business hours, nobody online, or tired of waiting). With the
   * customer's open conversation: it leaves the queue (closed), and the message keeps its id.
   */
  leaveMessage: z.object({ text: text(500), phone: mainlandMobile.optional(), conversationId: id.optional() }),
  /** The customer's left messages with the answers. */
  myMessages: empty,
} as const;
