import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { NotificationRecord, NotificationStatus } from '../../../core/api';
import { call } from '../../api/client';
import { PageState } from '../../components/PageState';
import { Tag } from '../../components/nutui';
import { useRequest } from '../../hooks/useRequest';
import { stamp } from '../../components/booking/time';
import { EVENT_LABELS, NOTIFICATION_STATUS_LABELS, TEXT } from '../strings';
import './booking-tabs.scss';

const T = TEXT.outbox;
const STATUSES = Object.keys(NOTIFICATION_STATUS_LABELS) as NotificationStatus[];

const STATUS_COLORS: Record<NotificationStatus, { background: string; color: string }> = {
  sent: { background: '#e7f8ee', color: '#07c160' },
  queued: { background: '#e8f3ff', color: '#1664ff' },
  skipped_no_grant: { background: '#f2f3f5', color: '#86909c' },
  skipped_cap: { background: '#f2f3f5', color: '#86909c' },
  skipped_no_template: { background: '#f2f3f5', color: '#86909c' },
  refused: { background: '#fff7e8', color: '#d25f00' },
  invalid: { background: '#ffece8', color: '#cb2634' },
  failed: { background: '#ffece8', color: '#cb2634' },
};

function StatusTag({ status }: { status: NotificationStatus }) {
  const colors = STATUS_COLORS[status] ?? STATUS_COLORS.failed;
  return (
    <Tag background={colors.background} color={colors.color}>
      {NOTIFICATION_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

function OutboxRecord({ record }: { record: NotificationRecord }) {
  const fields = Object.entries(record.data ?? {});
  return (
    <View className="kefu-card kefu-outbox__item" data-testid="outbox-record">
      <View className="kefu-outbox__head">
        <Text className="kefu-outbox__event">{EVENT_LABELS[record.event] ?? record.event}</Text>
        <StatusTag status={record.status} />
      </View>
      <Text className="kefu-outbox__line">{stamp(record.sentAt ?? record.createdAt)}</Text>
      <Text className="kefu-outbox__line">{T.to(record.touser)}</Text>
      {record.templateId ? <Text className="kefu-outbox__line">{T.template(record.templateId)}</Text> : null}
      {record.page ? <Text className="kefu-outbox__line">{T.page(record.page)}</Text> : null}
      {record.status === 'queued' && record.sendAfter ? <Text className="kefu-outbox__line">{T.sendAfter(stamp(record.sendAfter))}</Text> : null}
      {record.reason ? <Text className="kefu-outbox__line">{T.reason(record.reason)}</Text> : null}
      {fields.length > 0 ? (
        <View className="kefu-outbox__data">
          {fields.map(([key, field]) => (
            <View key={key} className="kefu-outbox__field">
              <Text className="kefu-outbox__key">{key}</Text>
              <Text className="kefu-outbox__value">{field?.value ?? ''}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** What the notifications did: sent, queued for the morning, skipped, refused — newest first. */
export function OutboxTab({ refreshKey }: { refreshKey: number }) {
  const [status, setStatus] = useState<NotificationStatus | null>(null);
  const outbox = useRequest(() => call('templates', 'outbox', status ? { status, limit: 100 } : { limit: 100 }), [status, refreshKey]);

  return (
    <View className="kefu-outbox">
      <View className="kefu-outbox__filters">
        <View className={`kefu-outbox__chip${status === null ? ' kefu-outbox__chip--active' : ''}`} onClick={() => setStatus(null)}>
          {T.all}
        </View>
        {STATUSES.map((s) => (
          <View
            key={s}
            className={`kefu-outbox__chip${status === s ? ' kefu-outbox__chip--active' : ''}`}
            data-testid={`outbox-status-${s}`}
            onClick={() => setStatus(s)}
          >
            {NOTIFICATION_STATUS_LABELS[s]}
          </View>
        ))}
      </View>
      <PageState data={outbox.data} error={outbox.error} onRetry={outbox.reload} emptyText={T.empty}>
        {(list) => (
          <>
            {list.map((record) => (
              <OutboxRecord key={record.id} record={record} />
            ))}
          </>
        )}
      </PageState>
    </View>
  );
}
