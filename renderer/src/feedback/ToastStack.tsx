import { Alert, Anchor, Button, Portal, Stack, Text } from '@mantine/core';
import type { Toast, ToastKind } from './toast.ts';

const COLOURS: Record<ToastKind, string> = { error: 'red', success: 'teal', info: 'blue' };

/** Above the status bar, so a notice never hides the sync state it may be about. */
const STATUS_BAR_CLEARANCE = 40;

export function ToastStack({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: number) => void }) {
  return (
    <Portal>
      <Stack
        gap="xs"
        aria-live="polite"
        style={{ position: 'fixed', right: 16, bottom: STATUS_BAR_CLEARANCE, width: 380, zIndex: 1000 }}
      >
        {toasts.map((toast) => (
          <Alert
            key={toast.id}
            variant={toast.kind === 'error' ? 'filled' : 'light'}
            py={toast.message || toast.link || toast.action ? undefined : 'xs'}
            color={COLOURS[toast.kind]}
            title={toast.title}
            role={toast.kind === 'error' ? 'alert' : 'status'}
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => onDismiss(toast.id)}
            data-testid="toast"
          >
            {toast.message}
            {toast.link ? (
              <Text size="sm" mt={toast.message ? 4 : 0}>
                <Anchor
                  href={toast.link.href}
                  inherit
                  fw={500}
                  title={toast.link.hint}
                  aria-description={toast.link.hint}
                  onClick={() => onDismiss(toast.id)}
                >
                  {toast.link.label}
                </Anchor>
              </Text>
            ) : null}
            {toast.action ? (
              <Button
                size="compact-sm"
                variant="white"
                mt={4}
                aria-description={toast.action.hint}
                onClick={() => {
                  onDismiss(toast.id);
                  toast.action?.run();
                }}
              >
                {toast.action.label}
              </Button>
            ) : null}
          </Alert>
        ))}
      </Stack>
    </Portal>
  );
}
