// Paths of the appointment pages (beside utils/routes.ts, which other work owns for now).
const q = encodeURIComponent;

export const appointmentRoutes = {
  book: (serviceId?: string) => `/pages/book/index${serviceId ? `?serviceId=${q(serviceId)}` : ''}`,
  mine: '/pages/appointments/index',
  staff: '/agent/pages/appointments/index',
} as const;
