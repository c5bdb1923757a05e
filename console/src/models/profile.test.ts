import type { Agent, AgentUpdate } from '@parley/shared';
import { describe, expect, test, vi } from 'vitest';
import { RequestError } from '../api/request-error';
import { makeAgent } from '../testing/fixtures';
import { createProfile } from './profile';

type UpdateAgent = (id: string, body: AgentUpdate) => Promise<Agent>;

function setup(updateAgent = vi.fn<UpdateAgent>(async () => makeAgent({ name: 'Ana Pop' }))) {
  const onAgent = vi.fn();
  const profile = createProfile({ api: { updateAgent }, meId: () => 'agent-1', onAgent });
  return { profile, updateAgent, onAgent };
}

describe('profile', () => {
  test('a new name is trimmed, sent for the agent themself and passed on', async () => {
    const { profile, updateAgent, onAgent } = setup();
    expect(await profile.rename('  Ana Pop ')).toBe(true);
    expect(updateAgent).toHaveBeenCalledWith('agent-1', { name: 'Ana Pop' });
    expect(onAgent).toHaveBeenCalledWith(makeAgent({ name: 'Ana Pop' }));
    expect(profile.saved.value).toBe('Your name was changed.');
  });

  test('an empty name is refused without asking the relay', async () => {
    const { profile, updateAgent } = setup();
    expect(await profile.rename('   ')).toBe(false);
    expect(updateAgent).not.toHaveBeenCalled();
    expect(profile.error.value?.code).toBe('VALIDATION_FAILED');
  });

  test('a password shorter than 8 characters is refused without asking the relay', async () => {
    const { profile, updateAgent } = setup();
    expect(await profile.changePassword('1234567')).toBe(false);
    expect(updateAgent).not.toHaveBeenCalled();
    expect(profile.error.value?.message).toBe('password: At least 8 characters');
  });

  test('a password of 8 characters or more is sent as typed', async () => {
    const { profile, updateAgent } = setup();
    expect(await profile.changePassword('12345678')).toBe(true);
    expect(updateAgent).toHaveBeenCalledWith('agent-1', { password: '12345678' });
    expect(profile.saved.value).toBe('Your password was changed.');
  });

  test('an agent opts in to the digest emails of their sites, and out again', async () => {
    const { profile, updateAgent, onAgent } = setup(
      vi.fn<UpdateAgent>(async (_id, body) => makeAgent({ digestEmails: body.digestEmails })),
    );
    expect(await profile.setDigestEmails(true)).toBe(true);
    expect(updateAgent).toHaveBeenLastCalledWith('agent-1', { digestEmails: true });
    expect(onAgent).toHaveBeenLastCalledWith(makeAgent({ digestEmails: true }));
    expect(await profile.setDigestEmails(false)).toBe(true);
    expect(updateAgent).toHaveBeenLastCalledWith('agent-1', { digestEmails: false });
    expect(profile.saved.value).toBe('You will no longer get the digest emails.');
  });

  test('a change the relay refuses keeps its error and nothing is passed on', async () => {
    const { profile, onAgent } = setup(
      vi.fn(async () => {
        throw new RequestError('RATE_LIMITED', 'slow');
      }),
    );
    expect(await profile.rename('Ana')).toBe(false);
    expect(profile.error.value?.code).toBe('RATE_LIMITED');
    expect(onAgent).not.toHaveBeenCalled();
    expect(profile.saving.value).toBeNull();
  });
});
