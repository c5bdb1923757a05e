import { useLayoutEffect, useReducer } from 'preact/hooks';
import type { Store } from '../models/store';

/** Re-renders the component whenever `store` changes; returns the current state. */
export function useStore<S>(store: Store<S>): S {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    const unsubscribe = store.subscribe(rerender as () => void);
    return () => void unsubscribe();
  }, [store]);
  return store.get();
}
