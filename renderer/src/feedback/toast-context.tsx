import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { describeError } from './describe-error.ts';
import type { Toast, ToastKind } from './toast.ts';
import { ToastStack } from './ToastStack.tsx';

export interface Toasts {
  show(toast: Omit<Toast, 'id'>): void;
  showError(error: unknown): void;
}

/** Errors stay long enough to be read after a glance away; confirmations only need a moment. */
const LIFETIME_MS: Record<ToastKind, number> = { error: 15_000, info: 6_000, success: 4_000 };
const MAX_VISIBLE = 4;

const ToastContext = createContext<Toasts | null>(null);

/**
 * A small notification stack of our own (@mantine/notifications is not a dependency). Every error from a
 * desk call that is not shown next to a field ends up here.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);

  const show = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId.current++;
      setToasts((all) =>
        [...all.filter((t) => t.title !== toast.title || t.message !== toast.message), { ...toast, id }].slice(
          -MAX_VISIBLE,
        ),
      );
      setTimeout(() => dismiss(id), toast.lifetimeMs ?? LIFETIME_MS[toast.kind]);
    },
    [dismiss],
  );

  const value = useMemo<Toasts>(
    () => ({
      show,
      showError: (error) => {
        const notice = describeError(error);
        show({ kind: 'error', title: notice.title, message: notice.message });
      },
    }),
    [show],
  );

  return (
    <ToastContext value={value}>
      {children}
      <ToastStack toasts={toasts} onDismiss={dismiss} />
    </ToastContext>
  );
}

export function useToasts(): Toasts {
  const toasts = useContext(ToastContext);
  if (!toasts) throw new Error('useToasts needs a ToastProvider above it.');
  return toasts;
}
