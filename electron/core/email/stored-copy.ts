import { getBlob } from '../blobs/blob.repository.ts';
import type { Db } from '../store/store.ts';
import { contentKey } from './mail-identity.ts';
import type { InboundEmail } from './inbound-email.ts';

/**
 * Whether a message stored under an email's old id (its Message-ID alone, as workspaces imported before
 * issue 10 hold them) is this same mail, so importing the file again adds nothing; a different mail that
 * shares the Message-ID is imported beside it. The same raw bytes are the same mail; else its content key,
 * read from the raw copy kept here; and where this workstation has no raw copy (the message came from another
 * one through the hub), what was stored of it: its sender, subject and text.
 */
export interface StoredCopy {
  readonly id: string;
  readonly kind: string;
  readonly raw_hash: string | null;
  readonly from_address: string | null;
  readonly subject: string;
  readonly body_text: string;
}

export interface ArrivingCopy {
  readonly email: InboundEmail;
  readonly rawHash: string;
  readonly contentKey: string;
}

/** How much text a message keeps in its change (import-email.ts); a longer text is kept as its start. */
const KEPT_TEXT = 40_000;

function sameStoredFields(stored: StoredCopy, arriving: ArrivingCopy): boolean {
  const parsed = arriving.email.parsed;
  if (parsed instanceof Error || stored.kind === 'unparsed') return false;
  const text = parsed.text;
  return (
    stored.from_address === (parsed.from?.address ?? null) &&
    stored.subject === parsed.subject &&
    (stored.body_text === text || (stored.body_text.length >= KEPT_TEXT && text.startsWith(stored.body_text)))
  );
}

export async function isStoredCopy(db: Db, stored: StoredCopy, arriving: ArrivingCopy): Promise<boolean> {
  if (!stored.raw_hash) return sameStoredFields(stored, arriving);
  if (stored.raw_hash === arriving.rawHash) return true;
  const raw = await getBlob(db, stored.raw_hash);
  return raw ? contentKey(raw) === arriving.contentKey : sameStoredFields(stored, arriving);
}
