// The words of the appointment pieces shared by the booking page, 我的预约 and the staff schedule.
import type { AppointmentStatus } from '../../../core/api';

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: '已预约',
  confirmed: '已确认',
  cancelled: '已取消',
  done: '已完成',
  no_show: '未到场',
};

export const PICKER_TEXT = {
  today: '今天',
  tomorrow: '明天',
  full: '约满',
  closed: '休息',
  unavailable: '不可约',
  remaining: (n: number) => `剩余 ${n} 个名额`,
  slotFull: '已约满',
  noSlots: '当天没有可预约的时段，请换一天',
  pickDay: '请先选择日期',
  minutes: (m: number) => (m % 60 === 0 ? `${m / 60} 小时` : m > 60 ? `${Math.floor(m / 60)} 小时 ${m % 60} 分钟` : `${m} 分钟`),
} as const;
