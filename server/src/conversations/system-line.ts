/** The English wording of relay lines, for the text transcript and clients that predate `event`. */
import type { SystemEvent } from '@parley/shared';

export function englishSystemLine(event: SystemEvent): string {
  switch (event.kind) {
    case 'agent-joined':
      return `${event.agentName ?? 'An agent'} joined the conversation`;
    case 'transferred':
      return `Transferred to ${event.agentName ?? 'a colleague'}`;
  }
}
