import { defineFunction, type TimerContext } from '../_shared/handler';
import { purgeRateLimits } from '../_shared/rate-limit';
import { adminActions, expireInvites } from './admin.actions';
import { advanceExports, exportActions } from './export.actions';
import { keyActions, rekey } from './keys.actions';
import { runRetention } from './retention';
import { dueJobs } from './schedule';

/** The admin function's periodic jobs, each also runnable on its own by name (the emulator's dev trigger). */
const tasks = {
  // Hourly (minute 5): invitations past their expiry, rate-limit counters whose window is over.
  housekeeping: async ({ now }: TimerContext) => ({ ...(await expireInvites(now)), ...(await purgeRateLimits(now)) }),
  // Every minute: exports finish even when nobody polls `exportStatus` (one chunk per job per minute).
  exports: ({ now }: TimerContext) => advanceExports(now),
  // Nightly (03:30 UTC+8): purge what is older than settings/retention allows, in resumable batches.
  retention: ({ now }: TimerContext) => runRetention(now),
  // Hourly (minute 35): key rotation re-seals values under older data keys (and plain ones) with the current key.
  rekey: ({ now }: TimerContext) => rekey(now),
};

/** CloudBase allows one timer trigger per function: `tick` (every minute, config.json) runs what is due (schedule.ts). */
async function tick(ctx: TimerContext): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const job of dueJobs(ctx.now)) out[job] = await tasks[job](ctx);
  return out;
}

export const main = defineFunction('admin', { ...adminActions, ...exportActions, ...keyActions }, { timers: { tick, ...tasks } });
