import type { AppointmentStatus } from '../../../core/api';
import { Tag } from '../nutui';
import { STATUS_LABELS } from './strings';

// Green for what is on, blue for done, grey for what is off, orange for a missed visit.
const COLORS: Record<AppointmentStatus, { background: string; color: string }> = {
  booked: { background: '#fff7e8', color: '#d25f00' },
  confirmed: { background: '#e7f8ee', color: '#07c160' },
  cancelled: { background: '#f2f3f5', color: '#86909c' },
  done: { background: '#e8f3ff', color: '#1664ff' },
  no_show: { background: '#ffece8', color: '#cb2634' },
};

export function StatusTag({ status }: { status: AppointmentStatus }) {
  return (
    <Tag className={`kefu-appt-status kefu-appt-status--${status}`} background={COLORS[status].background} color={COLORS[status].color}>
      {STATUS_LABELS[status]}
    </Tag>
  );
}
