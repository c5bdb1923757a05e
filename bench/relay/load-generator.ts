/**
 * The load of `pnpm bench:relay`, in a process of its own so that it never shares an event loop
 * with the relay it measures. It connects the visitors and agents of one setup (see chat-setup.ts),
 * then sends messages both ways at fixed total rates, stepping up, and prints one JSON line per
 * phase on stdout (progress goes to stderr).
 *
 * The rate is open-loop: messages go out on a 10 ms clock whether or not earlier ones arrived, so
 * a slow relay shows as latency and loss instead of quietly slowing the load down. Latency is from
 * the send to the moment the other side (the agent's console, or the visitor's tab) receives it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSetup, type ChatSetup, type Side } from './chat-setup';
import type { GeneratorOptions, SetupPhase, StepPhase } from './phases';
import { cpuMs, rssMb, total } from './process-stats';

const options = JSON.parse(process.argv[2] ?? '{}') as GeneratorOptions;
const emit = (phase: SetupPhase | StepPhase) => process.stdout.write(`${JSON.stringify(phase)}\n`);
const log = (line: string) => process.stderr.write(`  [${options.label}] ${line}\n`);

/** How long the stragglers of a step may take before they count as lost. */
const DRAIN_MS = 5_000;

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Even ids go to the agent, odd ones to the visitor: each message's receiver is in its id. */
const sideOf = (id: number): Side => (id % 2 === 0 ? 'agent' : 'visitor');
let nextId = 1;

/** Sends `rate` messages a second for `seconds`, half each way, and measures what arrives. */
async function runStep(
  setup: ChatSetup,
  rate: number,
  seconds: number,
  background?: () => Promise<void>,
): Promise<Omit<StepPhase, 'type' | 'label'>> {
  const inFlight = new Map<number, number>();
  const deliveredIds = new Set<number>();
  const latencies: number[] = [];
  let sent = 0;
  let refused = 0;
  let duplicates = 0;
  setup.onReceive((id, side) => {
    // The sender's own tabs and consoles see its message too: only the other side's copy counts.
    if (sideOf(id) !== side) return;
    const sentAt = inFlight.get(id);
    if (sentAt === undefined) {
      if (deliveredIds.has(id)) duplicates += 1;
      return;
    }
    inFlight.delete(id);
    deliveredIds.add(id);
    latencies.push(performance.now() - sentAt);
  });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpuBefore = total(options.serverPids, cpuMs);
  const started = performance.now();
  let owed = 0;
  let pair = 0;
  let running = true;
  const backgroundRuns = { done: 0 };
  const backgroundLoop = background
    ? (async () => {
        while (running) {
          await background();
          backgroundRuns.done += 1;
        }
      })()
    : null;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed >= seconds) {
        clearInterval(tick);
        resolve();
        return;
      }
      // What the clock owes so far, not a fixed count per tick: a late tick catches up.
      owed = rate * elapsed - sent;
      for (; owed >= 1; owed -= 1) {
        const id = nextId++;
        const index = pair++ % setup.pairs;
        inFlight.set(id, performance.now());
        sent += 1;
        setup.send(index, sideOf(id), id).then(
          (ok) => {
            if (!ok) {
              refused += 1;
              inFlight.delete(id);
            }
          },
          () => {
            refused += 1;
            inFlight.delete(id);
          },
        );
      }
    }, 10);
  });
  const sendSeconds = (performance.now() - started) / 1000;
  for (let waited = 0; inFlight.size > 0 && waited < DRAIN_MS; waited += 50) await sleep(50);
  running = false;
  await backgroundLoop;
  const cpu = total(options.serverPids, cpuMs) - cpuBefore;
  loop.disable();
  const delivered = latencies.length;
  const sorted = Float64Array.from(latencies).sort();
  return {
    rate,
    seconds: sendSeconds,
    sent,
    delivered,
    lost: inFlight.size + refused,
    refused,
    duplicates,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    cpuMsPerMessage: delivered > 0 ? cpu / delivered : NaN,
    generatorStallMs: loop.max / 1e6,
    backgroundRuns: background ? backgroundRuns.done : undefined,
  };
}

async function main(): Promise<void> {
  const rssIdle = total(options.serverPids, rssMb);
  let rssConnected = NaN;
  const setup = await openSetup(options, log, () => {
    rssConnected = total(options.serverPids, rssMb);
  });
  emit({
    type: 'setup',
    label: options.label,
    visitors: options.visitors,
    agents: options.agents,
    rssIdleMb: rssIdle,
    rssConnectedMb: rssConnected,
    rssOpenMb: total(options.serverPids, rssMb),
    ...setup.timings,
  });
  // Not reported: the first seconds of traffic also measure the JIT warming up, on both sides.
  await runStep(setup, options.rates[0] ?? 250, 3);
  await sleep(1_000);
  const stepsReached: StepPhase[] = [];
  for (const rate of options.rates) {
    const step: StepPhase = {
      type: 'step',
      label: options.label,
      kind: 'plain',
      ...(await runStep(setup, rate, options.stepSeconds)),
    };
    emit(step);
    stepsReached.push(step);
    log(
      `${rate} msg/s: p99 ${step.p99.toFixed(1)} ms, lost ${step.lost}, ` +
        `${step.cpuMsPerMessage.toFixed(3)} CPU ms/msg`,
    );
    const failed = step.p99 > options.p99LimitMs || step.lost > 0;
    if (failed && rate >= options.mustReachRate) break;
    await sleep(500);
  }
  if (options.interference && setup.background) {
    const { rate } = options.interference;
    const step: StepPhase = {
      type: 'step',
      label: options.label,
      kind: 'with reports and exports',
      ...(await runStep(setup, rate, options.stepSeconds, setup.background)),
    };
    emit(step);
    log(`${rate} msg/s with reports and exports: p99 ${step.p99.toFixed(1)} ms`);
  }
  await setup.close();
}

try {
  await main();
  process.exit(0);
} catch (error) {
  process.stderr.write(`load generator failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}
