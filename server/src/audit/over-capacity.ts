/**
 * A take the agent confirmed past their capacity is written to the audit log, so owners can see
 * who carries more chats than their setting and how many.
 */
import type { Conversation } from '@parley/shared';
import type { Relay } from '../conversations/relay';
import type { AgentRecord } from '../storage/store';
import { recordAudit } from './audit-trail';

/**
 * Records the take when the agent now holds more chats than their capacity. Counted after the
 * store's atomic assignment: a slot freed meanwhile made it an ordinary take, and nothing is written.
 */
export async function recordTakeOverCapacity(
  relay: Relay,
  agent: AgentRecord,
  taken: Conversation,
): Promise<void> {
  const held = (await relay.store.activeChatCounts([agent.id])).get(agent.id) ?? 0;
  if (held <= agent.capacity) return;
  await recordAudit(relay, agent, {
    action: 'conversation.taken-over-capacity',
    target: { kind: 'conversation', id: taken.id, label: taken.id },
    siteIds: [taken.siteId],
    changes: [`chats: ${held} / ${agent.capacity}`],
  });
}
