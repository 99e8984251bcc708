import type { WebSocket } from 'ws';

/**
 * Pokes (DESIGN §4): a push commits a NOTIFY; every hub process LISTENs (DatabaseListener) and tells its
 * connected devices of that team to pull. A poke carries no data: a device that misses one catches up at its
 * next pull.
 */
export class Pokes {
  readonly #sockets = new Map<string, Set<WebSocket>>();

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

  /** After notifications may have been missed (the database connection was replaced): everyone pulls. */
  pokeEveryone(): void {
    for (const teamId of this.#sockets.keys()) this.poke(teamId);
  }

  get connections(): number {
    let total = 0;
    for (const sockets of this.#sockets.values()) total += sockets.size;
    return total;
  }

  /** Closes every device's socket; devices reconnect, to this hub once it is back or to another. */
  close(): void {
    for (const sockets of this.#sockets.values()) for (const socket of sockets) socket.terminate();
    this.#sockets.clear();
  }
}
