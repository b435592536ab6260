// The server log (CloudBase keeps it and operators read it). What reaches it can carry customers' words:
// an error from a write may quote the document, a failed notification its values. Every line is
// therefore run through maskPersonal, whatever was passed: functions log through these, never console.*.
import { maskPersonal } from '../../core/privacy/mask';

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) {
    // The stack starts with the message; SDK errors add fields such as errCode and errMsg.
    const extra = Object.keys(value).length ? ` ${safeJson({ ...value })}` : '';
    return `${value.stack ?? `${value.name}: ${value.message}`}${extra}`;
  }
  return safeJson(value);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** One log line from the parts, as `console.*` would join them, with personal data masked. */
export function logLine(parts: readonly unknown[]): string {
  return maskPersonal(parts.map(describe).join(' '));
}

export function logError(...parts: unknown[]): void {
  console.error(logLine(parts));
}

export function logWarn(...parts: unknown[]): void {
  console.warn(logLine(parts));
}
