// h5: the temporary link is the gateway's `/api/files/exports/…?e=…&sign=…`; it is opened on this page's
// own origin (the dev server proxies /api), so it works whatever host name the emulator saw.
import Taro from '@tarojs/taro';

/** The link as this page should open it: gateway paths relative to the current origin. */
export function sameOriginLink(url: string): string {
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.pathname.startsWith('/api/files/') ? `${parsed.pathname}${parsed.search}` : parsed.href;
  } catch {
    return url;
  }
}

export async function openExportFile(url: string, fileName: string): Promise<void> {
  const a = document.createElement('a');
  a.href = sameOriginLink(url);
  a.download = fileName;
  a.rel = 'noopener';
  a.target = '_blank';
  document.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
  }
  void Taro.showToast({ title: '开始下载', icon: 'none' });
}
