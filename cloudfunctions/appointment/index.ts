import { defineFunction } from '../_shared/handler';
import { appointmentActions } from './appointment.actions';

export const main = defineFunction('appointment', appointmentActions);
