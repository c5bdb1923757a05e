import type { ApiEventMap } from '../contract';

type Listener<K extends keyof ApiEventMap> = (...args: ApiEventMap[K]) => void;

/** Delivers `Parley.on` events. A throwing listener must not stop the others or the widget. */
export function createEmitter() {
  const listeners = new Map<keyof ApiEventMap, Set<Listener<never>>>();
  const fired = new Set<keyof ApiEventMap>();

  return {
    on<K extends keyof ApiEventMap>(event: K, fn: Listener<K>): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn as Listener<never>);
      // `ready` is a state, not a moment: late subscribers still hear about it.
      if (event === 'ready' && fired.has('ready')) queueMicrotask(() => (fn as () => void)());
      return () => set.delete(fn as Listener<never>);
    },
    emit<K extends keyof ApiEventMap>(event: K, ...args: ApiEventMap[K]): void {
      fired.add(event);
      for (const fn of listeners.get(event) ?? []) {
        try {
          (fn as Listener<K>)(...args);
        } catch (error) {
          // The page's own bug: report it where the page's developer looks, as the page would.
          reportError(error);
        }
      }
    },
  };
}

/** The emitter type. */
export type Emitter = ReturnType<typeof createEmitter>;
