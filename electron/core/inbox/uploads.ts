import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { DeskError } from '#shared/errors.ts';

/** The largest file the app accepts for import: an mbox of a whole mailbox, not a disk image. */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
/** In the workspace folder. */
export const UPLOADS_FOLDER = 'uploads';

interface Upload {
  readonly file: string;
  readonly name: string;
  readonly size: number;
  received: number;
}

/**
 * Files the renderer hands over for import, in chunks through the contract (IPC or HTTP alike): written to a
 * private folder in the workspace, imported from there, then deleted.
 */
export class Uploads {
  readonly #folder: string;
  readonly #open = new Map<string, Upload>();

  constructor(dataDir: string) {
    this.#folder = path.join(dataDir, UPLOADS_FOLDER);
  }

  async begin(name: string, size: number): Promise<string> {
    if (size > MAX_UPLOAD_BYTES)
      throw new DeskError('invalid_input', `${name} is larger than the 4 GiB an import takes.`);
    await mkdir(this.#folder, { recursive: true, mode: 0o700 });
    const id = uuidv7();
    const file = path.join(this.#folder, `${id}.part`);
    await (await open(file, 'w', 0o600)).close();
    this.#open.set(id, { file, name: path.basename(name), size, received: 0 });
    return id;
  }

  async append(id: string, offset: number, base64: string): Promise<number> {
    const upload = this.#get(id);
    if (offset !== upload.received) {
      throw new DeskError(
        'invalid_input',
        `Expected the part of ${upload.name} at byte ${upload.received}, got ${offset}.`,
      );
    }
    const bytes = Buffer.from(base64, 'base64');
    if (upload.received + bytes.length > upload.size) {
      throw new DeskError('invalid_input', `${upload.name} is longer than the ${upload.size} bytes announced.`);
    }
    const handle = await open(upload.file, 'a');
    try {
      await handle.write(bytes);
    } finally {
      await handle.close();
    }
    upload.received += bytes.length;
    return upload.received;
  }

  /** The finished file, for importing; `release` deletes it afterwards. */
  complete(id: string): { file: string; name: string } {
    const upload = this.#get(id);
    if (upload.received !== upload.size) {
      throw new DeskError(
        'invalid_input',
        `${upload.name} is incomplete: ${upload.received} of ${upload.size} bytes arrived.`,
      );
    }
    return { file: upload.file, name: upload.name };
  }

  async release(id: string): Promise<void> {
    const upload = this.#open.get(id);
    this.#open.delete(id);
    if (upload) await rm(upload.file, { force: true });
  }

  async releaseAll(): Promise<void> {
    for (const id of [...this.#open.keys()]) await this.release(id);
  }

  #get(id: string): Upload {
    const upload = this.#open.get(id);
    if (!upload) throw new DeskError('not_found', 'That upload is unknown or finished; choose the file again.');
    return upload;
  }
}
