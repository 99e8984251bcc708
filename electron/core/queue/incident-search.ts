import { CompiledQuery, sql } from 'kysely';
import type { ExpressionBuilder, RawBuilder, SelectQueryBuilder } from 'kysely';
import { isEmptySearch, parseSearch } from '#shared/domain/search-query.ts';
import type { SearchQuery } from '#shared/domain/search-query.ts';
import type { Database } from '../store/schema.ts';
import type { Db } from '../store/store.ts';

/**
 * An agent's search (shared/domain/search-query.ts) as SQL: the words as an FTS5 query over `incident_fts`
 * (store/search-index.ts), the operators as conditions on the incident row. The queue's SQL and its in-memory
 * index both ask here, so a search answers the same from either.
 */
type IncidentQuery = SelectQueryBuilder<Database, 'incident', object>;

const phrase = (tokens: readonly string[], prefix: boolean) => `"${tokens.join(' ')}"${prefix ? ' *' : ''}`;

/** The FTS5 expression of the query's words, phrases, phone numbers and reporter terms; null when it has none. */
export function ftsExpression(query: SearchQuery): string | null {
  const parts = [
    // The last word is usually still being typed: every typed word matches as the start of a word.
    ...query.words.map((tokens) => phrase(tokens, true)),
    ...query.phrases.map((tokens) => phrase(tokens, false)),
    ...query.phones.map(
      (phone) => `(${[...phone.keys.map((key) => phrase([key], true)), phrase(phone.tokens, false)].join(' OR ')})`,
    ),
    ...query.from.map((tokens) => `reporter : ${phrase(tokens, true)}`),
  ];
  return parts.length ? parts.join(' AND ') : null;
}

export interface SearchContext {
  /** The signed-in agent, for `assignee:me`; null matches nobody. */
  readonly agentId: string | null;
}

/** Whether the query needs anything but the full-text index (its operators read the incident row). */
function readsIncidentRow(query: SearchQuery): boolean {
  return (
    query.statuses.length > 0 || query.priorities.length > 0 || query.numbers.length > 0 || query.assignees.length > 0
  );
}

function assigneeCondition(
  eb: ExpressionBuilder<Database, 'incident'>,
  term: string,
  context: SearchContext,
): RawBuilder<boolean> | ReturnType<typeof eb.val<boolean>> {
  if (term === 'me') return context.agentId ? sql<boolean>`assignee_id = ${context.agentId}` : eb.val(false);
  if (term === 'none') return sql<boolean>`assignee_id IS NULL`;
  // A word of the name from its start ("priya", "shah"), or the email from its start.
  return sql<boolean>`assignee_id IN (SELECT id FROM agent
    WHERE instr(' ' || lower(name), ${` ${term}`}) > 0 OR instr(lower(email), ${term}) = 1)`;
}

/** Narrows an incident query to what the search asks for. */
export function applySearch(query: IncidentQuery, search: SearchQuery, context: SearchContext): IncidentQuery {
  if (search.problems.length) return query.where(sql<boolean>`0`);
  let q = query;
  if (search.statuses.length) q = q.where('status', 'in', [...search.statuses]);
  if (search.priorities.length) q = q.where('priority', 'in', [...search.priorities]);
  if (search.numbers.length) {
    const numbers = [...search.numbers];
    q = q.where((eb) =>
      eb.or([
        eb('number', 'in', numbers),
        // An incident made here and not yet numbered by the hub is found by the number it shows.
        eb('id', 'in', eb.selectFrom('provisional_number').select('incident_id').where('number', 'in', numbers)),
      ]),
    );
  }
  if (search.assignees.length) {
    q = q.where((eb) => eb.or(search.assignees.map((term) => assigneeCondition(eb, term, context))));
  }
  const fts = ftsExpression(search);
  if (fts)
    q = q.where(sql<boolean>`incident.rowid IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ${fts})`);
  return q;
}

/** The search in the queue's filter, read; null when there is nothing to search for. */
export function readSearch(text: string | undefined): SearchQuery | null {
  if (!text?.trim()) return null;
  const query = parseSearch(text);
  return isEmptySearch(query) ? null : query;
}

/**
 * The rowids of the incidents the search finds, for the queue's in-memory index: the full-text index alone
 * when only words were typed, the incident rows too when operators were. Null when there is nothing to search.
 */
export async function searchRowids(
  db: Db,
  text: string | undefined,
  context: SearchContext,
): Promise<Set<number> | null> {
  const search = readSearch(text);
  if (!search) return null;
  const fts = ftsExpression(search);
  if (fts && !readsIncidentRow(search) && !search.problems.length) {
    const { rows } = await db.executeQuery<{ rowid: number }>(
      CompiledQuery.raw('SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?', [fts]),
    );
    return new Set(rows.map((row) => row.rowid));
  }
  const rows = await applySearch(db.selectFrom('incident'), search, context)
    .select(sql<number>`incident.rowid`.as('rowid'))
    .execute();
  return new Set(rows.map((row) => row.rowid));
}
