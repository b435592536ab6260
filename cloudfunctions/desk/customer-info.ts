// The customer beside a conversation at the desk: who they are (phone masked), their earlier
// conversations (last lines masked) and their upcoming appointments. Read-only; the caller has been authorized already.
import type { CustomerInfo } from '../../core/api';
import { ACTIVE_STATUSES, maskPhone, toBusinessIso } from '../../core/appointments';
import { db, _ } from '../_shared/cloud';
import { first, rows } from '../_shared/db';
import { open } from '../_shared/seal';
import { conversations, type ConversationDoc } from '../_shared/conversations/conversation.repo';
import { staffSummary } from '../_shared/conversations/views';
import type { StoredAppointment } from '../appointment/appointment.repo';

const EARLIER = 10;
const UPCOMING = 5;

const appointments = () => db.collection('appointments');
const profileOf = (customer: string) => first<{ name?: unknown; vip?: unknown; phone?: unknown }>(db.collection('users').where({ _id: customer }));
/** The number they gave last, when their profile has none. */
const latestPhoneOf = (customer: string) =>
  first<Pick<StoredAppointment, 'phone'>>(appointments().where({ customer }).orderBy('createdAt', 'desc').field({ phone: true }));

function phoneOf(profile: { phone?: unknown } | null, latest: Pick<StoredAppointment, 'phone'> | null): string {
  const profilePhone = typeof profile?.phone === 'string' ? profile.phone : '';
  return profilePhone || (typeof latest?.phone === 'string' ? open(latest.phone, 'appointments.phone') : '');
}

/** The customer's phone as given (the panel shows it masked; `desk.revealCustomer` opens it, logged). */
export async function customerPhone(conv: ConversationDoc): Promise<string> {
  const [profile, latest] = await Promise.all([profileOf(conv.customer), latestPhoneOf(conv.customer)]);
  return phoneOf(profile, latest);
}

export async function customerInfo(conv: ConversationDoc, now: Date): Promise<CustomerInfo> {
  const [user, earlier, upcoming, latest] = await Promise.all([
    profileOf(conv.customer),
    rows<ConversationDoc>(conversations().where({ customer: conv.customer, _id: _.neq(conv._id) }).orderBy('createdAt', 'desc').limit(EARLIER)),
    rows<StoredAppointment>(
      appointments()
        .where({ customer: conv.customer, status: _.in([...ACTIVE_STATUSES]), start: _.gte(now) })
        .orderBy('start', 'asc')
        .limit(UPCOMING),
    ),
    latestPhoneOf(conv.customer),
  ]);

  const serviceIds = [...new Set(upcoming.map((a) => a.serviceId))];
  const services = serviceIds.length ? await rows<{ _id: string; name?: unknown }>(db.collection('appointment_services').where({ _id: _.in(serviceIds) }).limit(serviceIds.length)) : [];
  const serviceName = new Map(services.map((s) => [s._id, typeof s.name === 'string' ? s.name : '']));

  const phone = phoneOf(user, latest);
  return {
    name: (typeof user?.name === 'string' && user.name) || conv.customerName,
    vip: user?.vip === true || conv.vip,
    phone: phone ? maskPhone(phone) : '',
    earlier: earlier.map(staffSummary),
    appointments: upcoming.map((a) => ({ id: a._id, serviceName: serviceName.get(a.serviceId) ?? '', start: toBusinessIso(new Date(a.start)), status: a.status })),
  };
}
