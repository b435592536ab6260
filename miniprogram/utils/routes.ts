// Every page path in one place (weapp and h5 share them; h5 puts them after `#`).
import Taro from '@tarojs/taro';
import type { Role } from '../../core/roles';

const q = encodeURIComponent;

export const routes = {
  home: '/pages/index/index',
  category: (id: string, name?: string) => `/pages/category/index?id=${q(id)}${name ? `&name=${q(name)}` : ''}`,
  answer: (id: string) => `/pages/answer/index?id=${q(id)}`,
  join: (code?: string) => `/pages/join/index${code ? `?code=${q(code)}` : ''}`,
  setup: '/pages/setup/index',
  agentDesk: '/agent/pages/index/index',
  manager: '/manager/pages/index/index',
} as const;

export function go(url: string): void {
  void Taro.navigateTo({ url });
}

/** Query values arrive URI-encoded on some platforms and decoded on others. */
export function param(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Who sees which staff entry. The functions still check every call; this only hides dead ends. */
export function mayOpenDesk(role: Role): boolean {
  return role !== 'customer';
}

export function mayOpenManager(role: Role): boolean {
  return role === 'supervisor' || role === 'admin' || role === 'qa';
}
