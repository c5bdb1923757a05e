import type { Agent, Conversation, Visitor } from '@parley/shared';
import { elapsedSince, formatElapsed } from '../format/duration';
import { visitorName } from '../format/visitor-name';
import type { ConversationAction } from '../models/conversation';
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
}) {
  const { conversation } = props;
  const { status } = conversation;
  return (
    <header class="conversation-head">
      <div class="conversation-title">
        <h2>{visitorName(props.visitor)}</h2>
        <p class="conversation-sub">
          <StatusPill conversation={conversation} agentName={props.agentName} now={props.now} />
          {props.siteName && <span class="muted"> · {props.siteName}</span>}
        </p>
        <TagEditor tags={conversation.tags} busy={props.busy === 'tag'} onChange={props.onTags} />
      </div>
      <div class="conversation-actions">
        <button
          type="button"
          class="button button-ghost"
          aria-busy={props.downloading}
          disabled={props.downloading}
          onClick={props.onDownload}
        >
          Download transcript
        </button>
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
            disabled={props.busy !== null}
            onClick={props.onClose}
          >
            Close conversation
          </button>
        )}
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
