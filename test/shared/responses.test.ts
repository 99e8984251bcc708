import { describe, expect, it } from 'vitest';
import { isCustomerMessage, isPublicResponse } from '#shared/domain/responses.ts';

describe('what counts as talking to the reporter', () => {
  const cases: { entry: { type: string; payload: unknown }; response: boolean; customer: boolean; what: string }[] = [
    {
      entry: { type: 'reply', payload: { automatic: false } },
      response: true,
      customer: false,
      what: 'an agent’s reply',
    },
    {
      entry: { type: 'reply', payload: { automatic: true } },
      response: false,
      customer: false,
      what: 'an acknowledgement',
    },
    {
      entry: { type: 'message', payload: { kind: 'message', channel: 'phone', direction: 'outbound' } },
      response: true,
      customer: false,
      what: 'a logged call back',
    },
    {
      entry: { type: 'message', payload: { kind: 'message', channel: 'email' } },
      response: false,
      customer: true,
      what: 'the reporter’s mail',
    },
    {
      entry: { type: 'message', payload: { kind: 'message', channel: 'phone', direction: 'inbound' } },
      response: false,
      customer: true,
      what: 'the reporter’s call',
    },
    {
      entry: { type: 'message', payload: { kind: 'auto_reply', channel: 'email' } },
      response: false,
      customer: false,
      what: 'an out-of-office reply',
    },
    {
      entry: { type: 'note', payload: { body: 'checked the AP switch' } },
      response: false,
      customer: false,
      what: 'a work note',
    },
    { entry: { type: 'changed', payload: null }, response: false, customer: false, what: 'a change without a payload' },
  ];
  for (const { entry, response, customer, what } of cases) {
    it(`${what}: ${response ? 'a response' : 'no response'}, ${customer ? 'a customer message' : 'no customer message'}`, () => {
      expect(isPublicResponse(entry)).toBe(response);
      expect(isCustomerMessage(entry)).toBe(customer);
    });
  }
});
