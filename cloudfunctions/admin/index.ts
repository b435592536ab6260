import { defineFunction } from '../_shared/handler';
import { purgeRateLimits } from '../_shared/rate-limit';
import { adminActions, expireInvites } from './admin.actions';
import { advanceExports, exportActions } from './export.actions';
import { runRetention } from './retention';
import { keyActions, rekey } from './keys.actions';

export const main = defineFunction(
  'admin',
  { ...adminActions, ...exportActions, ...keyActions },
  {
    timers: {
      housekeeping: async ({ now }) => ({ ...(await expireInvites(now)), ...(await purgeRateLimits(now)) }),
      // Exports finish even when nobody polls `exportStatus` (one chunk per job per minute).
      exports: ({ now }) => advanceExports(now),
      // Nightly (03:30 UTC+8): purge what is older than settings/retention allows, in resumable batches.
      retention: ({ now }) => runRetention(now),
      // Key rotation: re-seals values under older data keys (and plain ones) with the current key.
      rekey: ({ now }) => rekey(now),
    },
  },
);
