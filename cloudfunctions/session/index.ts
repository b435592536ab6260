import { defineFunction } from '../_shared/handler';
import { sessionActions } from './session.actions';

export const main = defineFunction('session', sessionActions);
