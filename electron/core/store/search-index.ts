/**
 * The full-text index of incidents (`incident_fts`, FTS5, contentless): what an agent's search words are
 * matched against. One row per incident, rebuilt by the write path whenever anything it is made of changes:
 * the incident itself, its reporter's contact, or a message linked to it (those change apart from the
 * incident, so the write path follows them back to their incidents: `SEARCH_FOLLOWERS`).
 *
 * Columns, in the order FTS5 numbers them (a column filter in a query names them):
 * - number: "INC-1042"
 * - title, description
 * - reporter: the contact's name, email, phone (as stored and as the digit keys of shared/domain/phone.ts)
 *   and organisation
 * - notes: the internal notes
 * - resolution: the resolution notes (and the cause, once the store has one: it joins this column)
 * - messages: subjects and text of the messages on the incident (email, calls, alerts)
 */
export const SEARCH_COLUMNS = [
  'number',
  'title',
  'description',
  'reporter',
  'notes',
  'resolution',
  'messages',
] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

/**
 * How much of each message's text is indexed: the part a person wrote, not the quoted history of a long
 * thread, which repeats what earlier messages (already indexed) said and would only grow the index.
 */
export const MESSAGE_TEXT_INDEXED = 4_000;

/**
 * A contact saved before phone keys existed (or by an older version) is still found by the digits of its
 * number as typed.
 */
const PHONE_DIGITS = `replace(replace(replace(replace(replace(replace(c.phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')`;

/** Which incidents a statement covers: those whose ids are bound as a JSON list, or every one (a rebuild). */
export type SearchScope = 'listed' | 'all';

export const DELETE_SEARCH = `DELETE FROM incident_fts
  WHERE rowid IN (SELECT rowid FROM incident WHERE id IN (SELECT value FROM json_each(?)))`;

export const CLEAR_SEARCH = "INSERT INTO incident_fts (incident_fts) VALUES ('delete-all')";

export const insertSearchSql = (scope: SearchScope) => `INSERT INTO incident_fts (rowid, ${SEARCH_COLUMNS.join(', ')})
  SELECT i.rowid, CASE WHEN i.number IS NULL THEN '' ELSE 'INC-' || i.number END, i.title, i.description,
    coalesce((SELECT concat_ws(' ', c.name, c.email, c.phone, coalesce(c.phone_keys, ${PHONE_DIGITS}), c.organisation) FROM contact c
              WHERE c.id = i.reporter_id), ''),
    coalesce((SELECT group_concat(e.payload ->> '$.body', char(10)) FROM timeline_event e
              WHERE e.entity_id = i.id AND e.entity = 'incident' AND e.type = 'note'), ''),
    coalesce(i.resolution_notes, ''),
    coalesce((SELECT group_concat(m.subject || char(10) || substr(m.body_text, 1, ${MESSAGE_TEXT_INDEXED}), char(10))
              FROM message m WHERE m.incident_id = i.id), '')
  FROM incident i ${scope === 'listed' ? 'WHERE i.id IN (SELECT value FROM json_each(?))' : ''}`;

/**
 * For each kind of entity that feeds search rows without being an incident: the incidents whose rows a
 * change to the entities (bound as a JSON list of ids) makes stale.
 */
export const SEARCH_FOLLOWERS = {
  contact: 'SELECT id FROM incident WHERE reporter_id IN (SELECT value FROM json_each(?))',
  message: `SELECT DISTINCT incident_id AS id FROM message
    WHERE id IN (SELECT value FROM json_each(?)) AND incident_id IS NOT NULL`,
} as const;
