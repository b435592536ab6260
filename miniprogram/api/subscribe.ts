// Permission for service notifications (WeChat subscribe messages), asked from a tap.
// Taro picks `subscribe.weapp.ts` (the real WeChat prompt) or `subscribe.h5.ts` (an emulated prompt);
// this fallback, for other targets, asks nobody and accepts nothing.
import type { ReactNode } from 'react';

export interface SubscribeAnswer {
  accepted: string[];
  rejected: string[];
}

export interface SubscribePermission {
  /**
   * Asks for the given template ids and records the answer (`templates.grant`). Call it synchronously
   * from the tap handler, before any `await`: WeChat only shows its prompt for a user gesture.
   * Never rejects — a refusal or a failure must not block what the user was doing.
   */
  ask: (tmplIds: readonly string[]) => Promise<SubscribeAnswer>;
  /** What the page renders for the prompt (h5: the emulated dialog; weapp: nothing). */
  element: ReactNode;
}

/** What the emulated prompt (h5) says; on weapp WeChat shows the templates' own titles. */
export interface PromptText {
  title: string;
  body: string;
}

export function useSubscribePermission(_prompt?: PromptText): SubscribePermission {
  return {
    ask: async (tmplIds) => ({ accepted: [], rejected: [...tmplIds] }),
    element: null,
  };
}
