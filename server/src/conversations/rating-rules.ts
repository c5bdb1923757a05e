/**
 * The rating rules, decided on the stored state inside the store's atomic update: each question
 * is answered once, only after the chat closed, CSAT before NPS when the site asks both.
 */
import { ParleyError, type Rating } from '@parley/shared';
import type { z } from 'zod';
import type * as schemas from '@parley/shared/schemas';
import type { ConversationDecision } from '../storage/conversation-transitions';

/** The decision recording `input` as (part of) the conversation's rating. */
export function rating(
  input: z.output<typeof schemas.ratingSubmitSchema>,
  asks: { csat: boolean; nps: boolean },
  at: string,
): ConversationDecision {
  return (conversation) => {
    if (conversation.status !== 'closed' || conversation.kind !== 'chat')
      throw new ParleyError('CONFLICT', 'A conversation can be rated once it is closed');
    const before = conversation.rating;
    if (input.csat !== undefined && before?.csat != null)
      throw new ParleyError('ALREADY_RATED', 'This conversation already has a rating');
    if (input.nps !== undefined && before?.nps != null)
      throw new ParleyError('ALREADY_RATED', 'This conversation already has an NPS answer');
    if (input.nps !== undefined && !asks.nps)
      throw new ParleyError('CONFLICT', 'This site does not ask the NPS question');
    if (input.csat === undefined && before?.csat == null && asks.csat)
      throw new ParleyError('CONFLICT', 'Answer the satisfaction question first');
    const next: Rating = {
      csat: input.csat ?? before?.csat ?? null,
      comment: input.csat !== undefined ? input.comment || null : (before?.comment ?? null),
      nps: input.nps ?? before?.nps ?? null,
      createdAt: before?.createdAt ?? at,
    };
    return { rating: next };
  };
}
