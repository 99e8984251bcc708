import { describe, expect, it } from 'vitest';
import { quotedHistory, readAddresses, replyText, writeAddresses } from '../../renderer/src/incident/reply-text.ts';
import { shortcutFor } from '../../renderer/src/navigation/shortcuts.ts';

const quote = { from: 'Dana Customer', at: '2026-03-02T08:00:00.000Z', text: 'Tray 2 jams.\n\nEvery job.\n' };

describe('the reply composer', () => {
  it('opens with r, but not while the agent types or a dialog is open', () => {
    const press = { key: 'r', ctrlKey: false, metaKey: false, altKey: false, onControl: false, onChoice: false };
    expect(shortcutFor({ ...press, typing: false, inDialog: false })).toBe('reply');
    expect(shortcutFor({ ...press, typing: true, inDialog: false })).toBeNull();
    expect(shortcutFor({ ...press, typing: false, inDialog: true })).toBeNull();
  });

  it('quotes the answered mail below the reply when the agent keeps it', () => {
    expect(quotedHistory(quote)).toBe('On 2026-03-02, Dana Customer wrote:\n> Tray 2 jams.\n>\n> Every job.');
    expect(replyText('We are on it.  \n', quote, true)).toBe(
      'We are on it.\n\nOn 2026-03-02, Dana Customer wrote:\n> Tray 2 jams.\n>\n> Every job.\n',
    );
    expect(replyText('We are on it.', quote, false)).toBe('We are on it.');
    expect(replyText('We are on it.', null, true)).toBe('We are on it.');
  });

  it('reads the Cc field as addresses, named or bare, and names what is not one', () => {
    const { recipients, wrong } = readAddresses(
      'Lee Colleague <lee@northwind.example>; kim@northwind.example,\nnobody',
    );
    expect(recipients).toEqual([
      { name: 'Lee Colleague', address: 'lee@northwind.example' },
      { name: '', address: 'kim@northwind.example' },
    ]);
    expect(wrong).toEqual(['nobody']);
    expect(writeAddresses(recipients)).toBe('Lee Colleague <lee@northwind.example>, kim@northwind.example');
    expect(readAddresses('  ')).toEqual({ recipients: [], wrong: [] });
  });
});
