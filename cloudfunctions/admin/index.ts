import { defineFunction } from '../_shared/handler';
import { adminActions, expireInvites } from './admin.actions';

export const main = defineFunction('admin', adminActions, {
  timers: { housekeeping: ({ now }) => expireInvites(now) },
});
