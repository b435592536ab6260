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
}

/** `faq.ask`: the answer when the matcher is confident, and the next best questions ("您是不是想问"). */
export interface FaqAskResult {
  match: { id: string; question: string; answer: string; score: number } | null;
  /** Up to 3 (after a match: the next 2), best first. */
  suggestions: Array<{ id: string; question: string; score: number }>;
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
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
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
  /** Masked (`138****8000`) except for the customer themself. */
  phone: string;
  address: string;
  note: string;
  createdAt: string;
  /** Whether the caller may still cancel or reschedule it (customers: until the cut-off). */
  changeable: boolean;
  /** Staff views only. */
  customer?: string;
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
  /** `note`: internal, only in desk views. */
  kind: 'text' | 'note';
  createdAt: string;
  /** Bot messages in the grey zone: FAQ questions the customer may have meant (shown as chips). */
  suggestions?: Array<{ id: string; question: string }>;
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
  rating?: { score: number; comment: string };
  /** Closed and not rated yet. */
  mayRate: boolean;
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
  agentId?: string;
  messages: ChatMessage[];
}

export interface RoutingTickResult {
  assigned: number;
  rerouted: number;
  /** Customers offered a message or a call back after a long wait. */
  offered: number;
  /** Conversations taken back from agents who are offline or no longer desk staff (to the front of the queue). */
  returned: number;
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
    handoff: { input: In<typeof sessionSchemas.handoff>; output: { status: ConversationStatus; queuePosition?: number; etaSeconds?: number } };
    rate: { input: In<typeof sessionSchemas.rate>; output: { rated: true } };
    close: { input: In<typeof sessionSchemas.close>; output: { status: 'closed' } };
    mine: { input: In<typeof sessionSchemas.mine>; output: ConversationSummary[] };
  };
  desk: {
    setStatus: { input: In<typeof deskSchemas.setStatus>; output: { status: 'online' | 'away' | 'offline'; assigned: number; returned: number } };
    inbox: { input: In<typeof deskSchemas.inbox>; output: Inbox };
    conversation: { input: In<typeof deskSchemas.conversation>; output: DeskConversation };
    reply: { input: In<typeof deskSchemas.reply>; output: { messageId: string } };
    close: { input: In<typeof deskSchemas.close>; output: { status: 'closed' } };
    transfer: { input: In<typeof deskSchemas.transfer>; output: { status: ConversationStatus; agentId?: string; groupId: string } };
    note: { input: In<typeof deskSchemas.note>; output: { messageId: string } };
    claim: { input: In<typeof deskSchemas.claim>; output: { status: 'assigned' } };
  };
  routing: {
    tick: { input: In<typeof routingSchemas.tick>; output: RoutingTickResult };
    overview: { input: In<typeof routingSchemas.overview>; output: GroupLoad[] };
    setCapacity: { input: In<typeof routingSchemas.setCapacity>; output: { openid: string; capacity: number; assigned: number } };
    setMode: { input: In<typeof routingSchemas.setMode>; output: { groupId: string; mode: 'least_loaded' | 'round_robin' } };
  };
  faq: {
    categories: { input: In<typeof faqSchemas.categories>; output: FaqCategory[] };
    list: { input: In<typeof faqSchemas.list>; output: FaqEntrySummary[] };
    get: { input: In<typeof faqSchemas.get>; output: FaqEntry };
    hot: { input: In<typeof faqSchemas.hot>; output: FaqEntrySummary[] };
    ask: { input: In<typeof faqSchemas.ask>; output: FaqAskResult };
    search: { input: In<typeof faqSchemas.search>; output: FaqSearchHit[] };
    feedback: { input: In<typeof faqSchemas.feedback>; output: FaqFeedbackResult };
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never;

/** Every function of design.md; the host and the build know them by this list. */
export const FUNCTION_NAMES = ['faq', 'session', 'desk', 'routing', 'appointment', 'templates', 'stats', 'admin'] as const;
export type DeployedFunction = (typeof FUNCTION_NAMES)[number];
