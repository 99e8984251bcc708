/**
 * How figures read, on the dashboard, in exports and in `desk kpi`: one set of rules, so a number looks the
 * same wherever a supervisor meets it. Nothing to show is an em dash, never NaN or a blank.
 */
export const NOTHING = '—';

/** "under 1 min", "35 min", "4 h 12 min", "2 d 3 h". */
export function formatDuration(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return NOTHING;
  const whole = Math.round(minutes);
  if (whole < 1) return 'under 1 min';
  if (whole < 60) return `${whole} min`;
  if (whole < 24 * 60) {
    const rest = whole % 60;
    return rest ? `${Math.floor(whole / 60)} h ${rest} min` : `${whole / 60} h`;
  }
  const hours = Math.round(whole / 60);
  const rest = hours % 24;
  return rest ? `${Math.floor(hours / 24)} d ${rest} h` : `${hours / 24} d`;
}

/** A share of 0–1 as a percentage with at most one decimal: "71.4%", "100%". */
export function formatPercent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return NOTHING;
  return `${Number((rate * 100).toFixed(1))}%`;
}

export function formatCount(count: number | null): string {
  return count === null || !Number.isFinite(count) ? NOTHING : count.toLocaleString('en');
}

export type FigureKind = 'count' | 'duration' | 'rate';

/** The change from the period before, with its sign: "+12", "−3 min", "+2.1 pts"; empty when either is missing. */
export function formatChange(current: number | null, previous: number | null, kind: FigureKind): string {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return '';
  const delta = current - previous;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  switch (kind) {
    case 'count':
      return `${sign}${formatCount(size)}`;
    case 'duration':
      return size < 0.5 ? '±0 min' : `${sign}${formatDuration(size)}`;
    case 'rate':
      return `${sign}${Number((size * 100).toFixed(1))} pts`;
  }
}
