/** The relay benchmark's verdicts and tables: what was measured, against what, met or not. */
import type { HotFunction } from './cpu-profile';

/** The hottest functions of one profiled server process. */
export interface ServerProfile {
  label: string;
  file: string;
  functions: HotFunction[];
}
import type { SetupPhase, StepPhase } from './phases';
import type { SetupResult } from './relay-bench';

export interface Target {
  name: string;
  goal: string;
  measured: string;
  /** null when a figure it needs was not measured. */
  met: boolean | null;
}

interface Criteria {
  mustReach: number;
  interferenceRate: number;
  p99LimitMs: number;
  scaling: SetupPhase[];
}

const plain = (result: SetupResult | undefined, rate: number) =>
  result?.steps.find((step) => step.kind === 'plain' && step.rate === rate);

const passed = (step: StepPhase, p99LimitMs: number) => step.p99 <= p99LimitMs && step.lost === 0;

/** The highest rate of the ladder reached with every step up to it within the limit. */
export function highestSustained(result: SetupResult, p99LimitMs: number): number {
  let highest = 0;
  for (const step of result.steps.filter((s) => s.kind === 'plain')) {
    if (!passed(step, p99LimitMs)) break;
    highest = step.rate;
  }
  return highest;
}

/** Server memory each connected visitor added before any conversation, in KB. */
export const kbPerVisitorSocket = (setup: SetupPhase) =>
  ((setup.rssConnectedMb - setup.rssIdleMb) * 1024) / setup.visitors;

const times = (value: number) => `${value.toFixed(2)}×`;

function ratioTarget(
  name: string,
  goal: string,
  numerator: number | undefined,
  denominator: number | undefined,
  limit: number,
  unit: string,
  atLeast = false,
): Target {
  if (numerator === undefined || denominator === undefined || !Number.isFinite(numerator)) {
    return { name, goal, measured: 'not measured', met: null };
  }
  if (!(denominator > 0)) {
    // A baseline that sustained no step (or used no CPU) gives no ratio to judge by.
    return {
      name,
      goal,
      measured: `${numerator.toFixed(2)} ${unit} vs a baseline of 0`,
      met: null,
    };
  }
  const ratio = numerator / denominator;
  return {
    name,
    goal,
    measured: `${numerator.toFixed(2)} ${unit} vs ${denominator.toFixed(2)} ${unit} = ${times(ratio)}`,
    met: atLeast ? ratio >= limit : ratio <= limit,
  };
}

export function checkTargets(results: SetupResult[], criteria: Criteria): Target[] {
  const bare = results.find((r) => r.label === 'bare relay');
  const durable = results.find((r) => r.label === 'durable bare relay');
  const parley = results.find((r) => r.label === 'Parley, embedded store');
  const rate = criteria.mustReach;
  const targets: Target[] = [
    ratioTarget(
      'CPU per message, full path',
      `≤ 3× the bare relay's, at ${rate} msg/s`,
      plain(parley, rate)?.cpuMsPerMessage,
      plain(bare, rate)?.cpuMsPerMessage,
      3,
      'ms',
    ),
    ratioTarget(
      `p99 at ${rate} msg/s`,
      "≤ 2× the durable bare relay's",
      plain(parley, rate)?.p99,
      plain(durable, rate)?.p99,
      2,
      'ms',
    ),
    ratioTarget(
      'highest sustained rate',
      `≥ 50% of the durable bare relay's (p99 ≤ ${criteria.p99LimitMs} ms, nothing lost)`,
      parley && highestSustained(parley, criteria.p99LimitMs),
      durable && highestSustained(durable, criteria.p99LimitMs),
      0.5,
      'msg/s',
      true,
    ),
  ];
  if (parley) {
    const kb = kbPerVisitorSocket(parley.setup);
    targets.push({
      name: 'RSS per idle visitor socket',
      goal: '≤ 30 KB',
      measured: `${kb.toFixed(1)} KB (bare relay: ${bare ? kbPerVisitorSocket(bare.setup).toFixed(1) : '?'} KB)`,
      met: kb <= 30,
    });
  }
  targets.push(
    ratioTarget(
      'process before any client',
      "≤ 1.5× the bare relay's RSS",
      parley?.setup.rssIdleMb,
      bare?.setup.rssIdleMb,
      1.5,
      'MB',
    ),
  );
  const busy = parley?.steps.find((step) => step.kind === 'with reports and exports');
  const calm = plain(parley, criteria.interferenceRate);
  if (busy && calm) {
    const added = busy.p99 - calm.p99;
    targets.push({
      name: 'reports and exports at the same time',
      goal: `add ≤ 50 ms to p99 at ${criteria.interferenceRate} msg/s`,
      measured: `p99 ${calm.p99.toFixed(1)} → ${busy.p99.toFixed(1)} ms (${added >= 0 ? '+' : ''}${added.toFixed(1)} ms, ${busy.backgroundRuns} rounds, lost ${busy.lost})`,
      met: added <= 50 && busy.lost === 0,
    });
  }
  const [small, large] = criteria.scaling;
  if (small && large) {
    const took = (s: SetupPhase) => s.connectSeconds + s.openSeconds;
    targets.push(
      ratioTarget(
        `connect and open ${large.visitors} vs ${small.visitors} visitors`,
        '≤ 2.5× the time (linear)',
        took(large),
        took(small),
        2.5,
        's',
      ),
    );
  }
  return targets;
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);

