import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { changeFromRow, changeSchema, MAX_CHANGE_VALUE_BYTES } from '#shared/change.ts';
import type { ChangeRow } from '#shared/change.ts';
import { getBlob } from '#core/blobs/blob.repository.ts';
import { fitList, fitText } from '#core/messages/fit.ts';
import { email, openIntakeDesk } from './intake-desk.ts';
import type { IntakeDesk } from './intake-desk.ts';

/**
 * Every change a workstation records must be one the hub accepts, or it would wait in the outbox for ever: a
 * mail with a huge body, hundreds of recipients or a monster Message-ID is stored whole as raw bytes, and what
 * the changes carry of it is cut to fit the change size limit.
 */
let desk: IntakeDesk;

beforeEach(async () => {
  desk = await openIntakeDesk();
});

afterEach(async () => {
  await desk.dispose();
});

it('fits text by its JSON length, escapes included, and lists by whole items', () => {
  expect(fitText('short', 100)).toBe('short');
  const lines = '\n'.repeat(1_000);
  expect(JSON.stringify(fitText(lines, 100)).length).toBeLessThanOrEqual(100);
  expect(fitText(lines, 100).length).toBeGreaterThan(40);
  const quotes = '"\u0001'.repeat(1_000);
  expect(JSON.stringify(fitText(quotes, 500)).length).toBeLessThanOrEqual(500);
  const list = Array.from({ length: 100 }, (_, i) => ({ address: `a${i}@x.example`, name: '' }));
  const fitted = fitList(list, 300);
  expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(300);
  expect(fitted).toEqual(list.slice(0, fitted.length));
  expect(fitList(list, 10_000)).toEqual(list);
});

it('imports a mail too big for one change: the raw message whole, every change within the limit', async () => {
  const recipients = Array.from({ length: 3_000 }, (_, i) => `"Person ${i}" <person${i}@northwind.example>`);
  const body = 'Line with "quotes" and a tab\t\n'.repeat(6_000);
  const raw = email({
    from: 'Anna Berg <anna.berg@northwind.example>',
    to: recipients.join(',\r\n '),
    subject: 'Everyone, please read',
    messageId: `<${'x'.repeat(2_000)}@northwind.example>`,
    body,
  });
  const summary = await desk.importMail(raw);
  expect(summary).toMatchObject({ messages: 1, imported: 1, failed: 0 });

  const rows = await desk.core.store.db
    .selectFrom('change')
    .selectAll()
    .select(sql<number>`length(value)`.as('length'))
    .execute();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.length, `${row.entity}.${row.field}`).toBeLessThanOrEqual(MAX_CHANGE_VALUE_BYTES);
    const change = changeFromRow({ ...row, value: JSON.parse(row.value as unknown as string) } as ChangeRow);
    expect(changeSchema.safeParse(change).success, `${row.entity}.${row.field}`).toBe(true);
  }

  const message = await desk.core.store.db.selectFrom('message').selectAll().executeTakeFirstOrThrow();
  expect(message.body_text.length).toBeGreaterThan(10_000);
  expect(body.startsWith(message.body_text)).toBe(true);
  const to = JSON.parse(message.recipients) as { address: string }[];
  expect(to.length).toBeGreaterThan(100);
  expect(to[0]!.address).toBe('person0@northwind.example');
  // The raw message is kept byte for byte.
  expect(await getBlob(desk.core.store.db, message.raw_hash!)).toEqual(raw);
});
