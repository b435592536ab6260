import { defineFunction } from '../_shared/handler';
import { nightlyRollup, statsActions } from './stats.actions';

export const main = defineFunction('stats', statsActions, {
  timers: { rollup: ({ now }) => nightlyRollup(now) },
});
