import type { Chat } from '../models/chat';
import { ratingStep, type ChatState } from '../models/chat-state';
import { useText } from '../text/text-context';
import { CheckIcon } from './icons';
import { NpsPrompt } from './NpsPrompt';
import { RatingPrompt } from './RatingPrompt';
import { TranscriptForm } from './TranscriptForm';

/** After the chat closed: the rating questions, the transcript, and a way to start again. */
export function EndedCard({ chat, state }: { chat: Chat; state: ChatState }) {
  const { t } = useText();
  const conversation = state.conversation;
  if (!conversation) return null;
  const step = ratingStep(state);
  const rated = conversation.rating?.csat != null || conversation.rating?.nps != null;
  const endedText =
    conversation.closedBy === 'visitor'
      ? t.ended
      : conversation.closedBy === 'inactivity'
        ? t.endedByInactivity
        : t.endedByAgent;
  return (
    <div class="ended">
      <p class="system-line ended-line">{endedText}</p>
      <div class="card">
        {step === 'csat' && (
          <RatingPrompt
            question={state.config.widget.csatQuestion}
            busy={state.busy}
            onSubmit={(csat, comment) => void chat.forms.rate(csat, comment)}
          />
        )}
        {step === 'nps' && (
          <NpsPrompt
            question={state.config.widget.npsQuestion}
            busy={state.busy}
            onScore={(nps) => void chat.forms.rateNps(nps)}
            onSkip={() => chat.forms.skipNps()}
          />
        )}
        {step === 'done' && rated && (
          <p class="thanks" role="status">
            <span class="done-icon">
              <CheckIcon />
            </span>
            {t.thanks}
          </p>
        )}
        {step === 'done' && state.config.email && <TranscriptForm chat={chat} state={state} />}
      </div>
      <button type="button" class="secondary wide" onClick={() => chat.forms.newChat()}>
        {t.newChat}
      </button>
    </div>
  );
}
