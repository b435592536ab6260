// Subscribe-message templates: WeChat's field rules, rendering, quiet hours, reminders. Pure.
export * from './fields';
export * from './render';
export * from './reminders';
export * from './time';
export * from './outcomes';
