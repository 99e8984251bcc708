import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '#shared/domain/enums.ts';
import { looksLikePhone, normalisePhone, phoneSearchKeys } from '#shared/domain/phone.ts';
import { isEmptySearch, parseSearch } from '#shared/domain/search-query.ts';

describe('reading the search box', () => {
  it('takes words as words, a typed email as one run of tokens, and quoted phrases as phrases', () => {
    const query = parseSearch('printer "tray 2" mia.lindqvist51@northwind.example');
    expect(query.words).toEqual([['printer'], ['mia', 'lindqvist51', 'northwind', 'example']]);
    expect(query.phrases).toEqual([['tray', '2']]);
    expect(query.problems).toEqual([]);
  });

  it('reads #123 and INC-123 as incident numbers, in any case', () => {
    expect(parseSearch('#123').numbers).toEqual([123]);
    expect(parseSearch('INC-45 inc-46 inc47').numbers).toEqual([45, 46, 47]);
    expect(parseSearch('"INC-45"').numbers).toEqual([]);
  });

  it('reads from:, assignee:, status: and priority:, quoted values included', () => {
    const query = parseSearch('from:"Mia Lindqvist" assignee:Priya status:waiting priority:p1 printer');
    expect(query.from).toEqual([['Mia', 'Lindqvist']]);
    expect(query.assignees).toEqual(['priya']);
    expect(query.statuses).toEqual(['waiting_on_customer']);
    expect(query.priorities).toEqual([1]);
    expect(query.words).toEqual([['printer']]);
  });

  it('knows statuses by value, by label, by a unique beginning, and "open" for every open one', () => {
    expect(parseSearch('status:in_progress').statuses).toEqual(['in_progress']);
    expect(parseSearch('status:"In progress"').statuses).toEqual(['in_progress']);
    expect(parseSearch('status:in-progress').statuses).toEqual(['in_progress']);
    expect(parseSearch('status:res').statuses).toEqual(['resolved']);
    expect(parseSearch('status:open').statuses).toEqual(OPEN_STATUSES);
    expect(parseSearch('status:new status:closed').statuses).toEqual(['new', 'closed']);
  });

  it('knows priorities by number, by P-number and by name', () => {
    expect(parseSearch('priority:3').priorities).toEqual([3]);
    expect(parseSearch('priority:P4').priorities).toEqual([4]);
    expect(parseSearch('priority:critical priority:Planning').priorities).toEqual([1, 5]);
  });

  it('says what it could not read instead of guessing', () => {
    expect(parseSearch('status:someday').problems).toHaveLength(1);
    expect(parseSearch('priority:9').problems).toHaveLength(1);
    expect(isEmptySearch(parseSearch('status:someday'))).toBe(false);
  });

  it('keeps an unknown word: as text', () => {
    expect(parseSearch('error:0x80070005').words).toEqual([['error', '0x80070005']]);
  });

  it('reads assignee:me, assignee:none and its other names', () => {
    expect(parseSearch('assignee:me assignee:nobody assignee:unassigned').assignees).toEqual(['me', 'none', 'none']);
  });

  it('takes a phone number whole, however it is spaced', () => {
    for (const text of ['+1 555 2739', '(555) 2739', '555-2739', '5552739']) {
      const query = parseSearch(`${text} printer`);
      expect(query.phones, text).toHaveLength(1);
      expect(query.phones[0]!.keys, text).toContain('5552739');
      expect(query.words, text).toEqual([['printer']]);
    }
    expect(parseSearch('from:+1 555 2739').phones[0]!.keys).toContain('5552739');
  });

  it('leaves short numbers, incident numbers and phone numbers in quotes alone', () => {
    expect(parseSearch('tray 2 2024').phones).toEqual([]);
    expect(parseSearch('INC-1234567').phones).toEqual([]);
    expect(parseSearch('"+1 555 2739"').phones).toEqual([]);
  });

  it('finds nothing to search in blank text or punctuation', () => {
    expect(isEmptySearch(parseSearch('   '))).toBe(true);
    expect(isEmptySearch(parseSearch('— * ()'))).toBe(true);
  });
});

describe('phone numbers', () => {
  it('stores a valid number in the international format and anything else as typed', () => {
    expect(normalisePhone('+1 (212) 555-2739')).toBe('+1 212 555 2739');
    expect(normalisePhone('  +44 20 7946  0958 ')).toBe('+44 20 7946 0958');
    expect(normalisePhone('ext.  42')).toBe('ext. 42');
  });

  it('finds a number by all its digits, its national number and without a trunk prefix', () => {
    expect(phoneSearchKeys('+1 555 2739')).toEqual(['15552739', '5552739']);
    expect(phoneSearchKeys('(555) 2739')).toEqual(['5552739']);
    expect(phoneSearchKeys('020 7946 0958')).toEqual(['02079460958', '2079460958']);
    expect(phoneSearchKeys('+44 20 7946 0958')).toEqual(['442079460958', '2079460958']);
    expect(phoneSearchKeys('12 34')).toEqual([]);
  });

  it('tells a phone number from other text', () => {
    expect(looksLikePhone('+1 555 2739')).toBe(true);
    expect(looksLikePhone('(555) 2739')).toBe(true);
    expect(looksLikePhone('2739')).toBe(false);
    expect(looksLikePhone('INC-5552739')).toBe(false);
  });
});
