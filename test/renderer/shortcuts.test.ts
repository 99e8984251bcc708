import { describe, expect, it } from 'vitest';
import { LIST_MOVES, listMoveFor, SHORTCUTS, shortcutFor } from '../../renderer/src/navigation/shortcuts.ts';
import type { KeyPress } from '../../renderer/src/navigation/shortcuts.ts';

const press = (key: string, context: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  onControl: false,
  onChoice: false,
  inDialog: false,
  ...context,
});

describe('keyboard shortcuts', () => {
  it('maps the queue letters when the agent is not typing', () => {
    expect(['j', 'k', '/', 'c', 'Enter', 'Escape'].map((key) => shortcutFor(press(key)))).toEqual([
      'next',
      'previous',
      'search',
      'new-incident',
      'open',
      'back',
    ]);
  });

  it('opens the KPIs with Shift+K, leaving k to walk up a list', () => {
    expect(shortcutFor(press('K'))).toBe('open-kpis');
    expect(shortcutFor(press('k'))).toBe('previous');
  });

  it('moves to the bulk bar with b', () => {
    expect(shortcutFor(press('b'))).toBe('bulk-bar');
    expect(shortcutFor(press('b', { typing: true }))).toBeNull();
  });

  for (const key of ['j', 'k', 'K', '/', 'c', 'l', 'x', 'b', ' ', 'i', 'a', 'n', 'Enter', 'Escape']) {
    it(`leaves ${key} alone while typing or in a dialog`, () => {
      expect(shortcutFor(press(key, { typing: true }))).toBeNull();
      expect(shortcutFor(press(key, { inDialog: true }))).toBeNull();
    });
  }

  it('maps the inbox letters, and Space to selecting when no control wants it', () => {
    expect(['l', 'x', ' ', 'i', 'a', 'n'].map((key) => shortcutFor(press(key)))).toEqual([
      'log-contact',
      'toggle-select',
      'toggle-select',
      'make-incident',
      'add-to-incident',
      'mark-noise',
    ]);
    expect(shortcutFor(press(' ', { onControl: true }))).toBeNull();
    expect(shortcutFor(press(' ', { onChoice: true }))).toBeNull();
  });

  it('takes letters and Enter on a checkbox or radio button, which type nothing', () => {
    expect(shortcutFor(press('j', { onChoice: true }))).toBe('next');
    expect(shortcutFor(press('Enter', { onChoice: true }))).toBe('open');
  });

  it('leaves Enter to buttons and links, and modified keys to the system', () => {
    expect(shortcutFor(press('Enter', { onControl: true }))).toBeNull();
    expect(shortcutFor(press('c', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('j', { metaKey: true }))).toBeNull();
  });
});

describe('the command palette and the shortcut help', () => {
  it('opens the palette with Ctrl+K or Cmd+K, even from the search box, but not from a dialog', () => {
    expect(shortcutFor(press('k', { ctrlKey: true }))).toBe('command-palette');
    expect(shortcutFor(press('k', { metaKey: true, typing: true }))).toBe('command-palette');
    expect(shortcutFor(press('k', { ctrlKey: true, inDialog: true }))).toBeNull();
  });

  it('shows the shortcuts with ?, but not while typing', () => {
    expect(shortcutFor(press('?'))).toBe('show-shortcuts');
    expect(shortcutFor(press('?', { typing: true }))).toBeNull();
  });

  it('answers every key the help lists with the shortcut it describes', () => {
    for (const [id, shortcut] of Object.entries(SHORTCUTS)) {
      const withMod = 'withMod' in shortcut && shortcut.withMod;
      for (const key of shortcut.keys) {
        // Shift+K is the KPIs, not the palette, unless Ctrl is held.
        if (id === 'command-palette' && key === 'K') continue;
        expect(shortcutFor(press(key, { ctrlKey: withMod })), key).toBe(id);
      }
    }
  });

  it('reads the lists’ moves from the same table the help shows', () => {
    expect(Object.keys(LIST_MOVES).map(listMoveFor)).toEqual([1, -1, 'page-down', 'page-up', 'first', 'last']);
    expect(listMoveFor('j')).toBeNull();
  });
});
