import { defineFunction } from '../_shared/handler';
import { adminActions, expireInvites } from './admin.actions';
import { advanceExports, exportActions } from './export.actions';

export const main = defineFunction(
  'admin',
  { ...adminActions, ...exportActions },
  {
    timers: {
      housekeeping: ({ now }) => expireInvites(now),
      // Exports finish even when nobody polls `exportStatus` (one chunk per job per minute).
      exports: ({ now }) => advanceExports(now),
    },
  },
);
