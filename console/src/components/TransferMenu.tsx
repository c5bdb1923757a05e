import type { Agent, AgentStatus } from '@parley/shared';
import { useRef, useState } from 'preact/hooks';

const STATUS_TEXT: Record<AgentStatus, string> = {
  online: 'Online',
  away: 'Away',
  offline: 'Offline',
};

/**
 * "Transfer" opens the colleagues who serve this site, each with their status and load
 * ("Mai Trần · Online · 2 / 3 chats"); picking one hands the chat over.
 */
export function TransferMenu(props: {
  targets: Agent[];
  /** Live chats by agent id, once known; asked for again each time the menu opens. */
  loads: Readonly<Record<string, number>> | null;
  /** Why the loads could not be fetched, if they could not. */
  loadsError: string | null;
  disabled: boolean;
  onOpen: () => void;
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
        onClick={() => {
          if (!open) props.onOpen();
          setOpen(!open);
        }}
      >
        Transfer
      </button>
      {open && (
        <div class="menu" role="menu" aria-label="Transfer to">
          {props.targets.length === 0 && <p class="menu-empty">No other agent serves this site.</p>}
          {props.targets.length > 0 && props.loadsError && (
            <p class="menu-empty">Their chat counts are not available: {props.loadsError}</p>
          )}
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
              <span class="menu-item-note">
                {' · '}
                {STATUS_TEXT[agent.status]}
                {props.loads?.[agent.id] !== undefined &&
                  ` · ${props.loads[agent.id]} / ${agent.capacity} chats`}
              </span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
