/**
 * The rules of a conversation's life as pure functions: given the current state, the patch a
 * change makes, or a ParleyError when the change is not allowed. Both stores run them inside
 * their atomic update, so a decision is always taken on the state it is written over.
 */
import { MISSED_TAG, ParleyError, type ClosedBy } from '@parley/shared';
import type { AssignMode, ConversationDecision } from './store';

export type { AssignMode, ConversationDecision };

/**
 * Closing: once only. A live chat closed before any agent replied, by the visitor or by
 * inactivity, is a missed chat: it is tagged so that someone follows it up.
 */
export function closing(closedBy: ClosedBy, at: string): ConversationDecision {
  return (current) => {
    if (current.status === 'closed')
      throw new ParleyError('CONFLICT', 'The conversation is already closed');
    const missed =
      current.kind === 'chat' && current.firstResponseAt === null && closedBy !== 'agent';
    return {
      status: 'closed',
      closedAt: at,
      closedBy,
      ...(missed && !current.tags.includes(MISSED_TAG)
        ? { tags: [...current.tags, MISSED_TAG] }
        : {}),
    };
  };
}

/**
 * Following up a missed chat: an agent's reply reopens it as a message to answer (like one left
 * while nobody was there), theirs, so the visitor gets the answer by email and in the widget.
 */
export function followingUp(agentId: string, at: string): ConversationDecision {
  return (current) => {
    if (current.status !== 'closed')
      throw new ParleyError('CONFLICT', 'Someone else is already following this up');
    if (!current.tags.includes(MISSED_TAG))
      throw new ParleyError('CONFLICT', 'The conversation is closed');
    return {
      kind: 'offline',
      status: 'active',
      agentId,
      assignedAt: at,
      closedAt: null,
      closedBy: null,
    };
  };
}

/**
 * Assigning: `auto` and `take` only from the queue (two agents taking one chat: one wins), a
 * transfer from any open state to someone else.
 */
export function assigning(agentId: string, mode: AssignMode, at: string): ConversationDecision {
  return (current) => {
    if (current.status === 'closed')
      throw new ParleyError('CONFLICT', 'The conversation is closed');
    if (mode !== 'transfer' && current.status !== 'queued')
      throw new ParleyError('CONFLICT', 'Someone else already took this conversation');
    if (mode === 'transfer' && current.agentId === agentId)
      throw new ParleyError('CONFLICT', 'The conversation is already theirs');
    // The first assignment stays: a transfer hands the chat on, it does not end its wait again.
    return { status: 'active', agentId, assignedAt: current.assignedAt ?? at };
  };
}

/**
 * Back to the queue after the agent left: only if it is still theirs and active. It keeps its
 * original place unless that would put it behind someone already waiting (`headQueuedAt`): then
 * it goes just ahead of them.
 */
export function requeueing(agentId: string, headQueuedAt: string | null): ConversationDecision {
  return (current) => {
    if (current.status !== 'active' || current.agentId !== agentId) return null;
    const own = Date.parse(current.queuedAt ?? current.createdAt);
    const head = headQueuedAt ? Date.parse(headQueuedAt) - 1 : Infinity;
    return {
      status: 'queued',
      agentId: null,
      assignedAt: null,
      queuedAt: new Date(Math.min(own, head)).toISOString(),
    };
  };
}

/** Seen marks only move forward, and never past the last message. */
export function seeing(side: 'visitor' | 'agent', seq: number): ConversationDecision {
  return (current) => {
    const upTo = Math.min(seq, current.lastSeq);
    if (upTo <= current.seen[side]) return null;
    return { seen: { ...current.seen, [side]: upTo } };
  };
}
