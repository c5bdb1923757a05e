import type { AgentWorkload } from '@parley/shared';
import { formatSeconds } from '../../format/duration';
import { formatCount, formatShare } from '../../format/report-number';

/** Each agent's share of the work over the period (an agent sees only their own row). */
export function AgentWorkloadTable(props: { agents: AgentWorkload[] }) {
  if (props.agents.length === 0) return <p class="muted">No agent worked in this period.</p>;
  return (
    <div class="table-scroll">
      <table class="table report-table">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Handled</th>
            <th scope="col">Peak concurrent</th>
            <th scope="col">Replies sent</th>
            <th scope="col">Median first response</th>
            <th scope="col">CSAT</th>
            <th scope="col">Time online</th>
            <th scope="col">Time chatting</th>
            <th scope="col">Utilisation</th>
          </tr>
        </thead>
        <tbody>
          {props.agents.map((agent) => (
            <tr key={agent.agentId}>
              <th scope="row">{agent.name}</th>
              <td>{formatCount(agent.handled)}</td>
              <td>{formatCount(agent.peakConcurrent)}</td>
              <td>{formatCount(agent.messagesSent)}</td>
              <td>{formatSeconds(agent.firstResponse.median)}</td>
              <td>{formatShare(agent.csat)}</td>
              <td>{formatSeconds(agent.timeOnline)}</td>
              <td>{formatSeconds(agent.timeChatting)}</td>
              <td>{formatShare(agent.utilisation)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