function markdown(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function printReport(
  results: SetupResult[],
  targets: Target[],
  profiles: ServerProfile[],
  scaling: SetupPhase[],
): void {
  const first = results[0]!.setup;
  console.log(
    `\nRelay under load: ${first.visitors} visitors and ${first.agents} agents, every visitor in an ` +
      `assigned chat, messages both ways, loopback, load in its own process\n`,
  );
  for (const result of results) {
    console.log(`${result.label} (${result.nodes} process(es), store: ${result.store})\n`);
    console.log(
      markdown(
        [
          'msg/s',
          'step',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'max ms',
          'lost',
          'dup',
          'CPU ms/msg',
          'load stall ms',
        ],
        result.steps.map((s) => [
          String(s.rate),
          s.kind,
          fixed(s.p50, 2),
          fixed(s.p95, 2),
          fixed(s.p99, 2),
          fixed(s.max, 1),
          String(s.lost),
          String(s.duplicates),
          fixed(s.cpuMsPerMessage, 3),
          fixed(s.generatorStallMs, 0),
        ]),
      ),
    );
    console.log('');
  }
  const bare = results.find((r) => r.label === 'bare relay');
  const durable = results.find((r) => r.label === 'durable bare relay');
  const parley = results.find((r) => r.label === 'Parley, embedded store');
  const rates = [...new Set(results.flatMap((r) => r.steps.map((s) => s.rate)))].sort(
    (a, b) => a - b,
  );
  console.log('Parley (embedded) against the baselines, same load\n');
  console.log(
    markdown(
      [
        'msg/s',
        'bare p99',
        'durable p99',
        'Parley p99',
        'Parley ÷ durable',
        'bare CPU',
        'Parley CPU',
        'Parley ÷ bare',
      ],
      rates.map((rate) => {
        const [b, d, p] = [plain(bare, rate), plain(durable, rate), plain(parley, rate)];
        return [
          String(rate),
          fixed(b?.p99, 2),
          fixed(d?.p99, 2),
          fixed(p?.p99, 2),
          p && d ? times(p.p99 / d.p99) : '—',
          fixed(b?.cpuMsPerMessage, 3),
          fixed(p?.cpuMsPerMessage, 3),
          p && b ? times(p.cpuMsPerMessage / b.cpuMsPerMessage) : '—',
        ];
      }),
    ),
  );
  const clustered = results.filter((r) => r.nodes > 1 || r.label.includes('Redis'));
  if (clustered.length > 0) {
    console.log(
      '\nSeveral nodes: Parley on PostgreSQL + Redis against the bare relay on the Redis adapter\n',
    );
    const rows: string[][] = [];
    for (const nodes of [1, 2]) {
      const base = results.find((r) => r.label === `bare relay + Redis adapter, ${nodes} node(s)`);
      const ours = results.find((r) => r.label === `Parley, PostgreSQL + Redis, ${nodes} node(s)`);
      if (!base || !ours) continue;
      for (const rate of rates) {
        const [b, p] = [plain(base, rate), plain(ours, rate)];
        if (!b && !p) continue;
        rows.push([
          String(nodes),
          String(rate),
          fixed(b?.p99, 2),
          fixed(p?.p99, 2),
          p && b ? times(p.p99 / b.p99) : '—',
          fixed(b?.cpuMsPerMessage, 3),
          fixed(p?.cpuMsPerMessage, 3),
          p && b ? times(p.cpuMsPerMessage / b.cpuMsPerMessage) : '—',
          String(p?.lost ?? '—'),
        ]);
      }
    }
    console.log(
      markdown(
        [
          'nodes',
          'msg/s',
          'bare p99',
          'Parley p99',
          'p99 ratio',
          'bare CPU',
          'Parley CPU',
          'CPU ratio',
          'Parley lost',
        ],
        rows,
      ),
    );
    console.log('(CPU is the relay processes only; PostgreSQL and Redis run in their own.)');
  }
  console.log('\nSetup\n');
  console.log(
    markdown(
      [
        'relay',
        'connect s',
        'open s',
        'RSS idle MB',
        'RSS connected MB',
        'KB per visitor socket',
        'highest sustained msg/s',
      ],
      [...results.map((r) => ({ r, s: r.setup })), ...scaling.map((s) => ({ r: null, s }))].map(
        ({ r, s }) => [
          r ? r.label : `${s.label}`,
          fixed(s.connectSeconds, 1),
          fixed(s.openSeconds, 1),
          fixed(s.rssIdleMb, 1),
          fixed(s.rssConnectedMb, 1),
          fixed(kbPerVisitorSocket(s), 1),
          r ? String(highestSustained(r, 100)) : '—',
        ],
      ),
    ),
  );
  console.log('\nTargets\n');
  console.log(
    markdown(
      ['', 'target', 'goal', 'measured'],
      targets.map((t) => [
        t.met === null ? '?' : t.met ? 'met' : 'MISSED',
        t.name,
        t.goal,
        t.measured,
      ]),
    ),
  );
  for (const profile of profiles) {
    console.log(
      `\nCPU profile of ${profile.label} (${profile.file}), top functions by self time\n`,
    );
    console.log(
      markdown(
        ['self ms', 'share', 'function', 'where'],
        profile.functions.map((f) => [
          f.selfMs.toFixed(0),
          `${(f.share * 100).toFixed(1)}%`,
          f.name,
          f.where,
        ]),
      ),
    );
  }
  console.log(
    '\nReproduce: pnpm bench:relay   (VISITORS, AGENTS, STEP_SECONDS, RATES; --profile, --embedded-only, --scaling)\n',
  );
}
