// Routing policy, in two steps as Chatwoot splits it: who is eligible (online ∩ in the group ∩ under
// capacity), then who is chosen (least loaded, ties to the longest idle; or round robin). Pure: the
// `routing` server code reads agents and loads, asks these functions, then claims atomically.

export type AgentStatus = 'online' | 'away' | 'offline';
export type SelectionMode = 'least_loaded' | 'round_robin';
export const SELECTION_MODES: readonly SelectionMode[] = ['least_loaded', 'round_robin'];

/** What routing needs to know of one agent at decision time. */
export interface AgentState {
  /** OPENID. */
  id: string;
  status: AgentStatus;
  /** Skill group ids the agent works in. */
  groups: readonly string[];
  /** Most concurrent conversations (0 = takes none). */
  capacity: number;
  /** Conversations assigned to the agent now. */
  active: number;
  /** Epoch ms of the agent's last assignment; 0 = never (the longest idle of all). */
  lastAssignedAt: number;
}

/**
 * Allowed agents for a conversation of `groupId`: online, in the group, under capacity, not excluded.
 * `exclude` holds agents that must not get it again (e.g. the one it timed out with).
 */
export function eligibleAgents(agents: readonly AgentState[], groupId: string, exclude: readonly string[] = []): AgentState[] {
  return agents.filter((a) => a.status === 'online' && a.groups.includes(groupId) && a.active < a.capacity && !exclude.includes(a.id));
}

/** Ties broken by who waited longest since their last assignment, then by id (deterministic). */
function longestIdleFirst(a: AgentState, b: AgentState): number {
  return a.lastAssignedAt - b.lastAssignedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The chosen agent among eligible ones, or null.
 * - `least_loaded`: fewest active conversations, ties to the longest idle.
 * - `round_robin`: the one whose last assignment is oldest, whatever the load (takes turns).
 */
export function selectAgent(eligible: readonly AgentState[], mode: SelectionMode = 'least_loaded'): AgentState | null {
  if (eligible.length === 0) return null;
  const sorted = [...eligible].sort(mode === 'round_robin' ? longestIdleFirst : (a, b) => a.active - b.active || longestIdleFirst(a, b));
  return sorted[0] ?? null;
}

/** Eligibility then selection in one call. */
export function chooseAgent(agents: readonly AgentState[], groupId: string, mode: SelectionMode = 'least_loaded', exclude: readonly string[] = []): AgentState | null {
  return selectAgent(eligibleAgents(agents, groupId, exclude), mode);
}
