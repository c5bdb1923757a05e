/** Prometheus metrics served at GET /metrics. One registry per app so tests don't share counters. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The relay's metrics. */
export interface Metrics {
  registry: Registry;
  connections: Gauge<'namespace'>;
  messages: Counter<'author'>;
  queueLength: Gauge<'site'>;
  timeToAssignment: Histogram<'how'>;
  conversationsClosed: Counter<'closed_by'>;
}

/** Creates a registry with the relay's metrics and Node's default process metrics. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  return {
    registry,
    connections: new Gauge({
      name: 'parley_connections',
      help: 'Open Socket.IO connections by namespace',
      labelNames: ['namespace'],
      registers: [registry],
    }),
    messages: new Counter({
      name: 'parley_messages_total',
      help: 'Messages stored, by author (notes count as agent)',
      labelNames: ['author'],
      registers: [registry],
    }),
    queueLength: new Gauge({
      name: 'parley_queue_length',
      help: 'Live chats waiting for an agent, by site',
      labelNames: ['site'],
      registers: [registry],
    }),
    timeToAssignment: new Histogram({
      name: 'parley_time_to_assignment_seconds',
      help: 'Time from a chat entering the queue to an agent receiving it',
      labelNames: ['how'],
      buckets: [0.05, 0.25, 1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    }),
    conversationsClosed: new Counter({
      name: 'parley_conversations_closed_total',
      help: 'Conversations closed, by who closed them',
      labelNames: ['closed_by'],
      registers: [registry],
    }),
  };
}
