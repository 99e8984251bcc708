import type { CSSProperties, ReactNode } from 'react';
import classes from './badge.module.css';

interface TagProps {
  /** A Mantine colour name ("red", "teal"). */
  readonly color: string;
  readonly filled?: boolean;
  readonly size?: 'sm' | 'md';
  readonly children: ReactNode;
}

/** A coloured label (priority, status) that costs one span to render. */
export function Tag({ color, filled = false, size = 'sm', children }: TagProps) {
  const style = {
    '--badge-light': `var(--mantine-color-${color}-light)`,
    '--badge-light-color': `var(--mantine-color-${color}-light-color)`,
    '--badge-filled': `var(--mantine-color-${color}-filled)`,
  } as CSSProperties;
  const className = [classes.badge, filled ? classes.filled : classes.light, size === 'md' ? classes.md : '']
    .filter(Boolean)
    .join(' ');
  return (
    <span className={className} style={style}>
      {children}
    </span>
  );
}
