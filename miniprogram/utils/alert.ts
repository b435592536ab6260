// New-message alert at the desk. Taro picks `alert.weapp.ts` (vibrate) or `alert.h5.ts` (tab title);
// other targets stay silent.

/** Called with the desk's total unread count each time it is read; alerts when it grew. */
export function alertNewMessage(_count: number): void {}
