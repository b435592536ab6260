// The audit log's vocabulary shared by the function and the manager app: the filter chips of the
// 审计日志 tab and the action prefixes each one stands for (`admin.audit {prefix: [...]}`).

export const AUDIT_FILTERS = {
  role: ['role.', 'invite.'],
  config: ['routing.', 'notification.settings', 'stats.', 'qa', 'service.', 'quick_reply.', 'retention.', 'moderation.'],
  faq: ['faq.'],
  template: ['template.'],
  export: ['export.', 'faq.export'],
  unmask: ['data.unmask'],
} as const satisfies Record<string, readonly string[]>;

export type AuditFilter = keyof typeof AUDIT_FILTERS;

/** Actors that are not people: timers write under these names. */
export const SYSTEM_ACTORS = { retention: 'system:retention' } as const;
