// Date (the next 14 days) then time slot, for one service: used to book, to reschedule (customer)
// and to move an appointment (staff).
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import type { AppointmentService, DayAvailability, Slot } from '../../../core/api';
import { call } from '../../api/client';
import { ErrorState, LoadingState } from '../PageState';
import { useRequest } from '../../hooks/useRequest';
import { PICKER_TEXT } from './strings';
import { businessToday, isoWeekday, shiftDay, shortMonthDay, timeRange, weekdayOf } from './time';
import './index.scss';

export const BOOKING_DAYS = 14;

function dayName(date: string): string {
  const today = businessToday();
  if (date === today) return PICKER_TEXT.today;
  if (date === shiftDay(today, 1)) return PICKER_TEXT.tomorrow;
  return weekdayOf(date);
}

export function isBookable(day: DayAvailability): boolean {
  return day.open && day.remaining > 0;
}

/** Why a day cannot be booked: full, a day off, or (a working day) outside the booking window. */
function unavailableLabel(day: DayAvailability, service?: AppointmentService): string {
  if (day.open) return PICKER_TEXT.full;
  const workingDay = service ? service.workingDays.includes(isoWeekday(day.date)) && !(service.holidays ?? []).includes(day.date) : false;
  return workingDay ? PICKER_TEXT.unavailable : PICKER_TEXT.closed;
}

/** 14 day chips; closed and full days are greyed and do nothing when tapped. */
export function DayPicker({
  days,
  value,
  onChange,
  service,
}: {
  days: DayAvailability[];
  value: string | null;
  onChange: (date: string) => void;
  service?: AppointmentService;
}) {
  return (
    <View className="kefu-days">
      {days.map((day) => {
        const bookable = isBookable(day);
        const classes = ['kefu-day', bookable ? '' : 'kefu-day--disabled', day.date === value ? 'kefu-day--active' : ''].filter(Boolean).join(' ');
        return (
          <View
            key={day.date}
            className={classes}
            data-testid={`day-${day.date}`}
            aria-disabled={!bookable}
            onClick={() => {
              if (bookable) onChange(day.date);
            }}
          >
            <Text className="kefu-day__name">{dayName(day.date)}</Text>
            <Text className="kefu-day__date">{shortMonthDay(day.date)}</Text>
            {bookable ? null : <Text className="kefu-day__state">{unavailableLabel(day, service)}</Text>}
          </View>
        );
      })}
    </View>
  );
}

/** Time slots with the places left; full ones are shown disabled. */
export function SlotPicker({ slots, value, onChange }: { slots: Slot[]; value: string | null; onChange: (slot: Slot) => void }) {
  if (slots.length === 0) return <View className="kefu-slots__empty kefu-muted">{PICKER_TEXT.noSlots}</View>;
  return (
    <View className="kefu-slots">
      {slots.map((slot) => {
        const free = slot.remaining > 0;
        const classes = ['kefu-slot', free ? '' : 'kefu-slot--disabled', slot.start === value ? 'kefu-slot--active' : ''].filter(Boolean).join(' ');
        return (
          <View
            key={slot.start}
            className={classes}
            data-testid="slot"
            aria-disabled={!free}
            onClick={() => {
              if (free) onChange(slot);
            }}
          >
            <Text className="kefu-slot__time">{timeRange(slot.start, slot.end)}</Text>
            <Text className="kefu-slot__left">{free ? PICKER_TEXT.remaining(slot.remaining) : PICKER_TEXT.slotFull}</Text>
          </View>
        );
      })}
    </View>
  );
}

interface SlotChooserProps {
  serviceId: string;
  /** When known, days off and days outside the booking window are told apart. */
  service?: AppointmentService;
  date: string | null;
  onDate: (date: string | null) => void;
  slot: Slot | null;
  onSlot: (slot: Slot | null) => void;
  /** Bump to re-read days and slots (after a conflict, a realtime signal…). */
  refreshKey?: number;
  /** Section titles; omitted for a compact chooser. */
  titles?: { date: string; slot: string };
}

/** Loads `appointment.days` and, once a day is picked, `appointment.slots`. */
export function SlotChooser({ serviceId, service, date, onDate, slot, onSlot, refreshKey = 0, titles }: SlotChooserProps) {
  const days = useRequest(() => call('appointment', 'days', { serviceId, count: BOOKING_DAYS }), [serviceId, refreshKey]);
  const slots = useRequest(
    () => (date ? call('appointment', 'slots', { serviceId, date }) : Promise.resolve<Slot[]>([])),
    [serviceId, date, refreshKey],
  );

  // A chosen slot that is gone or full after a reload is no longer chosen.
  useEffect(() => {
    if (!slot || !slots.data || slots.loading) return;
    const fresh = slots.data.find((s) => s.start === slot.start);
    if (!fresh || fresh.remaining <= 0) onSlot(null);
  }, [slots.data, slots.loading, slot, onSlot]);

  return (
    <View className="kefu-chooser">
      {titles ? <View className="kefu-section-title">{titles.date}</View> : null}
      {days.error ? (
        <ErrorState error={days.error} onRetry={days.reload} />
      ) : days.data === undefined ? (
        <LoadingState />
      ) : (
        <DayPicker
          days={days.data}
          service={service}
          value={date}
          onChange={(next) => {
            if (next !== date) onSlot(null);
            onDate(next);
          }}
        />
      )}
      {titles ? <View className="kefu-section-title">{titles.slot}</View> : null}
      {!date ? (
        <View className="kefu-slots__empty kefu-muted">{PICKER_TEXT.pickDay}</View>
      ) : slots.error ? (
        <ErrorState error={slots.error} onRetry={slots.reload} />
      ) : slots.data === undefined || (slots.loading && slots.data.length === 0) ? (
        <LoadingState />
      ) : (
        <SlotPicker slots={slots.data} value={slot?.start ?? null} onChange={onSlot} />
      )}
    </View>
  );
}
