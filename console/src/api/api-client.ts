import type {
  Agent,
  AgentCreate,
  AgentList,
  AgentUpdate,
  AuditLog,
  AuditQuery,
  CannedReply,
  CannedReplyCreate,
  CannedReplyUpdate,
  CannedReplyList,
  ConversationDetail,
  ConversationList,
  ConversationQuery,
  InboxCounts,
  LoginBody,
  LoginResponse,
  Report,
  ReportQuery,
  Site,
  SiteCreate,
  SiteList,
  SiteUpdate,
  VisitorErasure,
} from '@parley/shared';
import { RequestError, requestErrorFromBody } from './request-error';

/** The relay's REST API as the console uses it. Every method rejects with a RequestError. */
export interface ApiClient {
  login(body: LoginBody): Promise<LoginResponse>;
  me(): Promise<{ agent: Agent }>;
  /** Exchanges the current, still valid token for a fresh one. */
  refresh(): Promise<LoginResponse>;
  /** Ends the token on the relay (every session of the agent), so a copy of it is worthless. */
  logout(): Promise<void>;
  listConversations(query: ConversationQuery): Promise<ConversationList>;
  counts(): Promise<InboxCounts>;
  getConversation(id: string): Promise<ConversationDetail>;
  listSites(): Promise<SiteList>;
  createSite(body: SiteCreate): Promise<Site>;
  updateSite(id: string, body: SiteUpdate): Promise<Site>;
  rotateSecret(siteId: string): Promise<Site>;
  listCannedReplies(siteId: string): Promise<CannedReplyList>;
  createCannedReply(siteId: string, body: CannedReplyCreate): Promise<CannedReply>;
  updateCannedReply(siteId: string, replyId: string, body: CannedReplyUpdate): Promise<CannedReply>;
  deleteCannedReply(siteId: string, replyId: string): Promise<void>;
  listAgents(): Promise<AgentList>;
  createAgent(body: AgentCreate): Promise<Agent>;
  updateAgent(id: string, body: AgentUpdate): Promise<Agent>;
  /** GET /api/conversations/:id/transcript.txt, as a file to save. */
  transcriptText(conversationId: string): Promise<Blob>;
  /** GET /api/sites/:id/export.ndjson, as a file to save. */
  exportSite(siteId: string): Promise<Blob>;
  /** GET /api/visitors/:id/export, as a file to save. */
  exportVisitor(visitorId: string): Promise<Blob>;
  /** DELETE /api/visitors/:id: the visitor and every conversation of theirs. */
  eraseVisitor(visitorId: string): Promise<VisitorErasure>;
  /** GET /api/audit: owner actions on the caller's sites, newest first. */
  auditLog(query: AuditQuery): Promise<AuditLog>;
  /** GET /api/reports: the service-quality figures for the filters. */
  report(query: ReportQuery): Promise<Report>;
  /** GET /api/reports.csv: one table of the same report, as a file to save. */
  reportCsv(query: ReportQuery & { table: ReportTable }): Promise<Blob>;
}

/** The report tables the relay exports as CSV. */
export type ReportTable = NonNullable<ReportQuery['table']>;

export interface ApiClientOptions {
  fetch: typeof fetch;
  /** Prefix of every path; '' means the page's own origin (the relay serves the console). */
  baseUrl?: string;
  /** The current session token, read on every request so sign-in and sign-out take effect at once. */
  token: () => string | null;
  /** Told when the relay rejects the token, so the session can end instead of failing quietly. */
  onUnauthenticated?: () => void;
}

/** Builds the REST client over a fetch implementation (the browser's, or a fake in tests). */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl ?? '';

  async function send(
    method: string,
    path: string,
    accept: string,
    body?: unknown,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    const token = options.token();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await options.fetch(base + path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new RequestError('NETWORK', 'The server cannot be reached. Check your connection.');
    }
    if (!response.ok) {
      const payload: unknown = await response.json().catch(() => null);
      const error = requestErrorFromBody(
        typeof payload === 'object' && payload !== null && 'error' in payload
          ? payload.error
          : null,
      );
      if (error.code === 'UNAUTHENTICATED') options.onUnauthenticated?.();
      throw error;
    }
    return response;
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await send(method, path, 'application/json', body);
    if (response.status === 204) return undefined as T;
    const payload: unknown = await response.json().catch(() => null);
    return payload as T;
  }

  async function file(path: string, accept: string): Promise<Blob> {
    const response = await send('GET', path, accept);
    try {
      return await response.blob();
    } catch {
      throw new RequestError('NETWORK', 'The download was interrupted. Please try again.');
    }
  }

  const enc = encodeURIComponent;
  return {
    login: (body) => call('POST', '/api/auth/login', body),
    me: () => call('GET', '/api/auth/me'),
    refresh: () => call('POST', '/api/auth/refresh'),
    logout: () => call('POST', '/api/auth/logout'),
    listConversations: (query) => call('GET', `/api/conversations${queryString(query)}`),
    counts: () => call('GET', '/api/conversations/counts'),
    getConversation: (id) => call('GET', `/api/conversations/${enc(id)}`),
    listSites: () => call('GET', '/api/sites'),
    createSite: (body) => call('POST', '/api/sites', body),
    updateSite: (id, body) => call('PATCH', `/api/sites/${enc(id)}`, body),
    rotateSecret: (siteId) => call('POST', `/api/sites/${enc(siteId)}/secret`),
    listCannedReplies: (siteId) => call('GET', `/api/sites/${enc(siteId)}/canned-replies`),
    createCannedReply: (siteId, body) =>
      call('POST', `/api/sites/${enc(siteId)}/canned-replies`, body),
    updateCannedReply: (siteId, replyId, body) =>
      call('PATCH', `/api/sites/${enc(siteId)}/canned-replies/${enc(replyId)}`, body),
    deleteCannedReply: (siteId, replyId) =>
      call('DELETE', `/api/sites/${enc(siteId)}/canned-replies/${enc(replyId)}`),
    listAgents: () => call('GET', '/api/agents'),
    createAgent: (body) => call('POST', '/api/agents', body),
    updateAgent: (id, body) => call('PATCH', `/api/agents/${enc(id)}`, body),
    transcriptText: (conversationId) =>
      file(`/api/conversations/${enc(conversationId)}/transcript.txt`, 'text/plain'),
    exportSite: (siteId) => file(`/api/sites/${enc(siteId)}/export.ndjson`, 'application/x-ndjson'),
    exportVisitor: (visitorId) =>
      file(`/api/visitors/${enc(visitorId)}/export`, 'application/json'),
    eraseVisitor: (visitorId) => call('DELETE', `/api/visitors/${enc(visitorId)}`),
    auditLog: (query) => call('GET', `/api/audit${queryString(query)}`),
    report: (query) => call('GET', `/api/reports${queryString(query)}`),
    reportCsv: (query) => file(`/api/reports.csv${queryString(query)}`, 'text/csv'),
  };
}

function queryString(query: ConversationQuery | AuditQuery | ReportQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
