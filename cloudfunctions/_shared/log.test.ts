import { afterEach, describe, expect, it, vi } from 'vitest';
import { logError, logLine, logWarn } from './log';

describe('server log lines', () => {
  afterEach(() => vi.restoreAllMocks());

  it('mask personal data in messages, stacks, error fields and objects', () => {
    const err = Object.assign(new Error('insert failed: {"text":"我的手机13812348000"}'), { errMsg: '卡号 4111111111111111' });
    const line = logLine(['[desk] unexpected error', err, { email: 'zhang.san@example.com', id: '110101199003071234' }]);
    expect(line).toContain('[desk] unexpected error');
    expect(line).toContain('138****8000');
    expect(line).toContain('4111********1111');
    expect(line).toContain('z***@example.com');
    expect(line).toContain('110***********1234');
    expect(line).not.toMatch(/13812348000|4111111111111111|zhang\.san|110101199003071234/);
    expect(line).toMatch(/at .*log\.test\.ts/); // the stack is kept
  });

  it('go to console.error and console.warn as one masked line', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    logError('[notify] failed', new Error('to 13812348000'));
    logWarn('[faq] index', 'li@qq.com', 3, null, undefined);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toMatch(/^\[notify\] failed Error: to 138\*\*\*\*8000/);
    expect(warn.mock.calls[0]).toEqual(['[faq] index l***@qq.com 3 null undefined']);
  });
});
