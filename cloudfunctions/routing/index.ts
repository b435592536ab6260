import { defineFunction } from '../_shared/handler';
import { routingActions, tick } from './routing.actions';

export const main = defineFunction('routing', routingActions, {
  timers: { tick: ({ now }) => tick(now) },
});
