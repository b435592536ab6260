import type { FaqCategory, FaqEntry, FaqEntrySummary, WhoAmI } from '../../core/api';
import type { Role } from '../../core/roles';

export function whoami(role: Role, name = '小王'): WhoAmI {
  return { openid: `openid-${role}`, role, name, unclaimed: false };
}

export const categories: FaqCategory[] = [
  { id: 'cat-billing', name: '账单与支付', icon: '💳', description: '', order: 1, entryCount: 12 },
  { id: 'cat-delivery', name: '配送与物流', icon: '🚚', description: '', order: 2, entryCount: 8 },
  { id: 'cat-account', name: '账号与安全', icon: '🔐', description: '', order: 3, entryCount: 5 },
];

export const hot: FaqEntrySummary[] = [
  { id: 'faq-refund', categoryId: 'cat-billing', question: '如何申请退款？' },
  { id: 'faq-invoice', categoryId: 'cat-billing', question: '怎样开具发票？' },
];

export function faqEntry(answer: string): FaqEntry {
  return {
    id: 'faq-refund',
    categoryId: 'cat-billing',
    question: '如何申请退款？',
    answer,
    similar: [],
    keywords: [],
    views: 10,
    helpful: 3,
    notHelpful: 0,
    updatedAt: '2025-11-20T08:00:00.000Z',
    related: [
      { id: 'faq-refund-time', categoryId: 'cat-billing', question: '退款多久到账？' },
      { id: 'faq-invoice', categoryId: 'cat-billing', question: '怎么开发票？' },
    ],
  };
}
