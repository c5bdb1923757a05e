/** Accounts for tests: an owner hires someone over the REST API, who then signs in. */
import { expect } from 'vitest';
import type { Agent } from '@parley/shared';
import { api, login, type TestServer } from './harness';

/** The password every hired test account gets. */
export const HIRED_PASSWORD = 'agent password 1';

/** Creates an account as `token` (email from the name) and signs it in. */
export async function hire(
  server: TestServer,
  token: string,
  who: { name: string; role?: 'owner' | 'agent'; siteIds: string[] },
) {
  const email = `${who.name.toLowerCase()}@example.com`;
  const created = await api<Agent>(server.url, token, 'POST', '/api/agents', {
    email,
    name: who.name,
    password: HIRED_PASSWORD,
    role: who.role ?? 'agent',
    siteIds: who.siteIds,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return login(server.url, email, HIRED_PASSWORD);
}
