import { defineFunction } from '../_shared/handler';
import { adminActions, expireInvites } from './admin.actions';
import { advanceExports, exportActions } from './export.actions';
import { keyActions, rekey } from './keys.actions';

export const main = defineFunction(
  'admin',
  { ...adminActions, ...exportActions, ...keyActions },
  {
    timers: {
      housekeeping: ({ now }) => expireInvites(now),
      // Exports finish even when nobody polls `exportStatus` (one chunk per job per minute).
      exports: ({ now }) => advanceExports(now),
      // Key rotation: re-seals values under older data keys (and plain ones) with the current key.
      rekey: ({ now }) => rekey(now),
    },
  },
);
