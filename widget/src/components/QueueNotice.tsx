import { useText } from '../text/text-context';

/** Where the visitor stands while waiting for an agent. */
export function QueueNotice({ position }: { position: number | null }) {
  const { t } = useText();
  return (
    <div class="queue" role="status">
      {position ? (
        <span class="queue-position" aria-hidden="true">
          {position}
        </span>
      ) : (
        <span class="dots" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
      )}
      <span>{position ? t.queued(position) : t.queuedNoPosition}</span>
    </div>
  );
}
