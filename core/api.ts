// The typed contract between the mini-program and the cloud functions.
// Inputs come from the zod schemas (what the functions validate); outputs are declared here.
import type { z } from 'zod';
import type { Role, StaffRole } from './roles';
import type { adminSchemas } from './schemas/admin.schema';
import type { faqSchemas } from './schemas/faq.schema';

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
  faq: {
    categories: { input: In<typeof faqSchemas.categories>; output: FaqCategory[] };
    list: { input: In<typeof faqSchemas.list>; output: FaqEntrySummary[] };
    get: { input: In<typeof faqSchemas.get>; output: FaqEntry };
    hot: { input: In<typeof faqSchemas.hot>; output: FaqEntrySummary[] };
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never;

/** Every function of design.md; the host and the build know them by this list. */
export const FUNCTION_NAMES = ['faq', 'session', 'desk', 'routing', 'appointment', 'templates', 'stats', 'admin'] as const;
export type DeployedFunction = (typeof FUNCTION_NAMES)[number];
