import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '../../../core/api';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/roles';
import { call } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Cell, CellGroup } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { formatDateTime } from '../../utils/format';
import { AUDIT_ACTION_LABELS, PERSONAL_KIND_LABELS, TEXT, UNMASK_FIELD_LABELS } from '../strings';

function actionLabel(action: string): string {
  const bare = action.includes('.') ? action.slice(action.lastIndexOf('.') + 1) : action;
  return AUDIT_ACTION_LABELS[bare] ?? action;
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A short, readable form of a recorded value (roles get their Chinese label). */
function summarize(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return isRole(value) ? ROLE_LABELS[value] : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > 60 ? json.slice(0, 57) + '…' : json;
}

const labels = (value: unknown, names: Record<string, string>) => (Array.isArray(value) ? value.map((v) => names[String(v)] ?? String(v)).join('、') : '');

/** What an entry changed, or for an unmasking which fields (and kinds of data) were shown. */
function changeOf(entry: AuditEntry): string {
  if (entry.action === 'data.unmask' && entry.after && typeof entry.after === 'object') {
    const after = entry.after as { fields?: unknown; kinds?: unknown };
    return TEXT.audit.unmasked(labels(after.fields, UNMASK_FIELD_LABELS), labels(after.kinds, PERSONAL_KIND_LABELS));
  }
  return TEXT.audit.change(summarize(entry.before), summarize(entry.after));
}

/** The last 50 configuration, role and data-access changes, newest first. Actors shown by name when known. */
export function AuditTab({ refreshKey }: { refreshKey: number }) {
  const log = useRequest(async () => {
    const [entries, staff] = await Promise.all([call('admin', 'audit', { limit: 50 }), call('admin', 'staff', {})]);
    const names = new Map(staff.map((member) => [member.openid, member.name]));
    return entries.map((entry: AuditEntry) => ({ ...entry, actorName: names.get(entry.actor) || entry.actor }));
  }, [refreshKey]);

  return (
    <View className="kefu-audit">
      <PageState data={log.data} error={log.error} onRetry={log.reload} emptyText={TEXT.audit.empty}>
        {(entries) => (
          <CellGroup>
            {entries.map((entry) => (
              <Cell
                key={entry.id}
                className="kefu-audit-entry"
                data-testid="audit-entry"
                title={
                  <View className="kefu-audit-entry__title">
                    <Text>{actionLabel(entry.action)}</Text>
                    {entry.target ? <Text className="kefu-muted kefu-audit-entry__target">{entry.target}</Text> : null}
                  </View>
                }
                description={
                  <View className="kefu-audit-entry__body">
                    {entry.before !== undefined || entry.after !== undefined ? (
                      <Text className="kefu-audit-entry__change">{changeOf(entry)}</Text>
                    ) : null}
                    <Text className="kefu-muted">{TEXT.audit.by(entry.actorName, formatDateTime(entry.at))}</Text>
                  </View>
                }
              />
            ))}
          </CellGroup>
        )}
      </PageState>
    </View>
  );
}
