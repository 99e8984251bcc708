import type { HandlerInput } from '#shared/contract.ts';
import type { InboundMessage, InboxItem } from '#shared/domain/intake.ts';
import type { MailboxView } from '#shared/domain/mailbox.ts';
import type { Agent } from '#shared/domain/reference.ts';
import type { Core } from '#core/index.ts';
import type { Dovecot } from '../helpers/dovecot.ts';
import { call } from '../helpers/invoke.ts';

/** Polls `read` until `done` holds for its answer; fails with `what` and the last answer when time runs out. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last).slice(0, 1500)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  return last;
}

/** Signs a supervisor in (the first agent of a workspace is one). */
export async function signInSupervisor(core: Core): Promise<Agent> {
  const session = await call(core, 'session/register', { name: 'Sam Supervisor', email: 'sam@desk.test' });
  if (session.agent?.role !== 'supervisor') throw new Error('The first agent should be a supervisor.');
  return session.agent;
}

/** A mailbox on the test server, as the settings form would send it. */
export function mailboxInput(
  dovecot: Dovecot,
  changes: Partial<HandlerInput<'mailbox/save'>> = {},
): HandlerInput<'mailbox/save'> {
  return {
    name: 'Support',
    host: dovecot.host,
    port: dovecot.port,
    tls: false,
    username: dovecot.user,
    password: dovecot.password,
    folder: 'INBOX',
    mode: 'idle',
    pollSeconds: 60,
    maxMessageBytes: 25 * 1024 * 1024,
    enabled: true,
    ...changes,
  };
}

export async function mailboxById(core: Core, id: string): Promise<MailboxView> {
  const found = (await call(core, 'mailbox/list', {})).find((m) => m.id === id);
  if (!found) throw new Error(`No mailbox ${id} in mailbox/list.`);
  return found;
}

/** Every inbox item, whatever its state. */
export async function inboxItems(core: Core): Promise<InboxItem[]> {
  const page = await call(core, 'inbox/list', {
    states: ['untriaged', 'incident', 'threaded', 'noise'],
    limit: 500,
  });
  return [...page.items];
}

export async function inboxMessages(core: Core): Promise<InboundMessage[]> {
  const items = await inboxItems(core);
  return Promise.all(items.map((item) => call(core, 'inbox/get', { id: item.id })));
}

export async function waitForInbox(core: Core, count: number, timeoutMs = 15_000): Promise<InboxItem[]> {
  return eventually(
    () => inboxItems(core),
    (items) => items.length >= count,
    `${count} inbox items`,
    timeoutMs,
  );
}
