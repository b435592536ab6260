import { defineFunction } from '../_shared/handler';
import { faqActions } from './faq.actions';

export const main = defineFunction('faq', faqActions);
