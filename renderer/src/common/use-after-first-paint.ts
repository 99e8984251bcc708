import { startTransition, useEffect, useState } from 'react';

/**
 * False for a screen's first drawing, then true, drawn as a transition: what the agent looks at first (an
 * incident's heading and timeline) is painted before the parts beside and below it are built, and those are
 * built in slices the browser can paint and take keys between.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => startTransition(() => setPainted(true)), []);
  return painted;
}
