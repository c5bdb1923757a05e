/**
 * The agent's availability: on is "online" (routing sends chats), off is "away". The switch keeps
 * the name "Online" (on or off, as switches are named by what they turn on); the words beside it
 * say which it is now.
 */
export function StatusSwitch(props: {
  online: boolean;
  pending: boolean;
  onChange: (online: boolean) => void;
}) {
  return (
    <button
      type="button"
      role="switch"
      class="status-switch"
      aria-checked={props.online}
      aria-label="Online"
      disabled={props.pending}
      onClick={() => props.onChange(!props.online)}
    >
      <span class="switch-track" aria-hidden="true">
        <span class="switch-thumb" />
      </span>
      <span aria-hidden="true">{props.online ? 'Online' : 'Away'}</span>
    </button>
  );
}
