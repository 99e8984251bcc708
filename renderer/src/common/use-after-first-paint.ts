import { startTransition, useEffect, useState } from 'react';

/**
 * False for a screen's first drawing, then true, drawn as a transition: what the agent looks at first (an
 * incident's heading and timeline) is painted before the parts beside and below it are built, and those are
 * built in slices the browser can paint and take keys between.
 *
 * Started after the next frame, not from the effect: effects may run before the browser paints, and the
 * transition then finished first and the first paint waited for everything (seen at 100,000 incidents: the
 * properties' calls asked 50 ms before the heading was painted).
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame's callbacks run just before it is painted; a task queued from one runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
