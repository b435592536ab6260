import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db';
import { DEFAULT_SECCHECK_RULES, SECCHECK, judgeSecCheck, sha256Hex } from './seccheck';

describe('the emulated msgSecCheck', () => {
  let db: Database;
  afterEach(() => db?.close());
  const judge = (fields: Record<string, unknown>) => judgeSecCheck(db, DEFAULT_SECCHECK_RULES, fields);
  const base = { openid: 'o1', scene: 1, version: 2 };

  it('answers pass, review or risky by the test phrases, in the version-2 shape', () => {
    db = openDatabase({ file: ':memory:' });
    expect(judge({ ...base, content: '你好' })).toMatchObject({ errcode: 0, result: { suggest: 'pass', label: 100 } });
    expect(judge({ ...base, content: '这是违规测试内容' })).toMatchObject({ errcode: 0, result: { suggest: 'risky', label: 21000 }, detail: [{ suggest: 'risky', keyword: '违规测试内容' }] });
    expect(judge({ ...base, content: '待复核测试内容' })).toMatchObject({ errcode: 0, result: { suggest: 'review' } });
    expect(judge({ ...base, content: '检测失败测试内容' })).toMatchObject({ errcode: -1 });
  });

  it('refuses what WeChat refuses: no openid, another version, a bad scene, an empty or too long text', () => {
    db = openDatabase({ file: ':memory:' });
    expect(judge({ ...base, openid: '', content: 'x' }).errcode).toBe(40003);
    expect(judge({ ...base, version: 1, content: 'x' }).errcode).toBe(40097);
    expect(judge({ ...base, scene: 9, content: 'x' }).errcode).toBe(40129);
    expect(judge({ ...base, content: '' }).errcode).toBe(40097);
    expect(judge({ ...base, content: '字'.repeat(2501) }).errcode).toBe(40097);
  });

  it('records every check with the length and hash of the text, never the text', () => {
    db = openDatabase({ file: ':memory:' });
    judge({ ...base, content: '我的手机号13800138000' });
    const [record] = db.find(SECCHECK, {});
    expect(record).toMatchObject({ openid: 'o1', scene: 1, version: 2, contentLength: 16, contentSha256: sha256Hex('我的手机号13800138000'), errcode: 0, suggest: 'pass' });
    expect(JSON.stringify(record)).not.toContain('13800138000');
  });
});
