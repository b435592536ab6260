// The typed contract between the mini-program and the cloud functions.
// Inputs come from the zod schemas (what the functions validate); outputs are declared here.
import type { z } from 'zod';
import type { Role, StaffRole } from './roles';
import type { adminSchemas } from './schemas/admin.schema';
import type { APPOINTMENT_STATUSES, appointmentSchemas } from './schemas/appointment.schema';
import type { deskSchemas, routingSchemas } from './schemas/desk.schema';
import type { faqSchemas } from './schemas/faq.schema';
import type { CONVERSATION_STATUSES, sessionSchemas } from './schemas/session.schema';
import type { FIELD_TYPES, NOTIFICATION_EVENTS, templatesSchemas } from './schemas/templates.schema';
import type { qaSchemas } from './schemas/qa.schema';
import type { QaFilter, QaRubricItem } from './qa';
import type { statsSchemas } from './schemas/stats.schema';
import type { Metrics } from './stats/aggregate';
import type { StaffingHour } from './stats/staffing';
import type { StatsTargetValues } from './stats/targets';
import type { RetentionCounts, RetentionValues } from './retention';

export interface FaqFeedbackResult {
  helpful: number;
  notHelpful: number;
  /** False when this customer had voted on this entry before (the first vote stands). */
  counted: boolean;
}

export interface WhoAmI {
  openid: string;
  role: Role;
  name: string;
  /** True when nobody has claimed this deployment yet (shows the setup screen to the first admin). */
  unclaimed: boolean;
}

/** 话术审核 (`settings/moderation`): words an agent's reply may not contain. */
export interface ModerationSettings {
  words: string[];
  /** ISO time of the last save; absent while never saved. */
  updatedAt?: string;
}

export interface FaqCategory {
  id: string;
  name: string;
  icon: string;
  description: string;
  order: number;
  entryCount: number;
}

export interface FaqEntrySummary {
  id: string;
  categoryId: string;
  question: string;
}

export interface FaqEntry extends FaqEntrySummary {
  answer: string;
  similar: string[];
  keywords: string[];
  views: number;
  helpful: number;
  notHelpful: number;
  updatedAt: string;
  /** Up to 4 other published questions: the nearest by the matcher, then the category's most viewed. */
  related: FaqEntrySummary[];
}

/** `faq.ask`: the answer when the matcher is confident, and the next best questions ("您是不是想问"). */
export interface FaqAskResult {
  match: { id: string; question: string; answer: string; score: number } | null;
  /** Up to 3 (after a match: the next 2), best first. */
  suggestions: Array<{ id: string; question: string; score: number }>;
  /** Set when a staff keyword rule says so (e.g. 「人工」): hand the conversation to a person; match is null. */
  action?: 'handoff';
}

export interface FaqSearchHit extends FaqEntrySummary {
  score: number;
}

export interface InviteView {
  id: string;
  role: StaffRole;
  name: string;
  /** The code itself is only returned once, when created. */
  code?: string;
  /** Mini-program path that accepts the code (with `code`). */
  path?: string;
  expiresAt: string;
  status: 'open' | 'used' | 'revoked' | 'expired';
  usedBy?: string;
}

export interface StaffMember {
  openid: string;
  name: string;
  role: Role;
  /** Skill group ids. */
  groups: string[];
  /** Their display names, in the same order. */
  groupNames: string[];
  capacity: number;
  status: 'online' | 'away' | 'offline';
}

