// Every collection the functions use, and the fields they query by.
// One list serves the emulator (in-memory indexes over SQLite) and docs/deploy.md (CloudBase indexes).

export interface CollectionSpec {
  /** What one document holds. */
  description: string;
  /** Top-level or dotted fields queried by equality or $in; `_id` is always indexed. */
  indexes: readonly string[];
}

export const COLLECTIONS = {
  users: {
    description: 'One per OPENID that has used the service: role, display name, staff settings.',
    indexes: ['role', 'status', 'groups'],
  },
  invites: {
    description: 'One-time staff invitation codes (hashed), their role and expiry.',
    indexes: ['codeHash', 'status'],
  },
  deployment: {
    description: 'Single document `main`: whether the first admin has claimed this deployment.',
    indexes: [],
  },
  skill_groups: {
    description: 'Skill groups that conversations are routed to.',
    indexes: ['isDefault'],
  },
  faq_categories: {
    description: 'Service-center categories, ordered by `order`.',
    indexes: ['enabled'],
  },
  faq_entries: {
    description: 'FAQ questions and answers with similar questions and keywords.',
    indexes: ['categoryId', 'enabled'],
  },
  faq_unanswered: {
    description: 'Customer questions the chat bot could not answer itself (phone numbers masked; `suggested` FAQ ids in the grey zone): the raw data of the unanswered report; `handledAt` once staff resolved it.',
    indexes: ['conversationId'],
  },
  faq_feedback: {
    description: 'One vote per customer and entry (`_id` = `openid|entryId`): helpful or not — "not helpful" feeds the learning loop.',
    indexes: ['entryId', 'helpful'],
  },
  faq_rules: {
    description: 'Staff keyword rules run before the FAQ matcher: pattern, exact/contains, answer an entry or hand over; by `order`.',
    indexes: ['enabled'],
  },
  appointment_services: {
    description: 'Bookable services (installation visit, repair at the counter, call back).',
    indexes: ['enabled'],
  },
  appointments: {
    description: 'Bookings: service, start/end, customer, contact, status and its history.',
    indexes: ['customer', 'serviceId', 'status', 'day'],
  },
  appointment_keys: {
    description: 'Idempotency locks of bookings, one per customer and client key (`_id` = SHA-256 of OPENID and `idempotencyKey`): the appointment that request made, written in its booking transaction; removed with that appointment by retention. Nothing personal.',
    indexes: ['appointmentId'],
  },
  slot_counters: {
    description: 'One per service and slot start (`serviceId|startISO`): places taken — the overbooking guard.',
    indexes: ['serviceId'],
  },
  notification_templates: {
    description: 'Subscribe-message templates by event: WeChat template id, fields with their types, page.',
    indexes: ['event'],
  },
  subscriptions: {
    description: 'One-time grants per user and template (`openid|templateId`): how many sends remain.',
    indexes: ['openid'],
  },
  notifications: {
    description: 'Every notification attempt: sent, queued for quiet hours, skipped or refused, with the data.',
    indexes: ['touser', 'status', 'day'],
  },
  conversations: {
    description: 'Customer conversations: bot → queued → assigned → closed, group, agent, priority, timestamps, rating.',
    indexes: ['customer', 'status', 'agentId', 'groupId'],
  },
  messages: {
    description: 'Messages of conversations (customer, agent, bot, system); `kind: note` is internal and never shown to customers.',
    indexes: ['conversationId'],
  },
  events: {
    description: 'Reporting events recorded as they happen (conversation_started, handoff, assigned, first_response, resolved, rated, agent_status, appointment_…) with durations; `day` = UTC+8 day of `at`.',
    indexes: ['type', 'conversationId', 'agentId', 'day'],
  },
  stats_rollups: {
    description: 'Daily report rollups, one per (day, scope): `_id` = `YYYY-MM-DD|all`, `…|group:<id>`, `…|agent:<openid>`; additive sums, FRT histogram, 24 hours (scope all).',
    indexes: ['day', 'scope'],
  },
  left_messages: {
    description: 'Messages left for the team (留言): customer, text, contact number, group, open → answered once (answer, by whom, when).',
    indexes: ['customer', 'status', 'groupId'],
  },
  agent_load: {
    description: 'One per agent (`_id` = OPENID): conversations assigned now and the last assignment — the capacity guard.',
    indexes: [],
  },
  settings: {
    description: 'Configuration documents by name (e.g. `notifications`: daily cap, quiet hours; `retention`: days, exportFirst, auditDays, the last run and a pending export).',
    indexes: [],
  },
  signals: {
    description: 'One small document per user (_id = OPENID) bumped when something changed for them.',
    indexes: ['_openid'],
  },
  quick_replies: {
    description: 'Quick replies (话术库): `scope` team (`owner` null, kept by supervisors and admins) or personal (`owner` = the agent OPENID); title, text with {客户昵称}/{客服昵称}/{日期}.',
    indexes: ['owner', 'scope'],
  },
  qa_reviews: {
    description: 'Quality reviews (质检), one per conversation (`_id` = conversation id): agent, scores per rubric item, weighted total (0–100), comment, the rubric used, latest reviewer and time, first reviewer, earlier versions.',
    indexes: ['agentId', 'conversationId', 'reviewedAt'],
  },
  exports: {
    description: 'Data export jobs (`admin.exportStart`): kind, format, UTC+8 day range, masked or not, who asked, status running → done/failed, processed/total, the chunk lease, and the finished file `exports/<id>.<ext>` in cloud storage.',
    indexes: ['createdBy', 'status'],
  },
  export_chunks: {
    description: 'The written pieces of a running export (`_id` = `<jobId>|<seq>`): joined into the file when the job finishes, then removed.',
    indexes: ['jobId'],
  },
  rate_limits: {
    description: 'Rate-limit counters, one per user, action and fixed window (`_id` = `openid|function.action|window`): calls counted so far and `expiresAt` (the window end); expired ones are purged hourly by admin/housekeeping.',
    indexes: [],
  },
  audit_log: {
    description: 'Append-only record of configuration, role and data-access changes: actor, action, target, before, after, at. Only cloudfunctions/_shared/audit.ts touches it; entries older than `auditDays` are removed by the retention timer.',
    indexes: ['actor', 'action'],
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];
