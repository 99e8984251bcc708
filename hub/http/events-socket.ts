import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Principal } from '../auth/tokens.ts';
import type { Pokes } from './pokes.ts';
import { HubRefusal } from './refusal.ts';

/** Pokes carry nothing and devices send nothing: anything larger than this is not a device speaking. */
const MAX_MESSAGE_BYTES = 1024;

/** Answers a handshake the hub will not take, and closes the connection. */
function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The WebSocket at /v1/events, over which devices are poked (DESIGN §4). A device's token is checked before
 * the handshake. Whatever a client sends (a message over the limit, an unmasked or broken frame, a reset in
 * the middle of the handshake) closes that one socket: an 'error' nobody listens to would end the hub.
 */
export function acceptEventSockets(
  server: Server,
  options: { readonly gate: (request: IncomingMessage) => Promise<Principal>; readonly pokes: Pokes },
): { stopAccepting(): void; close(): void } {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let accepting = true;
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!accepting) return refuse(socket, 503);
    let pathname = '';
    try {
      pathname = new URL(request.url ?? '/', 'http://hub').pathname;
    } catch {
      // Not an address at all: answered like any path the hub does not have.
    }
    if (pathname !== '/v1/events') return refuse(socket, 404);
    options.gate(request).then(
      (principal) => {
        if (socket.destroyed || !accepting) return refuse(socket, 503);
        sockets.handleUpgrade(request, socket, head, (client) => {
          client.on('error', () => client.terminate());
          options.pokes.add(principal.teamId, client);
          client.on('message', () => {}); // pokes only go one way
        });
      },
      (error: unknown) => refuse(socket, error instanceof HubRefusal ? error.status : 500),
    );
  });
  return {
    stopAccepting: () => {
      accepting = false;
    },
    close: () => {
      accepting = false;
      sockets.close();
    },
  };
}
