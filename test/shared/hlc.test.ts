import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  compareStamps,
  decodeHlc,
  encodeHlc,
  HLC_ZERO,
  hlcReceive,
  hlcTick,
  hlcWallMs,
  isHlcString,
} from '#shared/hlc.ts';
import type { Hlc } from '#shared/hlc.ts';
import { prng } from '../helpers/prng.ts';
import { FIXED_NOW } from '../helpers/temp-workspace.ts';

const sign = (n: number) => Math.sign(n);

describe('HLC encoding', () => {
  const samples: Hlc[] = [
    HLC_ZERO,
    { wall: 1, counter: 0 },
    { wall: 0, counter: 1 },
    { wall: FIXED_NOW, counter: 0 },
    { wall: FIXED_NOW, counter: 42 },
    { wall: FIXED_NOW, counter: 999_999 },
    { wall: 999_999_999_999_999, counter: 999_999 },
  ];

  for (const hlc of samples) {
    it(`round-trips ${hlc.wall}:${hlc.counter}`, () => {
      const encoded = encodeHlc(hlc);
      expect(isHlcString(encoded)).toBe(true);
      expect(encoded).toHaveLength(22);
      expect(decodeHlc(encoded)).toEqual(hlc);
      expect(hlcWallMs(encoded)).toBe(hlc.wall);
    });
  }

  const notStamps = [
    '',
    '1772443800000:000000',
    '001772443800000:00000',
    '001772443800000-000000',
    '00177244380000a:000000',
    '001772443800000:000000 ',
    '-01772443800000:000000',
    '001772443800000:0000001',
  ];
  for (const text of notStamps) {
    it(`refuses ${JSON.stringify(text)} as a stamp`, () => {
      expect(isHlcString(text)).toBe(false);
      expect(() => decodeHlc(text)).toThrow(RangeError);
    });
  }

  it('orders encoded stamps as strings exactly as it orders clocks', () => {
    const rand = prng(20260302);
    const walls = [0, 1, 9, 10, 99, 100, FIXED_NOW - 1, FIXED_NOW, FIXED_NOW + 1, 10 ** 14, 10 ** 15 - 1];
    const counters = [0, 1, 9, 10, 11, 99, 100, 999_999];
    const random = (): Hlc =>
      rand.next() < 0.5
        ? { wall: rand.pick(walls), counter: rand.pick(counters) }
        : { wall: rand.int(0, 10 ** 13), counter: rand.int(0, 999_999) };
    for (let i = 0; i < 5_000; i++) {
      const a = random();
      const b = random();
      const ea = encodeHlc(a);
      const eb = encodeHlc(b);
      const byString = ea < eb ? -1 : ea > eb ? 1 : 0;
      expect(byString, `${ea} vs ${eb}`).toBe(sign(compareHlc(a, b)));
    }
  });
});

describe('HLC ticks', () => {
  it('takes the wall clock when it moves forward', () => {
    expect(hlcTick({ wall: FIXED_NOW, counter: 7 }, FIXED_NOW + 5)).toEqual({ wall: FIXED_NOW + 5, counter: 0 });
  });

  it('counts within the same millisecond', () => {
    expect(hlcTick({ wall: FIXED_NOW, counter: 7 }, FIXED_NOW)).toEqual({ wall: FIXED_NOW, counter: 8 });
  });

  it('never goes backwards when the wall clock does', () => {
    let last: Hlc = hlcTick(HLC_ZERO, FIXED_NOW);
    // The clock jumps an hour back (an NTP correction), stalls, creeps forward, then passes the old time.
    const readings = [
      FIXED_NOW - 3_600_000,
      FIXED_NOW - 3_600_000,
      FIXED_NOW - 10,
      FIXED_NOW - 1,
      FIXED_NOW,
      FIXED_NOW,
      FIXED_NOW + 1,
      FIXED_NOW - 50,
    ];
    for (const now of readings) {
      const next = hlcTick(last, now);
      expect(compareHlc(next, last), `tick at ${now} after ${encodeHlc(last)}`).toBeGreaterThan(0);
      expect(encodeHlc(next) > encodeHlc(last)).toBe(true);
      expect(next.wall).toBeGreaterThanOrEqual(last.wall);
      last = next;
    }
    expect(last).toEqual({ wall: FIXED_NOW + 1, counter: 1 });
  });

  it('moves into the next millisecond when the counter is exhausted, still in order', () => {
    const full: Hlc = { wall: FIXED_NOW, counter: 999_999 };
    const next = hlcTick(full, FIXED_NOW - 1000);
    expect(next).toEqual({ wall: FIXED_NOW + 1, counter: 0 });
    expect(encodeHlc(next) > encodeHlc(full)).toBe(true);
  });
});

