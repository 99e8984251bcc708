import { CompiledQuery } from 'kysely';
import { STATUSES } from '#shared/domain/enums.ts';
import type { Status } from '#shared/domain/enums.ts';
import { dueRank, dueStateAt } from '#shared/domain/incident-due.ts';
import type { DuePhase } from '#shared/domain/incident-due.ts';
import type { SlaClockName } from '#shared/domain/sla-input.ts';
import type { QueueColumn, QueueFilter } from '#shared/domain/queue.ts';
import { isEmptySearch, parseSearch } from '#shared/domain/search-query.ts';
import type { Db } from '#core/store/store.ts';

/**
 * A reference for the queue, computed in plain JavaScript from every incident row: what filters should
 * match, how each column should sort, and what the search box should find. The queue's SQL and its
 * in-memory index are both checked against it.
 */
export interface ReferenceIncident {
  readonly id: string;
  readonly number: number | null;
  readonly provisionalNumber: number | null;
  readonly title: string;
  readonly description: string;
  readonly status: Status;
  readonly priority: number;
  readonly channel: string;
  readonly assigneeId: string | null;
  readonly assigneeName: string | null;
  readonly groupId: string | null;
  readonly groupName: string | null;
  readonly categoryId: string | null;
  readonly resolvedAt: string | null;
  readonly updatedAt: number;
  readonly notes: readonly string[];
  readonly due: {
    readonly phase: DuePhase;
    readonly clock: SlaClockName | null;
    readonly dueAt: number | null;
    readonly atRiskAt: number | null;
    readonly breachAt: number | null;
  };
  /** The reporter's name, email, phone and organisation. */
  readonly reporter: readonly string[];
  readonly resolutionNotes: string | null;
  /** Subjects and text of the messages linked to the incident. */
  readonly messages: readonly string[];
}

interface Row {
  id: string;
  number: number | null;
  provisional_number: number | null;
  title: string;
  description: string;
  status: string;
  priority: number;
  channel: string;
  assignee_id: string | null;
  assignee_name: string | null;
  group_id: string | null;
  group_name: string | null;
  category_id: string | null;
  resolved_at: string | null;
  updated_at: number;
  notes: string | null;
  sla_phase: string;
  sla_clock: string | null;
  sla_due_at: number | null;
  sla_at_risk_at: number | null;
  sla_breach_at: number | null;
  reporter: string | null;
  resolution_notes: string | null;
  messages: string | null;
}

export async function loadReferenceIncidents(db: Db): Promise<ReferenceIncident[]> {
  const { rows } = await db.executeQuery<Row>(
    CompiledQuery.raw(`SELECT i.*, (SELECT json_group_array(e.payload ->> '$.body') FROM timeline_event e
      WHERE e.entity = 'incident' AND e.entity_id = i.id AND e.type = 'note') AS notes,
      (SELECT p.number FROM provisional_number p WHERE p.incident_id = i.id) AS provisional_number,
      (SELECT json_array(c.name, c.email, c.phone, c.phone_keys, c.organisation) FROM contact c
        WHERE c.id = i.reporter_id) AS reporter,
      (SELECT json_group_array(m.subject || ' ' || substr(m.body_text, 1, 4000)) FROM message m
        WHERE m.incident_id = i.id) AS messages
      FROM incident i`),
  );
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    provisionalNumber: row.provisional_number,
    title: row.title,
    description: row.description,
    status: row.status as Status,
    priority: row.priority,
    channel: row.channel,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    groupId: row.group_id,
    groupName: row.group_name,
    categoryId: row.category_id,
    resolvedAt: row.resolved_at,
    updatedAt: row.updated_at,
    notes: row.notes ? (JSON.parse(row.notes) as string[]) : [],
    due: {
      phase: row.sla_phase as DuePhase,
      clock: row.sla_clock as SlaClockName | null,
      dueAt: row.sla_due_at,
      atRiskAt: row.sla_at_risk_at,
      breachAt: row.sla_breach_at,
    },
    reporter: row.reporter ? (JSON.parse(row.reporter) as (string | null)[]).filter((v) => v !== null) : [],
    resolutionNotes: row.resolution_notes,
    messages: row.messages ? (JSON.parse(row.messages) as string[]) : [],
  }));
}

/** SQLite's NOCASE: only ASCII letters fold; the rest compares by code point. */
function nocase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

type Key = number | string | null;

