import type { RequestError } from '../api/request-error';
import { errorText } from './error-text';

/** A failure the agent must see; announced to screen readers as it appears. */
export function ErrorNotice(props: {
  error: RequestError | null;
  onDismiss?: () => void;
  onRetry?: () => void;
  class?: string;
}) {
  if (!props.error) return null;
  return (
    <div class={`notice notice-error ${props.class ?? ''}`} role="alert">
      <span>{errorText(props.error)}</span>
      {props.onRetry && (
        <button type="button" class="link-button" onClick={props.onRetry}>
          Try again
        </button>
      )}
      {props.onDismiss && (
        <button type="button" class="icon-button" aria-label="Dismiss" onClick={props.onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
