import { Alert, Portal, Stack } from '@mantine/core';
import type { Toast, ToastKind } from './toast-context.tsx';

const COLOURS: Record<ToastKind, string> = { error: 'red', success: 'teal', info: 'blue' };

export function ToastStack({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: number) => void }) {
  return (
    <Portal>
      <Stack gap="xs" aria-live="polite" style={{ position: 'fixed', right: 16, bottom: 16, width: 380, zIndex: 1000 }}>
        {toasts.map((toast) => (
          <Alert
            key={toast.id}
            variant={toast.kind === 'error' ? 'filled' : 'light'}
            py={toast.message ? undefined : 'xs'}
            color={COLOURS[toast.kind]}
            title={toast.title}
            role={toast.kind === 'error' ? 'alert' : 'status'}
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => onDismiss(toast.id)}
            data-testid="toast"
          >
            {toast.message}
          </Alert>
        ))}
      </Stack>
    </Portal>
  );
}
