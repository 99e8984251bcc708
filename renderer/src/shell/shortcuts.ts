/**
 * The queue's keyboard shortcuts, for agents who live in the keyboard. A plain letter is a shortcut only
 * when the agent is not typing and no dialog is open; modified keys are left to the browser and the system.
 */
export type Shortcut = 'next' | 'previous' | 'open' | 'search' | 'new-incident' | 'back';

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** The focus is in a text field, a select or an editable element. */
  readonly typing: boolean;
  /** The focus is on a control that has its own use for Enter (a button, a link). */
  readonly onControl: boolean;
  /** A dialog is open: its own keys apply. */
  readonly inDialog: boolean;
}

const LETTERS: Record<string, Shortcut> = { j: 'next', k: 'previous', '/': 'search', c: 'new-incident' };

export function shortcutFor(press: KeyPress): Shortcut | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.inDialog) return null;
  if (press.key === 'Escape') return press.typing ? null : 'back';
  if (press.typing) return null;
  if (press.key === 'Enter') return press.onControl ? null : 'open';
  return LETTERS[press.key] ?? null;
}