/** The value a queue column sorts by, as the agent perceives it. */
export function sortKey(incident: ReferenceIncident, column: QueueColumn): Key {
  switch (column) {
    case 'number':
      return incident.number;
    case 'priority':
      return incident.priority;
    case 'title':
      return nocase(incident.title);
    case 'status':
      // The lifecycle's order, not the alphabet's.
      return STATUSES.indexOf(incident.status);
    case 'assignee':
      return incident.assigneeName === null ? null : nocase(incident.assigneeName);
    case 'group':
      return incident.groupName === null ? null : nocase(incident.groupName);
    case 'channel':
      return incident.channel;
    case 'updated':
      return incident.updatedAt;
    case 'due':
      // The due instant (overdue first), then paused, met, and no SLA.
      return dueRank(incident.due);
  }
}

/** Ascending order of keys, empty values first (as SQL sorts NULL). */
export function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return byCodePoint(String(a), String(b));
}

/** The words FTS5's unicode61 tokenizer (remove_diacritics 2) makes of a text. */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether `words` occur one after another in `tokens`, the last as the start of a word when `prefix`. */
function containsRun(tokens: readonly string[], words: readonly string[], prefix: boolean): boolean {
  for (let start = 0; start + words.length <= tokens.length; start++) {
    const matches = words.every((word, i) =>
      prefix && i === words.length - 1 ? tokens[start + i]!.startsWith(word) : tokens[start + i] === word,
    );
    if (matches) return true;
  }
  return false;
}

/**
 * Whether an incident matches what the agent typed (read by the shared parser, matched here independently):
 * each typed word's tokens run together in one of the incident's texts, the last as the start of a word; a
 * quoted phrase exactly; `from:` only in the reporter; the operators against the incident's fields.
 */
export function matchesSearch(incident: ReferenceIncident, text: string, context: ReferenceContext): boolean {
  const query = parseSearch(text);
  if (isEmptySearch(query)) return true;
  if (query.problems.length) return false;
  const columns = [
    [incident.number === null ? '' : `INC-${incident.number}`],
    [incident.title],
    [incident.description],
    incident.reporter,
    incident.notes,
    [incident.resolutionNotes ?? ''],
    incident.messages,
  ].map((texts) => searchTokens(texts.join('\n')));
  const norm = (tokens: readonly string[]) => searchTokens(tokens.join(' '));
  const anywhere = (tokens: readonly string[], prefix: boolean) =>
    columns.some((column) => containsRun(column, norm(tokens), prefix));
  const reporter = columns[3]!;
  return (
    query.words.every((tokens) => anywhere(tokens, true)) &&
    query.phrases.every((tokens) => anywhere(tokens, false)) &&
    query.phones.every((phone) => phone.keys.some((key) => anywhere([key], true)) || anywhere(phone.tokens, false)) &&
    query.from.every((tokens) => containsRun(reporter, norm(tokens), true)) &&
    (!query.statuses.length || query.statuses.includes(incident.status)) &&
    (!query.priorities.length || (query.priorities as number[]).includes(incident.priority)) &&
    (!query.numbers.length ||
      query.numbers.some(
        (n) => n === incident.number || (incident.number === null && n === incident.provisionalNumber),
      )) &&
    (!query.assignees.length ||
      query.assignees.some((term) =>
        term === 'me'
          ? context.agentId !== null && incident.assigneeId === context.agentId
          : term === 'none'
            ? incident.assigneeId === null
            : incident.assigneeName !== null && ` ${nocase(incident.assigneeName).toLowerCase()}`.includes(` ${term}`),
      ))
  );
}

export interface ReferenceContext {
  readonly agentId: string | null;
  readonly nowMs: number;
}

/** Whether an incident passes every part of a queue filter. */
export function matchesFilter(incident: ReferenceIncident, filter: QueueFilter, context: ReferenceContext): boolean {
  const people = (refs: readonly string[] | undefined, value: string | null, me: string | null) =>
    !refs?.length ||
    refs.some((ref) => (ref === 'none' ? value === null : ref === 'me' ? me !== null && value === me : value === ref));
  if (filter.statuses?.length && !filter.statuses.includes(incident.status)) return false;
  if (filter.priorities?.length && !(filter.priorities as number[]).includes(incident.priority)) return false;
  if (filter.channels?.length && !(filter.channels as string[]).includes(incident.channel)) return false;
  if (filter.categoryIds?.length && !filter.categoryIds.includes(incident.categoryId ?? '')) return false;
  if (!people(filter.assigneeIds, incident.assigneeId, context.agentId)) return false;
  if (!people(filter.groupIds, incident.groupId, null)) return false;
  if (filter.resolvedWithinDays !== undefined) {
    const since = context.nowMs - filter.resolvedWithinDays * 86_400_000;
    if (incident.resolvedAt === null || Date.parse(incident.resolvedAt) < since) return false;
  }
  if (filter.dueStates?.length && !filter.dueStates.includes(dueStateAt(incident.due, context.nowMs))) return false;
  return filter.text === undefined || matchesSearch(incident, filter.text, context);
}
