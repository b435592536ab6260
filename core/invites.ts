// Staff invitations: one-time codes that bind the opener's OPENID to a role.

/** Letters and digits without look-alikes (0/O, 1/I/L), so a code can be read aloud or typed. */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 10;

export type InviteStatus = 'open' | 'used' | 'revoked' | 'expired';

export interface InviteState {
  status: InviteStatus;
  expiresAt: Date;
}

/** A stored invite is open until used or revoked; past its expiry it reads as expired. */
export function inviteStatus(invite: InviteState, now: Date): InviteStatus {
  if (invite.status !== 'open') return invite.status;
  return invite.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

/** Turn random bytes into a code; each byte picks one letter (bias is negligible for 31 letters of 256). */
export function inviteCodeFromBytes(bytes: Uint8Array): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[bytes[i % bytes.length]! % INVITE_ALPHABET.length];
  return code;
}

/** What a person typed, in the form codes are stored: upper case, no spaces or dashes. */
export function normalizeInviteCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** The mini-program page that accepts an invitation. */
export function invitePath(code: string): string {
  return `pages/join/index?code=${encodeURIComponent(code)}`;
}
