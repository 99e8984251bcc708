import type { MailAddress } from '#shared/domain/intake.ts';

/** Who sent an item, as a list shows it: the name, and the address under it when there is both. */
export function senderLabel(from: MailAddress | null): { name: string; detail: string | null } {
  if (!from || (!from.name && !from.address)) return { name: 'Unknown sender', detail: null };
  if (!from.name) return { name: from.address, detail: null };
  return { name: from.name, detail: from.address || null };
}

/** "Grace Obi <grace@example.com>", for headers. */
export function formatAddress(address: MailAddress): string {
  if (!address.name) return address.address;
  return address.address ? `${address.name} <${address.address}>` : address.name;
}
