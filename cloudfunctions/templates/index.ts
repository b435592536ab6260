import { defineFunction } from '../_shared/handler';
import { templatesActions, tick } from './templates.actions';

export const main = defineFunction('templates', templatesActions, {
  timers: { tick: ({ now }) => tick(now) },
});
