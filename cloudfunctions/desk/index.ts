import { defineFunction } from '../_shared/handler';
import { deskActions } from './desk.actions';

export const main = defineFunction('desk', deskActions);
