import type pg from 'pg';
import type { WebSocket } from 'ws';

/**
 * Pokes (DESIGN §4): a push commits a NOTIFY; every hub process LISTENs and tells its connected devices of
 * that team to pull. A poke carries no data: a device that misses one catches up at its next pull.
 */
export class Pokes {
  readonly #sockets = new Map<string, Set<WebSocket>>();
  #listener: pg.PoolClient | null = null;

  async listen(pool: pg.Pool): Promise<void> {
    const client = await pool.connect();
    client.on('notification', (message) => {
      if (message.channel === 'desk_poke' && message.payload) this.poke(message.payload);
    });
    await client.query('LISTEN desk_poke');
    this.#listener = client;
  }

  add(teamId: string, socket: WebSocket): void {
    let sockets = this.#sockets.get(teamId);
    if (!sockets) this.#sockets.set(teamId, (sockets = new Set()));
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (!sockets.size) this.#sockets.delete(teamId);
    });
  }

  poke(teamId: string): void {
    for (const socket of this.#sockets.get(teamId) ?? []) {
      if (socket.readyState === socket.OPEN) socket.send('{"type":"poke"}');
    }
  }

  get connections(): number {
    let total = 0;
    for (const sockets of this.#sockets.values()) total += sockets.size;
    return total;
  }

  async close(): Promise<void> {
    for (const sockets of this.#sockets.values()) for (const socket of sockets) socket.terminate();
    this.#sockets.clear();
    if (this.#listener) {
      await this.#listener.query('UNLISTEN desk_poke').catch(() => {});
      this.#listener.release();
      this.#listener = null;
    }
  }
}
