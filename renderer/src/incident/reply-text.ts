import { isOutgoingAddress } from '#shared/domain/mail-header.ts';
import type { OutgoingRecipient } from '#shared/domain/mail-header.ts';
import type { ReplyContext } from '#shared/domain/outbox.ts';

/** The answered mail below the reply, each line marked as quoted, with who wrote it and when. */
export function quotedHistory(quote: NonNullable<ReplyContext['quote']>): string {
  const day = quote.at.slice(0, 10);
  const lines = quote.text.trimEnd().split(/\r?\n/);
  return `On ${day}, ${quote.from} wrote:\n${lines.map((line) => (line ? `> ${line}` : '>')).join('\n')}`;
}

/** The reply as sent: the agent's text, then the quoted history when the agent keeps it. */
export function replyText(text: string, quote: ReplyContext['quote'], keepQuote: boolean): string {
  return quote && keepQuote ? `${text.trimEnd()}\n\n${quotedHistory(quote)}\n` : text;
}

/** Addresses as written in the Cc field, separated by commas, semicolons or line breaks. */
export function readAddresses(text: string): { readonly recipients: OutgoingRecipient[]; readonly wrong: string[] } {
  const parts = text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const recipients: OutgoingRecipient[] = [];
  const wrong: string[] = [];
  for (const part of parts) {
    const named = /^(.*)<([^<>]+)>$/.exec(part);
    const address = (named ? named[2]! : part).trim();
    const name = named ? named[1]!.trim().replace(/^"|"$/g, '') : '';
    if (isOutgoingAddress(address)) recipients.push({ address, name });
    else wrong.push(part);
  }
  return { recipients, wrong };
}

/** The Cc field's text for recipients: "Name <address>" each, or the bare address. */
export function writeAddresses(recipients: readonly OutgoingRecipient[]): string {
  return recipients.map((r) => (r.name ? `${r.name} <${r.address}>` : r.address)).join(', ');
}
