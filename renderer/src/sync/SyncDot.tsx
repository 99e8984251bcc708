import type { SyncTone } from './sync-status-view.ts';
import classes from './sync-dot.module.css';

/** The sync state's colour, beside words that say it (the dot alone is never the message). */
export function SyncDot({ tone }: { tone: SyncTone }) {
  return <span className={classes.dot} data-tone={tone} aria-hidden="true" />;
}
