import { useEffect } from 'react';

/**
 * Ctrl+Enter (Cmd+Enter) sends the form of the dialog it is pressed in, whichever dialog: a dialog that
 * handles the key itself marks the press as handled and is left alone. Enter alone stays with the field (a new
 * line, a picked option).
 */
export function useDialogSubmitKey(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      const target = event.target instanceof Element ? event.target : null;
      const dialog = target?.closest('[role="dialog"]');
      const form = target?.closest('form') ?? dialog?.querySelector('form');
      if (!dialog || !form || !dialog.contains(form)) return;
      event.preventDefault();
      form.requestSubmit();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
