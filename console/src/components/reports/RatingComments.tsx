import type { RatingComment } from '@parley/shared';
import { formatDate } from '../../format/date-time';

/** What visitors wrote with their rating, newest first, each linking to its conversation. */
export function RatingComments(props: {
  comments: RatingComment[];
  siteName: (siteId: string) => string;
  agentName: (agentId: string | null) => string | null;
  href: (conversationId: string) => string;
  onOpen: (conversationId: string) => void;
}) {
  if (props.comments.length === 0) return <p class="muted">No comments in this period.</p>;
  return (
    <ol class="report-comments">
      {props.comments.map((comment) => {
        const textId = `comment-${comment.conversationId}`;
        const agent = props.agentName(comment.agentId);
        const facts = [
          comment.csat === null ? null : `CSAT ${comment.csat}/5`,
          comment.nps === null ? null : `NPS ${comment.nps}/10`,
          props.siteName(comment.siteId) || null,
          agent,
          formatDate(comment.createdAt),
        ].filter((fact): fact is string => Boolean(fact));
        return (
          <li key={comment.conversationId} class="report-comment">
            <blockquote id={textId}>{comment.comment}</blockquote>
            <p class="muted">
              {facts.join(' · ')} ·{' '}
              <a
                href={props.href(comment.conversationId)}
                aria-describedby={textId}
                onClick={(event) => {
                  // A plain click stays in this tab; a middle or modified click opens another.
                  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
                    return;
                  event.preventDefault();
                  props.onOpen(comment.conversationId);
                }}
              >
                Open conversation
              </a>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
