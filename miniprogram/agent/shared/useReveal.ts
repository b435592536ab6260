// 查看: staff see customers' phone numbers (and ID, bank cards, emails) masked; opening one record calls a
// reveal action, which the server records in the audit log. One hook for the desk conversation, left
// messages and the schedule: what was opened stays open on this page (keyed by record), and the toast
// tells the agent that the view is recorded.
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { errorText } from '../../api/client';

export const REVEAL_TEXT = {
  view: '查看',
  viewPhone: '查看号码',
  opening: '正在查看…',
  call: '拨打',
  callBack: '回电',
  recorded: '已显示完整信息，此操作已记录',
} as const;

export interface Reveal<T> {
  /** What was opened, by record id. */
  revealed: Readonly<Record<string, T>>;
  /** The record being opened now, if any. */
  busy: string | null;
  /** Opens `id` with `load` (a reveal call); a second tap while it loads does nothing. Resolves to the value, or null on failure (toasted). */
  reveal(id: string, load: () => Promise<T>): Promise<T | null>;
}

export function useReveal<T>(): Reveal<T> {
  const [revealed, setRevealed] = useState<Record<string, T>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const reveal = useCallback(
    async (id: string, load: () => Promise<T>): Promise<T | null> => {
      if (busy) return null;
      setBusy(id);
      try {
        const value = await load();
        setRevealed((prev) => ({ ...prev, [id]: value }));
        void Taro.showToast({ title: REVEAL_TEXT.recorded, icon: 'none' });
        return value;
      } catch (err) {
        void Taro.showToast({ title: errorText(err), icon: 'none' });
        return null;
      } finally {
        setBusy(null);
      }
    },
    [busy],
  );

  return { revealed, busy, reveal };
}

/** Calls the number (WeChat asks the user to confirm). */
export function callNumber(phoneNumber: string): void {
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);
}
