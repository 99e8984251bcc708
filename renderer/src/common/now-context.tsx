import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';

const NowContext = createContext<number>(0);

/** One clock for every relative time on screen, ticking often enough for "min ago" to stay true. */
export function NowProvider({ children, tickMs = 30_000 }: { children: ReactNode; tickMs?: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return <NowContext value={now}>{children}</NowContext>;
}

export function useNow(): number {
  return useContext(NowContext);
}
