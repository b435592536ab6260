import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError, call, errorText } from '../../miniprogram/api/client';
import { fakeFunctions, type FakeFunctions } from './fake-functions';

const fake = vi.hoisted(() => ({ functions: null as FakeFunctions | null, raw: undefined as unknown }));
vi.mock('../../miniprogram/api/transport', () => ({
  invoke: (...args: Parameters<FakeFunctions['invoke']>) =>
    fake.raw !== undefined ? Promise.resolve(fake.raw) : fake.functions!.invoke(...args),
}));

beforeEach(() => {
  fake.functions = fakeFunctions();
  fake.raw = undefined;
});

describe('call', () => {
  it('sends {action, ...input} to the named function and resolves with data', async () => {
    fake.functions!.ok('faq', []).ok('faq.hot', [{ id: 'a', categoryId: 'c', question: 'q' }]);
    await expect(call('faq', 'hot', { limit: 5 })).resolves.toEqual([{ id: 'a', categoryId: 'c', question: 'q' }]);
    expect(fake.functions!.calls).toEqual([{ name: 'faq', event: { action: 'hot', limit: 5 } }]);
  });

  it('throws ApiCallError with the code and message of {ok:false}', async () => {
    fake.functions!.fail('admin.staff', 'FORBIDDEN', '只有管理员可以查看员工');
    const error = await call('admin', 'staff', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: '只有管理员可以查看员工' });
    expect(errorText(error)).toBe('只有管理员可以查看员工');
  });

  it('maps an unknown error code to INTERNAL and fills in a Chinese message', async () => {
    fake.raw = { ok: false, error: { code: 'TEAPOT', message: '' } };
    await expect(call('faq', 'categories', {})).rejects.toMatchObject({ code: 'INTERNAL', message: '服务出了点问题，请稍后重试' });
  });

  it('rejects an answer that is not an envelope', async () => {
    fake.raw = 'Internal Server Error';
    await expect(call('faq', 'categories', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('words errors that are not ApiCallError as a network problem', () => {
    expect(errorText(new TypeError('Failed to fetch'))).toBe('网络异常，请稍后重试');
  });
});
