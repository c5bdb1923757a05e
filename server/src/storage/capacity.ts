/**
 * The capacity rule both stores apply inside their atomic assignment: an agent takes a new chat
 * only while their live chats, across every site they serve, are below their capacity.
 */
import { ParleyError } from '@parley/shared';
import { pickAgent } from '../routing/pick-agent';
import type { AgentRecord, AssignOptions, RoutingCandidate } from './store';

/**
 * Throws AGENT_UNAVAILABLE unless `agent` exists, has room (or may go past it) and, when
 * required, is online.
 */
export function assertRoomFor(
  agent: AgentRecord | undefined,
  activeChats: number,
  rules: Pick<AssignOptions, 'requireOnline' | 'overCapacity'>,
): asserts agent is AgentRecord {
  if (!agent) throw new ParleyError('NOT_FOUND', 'No such agent');
  if (rules.requireOnline && agent.status !== 'online')
    throw new ParleyError('AGENT_UNAVAILABLE', `${agent.name} is offline or away`);
  if (activeChats >= agent.capacity && !rules.overCapacity)
    throw new ParleyError(
      'AGENT_UNAVAILABLE',
      `${agent.name} is at capacity (${activeChats} / ${agent.capacity} chats)`,
    );
}

/**
 * Who among connected `candidates` gets the next chat, from the stored state: only agents whose
 * status is online; fewest chats below capacity first, ties to the longest idle (the later of
 * their last assignment and the moment they connected).
 */
export function chooseAgent(
  candidates: RoutingCandidate[],
  agentOf: (id: string) => AgentRecord | undefined,
  activeChatsOf: (id: string) => number,
  lastAssignedAt: (id: string) => string | null,
): string | null {
  return pickAgent(
    candidates.flatMap((candidate) => {
      const agent = agentOf(candidate.agentId);
      if (agent?.status !== 'online') return [];
      const assigned = lastAssignedAt(agent.id);
      return [
        {
          agentId: agent.id,
          activeChats: activeChatsOf(agent.id),
          capacity: agent.capacity,
          idleSince: Math.max(candidate.connectedSince, assigned ? Date.parse(assigned) : 0),
        },
      ];
    }),
  );
}
