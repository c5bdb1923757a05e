import type { ApiEventMap, IdentifyInput } from '../contract';

/** `window.Parley`: the page's handle on the widget. */
export interface ParleyApi {
  readonly version: string;
  open(): void;
  close(): void;
  setLocale(code: string): void;
  identify(input: IdentifyInput): void;
  on<K extends keyof ApiEventMap>(event: K, fn: (...args: ApiEventMap[K]) => void): () => void;
}

/** What the optional pre-load stub leaves behind: `Parley.q` holds `[method, args]` pairs. */
interface ParleyStub {
  q?: unknown;
}

type Method = Exclude<keyof ParleyApi, 'version'>;
const METHODS: readonly Method[] = ['open', 'close', 'setLocale', 'identify', 'on'];

/** True when `value` is an already loaded Parley (the snippet was pasted twice). */
export function isLoaded(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'version' in value;
}

/** Replays calls the page queued before widget.js arrived, in the order they were made. */
export function replayQueue(stub: unknown, api: ParleyApi): void {
  const queue = (stub as ParleyStub | null)?.q;
  if (!Array.isArray(queue)) return;
  for (const entry of queue) {
    if (!Array.isArray(entry)) continue;
    const [method, args] = entry as [unknown, unknown];
    if (!METHODS.includes(method as Method)) continue;
    const list = Array.isArray(args) ? args : [];
    (api[method as Method] as (...a: unknown[]) => unknown)(...list);
  }
}
