import { useNow } from './now-context.tsx';
import { formatFullTime, formatRelativeTime } from './time-format.ts';

export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={formatFullTime(iso)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
