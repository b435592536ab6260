// 话术审核 on the server: the staff word list (`settings/moderation`) and the check every agent text a
// customer will read goes through before anything is stored.
import { MODERATION_ID, forbiddenWordsIn, moderationWarning } from '../../core/abuse/moderation';
import type { ModerationSettings } from '../../core/api';
import { AppError } from '../../core/envelope';
import { db } from './cloud';
import { first } from './db';

interface ModerationDoc {
  words?: unknown;
  updatedAt?: Date | string;
  updatedBy?: string;
}

export async function loadModeration(): Promise<ModerationSettings> {
  const doc = await first<ModerationDoc>(db.collection('settings').where({ _id: MODERATION_ID }));
  const words = Array.isArray(doc?.words) ? doc.words.filter((w): w is string => typeof w === 'string') : [];
  return { words, ...(doc?.updatedAt ? { updatedAt: new Date(doc.updatedAt).toISOString() } : {}) };
}

/**
 * Refuses (INVALID_INPUT, naming the words) a text that contains a listed word. Read on every call, not
 * cached: a word added by a supervisor holds at once in every instance. `what` names the text.
 */
export async function assertNoForbiddenWords(texts: ReadonlyArray<string | undefined>, what = '回复'): Promise<void> {
  const present = texts.filter((t): t is string => typeof t === 'string' && t !== '');
  if (present.length === 0) return;
  const { words } = await loadModeration();
  if (words.length === 0) return;
  const found = [...new Set(present.flatMap((t) => forbiddenWordsIn(t, words)))];
  if (found.length > 0) throw new AppError('INVALID_INPUT', moderationWarning(found, what));
}
