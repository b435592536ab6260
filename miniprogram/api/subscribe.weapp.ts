// weapp: WeChat's own subscribe prompt (`wx.requestSubscribeMessage`), then `templates.grant`.
import Taro from '@tarojs/taro';
import { recordAnswer } from './subscribe-grant';
import type { PromptText, SubscribeAnswer, SubscribePermission } from './subscribe';

export type { PromptText, SubscribeAnswer, SubscribePermission } from './subscribe';

function askWeChat(tmplIds: readonly string[]): Promise<SubscribeAnswer> {
  const ids = tmplIds.slice(0, 3);
  if (ids.length === 0) return Promise.resolve({ accepted: [], rejected: [] });
  return new Promise<SubscribeAnswer>((resolve) => {
    // Called synchronously from the tap: WeChat refuses the prompt outside a user gesture.
    void Taro.requestSubscribeMessage({
      tmplIds: ids,
      entityIds: [],
      success: (result) => {
        const answers = result as unknown as Record<string, unknown>;
        resolve({
          accepted: ids.filter((id) => answers[id] === 'accept'),
          // 'reject', 'ban' (the user turned them off) and 'filter' (blocked by WeChat) all mean no.
          rejected: ids.filter((id) => answers[id] !== 'accept'),
        });
      },
      // 20004: notifications switched off for this mini-program; others: not supported, too many ids…
      fail: () => resolve({ accepted: [], rejected: ids }),
    }).catch(() => undefined);
  });
}

export function useSubscribePermission(_prompt?: PromptText): SubscribePermission {
  return {
    ask: (tmplIds) => askWeChat(tmplIds).then(recordAnswer),
    element: null,
  };
}
