import type { Option } from '../common/select-options.ts';

/** "New, Assigned +2": what a filter button shows, short enough for its width. */
export function filterSummary(options: readonly Option<string>[], selected: readonly string[], shown = 2): string {
  const labels = options.filter((option) => selected.includes(option.value)).map((option) => option.label);
  if (labels.length <= shown) return labels.join(', ');
  return `${labels.slice(0, shown).join(', ')} +${labels.length - shown}`;
}
