// Presence: while the agent is online or away and this page is shown, the desk says so (desk.heartbeat)
// once on show and then every 30 s; the routing timer sets staff it stops hearing from offline, so
// a closed app never keeps conversations. A failed beat is silent: the next one comes soon.
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { HEARTBEAT_EVERY_MS, heartbeatEveryMs } from '../../../core/routing/presence';
import { call } from '../../api/client';
import type { AgentStatus } from './format';

/**
 * `status`: the agent's status as the page knows it (the desk home, from the inbox). Pages that do not
 * know it pass nothing: they beat once on show and go on while the heartbeat's own answer is not offline.
 */
export function useHeartbeat(status?: AgentStatus): void {
  const [shown, setShown] = useState(true);
  const [answered, setAnswered] = useState<AgentStatus | undefined>(undefined);
  const [everyMs, setEveryMs] = useState(HEARTBEAT_EVERY_MS);
  useDidShow(() => {
    setShown(true);
    setAnswered(undefined);
  });
  useDidHide(() => setShown(false));
  const active = shown && (status ?? answered) !== 'offline';

  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    const beat = () =>
      call('desk', 'heartbeat', {}).then(
        (r) => {
          if (stopped) return;
          setAnswered(r.status);
          // A supervisor may set a timeout shorter than 90 s: beat often enough to survive it.
          setEveryMs(heartbeatEveryMs(r.presenceTimeoutSec));
        },
        () => {},
      );
    void beat();
    const id = setInterval(() => void beat(), everyMs);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [active, everyMs]);
}

/** For pages rendered through StaffGate: beats for desk staff. */
export function Heartbeat(): null {
  useHeartbeat();
  return null;
}
