import type { Signal } from '@preact/signals';
import { asRequestError, type RequestError } from '../api/request-error';

/**
 * Runs a request the settings views show progress and failure for: `busy` is set while it runs,
 * `error` is cleared first and holds the failure after. True when it succeeded.
 */
export async function trackedRequest(
  busy: Signal<boolean>,
  error: Signal<RequestError | null>,
  task: () => Promise<void>,
): Promise<boolean> {
  busy.value = true;
  error.value = null;
  try {
    await task();
    return true;
  } catch (caught) {
    error.value = asRequestError(caught);
    return false;
  } finally {
    busy.value = false;
  }
}
