import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '#shared/domain/incident.ts';
import {
  cachedIndexOf,
  emptyPageCache,
  MAX_CACHED_PAGES,
  pagesToFetch,
  rowAt,
  withPage,
} from '../../renderer/src/api/page-cache.ts';

const rows = (page: number, size: number) =>
  Array.from({ length: size }, (_, i) => ({ id: `id-${page * size + i}` }) as IncidentSummary);

describe('page cache', () => {
  it('asks only for the pages on screen that are missing or stale', () => {
    let cache = emptyPageCache('q', 10);
    expect(pagesToFetch(cache, 5, 25)).toEqual([0, 1, 2]);
    cache = withPage(cache, 1, rows(1, 10), 100, 0);
    expect(pagesToFetch(cache, 5, 25)).toEqual([0, 2]);
    expect(pagesToFetch({ ...cache, epoch: 1 }, 5, 25)).toEqual([0, 1, 2]);
  });

  it('finds rows by index and follows an incident that moved', () => {
    const cache = withPage(withPage(emptyPageCache('q', 10), 0, rows(0, 10), 30, 0), 2, rows(2, 10), 30, 0);
    expect(rowAt(cache, 23)?.id).toBe('id-23');
    expect(rowAt(cache, 13)).toBeUndefined();
    expect(cachedIndexOf(cache, 'id-21', 3)).toBe(21);
    expect(cachedIndexOf(cache, 'gone', 3)).toBe(-1);
  });

  it('drops the pages farthest from the newest when full', () => {
    let cache = emptyPageCache('q', 1);
    for (let page = 0; page <= MAX_CACHED_PAGES; page++) cache = withPage(cache, page, rows(page, 1), 1000, 0);
    expect(cache.pages.size).toBe(MAX_CACHED_PAGES);
    expect(cache.pages.has(0)).toBe(false);
    expect(cache.pages.has(MAX_CACHED_PAGES)).toBe(true);
  });
});
