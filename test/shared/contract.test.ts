import { describe, expect, it } from 'vitest';
import { changeSchema } from '#shared/change.ts';
import { contract, HANDLER_NAMES, isHandlerName } from '#shared/contract.ts';
import { DeskError, deskErrorFromData, ERROR_CODES } from '#shared/errors.ts';
import { createIncidentInput } from '#shared/domain/incident.ts';
import { encodeHlc } from '#shared/hlc.ts';

describe('contract names', () => {
  it('are domain/verb, unique, and each has an input schema', () => {
    expect(new Set(HANDLER_NAMES).size).toBe(HANDLER_NAMES.length);
    for (const name of HANDLER_NAMES) {
      expect(name).toMatch(/^[a-z]+\/[a-zA-Z]+$/);
      expect(typeof contract[name].input.safeParse).toBe('function');
    }
  });

  it('recognise only their own entries, not what every object inherits', () => {
    for (const name of HANDLER_NAMES) expect(isHandlerName(name)).toBe(true);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'incident/', '', 'INCIDENT/GET']) {
      expect(isHandlerName(name), name).toBe(false);
    }
    for (const value of [null, undefined, 42, {}, ['session/get']]) expect(isHandlerName(value)).toBe(false);
  });
});

describe('errors across boundaries', () => {
  it('round-trip every code as plain data', () => {
    for (const code of ERROR_CODES) {
      const data = new DeskError(code, `because ${code}`).toData();
      expect(JSON.parse(JSON.stringify(data))).toEqual({ code, message: `because ${code}` });
      const back = deskErrorFromData(data);
      expect(back).toBeInstanceOf(DeskError);
      expect(back.code).toBe(code);
      expect(back.message).toBe(`because ${code}`);
    }
  });

  it('turn anything unrecognisable into internal', () => {
    for (const data of [null, 'boom', 42, {}, { code: 'exploded', message: 'x' }, { code: 'conflict' }]) {
      expect(deskErrorFromData(data).code, JSON.stringify(data)).toBe('internal');
    }
  });
});

describe('change schema', () => {
  const good = {
    id: '0190f000-0000-7000-8000-000000000001',
    hlc: encodeHlc({ wall: 1_772_443_800_000, counter: 3 }),
    device: 'device-a',
    actor: null,
    entity: 'incident',
    entityId: '0190f000-0000-7000-8000-000000000002',
    op: 'set',
    field: 'title',
    value: { nested: [1, 'two', null, true] },
  };

  it('accepts a well-formed change', () => {
    expect(changeSchema.safeParse(good).success).toBe(true);
  });

  const bad: [string, Record<string, unknown>][] = [
    ['an id that is not a UUID', { id: 'change-1' }],
    ['a clock that is not a stamp', { hlc: '2026-03-02T09:30:00Z' }],
    ['an unknown entity', { entity: 'problem' }],
    ['an unknown op', { op: 'delete' }],
    ['a field that is not an identifier', { field: 'title; DROP TABLE incident' }],
    ['an empty device', { device: '' }],
    ['an actor that is not a UUID', { actor: 'alex' }],
    ['an extra key', { bogus: true }],
    ['a value that is not JSON', { value: undefined }],
  ];
  for (const [what, patch] of bad) {
    it(`refuses ${what}`, () => {
      expect(changeSchema.safeParse({ ...good, ...patch }).success).toBe(false);
    });
  }
});

describe('boundary normalisation', () => {
  it('trims text, fills defaults and removes duplicate tags', () => {
    const parsed = createIncidentInput.parse({
      title: '  Printer jammed  ',
      channel: 'phone',
      impact: 3,
      urgency: 2,
      tags: ['printer', ' printer ', 'floor-2'],
    });
    expect(parsed).toMatchObject({
      title: 'Printer jammed',
      description: '',
      reporterId: null,
      categoryId: null,
      priorityOverride: null,
      tags: ['printer', 'floor-2'],
    });
  });

  it('refuses a title of only spaces', () => {
    expect(createIncidentInput.safeParse({ title: '   ', channel: 'phone', impact: 1, urgency: 1 }).success).toBe(
      false,
    );
  });
});
