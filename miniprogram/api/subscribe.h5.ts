// h5: WeChat's subscribe prompt emulated with a dialog. When allowed, the gateway's dev endpoint keeps
// WeChat's side of the subscription (`POST /api/dev/subscribe`); then `templates.grant` as on weapp.
import { createElement, useCallback, useRef, useState } from 'react';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';
import Dialog from '@nutui/nutui-react-taro/dist/es/packages/dialog';
import { ensureToken } from './dev-session';
import { recordAnswer } from './subscribe-grant';
import type { PromptText, SubscribeAnswer, SubscribePermission } from './subscribe';

export type { PromptText, SubscribeAnswer, SubscribePermission } from './subscribe';

const BOOKING_PROMPT: PromptText = {
  title: '是否接收预约通知？',
  body: '预约确认、改期和到期提醒将通过微信服务通知发送给您。',
};

const TEXT = {
  allow: '允许',
  deny: '拒绝',
} as const;

/** WeChat's side of the subscription, as the emulator keeps it. Failure means "not subscribed". */
async function subscribeAtWeChat(accepted: string[]): Promise<boolean> {
  try {
    const token = await ensureToken();
    const response = await fetch('/api/dev/subscribe', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ accepted }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export function useSubscribePermission(prompt: PromptText = BOOKING_PROMPT): SubscribePermission {
  const [pending, setPending] = useState<string[] | null>(null);
  const resolver = useRef<((allowed: boolean) => void) | null>(null);

  const answer = useCallback((allowed: boolean) => {
    setPending(null);
    const resolve = resolver.current;
    resolver.current = null;
    resolve?.(allowed);
  }, []);

  const ask = useCallback(async (tmplIds: readonly string[]): Promise<SubscribeAnswer> => {
    const ids = tmplIds.slice(0, 3);
    if (ids.length === 0) return { accepted: [], rejected: [] };
    // A prompt still open (a second tap) is answered "no" before the new one replaces it.
    resolver.current?.(false);
    const allowed = await new Promise<boolean>((resolve) => {
      resolver.current = resolve;
      setPending(ids);
    });
    if (!allowed) return recordAnswer({ accepted: [], rejected: ids });
    const kept = await subscribeAtWeChat(ids);
    return recordAnswer(kept ? { accepted: ids, rejected: [] } : { accepted: [], rejected: ids });
  }, []);

  const element = createElement(Dialog, {
    className: 'kefu-subscribe-dialog',
    visible: pending !== null,
    title: prompt.title,
    content: prompt.body,
    confirmText: TEXT.allow,
    cancelText: TEXT.deny,
    closeOnOverlayClick: false,
    onConfirm: () => answer(true),
    onCancel: () => answer(false),
  });

  return { ask, element };
}
