// A small stand-in for `@tarojs/taro` in jsdom (the `ui` Vitest project aliases the package here).
// It covers what the pages and NutUI call; tests read and steer it through the `taro` helper below.
import { useEffect, useRef } from 'react';

type Params = Record<string, string | undefined>;

const storage = new Map<string, unknown>();
let routerParams: Params = {};
/** Page show/hide callbacks of the mounted components; fired only when a test calls showPage/hidePage. */
const pageListeners = { show: new Set<() => void>(), hide: new Set<() => void>() };

/** What the code under test did through Taro, for assertions. */
export const taro = {
  navigations: [] as string[],
  toasts: [] as string[],
  clipboard: '',
  titles: [] as string[],
  phoneCalls: [] as string[],
  setRouterParams(params: Params): void {
    routerParams = params;
  },
  /** The page comes back to the front (useDidShow); nothing fires it on mount here. */
  showPage(): void {
    for (const listener of [...pageListeners.show]) listener();
  },
  /** The page is covered or the app goes to the background (useDidHide). */
  hidePage(): void {
    for (const listener of [...pageListeners.hide]) listener();
  },
  reset(): void {
    storage.clear();
    routerParams = {};
    taro.navigations.length = 0;
    taro.toasts.length = 0;
    taro.titles.length = 0;
    taro.phoneCalls.length = 0;
    taro.clipboard = '';
  },
};

export const ENV_TYPE = {
  WEAPP: 'WEAPP',
  WEB: 'WEB',
  RN: 'RN',
  SWAN: 'SWAN',
  ALIPAY: 'ALIPAY',
  TT: 'TT',
  QQ: 'QQ',
  JD: 'JD',
  HARMONY: 'HARMONY',
} as const;

export function getEnv(): string {
  return ENV_TYPE.WEB;
}

export function getStorageSync(key: string): unknown {
  return storage.has(key) ? storage.get(key) : '';
}

export function setStorageSync(key: string, value: unknown): void {
  storage.set(key, value);
}

export function removeStorageSync(key: string): void {
  storage.delete(key);
}

export function useRouter(): { params: Params; path: string } {
  return { params: routerParams, path: '' };
}

export function getCurrentInstance(): { router: { params: Params; path: string }; page: null } {
  return { router: { params: routerParams, path: '' }, page: null };
}

export function useLoad(_callback: () => void): void {}
function usePageEvent(kind: keyof typeof pageListeners, callback: () => void): void {
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    const listener = () => latest.current();
    pageListeners[kind].add(listener);
    return () => void pageListeners[kind].delete(listener);
  }, [kind]);
}
export function useDidShow(callback: () => void): void {
  usePageEvent('show', callback);
}
export function useDidHide(callback: () => void): void {
  usePageEvent('hide', callback);
}
export function usePullDownRefresh(_callback: () => void): void {}
export function useLaunch(_callback: () => void): void {}

export async function stopPullDownRefresh(): Promise<void> {}

export async function navigateTo(options: { url: string }): Promise<{ errMsg: string }> {
  taro.navigations.push(options.url);
  return { errMsg: 'navigateTo:ok' };
}

export async function redirectTo(options: { url: string }): Promise<{ errMsg: string }> {
  taro.navigations.push(options.url);
  return { errMsg: 'redirectTo:ok' };
}

export async function showToast(options: { title: string }): Promise<{ errMsg: string }> {
  taro.toasts.push(options.title);
  return { errMsg: 'showToast:ok' };
}

export async function setClipboardData(options: { data: string }): Promise<{ errMsg: string }> {
  taro.clipboard = options.data;
  return { errMsg: 'setClipboardData:ok' };
}

export async function makePhoneCall(options: { phoneNumber: string }): Promise<{ errMsg: string }> {
  taro.phoneCalls.push(options.phoneNumber);
  return { errMsg: 'makePhoneCall:ok' };
}

export async function setNavigationBarTitle(options: { title: string }): Promise<{ errMsg: string }> {
  taro.titles.push(options.title);
  return { errMsg: 'setNavigationBarTitle:ok' };
}

const systemInfo = {
  windowWidth: 375,
  windowHeight: 667,
  screenWidth: 375,
  screenHeight: 667,
  pixelRatio: 2,
  statusBarHeight: 20,
  platform: 'devtools',
  brand: 'jsdom',
  model: 'jsdom',
  system: 'jsdom',
  language: 'zh_CN',
  version: '8.0.0',
  SDKVersion: '3.0.0',
  safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
};

export function getSystemInfoSync(): typeof systemInfo {
  return systemInfo;
}

export async function getSystemInfo(): Promise<typeof systemInfo> {
  return systemInfo;
}

export const getWindowInfo = getSystemInfoSync;
export const getDeviceInfo = getSystemInfoSync;
export const getAppBaseInfo = getSystemInfoSync;

export function pxTransform(size: number): string {
  return `${size}px`;
}

export function nextTick(callback: () => void): void {
  setTimeout(callback, 0);
}

interface Rect {
  width: number;
  height: number;
  top: number;
  left: number;
  right: number;
  bottom: number;
}

const emptyRect: Rect = { width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 };

/** Layout does not exist in jsdom: every node measures 0×0. */
export function createSelectorQuery() {
  const results: unknown[] = [];
  const query = {
    in: () => query,
    select: () => node,
    selectAll: () => node,
    selectViewport: () => node,
    exec(callback?: (res: unknown[]) => void) {
      callback?.(results);
      return query;
    },
  };
  const node = {
    boundingClientRect(callback?: (rect: Rect) => void) {
      results.push(emptyRect);
      callback?.(emptyRect);
      return query;
    },
    scrollOffset(callback?: (offset: { scrollTop: number; scrollLeft: number }) => void) {
      const offset = { scrollTop: 0, scrollLeft: 0 };
      results.push(offset);
      callback?.(offset);
      return query;
    },
    fields(_fields: unknown, callback?: (value: unknown) => void) {
      results.push({});
      callback?.({});
      return query;
    },
  };
  return query;
}

type Handler = (...args: unknown[]) => void;
const handlers = new Map<string, Set<Handler>>();

export const eventCenter = {
  on(name: string, handler: Handler) {
    const set = handlers.get(name) ?? new Set<Handler>();
    set.add(handler);
    handlers.set(name, set);
    return eventCenter;
  },
  off(name: string, handler?: Handler) {
    if (handler) handlers.get(name)?.delete(handler);
    else handlers.delete(name);
    return eventCenter;
  },
  trigger(name: string, ...args: unknown[]) {
    for (const handler of handlers.get(name) ?? []) handler(...args);
    return eventCenter;
  },
};

const Taro = {
  ENV_TYPE,
  getEnv,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  useRouter,
  getCurrentInstance,
  useLoad,
  useDidShow,
  useDidHide,
  usePullDownRefresh,
  useLaunch,
  stopPullDownRefresh,
  navigateTo,
  redirectTo,
  showToast,
  setClipboardData,
  makePhoneCall,
  setNavigationBarTitle,
  getSystemInfoSync,
  getSystemInfo,
  getWindowInfo,
  getDeviceInfo,
  getAppBaseInfo,
  pxTransform,
  nextTick,
  createSelectorQuery,
  eventCenter,
};

export default Taro;
