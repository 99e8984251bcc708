import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * Speaking HTTP and WebSocket by hand, byte by byte, for what no well-behaved client sends: unmasked frames,
 * requests a URL parser chokes on, connections dropped in the middle of a handshake.
 */
export interface RawConnection {
  readonly socket: net.Socket;
  /** Everything received so far. */
  received(): Buffer;
  /** Resolves once the server has closed (or reset) the connection. */
  readonly closed: Promise<void>;
  /** Resolves with what was received once it contains `marker`, or rejects if the connection closes first. */
  waitFor(marker: string): Promise<string>;
}

export function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(port) });
    let data = Buffer.alloc(0);
    const waiters = new Set<() => void>();
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      for (const wake of waiters) wake();
    });
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('error', () => {}); // A reset is one of the ways a server closes on a bad client.
    void closed.then(() => {
      for (const wake of waiters) wake();
    });
    let isClosed = false;
    void closed.then(() => (isClosed = true));
    const waitFor = (marker: string) =>
      new Promise<string>((done, fail) => {
        const check = () => {
          const text = data.toString('latin1');
          if (text.includes(marker)) {
            waiters.delete(check);
            done(text);
          } else if (isClosed) {
            waiters.delete(check);
            fail(new Error(`The connection closed before "${marker}" arrived; received: ${text.slice(0, 200)}`));
          }
        };
        waiters.add(check);
        check();
      });
    socket.once('connect', () => resolve({ socket, received: () => data, closed, waitFor }));
    socket.once('error', reject);
  });
}

/** The request that opens a WebSocket, with a token as the hub's devices send it. */
export function upgradeRequest(path: string, host: string, headers: Record<string, string> = {}): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A text frame as a server sends it, without the mask every client frame must carry. */
export function unmaskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length > 125) throw new RangeError('short frames only');
  return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
}
