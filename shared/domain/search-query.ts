import { OPEN_STATUSES, PRIORITIES, PRIORITY_LABELS, status as statusEnum, STATUSES } from './enums.ts';
import type { Priority, Status } from './enums.ts';
import { looksLikePhone, phoneSearchKeys } from './phone.ts';

/**
 * What an agent types in the search box, read as a service desk's search reads it:
 *
 * - words match anywhere (number, title, description, reporter, notes, resolution, messages), each as the
 *   start of a word, all of them required: `printer toner`
 * - "quoted words" match as that exact phrase
 * - `#123` and `INC-123` find that incident by its number
 * - `from:lindqvist`, `from:"Mia Lindqvist"`, `from:mia@northwind.example`: the reporter
 * - `assignee:priya`, `assignee:me`, `assignee:none`
 * - `status:open`, `status:waiting`, `status:"in progress"`; `priority:1`, `priority:p2`, `priority:critical`
 * - a phone number, however spaced: `+1 555 2739`, `(555) 2739`, `5552739`
 *
 * Several values of one operator widen (`status:new status:assigned`); different operators and words narrow.
 * Pure: the core turns it into SQL, the screens into the words that say what is being searched.
 */
export interface SearchQuery {
  /** Free words: each is the tokens of one typed word (an email is one word of several tokens). */
  readonly words: readonly (readonly string[])[];
  /** Quoted phrases, as tokens. */
  readonly phrases: readonly (readonly string[])[];
  /** Phone numbers typed (or anything shaped like one: a date, an order number). */
  readonly phones: readonly PhoneTerm[];
  /** Reporter terms (from:), each as tokens. */
  readonly from: readonly (readonly string[])[];
  /** Assignee terms: `me`, `none`, or text to match against agents' names and emails. */
  readonly assignees: readonly string[];
  readonly statuses: readonly Status[];
  readonly priorities: readonly Priority[];
  readonly numbers: readonly number[];
  /** What could not be read ("status:soon is not a status…"): the search then matches nothing. */
  readonly problems: readonly string[];
}

/**
 * A run of digits typed: found by its phone keys anywhere, or by its digits as the words they are ("2024-01-15"
 * in a description is a date, not a phone number).
 */
export interface PhoneTerm {
  readonly keys: readonly string[];
  readonly tokens: readonly string[];
}

function phoneTerm(text: string): PhoneTerm {
  return { keys: phoneSearchKeys(text), tokens: searchTokens(text) };
}

export const SEARCH_OPERATORS = ['from', 'assignee', 'status', 'priority'] as const;
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

/** At most this many terms are searched for: a pasted paragraph must not become a query of a thousand parts. */
export const MAX_SEARCH_TERMS = 12;

/** Splits text into the tokens the index holds (letters and digits, NFKC-folded, case left to the index). */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

interface RawTerm {
  readonly operator: SearchOperator | null;
  readonly value: string;
  readonly quoted: boolean;
}

// A phone number is taken whole before the text is split at spaces: "+1 555 2739" is one term, not three.
const PHONE_RUN = /(?<=^|\s)\+?\(?\d[\d\s().\-/]*\d(?=\s|$)/g;
const TERM = /(?:(\w+):)?(?:"([^"]*)"?|(\S+))/g;

function rawTerms(text: string): { terms: RawTerm[]; phones: string[] } {
  const phones: string[] = [];
  // Phone runs inside quotes stay in their phrase.
  const unquoted = text.replace(/"[^"]*"?/g, (quoted) => ' '.repeat(quoted.length));
  let rest = text;
  for (const match of unquoted.matchAll(PHONE_RUN)) {
    if (!looksLikePhone(match[0])) continue;
    phones.push(match[0]);
    rest = rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length);
  }
  const terms: RawTerm[] = [];
  for (const match of rest.matchAll(TERM)) {
    const key = match[1]?.toLowerCase();
    const operator = (SEARCH_OPERATORS as readonly string[]).includes(key ?? '') ? (key as SearchOperator) : null;
    const quoted = match[2] !== undefined;
    const body = match[2] ?? match[3] ?? '';
    // An unknown "word:" is no operator: "error:" or a URL is searched as typed.
    const value = operator || !match[1] ? body : `${match[1]}:${body}`;
    if (value.trim()) terms.push({ operator, value: value.trim(), quoted });
  }
  return { terms, phones };
}

