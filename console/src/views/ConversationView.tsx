import { MISSED_TAG } from '@parley/shared';
import { ComposerBox } from '../components/ComposerBox';
import { ConversationHeader } from '../components/ConversationHeader';
import { ErrorNotice } from '../components/ErrorNotice';
import { RatingCard } from '../components/RatingCard';
import { TakeAnywayPrompt } from '../components/TakeAnywayPrompt';
import { Transcript } from '../components/Transcript';
import { useFileDrop } from '../components/use-file-drop';
import { visitorName } from '../format/visitor-name';
import type { Workspace } from '../models/workspace';

/** The middle pane: the open conversation, its actions and the reply box. */
export function ConversationView(props: {
  workspace: Workspace;
  /** Returns to the list where the conversation has the screen to itself. */
  onBack?: () => void;
  /** Shows the visitor's details where they are not beside the conversation. */
  onShowDetails?: () => void;
}) {
  const { conversation: model, composer, directory, canned, transcriptDownload } = props.workspace;
  const detail = model.detail.value;
  const closedForGood =
    detail?.conversation.status === 'closed' && !detail.conversation.tags.includes(MISSED_TAG);
  const takesFiles = !!composer.attachmentSettings.value?.enabled;
  // Files dropped on a site that takes none are caught too: the agent is told so, and the browser
  // does not leave the console to open the file.
  const drop = useFileDrop(composer.attach, !!detail && !closedForGood);

  if (!model.selectedId.value) {
    return (
      <section class="pane conversation conversation-empty" aria-label="Conversation">
        <p>Select a conversation from the list to read and reply.</p>
      </section>
    );
  }
  if (!detail) {
    return (
      <section class="pane conversation conversation-empty" aria-label="Conversation">
        {props.onBack && (
          <button
            type="button"
            class="button button-ghost conversation-back"
            onClick={props.onBack}
          >
            <span aria-hidden="true">←</span> Back to conversations
          </button>
        )}
        {model.loading.value && <p role="status">Loading conversation…</p>}
        <ErrorNotice error={model.loadError.value} onRetry={() => void model.reload()} />
      </section>
    );
  }

  const { conversation, visitor, messages } = detail;
  const closed = conversation.status === 'closed';
  // A missed chat stays answerable: the relay reopens it as a follow-up on the agent's answer.
  const answerable = !closedForGood;
  const askingToTake = model.fullTake.value === conversation.id && conversation.status === 'queued';
  const { capacity } = directory.me.value;
  return (
    <section
      class={`pane conversation ${drop.over ? 'is-dropping' : ''}`}
      aria-label={`Conversation with ${visitorName(visitor)}`}
      {...drop.handlers}
    >
      {drop.over && (
        <p class="drop-hint" aria-hidden="true">
          {takesFiles ? 'Drop files to attach them' : 'This site does not accept files'}
        </p>
      )}
      <ConversationHeader
        conversation={conversation}
        visitor={visitor}
        busy={model.busy.value}
        siteName={directory.siteName(conversation.siteId)}
        agentName={directory.agentName(conversation.agentId)}
        targets={directory.transferTargets(conversation.siteId)}
        loads={props.workspace.agentLoads.loads.value}
        loadsError={props.workspace.agentLoads.error.value?.message ?? null}
        onTransferOpen={() => void props.workspace.agentLoads.refresh()}
        now={props.workspace.clock.now.value}
        onTake={() => void model.take()}
        askingToTake={askingToTake}
        onTransfer={(agentId) => void model.transfer(agentId)}
        onClose={() => void model.close()}
        onTags={(tags) => void model.setTags(tags)}
        downloading={transcriptDownload.pending.value === conversation.id}
        onDownload={() => void transcriptDownload.start(conversation.id)}
        {...(props.onBack ? { onBack: props.onBack } : {})}
        {...(props.onShowDetails ? { onShowDetails: props.onShowDetails } : {})}
      />
      {askingToTake && (
        <TakeAnywayPrompt
          // A refusal means my chats are full even if the counts have not caught up yet.
          held={Math.max(props.workspace.inbox.counts.value?.mine ?? 0, capacity)}
          capacity={capacity}
          onTakeAnyway={() => void model.takeAnyway()}
          onCancel={model.cancelTake}
        />
      )}
      <ErrorNotice
        error={transcriptDownload.errorFor(conversation.id)}
        onDismiss={transcriptDownload.dismiss}
      />
      <ErrorNotice
        error={model.actionError.value}
        onDismiss={() => (model.actionError.value = null)}
      />
      <Transcript
        messages={messages}
        deliveries={model.detail.value?.deliveries ?? []}
        outbox={model.outbox.value.filter((item) => item.conversationId === conversation.id)}
        seenByVisitor={conversation.seen.visitor}
        visitorTyping={model.visitorTyping.value}
        visitorLabel={visitorName(visitor)}
        onRetry={model.retry}
        onDiscard={model.discard}
        footer={closed && conversation.rating ? <RatingCard rating={conversation.rating} /> : null}
      />
      {!answerable ? (
        <p class="composer-closed">
          This conversation is closed
          {conversation.closedBy ? ` (${closedByText(conversation.closedBy)})` : ''}.
        </p>
      ) : (
        <ComposerBox
          composer={composer}
          cannedError={canned.loadError.value}
          onRetryCanned={() => void canned.load(conversation.siteId)}
          onBlur={model.stopTyping}
        />
      )}
    </section>
  );
}

function closedByText(closedBy: 'visitor' | 'agent' | 'inactivity'): string {
  switch (closedBy) {
    case 'visitor':
      return 'by the visitor';
    case 'agent':
      return 'by an agent';
    case 'inactivity':
      return 'after inactivity';
  }
}
