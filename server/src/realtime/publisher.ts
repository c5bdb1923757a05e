/**
 * What each side is told, and through which room: the one place that knows who receives what.
 * It never decides anything; the conversation service calls it after the store has decided.
 *
 * The fan-out rule lives here. Full messages, typing and read receipts go only to the consoles
 * that show the conversation (`conversation:watch`) and to its assignee's; the rest of the site's
 * consoles get a coalesced summary for their inbox, each only of what it lists and the queue
 * (inbox-fanout.ts). So a message costs a few socket writes
 * however many agents are online. State changes (`conversation:updated`) still reach the whole
 * site: every inbox needs them, and they are rare next to messages.
 */
import type {
  Conversation,
  Message,
  SeenChanged,
  TypingChanged,
  Visitor,
  VisitorConversation,
} from '@parley/shared';
import { agentAsSeenBy } from '../auth/account-rules';
import type { Broadcaster } from '../conversations/broadcaster';
import { ActivitySummaries } from './activity-summaries';
import type { AgentRecord } from '../storage/store';

export class Publisher {
  readonly #summaries: ActivitySummaries;

  constructor(private readonly broadcast: Broadcaster) {
    this.#summaries = new ActivitySummaries((batch) => this.broadcast.toSiteInboxes(batch));
  }

  /** Stops the pending summaries. */
  close(): void {
    this.#summaries.close();
  }

  /**
   * A new message: in full to the consoles showing the conversation and its assignee's, as a
   * summary to the site's other consoles, and (unless a note) to the visitor.
   */
  message(conversation: Conversation, message: Message): void {
    this.broadcast.toWatchers(conversation, 'message:created', { message });
    this.#summaries.note(conversation, message);
    if (!message.internal)
      this.broadcast.toVisitor(conversation.visitorId, 'message:created', { message });
  }

  /** A conversation's new state, to the site's consoles (with the visitor) and to the visitor. */
  conversation(
    conversation: Conversation,
    visitor: Visitor | null,
    view: VisitorConversation | null,
  ): void {
    if (visitor)
      this.broadcast.toSiteAgents(conversation.siteId, 'conversation:updated', {
        conversation,
        visitor,
      });
    if (view) this.visitorConversation(conversation.visitorId, view);
  }

  /** The visitor's view of their conversation (status, agent, place in line). */
  visitorConversation(visitorId: string, view: VisitorConversation): void {
    this.broadcast.toVisitor(visitorId, 'conversation:updated', { conversation: view });
  }

  /** The chat ended: the visitor's widget moves on to the rating. */
  closed(conversation: Conversation): void {
    this.broadcast.toVisitor(conversation.visitorId, 'conversation:closed', {
      conversationId: conversation.id,
      closedBy: conversation.closedBy ?? 'agent',
    });
  }

  /** Read receipts go to both sides. */
  seen(conversation: Conversation, event: SeenChanged): void {
    this.broadcast.toWatchers(conversation, 'seen:changed', event);
    this.broadcast.toVisitor(conversation.visitorId, 'seen:changed', event);
  }

  /** Typing indicators: agents' to the visitor and colleagues, the visitor's to the consoles. */
  typing(conversation: Conversation, event: TypingChanged): void {
    this.broadcast.toWatchers(conversation, 'typing:changed', event);
    if (event.author === 'agent')
      this.broadcast.toVisitor(conversation.visitorId, 'typing:changed', event);
  }

  /** Whether someone is there to answer, to every visitor of the site. */
  availability(siteId: string, available: boolean): void {
    this.broadcast.toSiteVisitors(siteId, 'presence:changed', { available, agent: null });
  }

  /**
   * An agent's status, capacity or sites, to the consoles of `viewers` (the agent and those who
   * share a site with them), each seeing only the sites they serve themselves.
   */
  agent(agent: AgentRecord, viewers: AgentRecord[]): void {
    for (const viewer of viewers)
      this.broadcast.toAgent(viewer.id, 'agent:updated', { agent: agentAsSeenBy(viewer, agent) });
  }

  /** A colleague the consoles of `viewerIds` no longer share a site with, or who is gone. */
  agentGone(agentId: string, viewerIds: string[]): void {
    for (const viewerId of viewerIds)
      this.broadcast.toAgent(viewerId, 'agent:removed', { agentId });
  }

  /** Whether the visitor would see an announcement now: a widget of theirs is connected. */
  visitorConnected(visitorId: string): Promise<boolean> {
    return this.broadcast.visitorConnected(visitorId);
  }

  /** A visitor's profile or page. */
  visitor(visitor: Visitor): void {
    this.broadcast.toSiteAgents(visitor.siteId, 'visitor:updated', { visitor });
  }
}
