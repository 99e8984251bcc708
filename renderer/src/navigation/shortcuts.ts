/**
 * The keyboard shortcuts, for agents who live in the keyboard: one list that both the handlers (through
 * shortcutFor) and the "?" help read, so what the help promises is what the keys do. A plain letter is a
 * shortcut only when the agent is not typing and no dialog is open; keys with Ctrl/Cmd are left to the browser
 * and the system, except the command palette's. A screen answers the shortcuts it serves (the inbox's x, i, a
 * and n); elsewhere those keys do nothing.
 */
export const SHORTCUT_PLACES = [
  'Anywhere',
  'Lists (queue and inbox)',
  'Queue',
  'Incident',
  'Inbox and messages',
] as const;
export type ShortcutPlace = (typeof SHORTCUT_PLACES)[number];

interface ShortcutDefinition {
  /** The `KeyboardEvent.key` values that press it. */
  readonly keys: readonly string[];
  /** Ctrl (Cmd on a Mac) held with the key; such a shortcut works while typing too. */
  readonly withMod?: boolean;
  /** How the help writes the keys. */
  readonly shown: readonly string[];
  readonly does: string;
  readonly place: ShortcutPlace;
}

export const SHORTCUTS = {
  'command-palette': {
    keys: ['k', 'K'],
    withMod: true,
    shown: ['Ctrl+K'],
    does: 'Open the command palette: every screen and action by name',
    place: 'Anywhere',
  },
  'show-shortcuts': { keys: ['?'], shown: ['?'], does: 'Show these keyboard shortcuts', place: 'Anywhere' },
  search: { keys: ['/'], shown: ['/'], does: 'Search incidents', place: 'Anywhere' },
  'new-incident': { keys: ['c'], shown: ['C'], does: 'New incident', place: 'Anywhere' },
  'log-contact': { keys: ['l'], shown: ['L'], does: 'Log a call or walk-in', place: 'Anywhere' },
  // Shift+K: k alone walks up a list.
  'open-kpis': { keys: ['K'], shown: ['Shift+K'], does: 'Open the KPIs', place: 'Anywhere' },
  back: { keys: ['Escape'], shown: ['Esc'], does: 'Back (from an incident or a message)', place: 'Anywhere' },
  next: { keys: ['j'], shown: ['J'], does: 'Next row', place: 'Lists (queue and inbox)' },
  previous: { keys: ['k'], shown: ['K'], does: 'Previous row', place: 'Lists (queue and inbox)' },
  open: { keys: ['Enter'], shown: ['Enter'], does: 'Open the highlighted row', place: 'Lists (queue and inbox)' },
  'toggle-select': {
    keys: ['x', ' '],
    shown: ['X', 'Space'],
    does: 'Tick or untick the highlighted row',
    place: 'Lists (queue and inbox)',
  },
  'bulk-bar': { keys: ['b'], shown: ['B'], does: 'Go to the actions for the ticked incidents', place: 'Queue' },
  'make-incident': { keys: ['i'], shown: ['I'], does: 'Make an incident of it', place: 'Inbox and messages' },
  'add-to-incident': { keys: ['a'], shown: ['A'], does: 'Add it to an incident', place: 'Inbox and messages' },
  'mark-noise': { keys: ['n'], shown: ['N'], does: 'Mark it as noise', place: 'Inbox and messages' },
  reply: { keys: ['r'], shown: ['R'], does: 'Reply to the reporter', place: 'Incident' },
} as const satisfies Record<string, ShortcutDefinition>;

export type Shortcut = keyof typeof SHORTCUTS;
const SHORTCUT_IDS = Object.keys(SHORTCUTS) as Shortcut[];

/**
 * Keys that move the highlight inside a focused list, as a grid's users expect (j and k work anywhere). The
 * lists read their moves from here, and the help shows them.
 */
export const LIST_MOVES = {
  ArrowDown: { move: 1, shown: '↓', does: 'Next row' },
  ArrowUp: { move: -1, shown: '↑', does: 'Previous row' },
  PageDown: { move: 'page-down', shown: 'Page Down', does: 'A page down' },
  PageUp: { move: 'page-up', shown: 'Page Up', does: 'A page up' },
  Home: { move: 'first', shown: 'Home', does: 'First row' },
  End: { move: 'last', shown: 'End', does: 'Last row' },
} as const;
export type ListMove = (typeof LIST_MOVES)[keyof typeof LIST_MOVES]['move'];

export function listMoveFor(key: string): ListMove | null {
  return Object.hasOwn(LIST_MOVES, key) ? LIST_MOVES[key as keyof typeof LIST_MOVES].move : null;
}

/** Keys that dialogs answer themselves; listed in the help, handled by each form. */
export const DIALOG_KEYS = [
  { shown: ['Ctrl+Enter'], does: 'Send the form (save, add, create)' },
  { shown: ['Esc'], does: 'Close the dialog' },
] as const;

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

function presses(id: Shortcut, press: KeyPress): boolean {
  const shortcut: ShortcutDefinition = SHORTCUTS[id];
  return shortcut.keys.includes(press.key) && (shortcut.withMod ?? false) === (press.ctrlKey || press.metaKey);
}

export function shortcutFor(press: KeyPress): Shortcut | null {
  if (press.altKey || press.inDialog) return null;
  if (press.ctrlKey || press.metaKey) return SHORTCUT_IDS.find((id) => presses(id, press)) ?? null;
  if (press.key === 'Escape') return press.typing ? null : 'back';
  if (press.typing) return null;
  if (press.key === 'Enter') return press.onControl ? null : 'open';
  // Space presses a focused button or ticks a box; on a row it selects, as x does.
  if (press.key === ' ' && (press.onControl || press.onChoice)) return null;
  return SHORTCUT_IDS.find((id) => presses(id, press)) ?? null;
}
