import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { newChangeId } from '#core/store/change-ids.ts';

describe('change ids', () => {
  it('are valid UUIDv7s, all different, each later in order than the one before', () => {
    const ids = Array.from({ length: 20_000 }, () => newChangeId());
    for (const id of ids.slice(0, 100)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!, `${ids[i - 1]} then ${ids[i]}`).toBe(true);
  });

  it('carry the time they were made in their first 48 bits', () => {
    const before = Date.now();
    const id = newChangeId();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('draw fresh random bits for each id', () => {
    const tails = new Set(Array.from({ length: 2_000 }, () => newChangeId().slice(-12)));
    expect(tails.size).toBe(2_000);
  });
});
