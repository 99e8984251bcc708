import type { IncidentSummary } from '#shared/domain/incident.ts';

/**
 * The rows of one queue query that have been fetched so far, by page. Immutable: every change makes a new
 * cache, so React sees it. `epoch` counts refreshes: a page fetched before the latest change in the desk is
 * stale, still shown (better than an empty row) but fetched again when it is on screen.
 */
export interface PageCache {
  readonly key: string;
  readonly epoch: number;
  readonly pageSize: number;
  readonly total: number;
  readonly pages: ReadonlyMap<number, { readonly rows: readonly IncidentSummary[]; readonly epoch: number }>;
}

/** Enough rows to scroll back and forth without refetching; little enough to stay small at 1,000,000. */
export const MAX_CACHED_PAGES = 60;

export function emptyPageCache(key: string, pageSize: number): PageCache {
  return { key, epoch: 0, pageSize, total: 0, pages: new Map() };
}

export function pagesForRange(cache: Pick<PageCache, 'pageSize'>, first: number, last: number): number[] {
  if (last < first) return [];
  const pages: number[] = [];
  for (let page = Math.floor(first / cache.pageSize); page <= Math.floor(last / cache.pageSize); page++) {
    pages.push(page);
  }
  return pages;
}

/** Pages covering rows first..last that are missing or older than the cache's epoch. */
export function pagesToFetch(cache: PageCache, first: number, last: number): number[] {
  return pagesForRange(cache, first, last).filter((page) => {
    const cached = cache.pages.get(page);
    return !cached || cached.epoch < cache.epoch;
  });
}

/** Adds a fetched page; the pages farthest from it go when the cache is full. */
export function withPage(
  cache: PageCache,
  page: number,
  rows: readonly IncidentSummary[],
  total: number,
  epoch: number,
): PageCache {
  const pages = new Map(cache.pages);
  pages.set(page, { rows, epoch });
  if (pages.size > MAX_CACHED_PAGES) {
    const farthest = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const drop of farthest.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(drop);
  }
  return { ...cache, total, pages };
}

export function rowAt(cache: PageCache, index: number): IncidentSummary | undefined {
  return cache.pages.get(Math.floor(index / cache.pageSize))?.rows[index % cache.pageSize];
}

/** Where an incident is among the cached rows, or -1: keeps a selection on the same incident as rows move. */
export function cachedIndexOf(cache: PageCache, id: string, near: number): number {
  const nearPage = Math.floor(near / cache.pageSize);
  const pages = [...cache.pages.keys()].sort((a, b) => Math.abs(a - nearPage) - Math.abs(b - nearPage));
  for (const page of pages) {
    const offset = cache.pages.get(page)!.rows.findIndex((row) => row.id === id);
    if (offset >= 0) return page * cache.pageSize + offset;
  }
  return -1;
}
