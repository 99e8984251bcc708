import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * UUIDv7s for changes, as `uuid`'s own v7 makes them (time first, then a counter that keeps ids made in the same
 * millisecond in order, then random bits), with the random bytes drawn from a pool: `uuid` asks the system for
 * 16 bytes per id, which was the largest single cost of recording a change in an import of thousands of mails.
 */
const ID_BYTES = 16;
const POOL_BYTES = ID_BYTES * 512;

let pool = Buffer.alloc(0);
let at = 0;
let msecs = -Infinity;
let seq = 0;

function randomBytes(): Buffer {
  if (at + ID_BYTES > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    at = 0;
  }
  const bytes = pool.subarray(at, at + ID_BYTES);
  at += ID_BYTES;
  return bytes;
}

/** A new UUIDv7, later in order than every one this process made before. */
export function newChangeId(): string {
  const random = randomBytes();
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    // As uuid does: a random start for the 31-bit counter, its top bit clear so it has room to count up.
    seq = random.readUInt32BE(6) & 0x7fffffff;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs++;
  }
  return uuidv7({ random, msecs, seq });
}
