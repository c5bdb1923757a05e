/** What the relay benchmark's orchestrator tells its load generator, and what it hears back. */

/** Which relay a run drives. */
export type RelayKind = 'bare' | 'parley';

export interface GeneratorOptions {
  label: string;
  kind: RelayKind;
  /** One origin per node; sockets are spread over them (visitor i on node i, agent j on j + 1). */
  urls: string[];
  /** The server processes whose CPU and RSS are read. */
  serverPids: number[];
  visitors: number;
  agents: number;
  /** Parley only: the owner the server's first start created. */
  owner?: { email: string; password: string };
  /** Total messages per second, both ways together, one step each. */
  rates: number[];
  stepSeconds: number;
  /** A step whose p99 passes this, or that loses anything, ends the ladder (past mustReachRate). */
  p99LimitMs: number;
  /** Every rate up to this one is run even after a failed step, so each figure has a value. */
  mustReachRate: number;
  /** Parley only: one more step at this rate with reports and exports requested back to back. */
  interference?: { rate: number };
}

export interface SetupPhase {
  type: 'setup';
  label: string;
  visitors: number;
  agents: number;
  /** Before any client connected. */
  rssIdleMb: number;
  /** Every visitor connected (and, on Parley, said hello); no conversation yet. */
  rssConnectedMb: number;
  /** Every visitor in an assigned conversation. */
  rssOpenMb: number;
  connectSeconds: number;
  /** Opening every conversation and seeing each assigned (Parley); 0 for the bare relay. */
  openSeconds: number;
}

export interface StepPhase {
  type: 'step';
  label: string;
  kind: 'plain' | 'with reports and exports';
  rate: number;
  seconds: number;
  sent: number;
  delivered: number;
  /** Refused, or not delivered within the drain time after the step. */
  lost: number;
  refused: number;
  /** Messages the receiving side got more than once. */
  duplicates: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Server CPU (user + system, every node) per delivered message. */
  cpuMsPerMessage: number;
  /** The load generator's own worst event-loop delay: when high, the figures are the generator's. */
  generatorStallMs: number;
  /** How many report + export rounds ran during the step. */
  backgroundRuns?: number;
}
