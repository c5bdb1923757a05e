/**
 * Clients that survive a relay going away the way the real widget and console do: Socket.IO's own
 * reconnection (polling first, then the WebSocket upgrade, through whatever is in front), a hello
 * on every connect, catch-up with `message:history` after the last seq they hold, and an outbox
 * sent in order, one message at a time, resent with the same clientId until acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Ack, Message, VisitorConversation, VisitorSession } from '@parley/shared';
import { fromAddress } from './source-address';

const REQUEST_TIMEOUT_MS = 4000;

/** A message this client wrote, with when it was first handed to the socket and acknowledged. */
export interface Sent {
  clientId: string;
  text: string;
  /** performance.now() when the client started sending it. */
  sentAt: number;
  /** performance.now() of the acknowledgement; null until then. */
  ackedAt: number | null;
  /** How many times it was emitted (more than one after a lost ack). */
  attempts: number;
}

interface Pending extends Sent {
  conversationId: string | null;
  resolve: (message: Message) => void;
  reject: (error: Error) => void;
}

/** What both clients share. */
export interface ChatClient extends AsyncDisposable {
  socket: Socket;
  /** Every message of `conversationId` this client holds (live, acks, catch-up), by seq. */
  messages(conversationId: string): Message[];
  /** Every message this client sent, in the order it sent them. */
  sent(): Sent[];
  /** Resolves when connected, greeted and caught up. */
  ready(): Promise<void>;
  /** Resolves with the next `event` matching `predicate`. */
  next<T>(event: string, predicate?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  /** How many times the socket has connected (1 + reconnects). */
  connects(): number;
  /** Closes the socket for good (no reconnection). */
  close(): void;
}

export interface ConnectOptions {
  /** Loopback source address, so nginx's hash on the client address picks a chosen node. */
  localAddress?: string;
  /** Off for a client that must stay gone once its node dies. */
  reconnection?: boolean;
}

function socketOptions(options: ConnectOptions): Partial<ManagerOptions & SocketOptions> {
  const base: Partial<ManagerOptions & SocketOptions> = {
    forceNew: true,
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    randomizationFactor: 0.2,
  };
  return options.localAddress ? { ...base, ...fromAddress(options.localAddress) } : base;
}

/** The machinery behind both clients; `greet` runs on every connect before the outbox is sent. */
function createClient(
  socket: Socket,
  hooks: {
    greet: (client: Internals) => Promise<void>;
    send: (entry: Pending) => Promise<Ack<{ message: Message }>>;
  },
): Internals {
  const byConversation = new Map<string, Map<string, Message>>();
  const outbox: Pending[] = [];
  const sent: Sent[] = [];
  let isReady = false;
  let connects = 0;
  let waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  let draining = false;

  const merge = (messages: Message[]) => {
    for (const message of messages) {
      const map = byConversation.get(message.conversationId) ?? new Map<string, Message>();
      map.set(message.id, message);
      byConversation.set(message.conversationId, map);
    }
  };
  // The highest seq held with nothing missing below it: seq has no gaps, so a hole (a live message
  // that overtook one still in flight from another node, or one missed before following) is
  // fetched again rather than skipped.
  const lastSeq = (conversationId: string) => {
    const held = new Set(
      [...(byConversation.get(conversationId)?.values() ?? [])].map((m) => m.seq),
    );
    let seq = 0;
    while (held.has(seq + 1)) seq += 1;
    return seq;
  };
  const request = <T>(event: string, payload: unknown) =>
    socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, payload) as Promise<Ack<T>>;
  const whenReady = () =>
    isReady
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
  const wake = (error?: Error) => {
    const woken = waiters;
    waiters = [];
    for (const waiter of woken) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  };

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (outbox.length > 0) {
        try {
          await whenReady();
        } catch (error) {
          for (const entry of outbox.splice(0)) entry.reject(error as Error);
          return;
        }
        const entry = outbox[0]!;
        entry.attempts += 1;
        let reply: Ack<{ message: Message }>;
        try {
          reply = await hooks.send(entry);
        } catch {
          // Timed out or disconnected: the relay may or may not have stored it. Same clientId again.
          continue;
        }
        outbox.shift();
        if (!reply.ok) {
          entry.reject(
            new Error(`message:send failed: ${reply.error.code} ${reply.error.message}`),
          );
          continue;
        }
        entry.ackedAt = performance.now();
        merge([reply.data.message]);
        entry.resolve(reply.data.message);
      }
    } finally {
      draining = false;
    }
  };

  socket.on('connect', () => {
    connects += 1;
    // Failures inside are handled there (wake with the error); nothing is left to reject.
    (async () => {
      try {
        await hooks.greet(internals);
      } catch (error) {
        // Gone mid-greeting: the next connect greets again. Still connected: the relay said no.
        if (socket.connected) wake(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (!socket.connected) return;
      isReady = true;
      wake();
      await drain();
    })().catch((error: unknown) => wake(error instanceof Error ? error : new Error(String(error))));
  });
  socket.on('disconnect', () => {
    isReady = false;
  });
  socket.on('message:created', ({ message }: { message: Message }) => merge([message]));

  const internals: Internals = {
    socket,
    merge,
    lastSeq,
    request,
    enqueue(conversationId, text) {
      return new Promise<Message>((resolve, reject) => {
        const entry: Pending = {
          clientId: randomUUID(),
          text,
          sentAt: performance.now(),
          ackedAt: null,
          attempts: 0,
          conversationId,
          resolve,
          reject,
        };
        sent.push(entry);
        outbox.push(entry);
        drain().catch(reject);
      });
    },
    messages: (conversationId) =>
      [...(byConversation.get(conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq),
    sent: () =>
      sent.map(({ clientId, text, sentAt, ackedAt, attempts }) => ({
        clientId,
        text,
        sentAt,
        ackedAt,
        attempts,
      })),
    ready: whenReady,
    next<T>(event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 10_000) {
      const waiting = new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          reject(new Error(`no ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (payload: T) => {
          if (!predicate(payload)) return;
          clearTimeout(timer);
          socket.off(event, listener);
          resolve(payload);
        };
        socket.on(event, listener);
      });
      // Awaiting it still throws; a test that failed before awaiting must not leave it unhandled.
      waiting.catch(() => {});
      return waiting;
    },
    connects: () => connects,
    close: () => {
      socket.disconnect();
    },
    async [Symbol.asyncDispose]() {
      socket.disconnect();
    },
  };
  return internals;
}

interface Internals extends ChatClient {
  merge(messages: Message[]): void;
  lastSeq(conversationId: string): number;
  request<T>(event: string, payload: unknown): Promise<Ack<T>>;
  enqueue(conversationId: string | null, text: string): Promise<Message>;
}

/** The widget's side. */
export interface VisitorClient extends ChatClient {
  /** The last `visitor:hello` answer (refreshed on every connect). */
  session(): VisitorSession | null;
  /** The conversation this visitor is in, once known. */
  conversationId(): string | null;
  /** The visitor's view of its conversation, from the latest ack or announcement. */
  conversation(): VisitorConversation | null;
  /** Sends through the outbox; resolves with the stored message. */
  send(text: string): Promise<Message>;
}

/** A visitor with a widget on `url`'s site `siteId`, keeping its token across reconnects. */
export async function openVisitor(
  url: string,
  siteId: string,
  options: ConnectOptions = {},
): Promise<VisitorClient> {
  let token: string | null = null;
  let session: VisitorSession | null = null;
  let conversation: VisitorConversation | null = null;
  const socket = io(`${url}/visitor`, {
    ...socketOptions(options),
    // A function, as in the widget: every reconnect presents the token, so it is the same visitor.
    auth: (send) => send(token ? { siteId, token } : { siteId }),
  });
  socket.on('conversation:updated', (event: { conversation: VisitorConversation }) => {
    conversation = event.conversation;
  });
  const client = createClient(socket, {
    async greet(self) {
      const before = conversation?.id ?? null;
      const seqBefore = before ? self.lastSeq(before) : 0;
      const reply = await self.request<VisitorSession>('visitor:hello', {});
      if (!reply.ok) throw new Error(`visitor:hello failed: ${reply.error.code}`);
      session = reply.data;
      token = reply.data.token;
      // As the widget does: the hello says which conversation to show, even if it says none.
      conversation = reply.data.conversation;
      self.merge(reply.data.messages);
      if (before && conversation?.id === before) {
        const history = await self.request<{ messages: Message[] }>('message:history', {
          conversationId: before,
          afterSeq: seqBefore,
        });
        if (history.ok) self.merge(history.data.messages);
      }
    },
    async send(entry) {
      const reply = await client.request<{
        message: Message;
        conversation: VisitorConversation;
      }>('message:send', { clientId: entry.clientId, text: entry.text });
      // The ack carries the conversation: the first message is how a visitor learns its id.
      if (reply.ok) conversation = reply.data.conversation;
      return reply;
    },
  });
  await client.ready();
  return {
    ...client,
    session: () => session,
    conversationId: () => conversation?.id ?? null,
    conversation: () => conversation,
    send: (text) => client.enqueue(null, text),
  };
}

/** The console's side, following the conversations it writes in. */
export interface ConsoleClient extends ChatClient {
  /** Watch this conversation and catch up on it: now, and after every reconnect. */
  follow(conversationId: string): void;
  /** Sends in `conversationId` through the outbox; resolves with the stored message. */
  send(conversationId: string, text: string): Promise<Message>;
  /**
   * Follows `conversationId` and fetches what this console lacks of it now, as the console does
   * when it opens a conversation. Rejects if the socket drops meanwhile (the next connect catches
   * up anyway).
   */
  catchUp(conversationId: string): Promise<void>;
}

export interface ConsoleOptions extends ConnectOptions {
  /**
   * Conversations to follow, asked on every connect after the hello: what the console's inbox
   * refresh finds (e.g. chats routed to the agent while the socket was down).
   */
  discover?: () => Promise<string[]>;
}

/** An agent's console signed in with `token`. */
export async function openConsole(
  url: string,
  token: string,
  options: ConsoleOptions = {},
): Promise<ConsoleClient> {
  const followed = new Set<string>();
  const socket = io(`${url}/agent`, { ...socketOptions(options), auth: { token } });
  const catchUp = async (self: Internals, conversationId: string, afterSeq: number) => {
    const history = await self.request<{ messages: Message[] }>('message:history', {
      conversationId,
      afterSeq,
    });
    if (!history.ok) throw new Error(`message:history failed: ${history.error.code}`);
    self.merge(history.data.messages);
  };
  const watch = async (self: Internals) => {
    const reply = await self.request('conversation:watch', {
      conversationIds: [...followed].slice(-20),
    });
    if (!reply.ok) throw new Error(`conversation:watch failed: ${reply.error.code}`);
  };
  const client = createClient(socket, {
    async greet(self) {
      const seqs = new Map([...followed].map((id) => [id, self.lastSeq(id)]));
      const reply = await self.request('agent:hello', {});
      if (!reply.ok) throw new Error(`agent:hello failed: ${reply.error.code}`);
      for (const conversationId of (await options.discover?.()) ?? []) {
        if (seqs.has(conversationId)) continue;
        followed.add(conversationId);
        seqs.set(conversationId, self.lastSeq(conversationId));
      }
      // As the console does: say what it shows before catching up, so nothing falls in between.
      await watch(self);
      for (const [conversationId, afterSeq] of seqs) {
        const history = await self.request<{ messages: Message[] }>('message:history', {
          conversationId,
          afterSeq,
        });
        if (history.ok) self.merge(history.data.messages);
      }
    },
    send: (entry) =>
      client.request<{ message: Message }>('message:send', {
        conversationId: entry.conversationId,
        clientId: entry.clientId,
        text: entry.text,
      }),
  });
  await client.ready();
  return {
    ...client,
    follow(conversationId) {
      if (followed.has(conversationId)) return;
      followed.add(conversationId);
      // As the console opening a conversation: watch it, then fetch what came before.
      watch(client)
        .then(() => catchUp(client, conversationId, client.lastSeq(conversationId)))
        .catch(() => {
          // Dropped meanwhile: the next connect watches and catches up again.
        });
    },
    send(conversationId, text) {
      followed.add(conversationId);
      return client.enqueue(conversationId, text);
    },
    async catchUp(conversationId) {
      if (!followed.has(conversationId)) {
        followed.add(conversationId);
        await watch(client);
      }
      return catchUp(client, conversationId, client.lastSeq(conversationId));
    },
  };
}
