/**
 * The keyboard shortcuts, for agents who live in the keyboard. A plain letter is a shortcut only when the
 * agent is not typing and no dialog is open; modified keys are left to the browser and the system. A screen
 * answers the shortcuts it serves (the inbox's x, i, a and n; the incident's r); elsewhere those keys do nothing.
 */
export type Shortcut =
  | 'next'
  | 'previous'
  | 'open'
  | 'search'
  | 'new-incident'
  | 'back'
  | 'log-contact'
  | 'toggle-select'
  | 'bulk-bar'
  | 'make-incident'
  | 'add-to-incident'
  | 'mark-noise'
  | 'reply'
  | 'open-kpis';

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** The focus is in a text field, a select or an editable element. */
  readonly typing: boolean;
  /** The focus is on a control that has its own use for Enter and Space (a button, a link). */
  readonly onControl: boolean;
  /** The focus is on a checkbox or a radio button: Space ticks it, but letters and Enter are free. */
  readonly onChoice: boolean;
  /** A dialog is open: its own keys apply. */
  readonly inDialog: boolean;
}

const LETTERS: Record<string, Shortcut> = {
  j: 'next',
  k: 'previous',
  '/': 'search',
  c: 'new-incident',
  l: 'log-contact',
  x: 'toggle-select',
  b: 'bulk-bar',
  i: 'make-incident',
  a: 'add-to-incident',
  n: 'mark-noise',
  r: 'reply',
  // Shift+K: k alone walks up a list.
  K: 'open-kpis',
};

export function shortcutFor(press: KeyPress): Shortcut | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.inDialog) return null;
  if (press.key === 'Escape') return press.typing ? null : 'back';
  if (press.typing) return null;
  if (press.key === 'Enter') return press.onControl ? null : 'open';
  // Space presses a focused button or ticks a box; on a row it selects, as x does.
  if (press.key === ' ') return press.onControl || press.onChoice ? null : 'toggle-select';
  return LETTERS[press.key] ?? null;
}
