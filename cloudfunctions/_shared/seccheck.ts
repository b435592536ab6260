// `security.msgSecCheck` on customer-written texts before they are stored: `risky` refuses the call
// (INVALID_INPUT, nothing written), `review` lets it through flagged for staff, and a failing check
// (network, quota, no openapi permission) fails open with a log line — never the text itself.
import { SEC_CHECK_MAX_CHARS, SEC_CHECK_REFUSED, SEC_CHECK_SCENE, verdictOf, type SecVerdict } from '../../core/abuse/seccheck';
import { AppError } from '../../core/envelope';
import { cloud } from './cloud';
import { logWarn } from './log';

/** A check that has not answered by then is treated as failed (the customer is not kept waiting). */
const CHECK_TIMEOUT_MS = 3000;

async function checkOne(openid: string, content: string): Promise<SecVerdict> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const call = cloud.openapi.security.msgSecCheck({ openid, scene: SEC_CHECK_SCENE, version: 2, content: content.slice(0, SEC_CHECK_MAX_CHARS) }) as Promise<unknown>;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    const verdict = verdictOf(await Promise.race([call, timeout]));
    if (verdict === 'unchecked') logWarn('[seccheck] msgSecCheck gave no verdict; let through');
    return verdict;
  } catch (err) {
    const e = (err ?? {}) as { errCode?: unknown; errMsg?: unknown; message?: unknown };
    logWarn(`[seccheck] msgSecCheck failed (errCode ${String(e.errCode ?? '?')}: ${String(e.errMsg ?? e.message ?? '')}); let through`);
    return 'unchecked';
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * Checks the customer's texts (empty ones skipped); throws INVALID_INPUT when any is risky.
 * Returns true when any needs a staff review (store it flagged).
 */
export async function checkCustomerText(openid: string, texts: ReadonlyArray<string | undefined>): Promise<boolean> {
  const present = texts.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  if (present.length === 0) return false;
  const verdicts = await Promise.all(present.map((t) => checkOne(openid, t)));
  if (verdicts.includes('risky')) throw new AppError('INVALID_INPUT', SEC_CHECK_REFUSED);
  return verdicts.includes('review');
}
