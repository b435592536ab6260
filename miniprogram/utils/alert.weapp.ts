// weapp: a short vibration when the desk's unread count grows.
import Taro from '@tarojs/taro';

let last = 0;

/** Called with the desk's total unread count each time it is read; alerts when it grew. */
export function alertNewMessage(count: number): void {
  if (count > last) void Taro.vibrateShort({ type: 'medium' }).catch(() => undefined);
  last = count;
}
