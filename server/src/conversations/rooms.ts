/**
 * The Socket.IO rooms announcements go to: every socket of a visitor (all their tabs), the
 * visitors of a site (availability), the agents serving a site, one agent's consoles, and the
 * consoles showing one conversation.
 */
export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  siteVisitors: (siteId: string) => `site-visitors:${siteId}`,
  siteAgents: (siteId: string) => `site-agents:${siteId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** Consoles that show the conversation (they said so with `conversation:watch`). */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
};
