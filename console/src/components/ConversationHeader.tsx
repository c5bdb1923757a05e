import type { Agent, Conversation, Visitor } from '@parley/shared';
import { elapsedSince, formatElapsed } from '../format/duration';
import { visitorName } from '../format/visitor-name';
import type { ConversationAction } from '../models/conversation';
import { ActionsMenu } from './ActionsMenu';
import { TagEditor } from './TagEditor';
import { TransferMenu } from './TransferMenu';

/** Who the chat is with, where it stands, and the actions that change that. */
export function ConversationHeader(props: {
  conversation: Conversation;
  visitor: Visitor;
  busy: ConversationAction | null;
  /** The transcript is being fetched for download. */
  downloading: boolean;
  siteName: string;
  agentName: string | null;
  targets: Agent[];
  /** Colleagues' live chats by agent id, for the Transfer menu. */
  loads: Readonly<Record<string, number>> | null;
  loadsError: string | null;
  onTransferOpen: () => void;
  now: number;
  onTake: () => void;
  /** Asking (below the header) whether to take this chat past my capacity. */
  askingToTake: boolean;
  onTransfer: (agentId: string) => void;
  onClose: () => void;
  onTags: (tags: string[]) => void;
  onDownload: () => void;
  /** Back to the list, on screens that show one pane at a time. */
  onBack?: () => void;
  /** The visitor's details, on screens too narrow to show them beside the conversation. */
  onShowDetails?: () => void;
}) {
  const { conversation } = props;
  const { status } = conversation;
  return (
    <header class="conversation-head">
      {props.onBack && (
        <button
          type="button"
          class="icon-button conversation-back"
          aria-label="Back to conversations"
          onClick={props.onBack}
        >
          ←
        </button>
      )}
      <div class="conversation-title">
        <h2 title={visitorName(props.visitor)}>{visitorName(props.visitor)}</h2>
        <p class="conversation-sub">
          <StatusPill conversation={conversation} agentName={props.agentName} now={props.now} />
          {props.siteName && <span class="muted"> · {props.siteName}</span>}
        </p>
        <TagEditor tags={conversation.tags} busy={props.busy === 'tag'} onChange={props.onTags} />
      </div>
      <div class="conversation-actions">
        {props.onShowDetails && (
          <button
            type="button"
            class="button button-ghost details-button"
            onClick={props.onShowDetails}
          >
            Visitor details
          </button>
        )}
        {status === 'queued' && (
          <button
            type="button"
            class="button button-primary"
            disabled={props.busy !== null || props.askingToTake}
            onClick={props.onTake}
          >
            Take
          </button>
        )}
        {status === 'active' && (
          <TransferMenu
            targets={props.targets}
            loads={props.loads}
            loadsError={props.loadsError}
            onOpen={props.onTransferOpen}
            disabled={props.busy !== null}
            onPick={props.onTransfer}
          />
        )}
        {status !== 'closed' && (
          <button
            type="button"
            class="button button-secondary"
            // The header has one line to share; the short word starts the full name.
            aria-label="Close conversation"
            title="Close conversation"
            disabled={props.busy !== null}
            onClick={props.onClose}
          >
            Close
          </button>
        )}
        <ActionsMenu
          label="More actions"
          actions={[
            {
              label: 'Download transcript',
              disabled: props.downloading,
              onSelect: props.onDownload,
            },
          ]}
        />
      </div>
    </header>
  );
}

function StatusPill(props: { conversation: Conversation; agentName: string | null; now: number }) {
  const { conversation } = props;
  if (conversation.kind === 'offline') return <span class="pill pill-muted">Offline message</span>;
  switch (conversation.status) {
    case 'queued':
      return (
        <span class="pill pill-warning">
          In queue ·{' '}
          {formatElapsed(elapsedSince(conversation.queuedAt ?? conversation.createdAt, props.now))}
        </span>
      );
    case 'active':
      return (
        <span class="pill pill-success">
          Active{props.agentName ? ` · ${props.agentName}` : ''}
        </span>
      );
    case 'closed':
      return <span class="pill pill-muted">Closed</span>;
  }
}
