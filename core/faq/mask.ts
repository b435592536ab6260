// Masking of personal data in customer text before it is stored for staff (the unanswered report).

/** Mainland mobile numbers (11 digits starting with 1, not part of a longer number): 13812348000 → 138****8000. */
export function maskPhones(text: string): string {
  return text.replace(/(?<![0-9])(1[0-9]{2})[0-9]{4}([0-9]{4})(?![0-9])/g, '$1****$2');
}
