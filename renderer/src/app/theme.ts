import { Combobox, createTheme, Modal } from '@mantine/core';

/** Dense and calm: agents look at this all day. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '600' },
  components: {
    // Mantine's close button is an icon with no words: give it a name a screen reader can say.
    // Mantine keeps a closed dropdown's options mounted (hidden): every select on a screen would draw its whole
    // list again on each render of that screen, which is most of what an incident or a filter change costs.
    Combobox: Combobox.extend({ defaultProps: { keepMounted: false } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
  },
});
