import { describe, expect, it } from 'vitest';
import { formatInstant, instantMs } from '#shared/domain/instant.ts';
import { prng } from '../helpers/prng.ts';

describe('ISO instants', () => {
  it('reads back what it writes, with and without milliseconds, against Date', () => {
    const random = prng(7);
    for (let i = 0; i < 2_000; i++) {
      const ms = Date.UTC(1990, 0, 1) + random.int(0, 80 * 365 * 24 * 3600) * 1000 + (i % 2 ? random.int(0, 999) : 0);
      const text = formatInstant(ms);
      expect(instantMs(text), text).toBe(ms);
      expect(instantMs(new Date(ms).toISOString()), text).toBe(ms);
      expect(instantMs(text.replace('Z', '+00:00')), text).toBe(ms);
    }
  });

  it('reads offsets, minutes without seconds and long fractions', () => {
    expect(instantMs('2024-06-03T08:00:00+02:00')).toBe(Date.UTC(2024, 5, 3, 6));
    expect(instantMs('2024-06-03T08:00-05:30')).toBe(Date.UTC(2024, 5, 3, 13, 30));
    expect(instantMs('2024-06-03T08:00:00.123456789z')).toBe(Date.UTC(2024, 5, 3, 8, 0, 0, 123));
    expect(instantMs('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
  });

  it('refuses what is no instant, in either reader', () => {
    for (const bad of [
      '2023-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2024-04-31T00:00:00.000Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T23:60:00Z',
      '2024-01-01T23:59:60Z',
      '2024-13-01T00:00:00Z',
      '0099-01-01T00:00:00Z',
      '2024-01-01T00:00:00',
      '2024-01-01 00:00:00Z',
      '2024-01-01T0a:00:00Z',
      '2024-01-01T00:00:00.1a3Z',
      '2024-01-01T00:00:00+24:00',
      '2024-01-01',
    ]) {
      expect(instantMs(bad), bad).toBeNull();
    }
  });
});
