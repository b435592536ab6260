// How an audit entry reads on a phone: the action in words, and what changed as short lines
// (`角色：客服 → 主管`), only the fields that differ; creations and removals list what was added or removed.
import { ROLE_LABELS, ROLES, type Role } from '../../../core/roles';
import { formatDateTime } from '../../utils/format';
import type { AuditEntry } from '../../../core/api';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, AUDIT_FIELDS, PERSONAL_KIND_LABELS, TEXT, UNMASK_FIELD_LABELS } from '../strings';

const A = TEXT.audit;
/** Lines shown per entry; the rest are counted. */
const MAX_LINES = 6;
const MAX_VALUE = 40;

export function actionLabel(action: string): string {
  if (AUDIT_ACTIONS[action]) return AUDIT_ACTIONS[action];
  const bare = action.includes('.') ? action.slice(action.lastIndexOf('.') + 1) : action;
  return AUDIT_ACTION_LABELS[bare] ?? action;
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
const isIsoTime = (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);
const clip = (s: string) => (Array.from(s).length > MAX_VALUE ? `${Array.from(s).slice(0, MAX_VALUE - 1).join('')}…` : s);

/** One value, short: roles and booleans in words, times in local time, lists joined. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? A.yes : A.no;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return isRole(value) ? ROLE_LABELS[value] : isIsoTime(value) ? formatDateTime(value) : clip(value);
  if (Array.isArray(value)) return clip(value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : formatValue(v))).join('、')) || '—';
  return clip(JSON.stringify(value));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fieldLabel = (key: string) => AUDIT_FIELDS[key] ?? key;

/** The change of an entry as lines. */
export function changeLines(before: unknown, after: unknown): string[] {
  let lines: string[];
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    lines = [];
    for (const key of keys) {
      const was = b[key];
      const now = a[key];
      if (JSON.stringify(was) === JSON.stringify(now)) continue;
      const change = !isRecord(before) ? A.added(formatValue(now)) : !isRecord(after) ? A.removed(formatValue(was)) : A.change(formatValue(was), formatValue(now));
      lines.push(A.field(fieldLabel(key), change));
    }
    if (lines.length === 0) return [A.unchanged];
  } else {
    if (before === null && after === null) return [];
    lines = [A.change(formatValue(before), formatValue(after))];
  }
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), A.more(lines.length - MAX_LINES)] : lines;
}

const labels = (value: unknown, names: Record<string, string>) => (Array.isArray(value) ? value.map((v) => names[String(v)] ?? String(v)).join('、') : '');

/** What an entry changed; for an unmasking, which fields (and kinds of data) were shown — never the values. */
export function entryLines(entry: Pick<AuditEntry, 'action' | 'before' | 'after'>): string[] {
  if (entry.action === 'data.unmask' && isRecord(entry.after)) {
    return [A.unmasked(labels(entry.after.fields, UNMASK_FIELD_LABELS), labels(entry.after.kinds, PERSONAL_KIND_LABELS))];
  }
  return changeLines(entry.before, entry.after);
}
