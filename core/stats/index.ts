// Reports: pure metric math over reporting events and daily rollups (UTC+8 calendar).
export * from './time';
export * from './business';
export * from './aggregate';
export * from './staffing';
export * from './targets';
export * from './categories';
