import { defineFunction } from '../_shared/handler';
import { faqActions } from './faq.actions';
import { faqAdminActions } from './faq.admin.actions';
import { faqDuplicatesActions } from './faq.duplicates.actions';
import { faqLearningActions } from './faq.learning.actions';
import { faqRulesActions } from './faq.rules.actions';

export const main = defineFunction('faq', { ...faqActions, ...faqAdminActions, ...faqLearningActions, ...faqDuplicatesActions, ...faqRulesActions });
