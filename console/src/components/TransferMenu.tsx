import type { Agent } from '@parley/shared';
import { useRef, useState } from 'preact/hooks';

/** "Transfer" opens the colleagues who serve this site; picking one hands the chat over. */
export function TransferMenu(props: {
  targets: Agent[];
  disabled: boolean;
  onPick: (agentId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);

  function pick(agentId: string): void {
    setOpen(false);
    props.onPick(agentId);
  }

  return (
    <div
      class="menu-anchor"
      ref={container}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
      onFocusOut={(event) => {
        const next = event.relatedTarget as Node | null;
        if (next && !container.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        type="button"
        class="button button-secondary"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={props.disabled}
        onClick={() => setOpen(!open)}
      >
        Transfer
      </button>
      {open && (
        <div class="menu" role="menu" aria-label="Transfer to">
          {props.targets.length === 0 && <p class="menu-empty">No other agent serves this site.</p>}
          {props.targets.map((agent) => (
            <button
              key={agent.id}
              type="button"
              role="menuitem"
              class="menu-item"
              disabled={agent.status === 'offline'}
              onClick={() => pick(agent.id)}
            >
              <span class={`dot dot-${agent.status}`} aria-hidden="true" />
              <span class="menu-item-name">{agent.name}</span>
              <span class="menu-item-note">{agent.status}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
