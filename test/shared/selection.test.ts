import { describe, expect, it } from 'vitest';
import { selectKth } from '#shared/domain/selection.ts';
import { prng } from '../helpers/prng.ts';

/**
 * The k-th smallest, by selection, for lists large enough that the selection first narrows down on a sample
 * (over 600 values) and small ones, in the shapes durations come in: shuffled, already in order, in reverse,
 * many equal, all equal. Whatever the list, the answer is the sorted list's k-th, with nothing larger before it
 * and nothing smaller after it.
 */
const SHAPES = ['shuffled', 'ascending', 'descending', 'few distinct', 'all equal'] as const;

describe('selecting the k-th smallest value', () => {
  for (const shape of SHAPES) {
    it(`answers the sorted list's k-th and leaves the list split around it (${shape})`, () => {
      const rand = prng(shape.length * 31);
      for (let round = 0; round < 40; round++) {
        const n = rand.next() < 0.5 ? rand.int(1, 700) : rand.int(601, 6_000);
        let values = Array.from({ length: n }, () =>
          shape === 'few distinct' ? rand.int(0, 4) * 60_000 : shape === 'all equal' ? 5 : rand.int(0, 1e9),
        );
        if (shape === 'ascending') values = values.sort((a, b) => a - b);
        if (shape === 'descending') values = values.sort((a, b) => b - a);
        const sorted = [...values].sort((a, b) => a - b);
        for (const k of [0, n - 1, n >> 1, Math.ceil(0.9 * n) - 1, rand.int(0, n - 1)]) {
          const list = Float64Array.from(values);
          expect(selectKth(list, k), `n ${n}, k ${k}`).toBe(sorted[k]);
          expect(list[k]).toBe(sorted[k]);
          expect(Math.max(...list.subarray(0, k), -Infinity)).toBeLessThanOrEqual(sorted[k]!);
          expect(Math.min(...list.subarray(k + 1), Infinity)).toBeGreaterThanOrEqual(sorted[k]!);
          expect([...list].sort((a, b) => a - b)).toEqual(sorted);
        }
      }
    });
  }

  it('within part of a list, leaving the rest alone', () => {
    const rand = prng(5);
    const values = Float64Array.from({ length: 3_000 }, () => rand.int(0, 1e6));
    const before = values.slice();
    const k = 2_000;
    const inPart = [...values.subarray(1_000)].sort((a, b) => a - b);
    expect(selectKth(values, k, 1_000, 2_999)).toBe(inPart[k - 1_000]);
    expect(values.subarray(0, 1_000)).toEqual(before.subarray(0, 1_000));
  });
});
