import type { GroupLoad } from '../../../core/api';

export interface OnlineAgent {
  openid: string;
  name: string;
  active: number;
  capacity: number;
  groups: string[];
}

/** Agents online in any group, once each (an agent may serve several groups), least loaded first. */
export function onlineAgents(groups: GroupLoad[], exclude?: string): OnlineAgent[] {
  const byId = new Map<string, OnlineAgent>();
  for (const g of groups) {
    for (const a of g.agents) {
      if (a.status !== 'online' || a.openid === exclude) continue;
      const seen = byId.get(a.openid);
      if (seen) seen.groups.push(g.name);
      else byId.set(a.openid, { openid: a.openid, name: a.name, active: a.active, capacity: a.capacity, groups: [g.name] });
    }
  }
  return [...byId.values()].sort((x, y) => x.active / Math.max(1, x.capacity) - y.active / Math.max(1, y.capacity));
}