describe('HLC receive', () => {
  it('jumps ahead to a fast remote clock and stays after it', () => {
    const local: Hlc = { wall: FIXED_NOW, counter: 3 };
    const remote: Hlc = { wall: FIXED_NOW + 60_000, counter: 5 };
    const merged = hlcReceive(local, remote, FIXED_NOW + 1);
    expect(merged).toEqual({ wall: FIXED_NOW + 60_000, counter: 6 });
    // The local wall clock is still behind, yet the next local event orders after the remote one.
    const after = hlcTick(merged, FIXED_NOW + 2);
    expect(compareHlc(after, remote)).toBeGreaterThan(0);
    expect(after).toEqual({ wall: FIXED_NOW + 60_000, counter: 7 });
  });

  it('keeps its own clock for a slow remote', () => {
    expect(hlcReceive({ wall: FIXED_NOW, counter: 3 }, { wall: FIXED_NOW - 5_000, counter: 9 }, FIXED_NOW)).toEqual({
      wall: FIXED_NOW,
      counter: 4,
    });
  });

  it('takes the larger counter when both clocks share the millisecond', () => {
    expect(hlcReceive({ wall: FIXED_NOW, counter: 3 }, { wall: FIXED_NOW, counter: 9 }, FIXED_NOW - 1)).toEqual({
      wall: FIXED_NOW,
      counter: 10,
    });
  });

  it('takes the wall clock when it is ahead of both', () => {
    expect(hlcReceive({ wall: FIXED_NOW, counter: 3 }, { wall: FIXED_NOW + 1, counter: 9 }, FIXED_NOW + 2)).toEqual({
      wall: FIXED_NOW + 2,
      counter: 0,
    });
  });

  it('always orders after both its last stamp and the received one, whatever the clocks do', () => {
    const seed = 4242;
    const rand = prng(seed);
    let local: Hlc = HLC_ZERO;
    let now = FIXED_NOW;
    for (let step = 0; step < 10_000; step++) {
      now += rand.int(-2_000, 2_000);
      const before = local;
      if (rand.next() < 0.5) {
        local = hlcTick(local, now);
        expect(compareHlc(local, before), `seed ${seed} step ${step}`).toBeGreaterThan(0);
      } else {
        const remote: Hlc = { wall: now + rand.int(-10_000, 10_000), counter: rand.int(0, 20) };
        local = hlcReceive(local, remote, now);
        expect(compareHlc(local, before), `seed ${seed} step ${step}`).toBeGreaterThan(0);
        expect(compareHlc(local, remote), `seed ${seed} step ${step}`).toBeGreaterThan(0);
      }
      // The clock is never behind the physical time it last saw.
      expect(local.wall, `seed ${seed} step ${step}`).toBeGreaterThanOrEqual(now);
    }
  });
});

describe('stamp order for last-writer-wins', () => {
  const early = encodeHlc({ wall: FIXED_NOW, counter: 0 });
  const late = encodeHlc({ wall: FIXED_NOW, counter: 1 });

  it('orders by clock first, whatever the devices', () => {
    expect(compareStamps({ hlc: early, device: 'zzz' }, { hlc: late, device: 'aaa' })).toBeLessThan(0);
    expect(compareStamps({ hlc: late, device: 'aaa' }, { hlc: early, device: 'zzz' })).toBeGreaterThan(0);
  });

  it('breaks a clock tie by device id', () => {
    expect(compareStamps({ hlc: early, device: 'device-a' }, { hlc: early, device: 'device-b' })).toBeLessThan(0);
    expect(compareStamps({ hlc: early, device: 'device-b' }, { hlc: early, device: 'device-a' })).toBeGreaterThan(0);
    expect(compareStamps({ hlc: early, device: 'device-a' }, { hlc: early, device: 'device-a' })).toBe(0);
  });
});
