// The one place that initialises wx-server-sdk. On CloudBase the environment is the
// function's own; locally the emulator points the SDK at itself through TCB_CONTEXT_CNFG.
import cloud from 'wx-server-sdk';

// DYNAMIC_CURRENT_ENV is a symbol the SDK resolves; its typings only admit strings.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
export const db = cloud.database();
export const _ = db.command;

/** Where this call came from: `wx_client` (mini-program), `…,scf` (another function), `wx_trigger` (timer). */
export function callSource(): string {
  return String(cloud.getWXContext().SOURCE ?? '');
}
