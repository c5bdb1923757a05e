import { signal } from '@preact/signals';
import type { Agent } from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import { asRequestError, RequestError } from '../api/request-error';

/** The shortest password the relay accepts (AgentUpdateRequest in shared/openapi.yaml). */
export const MIN_PASSWORD_LENGTH = 8;
const MAX_NAME_LENGTH = 100;
const MAX_PASSWORD_LENGTH = 200;

/** What the signed-in agent may change about themselves: their name and their password. */
export function createProfile(deps: {
  api: Pick<ApiClient, 'updateAgent'>;
  meId: () => string;
  /** Told about the changed account, so the top bar and lists show the new name at once. */
  onAgent: (agent: Agent) => void;
}) {
  const { api, meId, onAgent } = deps;
  const saving = signal<'name' | 'password' | 'digest' | null>(null);
  const error = signal<RequestError | null>(null);
  /** The last successful change, for a short confirmation. */
  const saved = signal<string | null>(null);

  function fail(message: string): false {
    error.value = new RequestError('VALIDATION_FAILED', message);
    saved.value = null;
    return false;
  }

  async function save(
    what: 'name' | 'password' | 'digest',
    body: { name: string } | { password: string } | { digestEmails: boolean },
    label: string,
  ): Promise<boolean> {
    if (saving.value) return false;
    saving.value = what;
    error.value = null;
    saved.value = null;
    try {
      onAgent(await api.updateAgent(meId(), body));
      saved.value = label;
      return true;
    } catch (caught) {
      error.value = asRequestError(caught);
      return false;
    } finally {
      saving.value = null;
    }
  }

  async function rename(name: string): Promise<boolean> {
    const trimmed = name.trim();
    if (trimmed === '') return fail('name: Enter your name');
    if (trimmed.length > MAX_NAME_LENGTH) {
      return fail(`name: At most ${MAX_NAME_LENGTH} characters`);
    }
    return save('name', { name: trimmed }, 'Your name was changed.');
  }

  async function changePassword(password: string): Promise<boolean> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      return fail(`password: At least ${MIN_PASSWORD_LENGTH} characters`);
    }
    if (password.length > MAX_PASSWORD_LENGTH) {
      return fail(`password: At most ${MAX_PASSWORD_LENGTH} characters`);
    }
    return save('password', { password }, 'Your password was changed.');
  }

  /** Whether the owners' digest of offline messages and missed chats comes to me too. */
  function setDigestEmails(on: boolean): Promise<boolean> {
    return save(
      'digest',
      { digestEmails: on },
      on
        ? 'You will get the digest of offline messages and missed chats.'
        : 'You will no longer get the digest emails.',
    );
  }

  /** Clears messages from an earlier visit to the dialog. */
  function reset(): void {
    error.value = null;
    saved.value = null;
  }

  return { saving, error, saved, rename, changePassword, setDigestEmails, reset };
}

export type Profile = ReturnType<typeof createProfile>;
