import { defineFunction } from '../_shared/handler';
import { purgeRateLimits } from '../_shared/rate-limit';
import { adminActions, expireInvites } from './admin.actions';
import { advanceExports, exportActions } from './export.actions';

export const main = defineFunction(
  'admin',
  { ...adminActions, ...exportActions },
  {
    timers: {
      housekeeping: async ({ now }) => ({ ...(await expireInvites(now)), ...(await purgeRateLimits(now)) }),
      // Exports finish even when nobody polls `exportStatus` (one chunk per job per minute).
      exports: ({ now }) => advanceExports(now),
    },
  },
);
