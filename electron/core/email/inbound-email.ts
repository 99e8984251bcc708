import type { ParsedEmail } from './parse-email.ts';

/** What the importer is given and what it answers, apart from the importer itself (so batching can name them). */
export type EmailOutcome =
  | { readonly kind: 'imported' | 'threaded' | 'automatic'; readonly id: string; readonly incidentId: string | null }
  | { readonly kind: 'duplicate'; readonly id: string }
  | { readonly kind: 'failed'; readonly id: string; readonly reason: string };

export interface EmailSource {
  /** Where it came from, for the agent ("import: inbox.mbox #12", "imap: Support"). */
  readonly source: string;
  /** When it arrived, if the source knows better than the Date header (an IMAP internal date). */
  readonly receivedAt?: Date | undefined;
}

/** One message to import: its raw bytes, what parsing made of them (or why it could not), where it came from. */
export interface InboundEmail {
  readonly raw: Buffer;
  readonly parsed: ParsedEmail | Error;
  readonly source: EmailSource;
  /**
   * The Message-ID of a message kept unparsed because storing it as parsed failed: it keeps the id it would
   * have had, so importing it again later finds it rather than adding it twice.
   */
  readonly messageId?: string | null | undefined;
  /** The source knows it arrived cut short: the mailbox file it came in ended in the middle of it. */
  readonly cutShort?: boolean | undefined;
}
