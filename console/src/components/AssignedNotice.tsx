import type { Workspace } from '../models/workspace';

/**
 * Says, politely, that a chat was given to me while another tab is shown, with the way to it.
 * The live region stays in the page so screen readers hear the words when they appear.
 */
export function AssignedNotice(props: { workspace: Workspace }) {
  const { inbox, openConversation } = props.workspace;
  const assigned = inbox.assignedToMe.value;
  return (
    <div role="status" aria-live="polite" class="inbox-live">
      {assigned && (
        <p class="notice notice-info inbox-assigned">
          A chat was assigned to you: {assigned.visitorName}.{' '}
          <button
            type="button"
            class="link-button"
            onClick={() => {
              inbox.selectTab('mine');
              openConversation(assigned.conversationId);
            }}
          >
            Open chat
          </button>{' '}
          <button type="button" class="link-button" onClick={() => inbox.selectTab('mine')}>
            Go to Mine
          </button>
        </p>
      )}
    </div>
  );
}