export interface AuditEntry {
  id: string;
  at: string;
  /** OPENID of who did it, or `system:retention` for the retention timer. */
  actor: string;
  /** The actor's display name when they are a known user ('' otherwise). */
  actorName?: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

/** One run of the retention timer (`settings/retention.lastRun`). */
export interface RetentionRunView {
  startedAt: string;
  finishedAt: string;
  /** Data from before this instant was purged (or is being exported first). */
  cutoff: string;
  /** `done`: everything due is purged; `partial`: stopped at the time budget, the next run goes on; `exporting`: waiting for the export; `failed`: the export failed, nothing was purged. */
  outcome: 'done' | 'partial' | 'exporting' | 'failed';
  counts: RetentionCounts;
  /** The export jobs of data about to be purged (`exportFirst`), readable by admins through `exportStatus`. */
  exportJobs?: string[];
  message?: string;
}

/** `admin.retention` / `admin.saveRetention`. */
export interface RetentionSettingsView extends RetentionValues {
  /** false while the defaults apply. */
  custom: boolean;
  updatedAt?: string;
  lastRun: RetentionRunView | null;
}

/** `admin.keyStatus`: how many stored values each data key seals, per protected field (encryption at rest). */
export interface KeyStatus {
  /** Whether this function has usable data keys (KEFU_DATA_KEYS). */
  configured: boolean;
  /** The key new values are sealed with (the first of KEFU_DATA_KEYS); null without keys. */
  current: string | null;
  /** Every configured key id, the current one first. */
  keys: string[];
  fields: Array<{
    /** `<collection>.<field>`, e.g. `messages.text`. */
    field: string;
    /** Values per configured key id. */
    byKey: Record<string, number>;
    /** Values stored before encryption (not sealed yet). */
    plain: number;
    /** Values sealed under a key that is not configured: they read as 「无法解密」. */
    unknown: number;
  }>;
  /** Values the rekey pass still has to re-seal (older configured keys and plain values); 0 = an old key may be removed. */
  pending: number;
  unknown: number;
}

/** `admin.rekey` and the hourly `rekey` timer: one bounded pass of re-sealing under the current key. */
export interface RekeyResult {
  resealed: number;
  /** Values that could not be opened (unknown key, tampered): left as they are. */
  failed: number;
  /** True when the pass stopped at its time budget with work left (the next run continues). */
  more: boolean;
}

/** `admin.exportStart` / `admin.exportStatus`: an export job and, once done, its file and a temporary link. */
export interface ExportJobView {
  id: string;
  status: 'running' | 'done' | 'failed';
  kind: 'conversations' | 'appointments';
  format: 'csv' | 'json';
  from: string;
  to: string;
  unmasked: boolean;
  /** Conversations (or appointments) written so far, of `total`. */
  processed: number;
  total: number;
  /** `cloud://…/exports/<id>.<ext>` when done. */
  fileID?: string;
  /** A temporary download link (expires after an hour) when done; ask `exportStatus` again for a fresh one. */
  url?: string;
  /** Why it failed. */
  error?: string;
}

export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export type FieldType = (typeof FIELD_TYPES)[number];

export interface AppointmentService {
  id: string;
  name: string;
  description: string;
  durationMinutes: number;
  capacityPerSlot: number;
  workingDays: number[];
  hours: { start: string; end: string };
  holidays: string[];
  leadHours: number;
  maxDaysAhead: number;
  cancelCutoffHours: number;
  enabled: boolean;
}

export interface Slot {
  /** ISO 8601 with +08:00. */
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}

export interface DayAvailability {
  date: string;
  /** False: not a working day, a holiday, or outside the booking window. */
  open: boolean;
  /** Places left over the day's bookable slots (0 = full). */
  remaining: number;
}

export interface Appointment {
  id: string;
  serviceId: string;
  serviceName: string;
  start: string;
  end: string;
  status: AppointmentStatus;
  name: string;
  /** Masked (`138****8000`) except for the customer themself (and the staff member who booked it). */
  phone: string;
  /** Staff views: personal data (phones, ID and bank cards, emails) masked, as in `note`. */
  address: string;
  note: string;
  createdAt: string;
  /** Whether the caller may still cancel or reschedule it (customers: until the cut-off). */
  changeable: boolean;
  /** Staff views only. */
  customer?: string;
  /** Staff views: the contact (name, phone, address or note) is masked; `appointment.revealContact` shows it (logged). */
  masked?: true;
  /** Staff views: WeChat's content check asked for a human review of the note or address the customer wrote. */
  review?: true;
}

export interface TemplateView {
  id: string;
  event: NotificationEvent;
  templateId: string;
  title: string;
  page: string;
  fields: Array<{ key: string; type: FieldType; label: string; source: string }>;
  enabled: boolean;
}

export interface NotificationSettings {
  dailyCap: number;
  quietStart: string;
  quietEnd: string;
}

export type NotificationStatus = 'sent' | 'queued' | 'skipped_no_grant' | 'skipped_cap' | 'skipped_no_template' | 'refused' | 'invalid' | 'failed';

export interface NotificationRecord {
  id: string;
  event: NotificationEvent;
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  status: NotificationStatus;
  /** Why it was skipped, refused or invalid, in plain words. */
  reason: string;
  errCode?: number;
  createdAt: string;
  sendAfter?: string;
  sentAt?: string;
}

export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type MessageFrom = 'customer' | 'agent' | 'bot' | 'system';

export interface ChatMessage {
  id: string;
  from: MessageFrom;
  /** Display name of the author (agents: their name; the bot: 小暖助手). */
  authorName: string;
  text: string;
  /** `note`: internal, only in desk views; `image`: `image` holds the picture, `text` is empty. */
  kind: 'text' | 'note' | 'image';
  /** Image messages: the cloud-storage file id (`cloud://…`); weapp shows it as is, h5 through `fileUrl()`. */
  image?: string;
  createdAt: string;
  /** Bot messages in the grey zone: FAQ questions the customer may have meant (shown as chips). */
  suggestions?: Array<{ id: string; question: string }>;
  /** Desk views only: WeChat's content check asked for a human review of this customer message. */
  secReview?: true;
  /** Desk views: personal data in the customer's text is masked; `desk.reveal` returns it whole (logged). */
  masked?: true;
}

/** `desk.reveal`: one message as written, after the unmasking was recorded in the audit log. */
export interface RevealedMessage {
  messageId: string;
  conversationId: string;
  text: string;
}

/** `desk.revealCustomer`: the phone of the customer panel as given (logged); `''` when unknown. */
export interface RevealedCustomer {
  conversationId: string;
  phone: string;
}

/** `desk.revealLeftMessage`: a left message's text and contact number as given (logged). */
export interface RevealedLeftMessage {
  id: string;
  text: string;
  phone: string;
}

/** `appointment.revealContact`: an appointment's contact as given (logged). */
export interface RevealedContact {
  id: string;
  name: string;
  phone: string;
  address: string;
  note: string;
}

/** What the customer sees of their conversation. */
export interface ConversationView {
  conversationId: string;
  status: ConversationStatus;
  messages: ChatMessage[];
  /** While queued: 1-based place in the queue. */
  queuePosition?: number;
  /** While queued: expected wait in seconds; absent when nobody is on duty. */
  etaSeconds?: number;
  /** While queued: how many agents of the group are online (0: say so, offer a message or an appointment). */
  agentsOnline?: number;
  /** While assigned: the agent's display name. */
  agentName?: string;
  rating?: { score: number; comment: string; tags: string[] };
  /** Closed and not rated yet. */
  mayRate: boolean;
  /** Whether people are on duty (shown while with the bot or queued: offer a message or an appointment when not). */
  availability: Availability;
}

/** Business hours and who is on duty, for the customer. */
export interface Availability {
  /** Within business hours now (UTC+8). */
  inHours: boolean;
  /** Agents of the relevant group online now. */
  agentsOnline: number;
  /** Business hours in words, e.g. 「周一至周日 09:00–21:00」. */
  hours: string;
}

/** A message left for the team (留言). */
export interface LeftMessage {
  id: string;
  text: string;
  /** Masked for staff (`138****8000`), full for the customer who left it. `text` is masked for staff too. */
  phone: string;
  /** Staff views: the text or the phone is masked; `desk.revealLeftMessage` shows them (logged). */
  masked?: true;
  status: 'open' | 'answered';
  answer?: string;
  answeredByName?: string;
  answeredAt?: string;
  createdAt: string;
  /** Staff views only. */
  customerName?: string;
  conversationId?: string;
  /** Staff views only: WeChat's content check asked for a human review of the text. */
  secReview?: true;
}

/** A quick reply (话术). `{客户昵称}`, `{客服昵称}` and `{日期}` are filled in when inserted. */
export interface QuickReply {
  id: string;
  scope: 'personal' | 'team';
  title: string;
  text: string;
  /** Whether the caller may edit or remove it. */
  editable: boolean;
}

/** Routing settings as supervisors see and change them. */
export interface RoutingSettingsView {
  replyTimeoutSec: number;
  queueOfferSec: number;
  /** Desk staff not heard from (heartbeat) for this long are set offline by the routing timer. */
  presenceTimeoutSec: number;
  vipBoost: number;
  urgencyBoost: number;
  agingPerMinute: number;
  maxAging: number;
  urgencyWords: string[];
  businessHours: { days: number[]; start: string; end: string };
}

/** The customer beside a conversation at the desk. */
export interface CustomerInfo {
  name: string;
  vip: boolean;
  /** Masked (`138****8000`); empty when unknown. */
  phone: string;
  /** Their other conversations, newest first (up to 10). */
  earlier: ConversationSummary[];
  /** Upcoming appointments (not cancelled), soonest first. */
  appointments: Array<{ id: string; serviceName: string; start: string; status: AppointmentStatus }>;
}

/** A supervisor's line for every open conversation. */
export interface ActiveConversation extends InboxItem {
  agentId?: string;
  agentName?: string;
  groupName: string;
}

export interface ConversationSummary {
  conversationId: string;
  status: ConversationStatus;
  groupId: string;
  lastText: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  rating?: number;
}

/** One line of the agent's inbox. */
export interface InboxItem {
  conversationId: string;
  customerName: string;
  vip: boolean;
  groupId: string;
  status: ConversationStatus;
  priority: number;
  lastText: string;
  /** Customer messages since the agent's last reply. */
  unread: number;
  /** Seconds since the customer's message that is still unanswered (0 when answered), or in the queue since hand-off. */
  waitingSeconds: number;
  /** No agent reply within the reply timeout. */
  overdue: boolean;
  assignedAt?: string;
  queuedAt?: string;
  /** Queue items: 1-based position in their group's queue. */
  position?: number;
}

export interface Inbox {
  status: 'online' | 'away' | 'offline';
  capacity: number;
  assigned: InboxItem[];
  queue: InboxItem[];
}

export interface DeskConversation {
  conversationId: string;
  status: ConversationStatus;
  customerName: string;
  vip: boolean;
  groupId: string;
  groupName: string;
  agentId?: string;
  agentName?: string;
  /** Whether the caller may reply (assigned to them), or act as a manager. */
  mine: boolean;
  messages: ChatMessage[];
  customer: CustomerInfo;
  resolved?: boolean | null;
  closeReason?: string;
  rating?: { score: number; comment: string; tags: string[] };
}

export interface RoutingTickResult {
  assigned: number;
  rerouted: number;
  /** Customers offered a message or a call back after a long wait. */
  offered: number;
  /** Conversations taken back from agents who are offline, gone (presence timeout) or no longer desk staff (to the front of the queue). */
  returned: number;
  /** Desk staff set offline because no heartbeat came within `presenceTimeoutSec`. */
  offline: number;
}

/** Live view of one skill group for supervisors. */
export interface GroupLoad {
  groupId: string;
  name: string;
  mode: 'least_loaded' | 'round_robin';
  queued: number;
  /** Seconds the first in line has waited (0 with an empty queue). */
  longestWaitSeconds: number;
  agents: Array<{ openid: string; name: string; status: 'online' | 'away' | 'offline'; active: number; capacity: number }>;
}

type In<S extends z.ZodType> = z.input<S>;

export interface Api {
  admin: {
    whoami: { input: In<typeof adminSchemas.whoami>; output: WhoAmI };
    claim: { input: In<typeof adminSchemas.claim>; output: WhoAmI };
    invite: { input: In<typeof adminSchemas.invite>; output: InviteView };
    invites: { input: In<typeof adminSchemas.invites>; output: InviteView[] };
    revokeInvite: { input: In<typeof adminSchemas.revokeInvite>; output: InviteView };
    acceptInvite: { input: In<typeof adminSchemas.acceptInvite>; output: WhoAmI };
    staff: { input: In<typeof adminSchemas.staff>; output: StaffMember[] };
    setRole: { input: In<typeof adminSchemas.setRole>; output: StaffMember };
    audit: { input: In<typeof adminSchemas.audit>; output: AuditEntry[] };
    retention: { input: In<typeof adminSchemas.retention>; output: RetentionSettingsView };
    saveRetention: { input: In<typeof adminSchemas.saveRetention>; output: RetentionSettingsView };
    keyStatus: { input: In<typeof adminSchemas.keyStatus>; output: KeyStatus };
    rekey: { input: In<typeof adminSchemas.rekey>; output: RekeyResult };
    moderation: { input: In<typeof adminSchemas.moderation>; output: ModerationSettings };
    saveModeration: { input: In<typeof adminSchemas.saveModeration>; output: ModerationSettings };
    exportStart: { input: In<typeof adminSchemas.exportStart>; output: ExportJobView };
    exportStatus: { input: In<typeof adminSchemas.exportStatus>; output: ExportJobView };
  };
  appointment: {
    services: { input: In<typeof appointmentSchemas.services>; output: AppointmentService[] };
    slots: { input: In<typeof appointmentSchemas.slots>; output: Slot[] };
    days: { input: In<typeof appointmentSchemas.days>; output: DayAvailability[] };
    book: { input: In<typeof appointmentSchemas.book>; output: Appointment };
    mine: { input: In<typeof appointmentSchemas.mine>; output: Appointment[] };
    cancel: { input: In<typeof appointmentSchemas.cancel>; output: Appointment };
    reschedule: { input: In<typeof appointmentSchemas.reschedule>; output: Appointment };
    list: { input: In<typeof appointmentSchemas.list>; output: Appointment[] };
    confirm: { input: In<typeof appointmentSchemas.confirm>; output: Appointment };
    complete: { input: In<typeof appointmentSchemas.complete>; output: Appointment };
    staffReschedule: { input: In<typeof appointmentSchemas.staffReschedule>; output: Appointment };
    staffCancel: { input: In<typeof appointmentSchemas.staffCancel>; output: Appointment };
    bookFor: { input: In<typeof appointmentSchemas.bookFor>; output: Appointment };
    revealContact: { input: In<typeof appointmentSchemas.revealContact>; output: RevealedContact };
    saveService: { input: In<typeof appointmentSchemas.saveService>; output: AppointmentService };
  };
  templates: {
    available: { input: In<typeof templatesSchemas.available>; output: Array<{ event: NotificationEvent; templateId: string; title: string }> };
    grant: { input: In<typeof templatesSchemas.grant>; output: { recorded: number } };
    list: { input: In<typeof templatesSchemas.list>; output: TemplateView[] };
    save: { input: In<typeof templatesSchemas.save>; output: TemplateView };
    remove: { input: In<typeof templatesSchemas.remove>; output: { removed: boolean } };
    settings: { input: In<typeof templatesSchemas.settings>; output: NotificationSettings };
    saveSettings: { input: In<typeof templatesSchemas.saveSettings>; output: NotificationSettings };
    outbox: { input: In<typeof templatesSchemas.outbox>; output: NotificationRecord[] };
  };
  session: {
    start: { input: In<typeof sessionSchemas.start>; output: { conversationId: string; status: ConversationStatus } };
    send: { input: In<typeof sessionSchemas.send>; output: { status: ConversationStatus } };
    history: { input: In<typeof sessionSchemas.history>; output: ConversationView };
    /** Outside business hours the conversation stays with the bot: `{status: 'bot', offHours: true}`. */
    handoff: { input: In<typeof sessionSchemas.handoff>; output: { status: ConversationStatus; queuePosition?: number; etaSeconds?: number; offHours?: boolean } };
    rate: { input: In<typeof sessionSchemas.rate>; output: { rated: true } };
    close: { input: In<typeof sessionSchemas.close>; output: { status: 'closed' } };
    mine: { input: In<typeof sessionSchemas.mine>; output: ConversationSummary[] };
    availability: { input: In<typeof sessionSchemas.availability>; output: Availability };
    leaveMessage: { input: In<typeof sessionSchemas.leaveMessage>; output: LeftMessage };
    myMessages: { input: In<typeof sessionSchemas.myMessages>; output: LeftMessage[] };
  };
  desk: {
    setStatus: { input: In<typeof deskSchemas.setStatus>; output: { status: 'online' | 'away' | 'offline'; assigned: number; returned: number } };
    inbox: { input: In<typeof deskSchemas.inbox>; output: Inbox };
    heartbeat: { input: In<typeof deskSchemas.heartbeat>; output: { status: 'online' | 'away' | 'offline'; presenceTimeoutSec: number } };
    conversation: { input: In<typeof deskSchemas.conversation>; output: DeskConversation };
    reply: { input: In<typeof deskSchemas.reply>; output: { messageId: string } };
    close: { input: In<typeof deskSchemas.close>; output: { status: 'closed' } };
    transfer: { input: In<typeof deskSchemas.transfer>; output: { status: ConversationStatus; agentId?: string; groupId: string } };
    note: { input: In<typeof deskSchemas.note>; output: { messageId: string } };
    claim: { input: In<typeof deskSchemas.claim>; output: { status: 'assigned' } };
    transferTargets: { input: In<typeof deskSchemas.transferTargets>; output: GroupLoad[] };
    quickReplies: { input: In<typeof deskSchemas.quickReplies>; output: QuickReply[] };
    saveQuickReply: { input: In<typeof deskSchemas.saveQuickReply>; output: QuickReply };
    removeQuickReply: { input: In<typeof deskSchemas.removeQuickReply>; output: { removed: boolean } };
    leftMessages: { input: In<typeof deskSchemas.leftMessages>; output: LeftMessage[] };
    answerMessage: { input: In<typeof deskSchemas.answerMessage>; output: LeftMessage };
    reveal: { input: In<typeof deskSchemas.reveal>; output: RevealedMessage };
    revealCustomer: { input: In<typeof deskSchemas.revealCustomer>; output: RevealedCustomer };
    revealLeftMessage: { input: In<typeof deskSchemas.revealLeftMessage>; output: RevealedLeftMessage };
    qaRubric: { input: In<typeof qaSchemas.qaRubric>; output: QaRubric };
    saveQaRubric: { input: In<typeof qaSchemas.saveQaRubric>; output: QaRubric };
    qaSample: { input: In<typeof qaSchemas.qaSample>; output: QaSample };
    qaReview: { input: In<typeof qaSchemas.qaReview>; output: QaReviewDetail };
    qaScore: { input: In<typeof qaSchemas.qaScore>; output: QaReview };
    qaMine: { input: In<typeof qaSchemas.qaMine>; output: QaReview[] };
    qaReport: { input: In<typeof qaSchemas.qaReport>; output: QaReport };
  };
  routing: {
    tick: { input: In<typeof routingSchemas.tick>; output: RoutingTickResult };
    overview: { input: In<typeof routingSchemas.overview>; output: GroupLoad[] };
    setCapacity: { input: In<typeof routingSchemas.setCapacity>; output: { openid: string; capacity: number; assigned: number } };
    setMode: { input: In<typeof routingSchemas.setMode>; output: { groupId: string; mode: 'least_loaded' | 'round_robin' } };
    settings: { input: In<typeof routingSchemas.settings>; output: RoutingSettingsView };
    saveSettings: { input: In<typeof routingSchemas.saveSettings>; output: RoutingSettingsView };
    active: { input: In<typeof routingSchemas.active>; output: ActiveConversation[] };
  };
  stats: {
    overview: { input: In<typeof statsSchemas.overview>; output: StatsOverview };
    timeseries: { input: In<typeof statsSchemas.timeseries>; output: StatsTimeseries };
    agents: { input: In<typeof statsSchemas.agents>; output: StatsAgentRow[] };
    categories: { input: In<typeof statsSchemas.categories>; output: StatsCategoryRow[] };
    staffing: { input: In<typeof statsSchemas.staffing>; output: StatsStaffing };
    rollup: { input: In<typeof statsSchemas.rollup>; output: StatsRollupResult };
    targets: { input: In<typeof statsSchemas.targets>; output: StatsTargets };
    saveTargets: { input: In<typeof statsSchemas.saveTargets>; output: StatsTargets };
    unanswered: { input: In<typeof faqSchemas.unanswered>; output: FaqUnansweredReport };
  };
  faq: {
    categories: { input: In<typeof faqSchemas.categories>; output: FaqCategory[] };
    list: { input: In<typeof faqSchemas.list>; output: FaqEntrySummary[] };
    get: { input: In<typeof faqSchemas.get>; output: FaqEntry };
    hot: { input: In<typeof faqSchemas.hot>; output: FaqEntrySummary[] };
    ask: { input: In<typeof faqSchemas.ask>; output: FaqAskResult };
    search: { input: In<typeof faqSchemas.search>; output: FaqSearchHit[] };
    feedback: { input: In<typeof faqSchemas.feedback>; output: FaqFeedbackResult };
    adminCategories: { input: In<typeof faqSchemas.adminCategories>; output: FaqAdminCategory[] };
    adminList: { input: In<typeof faqSchemas.adminList>; output: FaqAdminList };
    save: { input: In<typeof faqSchemas.save>; output: FaqAdminEntry };
    remove: { input: In<typeof faqSchemas.remove>; output: { removed: boolean } };
    saveCategory: { input: In<typeof faqSchemas.saveCategory>; output: FaqAdminCategory };
    removeCategory: { input: In<typeof faqSchemas.removeCategory>; output: { removed: boolean } };
    synonyms: { input: In<typeof faqSchemas.synonyms>; output: FaqSynonyms };
    saveSynonyms: { input: In<typeof faqSchemas.saveSynonyms>; output: FaqSynonyms };
    import: { input: In<typeof faqSchemas.import>; output: FaqImportResult };
    export: { input: In<typeof faqSchemas.export>; output: FaqExportFile };
    unanswered: { input: In<typeof faqSchemas.unanswered>; output: FaqUnansweredReport };
    resolveUnanswered: { input: In<typeof faqSchemas.resolveUnanswered>; output: FaqResolveResult };
    duplicates: { input: In<typeof faqSchemas.duplicates>; output: FaqDuplicatesReport };
    mergeDuplicate: { input: In<typeof faqSchemas.mergeDuplicate>; output: FaqMergeResult };
    dismissDuplicate: { input: In<typeof faqSchemas.dismissDuplicate>; output: { dismissed: boolean } };
    rules: { input: In<typeof faqSchemas.rules>; output: FaqRule[] };
    saveRule: { input: In<typeof faqSchemas.saveRule>; output: FaqRule };
    removeRule: { input: In<typeof faqSchemas.removeRule>; output: { removed: boolean } };
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never;

/** Every function of design.md; the host and the build know them by this list. */
export const FUNCTION_NAMES = ['faq', 'session', 'desk', 'routing', 'appointment', 'templates', 'stats', 'admin'] as const;
export type DeployedFunction = (typeof FUNCTION_NAMES)[number];

// ---- FAQ staff side (knowledge base, keyword rules, learning loop) ----

/** A category as staff see it: disabled ones too, with all and published entry counts. */
export interface FaqAdminCategory extends FaqCategory {
  enabled: boolean;
  /** Published entries (`entryCount` counts drafts too). */
  publishedCount: number;
}

/** An entry as staff see it: drafts too (`enabled: false`), with its order. */
export interface FaqAdminEntry extends Omit<FaqEntry, 'related'> {
  enabled: boolean;
  order: number;
  /** The entry this one was merged into (faq.mergeDuplicate); a merged entry is unpublished. */
  mergedInto?: string;
}

export interface FaqAdminList {
  entries: FaqAdminEntry[];
  /** Entries matching the filter; `entries` holds at most 300 of them. */
  total: number;
}

export interface FaqSynonyms {
  /** Staff-defined groups (the matcher's built-in groups are not listed). */
  groups: string[][];
  updatedAt: string | null;
}

export interface FaqImportResult {
  /** Entries created and entries changed: the counts of `written`. */
  imported: number;
  updated: number;
  /** Rows whose entry already said exactly the same: nothing written. */
  unchanged: number;
  /** Rows left out, with the reason in plain Chinese (CSV: line number, header = 1; JSON: item number from 1). */
  rejected: Array<{ row: number; reason: string }>;
  /** Every row written, in file order, with the entry it created or changed. */
  written: Array<{ row: number; id: string; change: 'created' | 'updated' }>;
  /** Rows that passed the checks but were not written (changed by someone else meanwhile, or the import stopped). */
  failed: Array<{ row: number; reason: string }>;
  /** false when the import stopped early: the rows from the first `failed` one on were not written. */
  complete: boolean;
}

export interface FaqExportFile {
  filename: string;
  content: string;
  count: number;
}

export interface FaqUnansweredGroup {
  /** `u:…` for unanswered questions, `nh:<entryId>` for an answer marked not helpful. */
  key: string;
  type: 'unanswered' | 'notHelpful';
  count: number;
  /** The most asked wording (unanswered) or the entry's question (not helpful). Masked. */
  question: string;
  /** Distinct wordings, most asked first (up to 20; masked). Empty for not-helpful groups. */
  examples: string[];
  lastAt: string;
  /** Not-helpful groups: the entry. Unanswered groups: the entry the bot suggested most, if any. */
  entry?: { id: string; question: string };
}

export interface FaqUnansweredReport {
  days: number;
  /** Open records in the period (unanswered questions + not-helpful votes). */
  total: number;
  groups: FaqUnansweredGroup[];
}

export interface FaqResolveResult {
  /** Records marked handled. */
  handled: number;
  /** The new draft ('new') or the entry the texts were added to ('similar'). */
  entry?: FaqAdminEntry;
}

/** One entry of a near-duplicate pair, as the staff lists show it. */
export interface FaqDuplicateEntry extends FaqEntrySummary {
  published: boolean;
  similarCount: number;
  views: number;
  updatedAt: string;
}

export interface FaqDuplicatePair {
  /** `a` is the entry listed first (published before drafts, then the most recently edited). */
  a: FaqDuplicateEntry;
  b: FaqDuplicateEntry;
  /** The matcher's mean score of the two questions against each other, 0 – 1 (3 decimals). */
  score: number;
}

export interface FaqDuplicatesReport {
  /** Best first, at most 50; dismissed pairs and merged entries left out. */
  pairs: FaqDuplicatePair[];
  /** Entries compared (at most 3,000: published first, then the most recently edited). */
  checked: number;
  /** Entries that could be compared (not merged); more than `checked` when the cap applied. */
  total: number;
  minScore: number;
}

export interface FaqMergeResult {
  /** The entry kept, with `from`'s questions as similar questions. */
  into: FaqAdminEntry;
  /** The merged entry, now unpublished. */
  from: FaqAdminEntry;
}

export interface FaqRule {
  id: string;
  pattern: string;
  match: 'exact' | 'contains';
  action: 'answer' | 'handoff';
  entryId?: string;
  /** The answered entry's question, for the list. */
  entryQuestion?: string;
  enabled: boolean;
  order: number;
  updatedAt: string;
}

// ---- Reports (stats) ----

/** Which numbers a report covers: everything, one skill group, or one agent. */
export type StatsScope = 'all' | `group:${string}` | `agent:${string}`;

/** The numbers of one period (durations in seconds; a rate or mean without a denominator is null). */
export type StatsNumbers = Metrics & { from: string; to: string };

export interface StatsOverview extends StatsNumbers {
  scope: StatsScope;
  /** Conversations waiting in the human queue right now (of the scope's groups). */
  queueNow: number;
  /**
   * First responses of the period per fixed bucket (whole seconds, bounds inclusive above):
   * ≤10 秒, 10–20 秒, 20–30 秒, 30–60 秒, 1–2 分钟, 2–5 分钟, >5 分钟; the counts add up to `frt.count`.
   */
  frtDistribution: Array<{ label: string; count: number }>;
  /** The same numbers for the same-length period just before. */
  previous: StatsNumbers;
}

export interface StatsTimeseries {
  metric: string;
  granularity: 'hour' | 'day' | 'week';
  scope: StatsScope;
  /** `t`: `YYYY-MM-DDTHH:00:00+08:00` (hour), `YYYY-MM-DD` (day; week: its Monday). */
  points: Array<{ t: string; value: number | null }>;
  /** Set when the granularity asked for was changed (hourly beyond 31 days → daily), saying so. */
  clamped?: string;
}

export interface StatsAgentRow {
  agentId: string;
  name: string;
  /** Conversations given to them in the period. */
  conversations: number;
  replies: number;
  frt: { mean: number | null; count: number };
  closed: number;
  resolutionRate: number | null;
  handleTime: { mean: number | null };
  csat: { mean: number | null; share45: number | null; count: number };
  utilization: number | null;
}

/** `stats.categories`: one FAQ category's numbers in the period (`categoryId: null`: 未分类). */
export interface StatsCategoryRow {
  categoryId: string | null;
  name: string;
  /** Conversations started in the period. */
  conversations: number;
  /** Bot replies that answered with an FAQ entry. */
  botAnswered: number;
  handoffs: number;
  /** Started in the period with no hand-off and no "not helpful" in it ÷ conversations; null without any. */
  botSelfServiceRate: number | null;
  /** "Not helpful" votes on FAQ answers. */
  notHelpful: number;
}

export interface StatsStaffing {
  method: 'erlang_c';
  /** The sample: the last 4 complete weeks (UTC+8 days, inclusive). */
  from: string;
  to: string;
  weeks: number;
  targetSec: number;
  level: number;
  meanHandleSec: number;
  /** Conversations an agent holds at once, as observed (capacity-weighted online time), else configured. */
  capacity: number;
  hours: StaffingHour[];
  note: string;
}

/** The KPI targets of the dashboard (`settings/stats_targets`, else the defaults). */
export interface StatsTargets extends StatsTargetValues {
  /** False while the defaults are in use (never saved). */
  custom: boolean;
  /** ISO time of the last save. */
  updatedAt?: string;
}

export interface StatsRollupResult {
  day: string;
  /** The documents written (`YYYY-MM-DD|all`, `…|group:<id>`, `…|agent:<openid>`). */
  ids: string[];
  /** Stale documents of that day removed (a scope with no events any more). */
  removed: number;
}

// ---- Quality review (质检) ----

export type { QaFilter, QaRubricItem };

export interface QaRubric {
  /** Each item is scored 0 … maxScore; the total is the weighted mean scaled to 100. */
  items: QaRubricItem[];
  maxScore: number;
  /** False while the default rubric is in use. */
  custom: boolean;
  updatedAt?: string;
}

export interface QaSampleItem {
  conversationId: string;
  customerName: string;
  groupId: string;
  agentId: string;
  agentName: string;
  closedAt: string;
  resolved: boolean | null;
  /** The customer's rating (1–5), if they gave one. */
  rating: number | null;
  /** Seconds from the hand-off to the first reply; null when nobody answered. */
  firstResponseSec: number | null;
  lastText: string;
}

export interface QaSample {
  filter: QaFilter;
  /** The seed used (random: pass it again for the same sample). */
  seed: string;
  /** Conversations that matched before the size limit. */
  matched: number;
  items: QaSampleItem[];
}

export interface QaReview {
  conversationId: string;
  agentId: string;
  agentName: string;
  /** When the conversation closed. */
  closedAt: string;
  scores: Record<string, number>;
  /** 0–100, one decimal. */
  total: number;
  comment: string;
  /** The rubric the review was scored against. */
  items: QaRubricItem[];
  reviewedAt: string;
  /** Set for QA staff only (agents see their scores, not who gave them). */
  reviewerId?: string;
  reviewerName?: string;
  /** Times the review was changed after the first scoring. */
  revisions: number;
}

export interface QaReviewDetail {
  conversation: DeskConversation;
  review: QaReview | null;
  rubric: QaRubric;
}

export interface QaReportRow {
  agentId: string;
  agentName: string;
  reviews: number;
  meanTotal: number | null;
  /** Mean score (0–5) per current rubric item; null when no review scored it. */
  items: Record<string, number | null>;
}

export interface QaReport {
  from: string;
  to: string;
  rubric: QaRubricItem[];
  agents: QaReportRow[];
  overall: Omit<QaReportRow, 'agentId' | 'agentName'>;
}