const fold = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

const STATUS_WORDS = new Map<string, readonly Status[]>([
  ...STATUSES.map((s) => [fold(s), [s]] as const),
  ...STATUSES.map((s) => [fold(statusEnum.labels[s]), [s]] as const),
  ['open', OPEN_STATUSES],
  ['waiting', ['waiting_on_customer']],
  ['pending', ['waiting_on_customer']],
  ['canceled', ['cancelled']],
]);

function readStatus(value: string): readonly Status[] | null {
  const wanted = fold(value);
  const exact = STATUS_WORDS.get(wanted);
  if (exact) return exact;
  // A unique beginning is enough: status:res, status:prog.
  const starts = STATUSES.filter((s) => fold(statusEnum.labels[s]).startsWith(wanted) || fold(s).startsWith(wanted));
  return wanted && starts.length === 1 ? starts : null;
}

function readPriority(value: string): Priority | null {
  const wanted = fold(value).replace(/^p(?=\d$)/, '');
  const number = PRIORITIES.find((p) => String(p) === wanted);
  if (number) return number;
  return PRIORITIES.find((p) => fold(PRIORITY_LABELS[p]) === wanted) ?? null;
}

const NUMBER = /^(?:#|inc-?)(\d{1,9})$/i;

/** Reads the search text. Never throws: what it cannot read is listed in `problems`. */
export function parseSearch(text: string): SearchQuery {
  const words: string[][] = [];
  const phrases: string[][] = [];
  const from: string[][] = [];
  const assignees: string[] = [];
  const statuses = new Set<Status>();
  const priorities = new Set<Priority>();
  const numbers: number[] = [];
  const problems: string[] = [];
  const { terms, phones: phoneTexts } = rawTerms(text);
  const phones = phoneTexts.map(phoneTerm);
  for (const term of terms.slice(0, MAX_SEARCH_TERMS)) {
    const { value } = term;
    switch (term.operator) {
      case 'from': {
        if (looksLikePhone(value)) phones.push(phoneTerm(value));
        else if (searchTokens(value).length) from.push(searchTokens(value));
        break;
      }
      case 'assignee':
        assignees.push(fold(value) === 'nobody' || fold(value) === 'unassigned' ? 'none' : value.toLowerCase());
        break;
      case 'status': {
        const found = readStatus(value);
        if (found) for (const s of found) statuses.add(s);
        else
          problems.push(
            `“${value}” is not a status (try open, new, assigned, in progress, waiting, resolved, closed).`,
          );
        break;
      }
      case 'priority': {
        const found = readPriority(value);
        if (found) priorities.add(found);
        else problems.push(`“${value}” is not a priority (1 to 5, or critical, high, moderate, low, planning).`);
        break;
      }
      case null: {
        const number = term.quoted ? null : NUMBER.exec(value);
        if (number) numbers.push(Number(number[1]));
        else if (searchTokens(value).length) (term.quoted ? phrases : words).push(searchTokens(value));
        break;
      }
    }
  }
  return {
    words,
    phrases,
    phones,
    from,
    assignees,
    statuses: [...statuses],
    priorities: [...priorities],
    numbers,
    problems,
  };
}

/** Whether the query asks for anything at all (blank text, or only spaces and punctuation, does not). */
export function isEmptySearch(query: SearchQuery): boolean {
  return (
    !query.words.length &&
    !query.phrases.length &&
    !query.phones.length &&
    !query.from.length &&
    !query.assignees.length &&
    !query.statuses.length &&
    !query.priorities.length &&
    !query.numbers.length &&
    !query.problems.length
  );
}
