// `cloud.openapi.security.msgSecCheck` (version 2) lands here: the emulator answers as WeChat does —
// `risky` for a text containing one of the configured test phrases, `review` for another set, `pass`
// otherwise — and records every check for tests (`GET /api/dev/seccheck`). The text itself is not kept:
// its length and SHA-256 are (a test can find the check of a text it sent without the store holding it).
import { createHash } from 'node:crypto';
import type { Database } from './db';

export const SECCHECK = '_emulator_seccheck';

export interface SecCheckRules {
  /** Texts containing one of these are `risky`. */
  risky: string[];
  /** Texts containing one of these are `review`. */
  review: string[];
  /** Texts containing one of these get WeChat's "system busy" (errcode -1): the caller must fail open. */
  failing: string[];
}

export const DEFAULT_SECCHECK_RULES: SecCheckRules = {
  risky: ['违规测试内容'],
  review: ['待复核测试内容'],
  failing: ['检测失败测试内容'],
};

export interface SecCheckRecord {
  openid: string;
  scene: number | null;
  version: number | null;
  contentLength: number;
  contentSha256: string;
  errcode: number;
  suggest: 'pass' | 'review' | 'risky' | null;
  label: number | null;
  at: Date;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** WeChat's answer to a version-2 check of these request fields, recorded. */
export function judgeSecCheck(db: Database, rules: SecCheckRules, fields: Record<string, unknown>): Record<string, unknown> {
  const openid = typeof fields.openid === 'string' ? fields.openid : '';
  const content = typeof fields.content === 'string' ? fields.content : '';
  const scene = typeof fields.scene === 'number' ? fields.scene : null;
  const version = typeof fields.version === 'number' ? fields.version : null;
  const traceId = sha256Hex(`${Date.now()}|${Math.random()}`).slice(0, 24);
  let reply: Record<string, unknown>;
  if (!openid) reply = { errcode: 40003, errmsg: 'invalid openid' };
  else if (version !== 2) reply = { errcode: 40097, errmsg: 'invalid args: version must be 2' };
  else if (scene === null || scene < 1 || scene > 4) reply = { errcode: 40129, errmsg: 'invalid scene' };
  else if (content === '' || [...content].length > 2500) reply = { errcode: 40097, errmsg: 'invalid args: content' };
  else if (rules.failing.some((p) => content.includes(p))) reply = { errcode: -1, errmsg: 'system error' };
  else {
    const risky = rules.risky.find((p) => content.includes(p));
    const review = risky ? undefined : rules.review.find((p) => content.includes(p));
    const suggest = risky ? 'risky' : review ? 'review' : 'pass';
    const label = suggest === 'pass' ? 100 : 21000;
    reply = {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'keyword', errcode: 0, suggest, label, ...(risky || review ? { level: 90, keyword: risky ?? review } : {}) }],
      trace_id: traceId,
    };
  }
  const result = reply.result as { suggest: SecCheckRecord['suggest']; label: number } | undefined;
  const record: SecCheckRecord = {
    openid,
    scene,
    version,
    contentLength: [...content].length,
    contentSha256: sha256Hex(content),
    errcode: Number(reply.errcode),
    suggest: result?.suggest ?? null,
    label: result?.label ?? null,
    at: new Date(),
  };
  db.insert(SECCHECK, [{ ...record }]);
  return reply;
}
