import { describe, expect, it } from 'vitest';
import { shortcutFor } from '../../renderer/src/navigation/shortcuts.ts';
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
