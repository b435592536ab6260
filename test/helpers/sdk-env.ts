// Environment variables that point an unmodified wx-server-sdk at a local emulator
// (see /work/shared/cloudbase-wire.md). Set them before requiring wx-server-sdk.

/**
 * @param baseUrl the emulator's base URL (`http://127.0.0.1:PORT`); `/admin` is appended unless present.
 * @param openid what `cloud.getWXContext().OPENID` answers (omitted: no OPENID).
 */
export function sdkEnv(baseUrl: string, openid?: string): Record<string, string> {
  const base = baseUrl.replace(/\/+$/, '');
  const env: Record<string, string> = {
    // Every SDK call goes to this URL (instead of the CloudBase gateway).
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: base.endsWith('/admin') ? base : `${base}/admin` }),
    // Skip the cloud-metadata probe the SDK otherwise makes before every call.
    TENCENTCLOUD: 'true',
    // Without credentials node-sdk rejects (unawaited) and Node exits; the emulator ignores signatures.
    TENCENTCLOUD_SECRETID: 'local-emulator',
    TENCENTCLOUD_SECRETKEY: 'local-emulator',
    TCB_ENV: 'kefu-local',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    WX_APPID: 'wx0000000000000000',
    // No "slow request" warnings from node-sdk.
    SILENCE: 'true',
  };
  if (openid) env.WX_OPENID = openid;
  return env;
}

/** Writes {@link sdkEnv} into `target` (default process.env); returns a function restoring the previous values. */
export function applySdkEnv(baseUrl: string, openid?: string, target: NodeJS.ProcessEnv = process.env): () => void {
  const vars = sdkEnv(baseUrl, openid);
  const previous = new Map<string, string | undefined>();
  for (const key of [...Object.keys(vars), 'WX_OPENID']) previous.set(key, target[key]);
  delete target.WX_OPENID;
  Object.assign(target, vars);
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) delete target[key];
      else target[key] = value;
    }
  };
}
