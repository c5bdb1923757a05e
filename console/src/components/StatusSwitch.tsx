/** The agent's availability: on is "online" (routing sends chats), off is "away". */
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
      disabled={props.pending}
      onClick={() => props.onChange(!props.online)}
    >
      <span class="switch-track" aria-hidden="true">
        <span class="switch-thumb" />
      </span>
      <span>Online</span>
    </button>
  );
}
