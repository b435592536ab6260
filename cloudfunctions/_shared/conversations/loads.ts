// Skill groups with their queue and their staff's load: the supervisor's live view (routing.overview)
// and the colleagues and groups an agent may transfer to (desk.transferTargets).
import type { GroupLoad } from '../../../core/api';
import { db, _ } from '../cloud';
import { rows } from '../db';
import type { UserDoc } from '../users.repo';
import { DESK_ROLES, type AgentLoadDoc } from './assign';
import { listGroups, orderedQueue, routingSettings } from './conversation.repo';

export async function groupLoads(now: Date): Promise<GroupLoad[]> {
  const [settings, staff, loadDocs, groups] = await Promise.all([
    routingSettings(),
    rows<UserDoc>(db.collection('users').where({ role: _.in([...DESK_ROLES]) }).limit(1000)),
    rows<AgentLoadDoc>(db.collection('agent_load').limit(1000)),
    listGroups(),
  ]);
  const loads = new Map(loadDocs.map((l) => [l._id, l.active]));
  const out: GroupLoad[] = [];
  for (const g of groups) {
    const queue = await orderedQueue(g._id, now, settings);
    const oldest = Math.min(...queue.map((c) => new Date(c.queuedAt ?? c.createdAt).getTime()), now.getTime());
    out.push({
      groupId: g._id,
      name: g.name,
      mode: g.mode,
      queued: queue.length,
      longestWaitSeconds: Math.round((now.getTime() - oldest) / 1000),
      agents: staff
        .filter((u) => (u.groups ?? []).includes(g._id))
        .map((u) => ({ openid: u._id, name: u.name, status: u.status, active: loads.get(u._id) ?? 0, capacity: u.capacity ?? 0 })),
    });
  }
  return out;
}
