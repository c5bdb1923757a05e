/** The relay's REST API as an owner or agent calls it: Bearer token from POST /api/auth/login. */
import type { Agent, ConversationDetail, ConversationList, LoginResponse } from './relay-types';

export interface RestApi {
  token: string;
  agent: Agent;
  conversation(id: string): Promise<ConversationDetail>;
  conversations(query?: Record<string, string>): Promise<ConversationList>;
  createAgent(input: {
    email: string;
    name: string;
    password: string;
    capacity: number;
    siteIds: string[];
  }): Promise<Agent>;
  /** PATCH /api/sites/:id (name, allowed origins, widget settings). */
  updateSite(siteId: string, patch: Record<string, unknown>): Promise<unknown>;
}

async function call<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Signs in over REST. */
export async function signInApi(
  baseUrl: string,
  email: string,
  password: string,
): Promise<RestApi> {
  const login = await call<LoginResponse>(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  const { token } = login;
  return {
    token,
    agent: login.agent,
    conversation: (id) =>
      call<ConversationDetail>(`${baseUrl}/api/conversations/${encodeURIComponent(id)}`, { token }),
    conversations: (query = {}) =>
      call<ConversationList>(
        `${baseUrl}/api/conversations?${new URLSearchParams(query).toString()}`,
        { token },
      ),
    updateSite: (siteId, patch) =>
      call(`${baseUrl}/api/sites/${encodeURIComponent(siteId)}`, {
        method: 'PATCH',
        token,
        body: JSON.stringify(patch),
      }),
    createAgent: (input) =>
      call<Agent>(`${baseUrl}/api/agents`, {
        method: 'POST',
        token,
        body: JSON.stringify({ role: 'agent', ...input }),
      }),
  };
}
