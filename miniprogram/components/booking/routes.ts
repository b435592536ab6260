// Paths of the appointment pages.
const q = encodeURIComponent;

export const appointmentRoutes = {
  book: (serviceId?: string) => `/pages/book/index${serviceId ? `?serviceId=${q(serviceId)}` : ''}`,
  mine: '/pages/appointments/index',
  staff: '/agent/pages/appointments/index',
} as const;
