// Timer triggers from each function's config.json, fired on the UTC+8 clock as CloudBase does.
import { cronMatches, parseCron, type Cron } from './functions/cron';
import type { FunctionHost } from './functions/host';

export interface TimerRun {
  fn: string;
  trigger: string;
}

export function timerEvent(trigger: string, at: Date): Record<string, string> {
  return { Type: 'Timer', TriggerName: trigger, Time: at.toISOString() };
}

/** Fire one trigger now (also what `POST /api/dev/trigger/:name` does). */
export function fireTrigger(host: FunctionHost, appid: string, fn: string, trigger: string, at = new Date()) {
  return host.invoke(fn, timerEvent(trigger, at), { openid: '', appid, source: 'wx_trigger' });
}

export function startTimers(host: FunctionHost, appid: string, log: (line: string) => void): () => void {
  const schedule: Array<TimerRun & { cron: Cron; running: boolean }> = [];
  for (const fn of host.names()) {
    for (const t of host.config(fn).triggers) {
      if (t.type !== 'timer') continue;
      try {
        schedule.push({ fn, trigger: t.name, cron: parseCron(t.config), running: false });
      } catch (err) {
        log(`[timer] ${fn}/${t.name}: ${(err as Error).message}`);
      }
    }
  }
  let last = Math.floor(Date.now() / 1000);
  const tick = setInterval(() => {
    const now = Math.floor(Date.now() / 1000);
    // Every second since the last tick, so a slow tick never skips a schedule.
    for (let s = last + 1; s <= now; s++) {
      const at = new Date(s * 1000);
      for (const entry of schedule) {
        if (entry.running || !cronMatches(entry.cron, at)) continue;
        entry.running = true;
        void fireTrigger(host, appid, entry.fn, entry.trigger, at).then((out) => {
          entry.running = false;
          log(`timer ${entry.fn}/${entry.trigger} ${out.ms}ms ${out.ok ? 'ok' : out.reason}`);
        });
      }
    }
    last = now;
  }, 250);
  tick.unref();
  return () => clearInterval(tick);
}
