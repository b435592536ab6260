// Records the user's answer to a subscribe prompt: one one-time grant per accepted template.
import { call } from './client';
import type { SubscribeAnswer } from './subscribe';

/** `templates.grant`; failures are swallowed (the user's action goes on without notifications). */
export async function recordAnswer(answer: SubscribeAnswer): Promise<SubscribeAnswer> {
  if (answer.accepted.length === 0 && answer.rejected.length === 0) return answer;
  try {
    await call('templates', 'grant', { accepted: answer.accepted.slice(0, 3), rejected: answer.rejected.slice(0, 3) });
  } catch {
    // Without a recorded grant the server simply does not send (recorded as skipped).
  }
  return answer;
}
