// Personal data: staff see contact numbers masked; only the customer sees their own in full.

/** `13800138000` → `138****8000`. Shorter or odd values keep at most their last 2 characters. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length <= 2) return '*'.repeat(phone.length);
  return `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}`;
}
