// Masking of personal data in free text and contact fields (exports, the unanswered report).
// Four kinds: mainland mobile numbers, resident ID-card numbers, bank-card numbers, email addresses.
// Order matters: the longer digit runs (ID cards, bank cards) are masked before phone numbers, and
// every pattern refuses to start or end inside a longer run of digits.
import { maskPhones } from '../faq/mask';

export { maskPhones };

/** 18-character resident ID (6-digit region, birth date 18xx–20xx, 3 digits, check digit or X). Kept: first 3 and last 4. */
const ID_CARD = /(?<![0-9A-Za-z])([1-9][0-9]{2})[0-9]{3}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])([0-9]{3}[0-9Xx])(?![0-9A-Za-z])/g;

export function maskIdCards(text: string): string {
  return text.replace(ID_CARD, (_m, head: string, tail: string) => `${head}${'*'.repeat(11)}${tail}`);
}

/** Luhn check over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 16–19 digits, plain or in groups of 4 separated by spaces or dashes. */
const BANK_CARD = /(?<![0-9])[0-9]{4}(?:[ -]?[0-9]{4}){3}(?:[ -]?[0-9]{1,3})?(?![0-9])/g;

/**
 * Bank cards: a 16–19 digit run that passes the Luhn check, or any 16–19 digits written in groups of
 * four (`6222 0212 3456 7890`). Order numbers (plain digit runs failing Luhn) are left alone.
 * Kept: first 4 and last 4 digits.
 */
export function maskBankCards(text: string): string {
  return text.replace(BANK_CARD, (match) => {
    const digits = match.replace(/[ -]/g, '');
    if (digits.length < 16 || digits.length > 19) return match;
    const grouped = /[ -]/.test(match);
    if (!grouped && !luhnValid(digits)) return match;
    return `${digits.slice(0, 4)}${'*'.repeat(digits.length - 8)}${digits.slice(-4)}`;
  });
}

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

/** `zhang.san@example.com` → `z***@example.com`. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`);
}

/** All four kinds, in the order that keeps a longer number from being read as a shorter one. */
export function maskPersonal(text: string): string {
  return maskPhones(maskBankCards(maskIdCards(maskEmails(text))));
}

/** A contact name: first character kept, the rest starred (`张三丰` → `张**`); one-character names → `*`. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

export type PersonalKind = 'phone' | 'idCard' | 'bankCard' | 'email';

/**
 * Which kinds of personal data `maskPersonal` would mask in `text`, in its order (each step sees the
 * text as the earlier steps left it, so an ID-card number is not also counted as a phone).
 */
export function personalKinds(text: string): PersonalKind[] {
  const steps: Array<[PersonalKind, (t: string) => string]> = [
    ['email', maskEmails],
    ['idCard', maskIdCards],
    ['bankCard', maskBankCards],
    ['phone', maskPhones],
  ];
  const kinds: PersonalKind[] = [];
  let current = text;
  for (const [kind, mask] of steps) {
    const next = mask(current);
    if (next !== current) kinds.push(kind);
    current = next;
  }
  return kinds;
}

/** `text` as a viewer without need sees it, and whether anything was masked (the desk offers 查看 then). */
export function maskedText(text: string): { text: string; masked: boolean } {
  const out = maskPersonal(text);
  return { text: out, masked: out !== text };
}
