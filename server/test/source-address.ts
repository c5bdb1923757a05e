/** Socket.IO client options that make every request of a client leave from one loopback address. */
import http from 'node:http';
import type { ManagerOptions, SocketOptions } from 'socket.io-client';

/**
 * With nginx hashing on the client address, the source address picks the node. engine.io-client
 * in Node hands `agent` to its polling requests (xmlhttprequest-ssl) and to `ws`, and
 * `localAddress` to `ws`; its types say `string | boolean` for the browser's sake.
 */
export function fromAddress(localAddress: string): Partial<ManagerOptions & SocketOptions> {
  const agent = new http.Agent({ localAddress, keepAlive: true });
  const options: Partial<ManagerOptions & SocketOptions> = { agent: agent as unknown as string };
  // Not in the client's types either; engine.io-client passes it on to `ws` as it is.
  return Object.assign(options, { localAddress });
}
