import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '#shared/domain/notifications.ts';
import { contract, HANDLER_NAMES } from '#shared/contract.ts';
import type { HandlerInput, HandlerName } from '#shared/contract.ts';
import { openDemoCore } from '../helpers/demo-workspace.ts';
import type { DemoCore } from '../helpers/demo-workspace.ts';
import { fingerprintDatabase } from '../helpers/fingerprint.ts';
import type { DatabaseFingerprint } from '../helpers/fingerprint.ts';
import { call, refusal } from '../helpers/invoke.ts';
import { DEFAULT_RULE_IDS, DEFAULT_TEMPLATE_IDS } from '#core/automation/default-automation.ts';

type ValidInputs = { [N in HandlerName]: HandlerInput<N> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const long = (n: number) => 'x'.repeat(n);

/** Values of the wrong kind for a leaf: a number where text goes, text where a number goes, and so on. */
function wrongValuesFor(value: unknown): unknown[] {
  if (typeof value === 'string') return UUID.test(value) ? [42, 'not-a-uuid', value.replaceAll('-', '')] : [42];
  if (typeof value === 'number') return [String(value), value + 0.5, -1];
  if (typeof value === 'boolean') return [String(value), 1];
  if (value === null) return [42];
  if (Array.isArray(value)) return ['x', {}];
  return ['x', []];
}

interface Variant {
  readonly where: string;
  readonly input: unknown;
}

/** Every copy of `input` with exactly one nested value (not the root) replaced by one of the wrong kind. */
function wrongTypeVariants(input: unknown): Variant[] {
  const variants: Variant[] = [];
  const visit = (node: unknown, path: (string | number)[], replace: (value: unknown) => unknown) => {
    if (path.length) {
      for (const wrong of wrongValuesFor(node)) {
        variants.push({ where: `${path.join('.')} = ${JSON.stringify(wrong)}`, input: replace(wrong) });
      }
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) =>
        visit(item, [...path, index], (value) => replace(node.map((x, i) => (i === index ? value : x)))),
      );
    } else if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        visit((node as Record<string, unknown>)[key], [...path, key], (value) =>
          replace({ ...(node as Record<string, unknown>), [key]: value }),
        );
      }
    }
  };
  visit(input, [], (value) => value);
  return variants;
}

/** Wrong values that have the right type: ids that are not UUIDs, unknown enum values, numbers out of range. */
function specificVariants(valid: ValidInputs): { [N in HandlerName]: Record<string, unknown>[] } {
  const matrixRow = [1, 2, 3];
  return {
    'session/get': [{ agentId: valid['session/signIn'].agentId }],
    'session/signIn': [{ agentId: 'alex.morgan' }, { agentId: '' }, {}],
    'session/register': [
      { name: '', email: 'new.agent@northwind.example' },
      { name: '   ', email: 'new.agent@northwind.example' },
      { name: long(121), email: 'new.agent@northwind.example' },
      { name: 'New Agent', email: 'not-an-email' },
      { name: 'New Agent' },
    ],
    'workspace/createDemo': [{ incidents: 10 }],
    'reference/get': [{ agentId: valid['session/signIn'].agentId }],
    'agent/save': [
      { ...valid['agent/save'], role: 'admin' },
      { ...valid['agent/save'], groupIds: ['service-desk'] },
      { ...valid['agent/save'], groupIds: Array.from({ length: 51 }, () => valid['group/save'].id) },
      { ...valid['agent/save'], id: 'alex' },
      { ...valid['agent/save'], email: 'alex@' },
      { ...valid['agent/save'], active: undefined },
    ],
    'group/save': [
      { ...valid['group/save'], name: '   ' },
      { ...valid['group/save'], description: long(1001) },
      { ...valid['group/save'], id: 'network' },
    ],
    'contact/save': [
      { ...valid['contact/save'], email: 'nope' },
      { ...valid['contact/save'], name: '' },
      { ...valid['contact/save'], phone: long(41) },
    ],
    'contact/search': [{ text: 'ann', limit: 0 }, { text: 'ann', limit: 51 }, { text: long(201) }, { limit: 5 }],
    'contact/get': [
      { ids: [] },
      { ids: ['ann'] },
      { ids: Array.from({ length: 201 }, () => valid['incident/get'].id) },
      {},
    ],
    'category/save': [
      { ...valid['category/save'], subcategories: [''] },
      { ...valid['category/save'], subcategories: Array.from({ length: 101 }, (_, i) => `Sub ${i}`) },
      { ...valid['category/save'], name: long(121) },
    ],
    'service/save': [{ ...valid['service/save'], name: '' }],
    'priority/saveMatrix': [
      { cells: [matrixRow, matrixRow, [3, 4, 6]] },
      { cells: [matrixRow, matrixRow] },
      { cells: [matrixRow, matrixRow, [3, 4]] },
      { cells: [matrixRow, matrixRow, [0, 4, 5]] },
    ],
    'incident/create': [
      { ...valid['incident/create'], channel: 'fax' },
      { ...valid['incident/create'], impact: 4 },
      { ...valid['incident/create'], urgency: 0 },
      { ...valid['incident/create'], categoryId: 'hardware' },
      { ...valid['incident/create'], reportedAt: 'yesterday' },
      { ...valid['incident/create'], reportedAt: '2026-03-02' },
      { ...valid['incident/create'], priorityOverride: { priority: 1 } },
      { ...valid['incident/create'], priorityOverride: { priority: 1, reason: '  ' } },
      { ...valid['incident/create'], priorityOverride: { priority: 6, reason: 'CEO' } },
      { ...valid['incident/create'], tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) },
      { ...valid['incident/create'], tags: [long(41)] },
      { ...valid['incident/create'], title: long(201) },
      { ...valid['incident/create'], title: '' },
      { ...valid['incident/create'], status: 'closed' },
    ],
    'incident/get': [{ id: 'INC-12' }, { id: 12 }, {}],
    'incident/update': [
      { id: valid['incident/get'].id, fields: {} },
      { id: valid['incident/get'].id, fields: { status: 'closed' } },
      { id: valid['incident/get'].id, fields: { assigneeId: valid['session/signIn'].agentId } },
      { id: valid['incident/get'].id, fields: { number: 7 } },
      { id: valid['incident/get'].id, fields: { title: '' } },
      { id: 'INC-12', fields: { title: 'x' } },
    ],
    'incident/assign': [
      { id: valid['incident/get'].id, assigneeId: 'me' },
      { id: valid['incident/get'].id },
      { id: valid['incident/get'].id, assigneeId: null, groupId: 'none' },
    ],
    'incident/transition': [
      { id: valid['incident/get'].id, action: 'archive' },
      { id: valid['incident/get'].id, action: 'resolve', notes: 'Fixed', resolutionCode: 'fixed' },
      { id: valid['incident/get'].id, action: 'resolve', notes: long(20_001), resolutionCode: 'duplicate' },
      { ...valid['incident/transition'], cause: long(2_001) },
      { id: valid['incident/get'].id },
    ],
    'incident/bulkChange': [
      { ids: [], change: valid['incident/bulkChange'].change },
      { ids: ['INC-1'], change: valid['incident/bulkChange'].change },
      { ...valid['incident/bulkChange'], change: { kind: 'delete' } },
      { ...valid['incident/bulkChange'], change: { kind: 'status', action: 'archive' } },
      { ...valid['incident/bulkChange'], change: { kind: 'priority', priority: 6, reason: 'Board asked' } },
      { ...valid['incident/bulkChange'], change: { kind: 'priority', priority: 1, reason: '' } },
      { ...valid['incident/bulkChange'], change: { kind: 'tag', tag: long(41) } },
      { ...valid['incident/bulkChange'], change: { kind: 'assign', assigneeId: 'me' } },
      { ids: Array.from({ length: 5001 }, () => valid['incident/get'].id), change: { kind: 'tag', tag: 'x' } },
    ],
    'incident/undoBulk': [{ undoId: 'last' }, {}],
    'incident/addNote': [
      { id: valid['incident/get'].id, body: '   ' },
      { id: valid['incident/get'].id, body: long(20_001) },
      { id: valid['incident/get'].id },
    ],
    'queue/page': [
      { ...valid['queue/page'], limit: 0 },
      { ...valid['queue/page'], limit: 501 },
      { ...valid['queue/page'], offset: -1 },
      { ...valid['queue/page'], sort: { column: 'reporter', direction: 'asc' } },
      { ...valid['queue/page'], sort: { column: 'priority', direction: 'up' } },
      { ...valid['queue/page'], filter: { statuses: ['open'] } },
      { ...valid['queue/page'], filter: { priorities: [0] } },
      { ...valid['queue/page'], filter: { assigneeIds: ['someone'] } },
      { ...valid['queue/page'], filter: { groupIds: ['me'] } },
      { ...valid['queue/page'], filter: { text: long(201) } },
      { ...valid['queue/page'], filter: { resolvedWithinDays: 0 } },
      { ...valid['queue/page'], filter: { bogus: true } },
      { ...valid['queue/page'], filter: { dueStates: ['late'] } },
      { ...valid['queue/page'], sort: { column: 'sla', direction: 'asc' } },
      ...[
        { figure: 'slaMet' },
        { figure: 'backlog' },
        { figure: 'resolved', filters: undefined },
        { figure: 'resolved', measure: undefined },
        { figure: 'resolved', bucket: -1 },
        { figure: 'everything' },
        { figure: 'resolved', slice: { agentId: 'me' } },
      ].map((drill) => ({
        ...valid['queue/page'],
        filter: { kpi: { period: { preset: 'today' }, filters: {}, measure: 'calendar', ...drill } },
      })),
      { filter: {}, sort: { column: 'number', direction: 'asc' }, offset: 0 },
    ],
    'queue/views': [{ agentId: valid['session/signIn'].agentId }],
    'view/save': [
      { ...valid['view/save'], name: '' },
      { ...valid['view/save'], name: long(81) },
      { ...valid['view/save'], filter: { statuses: ['done'] } },
      { ...valid['view/save'], id: 'my-open' },
    ],
    'queue/ids': [
      { ...valid['queue/ids'], limit: 5001 },
      { ...valid['queue/ids'], limit: 0 },
      { filter: {}, limit: 10 },
    ],
    'view/reorder': [
      { ids: [] },
      { ids: ['my-open'] },
      { ids: [valid['view/reorder'].ids[0], valid['view/reorder'].ids[0]] },
    ],
    'view/delete': [{ id: 'my-open' }, { id: 'unassigned' }, {}],
    'sync/status': [{ verbose: true }],
    'sync/connect': [
      { ...valid['sync/connect'], hubUrl: 'not a url' },
      { ...valid['sync/connect'], hubUrl: 'ftp://hub.example.com' },
      { ...valid['sync/connect'], hubUrl: 'javascript:alert(1)' },
      { ...valid['sync/connect'], token: 'short' },
      { ...valid['sync/connect'], token: long(201) },
      { hubUrl: valid['sync/connect'].hubUrl },
    ],
    'draft/get': [
      { key: 'notes' },
      { key: 'incident:INC-1:note' },
      { key: 'incident:' + valid['incident/get'].id + ':title' },
      {},
    ],
    'draft/save': [
      { key: 'new-incident' },
      { key: 'new-incident', value: 'a title' },
      { key: 'new-incident', value: { title: long(100_001) } },
      { ...valid['draft/save'], key: '../new-incident' },
    ],
    'draft/discard': [{ key: '' }, { key: 42 }],
    'preferences/get': [{ agentId: valid['session/signIn'].agentId }],
    'preferences/save': [{ queueColumns: ['Title!'] }, { queueColumns: 'title' }, { colour: 'blue' }],
    'sync/disconnect': [{ forget: true }],
    'sync/now': [{ force: true }],
    'sync/notices': [{ limit: 5 }],
    'team/agents': [{ team: 'Service Desk' }],
    'team/addAgent': [
      { ...valid['team/addAgent'], email: 'not an email' },
      { ...valid['team/addAgent'], role: 'owner' },
      { ...valid['team/addAgent'], name: '' },
      { email: valid['team/addAgent'].email },
    ],
    'team/issueToken': [{ ...valid['team/issueToken'], email: 'nobody' }, { label: 'laptop' }],
    'inbox/list': [{ channels: ['fax'] }, { states: ['done'] }, { limit: 501 }, { offset: -1 }, { text: long(201) }],
    'inbox/get': [{ id: 'message-1' }, {}],
    'inbox/html': [{ id: 'message-1' }],
    'inbox/attachment': [
      { ...valid['inbox/attachment'], hash: 'xyz' },
      { ...valid['inbox/attachment'], hash: 'A'.repeat(64) },
      { id: valid['inbox/attachment'].id },
    ],
    'inbox/suggest': [{ id: 'message-1' }],
    'inbox/createIncident': [
      { ids: [] },
      { ...valid['inbox/createIncident'], impact: 4 },
      { ...valid['inbox/createIncident'], ids: ['message-1'] },
      { ...valid['inbox/createIncident'], title: long(201) },
    ],
    'inbox/addToIncident': [
      { ids: valid['inbox/addToIncident'].ids },
      { ...valid['inbox/addToIncident'], incidentId: 'INC-1' },
    ],
    'inbox/markNoise': [{ ids: [] }, { ids: Array.from({ length: 501 }, () => valid['incident/get'].id) }],
    'inbox/restore': [{ ids: [] }, { ids: ['message-1'] }],
    'intake/logContact': [
      { ...valid['intake/logContact'], direction: 'sideways' },
      { ...valid['intake/logContact'], channel: 'email' },
      { ...valid['intake/logContact'], subject: '' },
      { ...valid['intake/logContact'], urgency: 0 },
      { ...valid['intake/logContact'], direction: 'outbound', incidentId: null },
      { ...valid['intake/logContact'], direction: 'sideways' },
    ],
    'upload/begin': [
      { name: '', size: 1 },
      { name: 'inbox.mbox', size: -1 },
    ],
    'upload/chunk': [
      { ...valid['upload/chunk'], data: 'not base64!' },
      { ...valid['upload/chunk'], offset: -1 },
      { ...valid['upload/chunk'], data: 'A'.repeat(786_433) },
    ],
    'intake/importUpload': [{ uploadId: 'upload-1' }],
    'mailbox/list': [{ withHealth: true }],
    'mailbox/save': [
      ...[
        '',
        'not a host!',
        'imap..example.com',
        '-imap.example.com',
        '999.12.1.1',
        `${long(250)}.com`,
        'imap_1.example.com',
      ].map((host) => ({ ...valid['mailbox/save'], host })),
      { ...valid['mailbox/save'], port: 0 },
      { ...valid['mailbox/save'], port: 65_536 },
      { ...valid['mailbox/save'], mode: 'push' },
      { ...valid['mailbox/save'], pollSeconds: 4 },
      { ...valid['mailbox/save'], pollSeconds: 3_601 },
      { ...valid['mailbox/save'], maxMessageBytes: 1_000 },
      { ...valid['mailbox/save'], maxMessageBytes: 200 * 1024 * 1024 },
      { ...valid['mailbox/save'], name: '  ' },
      { ...valid['mailbox/save'], name: long(81) },
      { ...valid['mailbox/save'], username: '' },
      { ...valid['mailbox/save'], folder: '' },
      { ...valid['mailbox/save'], folder: 'IN\nBOX' },
      { ...valid['mailbox/save'], password: '' },
      { ...valid['mailbox/save'], password: 'two\nlines' },
      { ...valid['mailbox/save'], password: long(1_025) },
      // A new mailbox needs its password.
      { ...valid['mailbox/save'], id: undefined, password: undefined },
      { ...valid['mailbox/save'], enabled: undefined },
    ],
    'mailbox/delete': [{ id: 'support' }, {}],
    'mailbox/test': [
      { ...valid['mailbox/test'], host: 'imap example com' },
      { ...valid['mailbox/test'], port: 70_000 },
      { ...valid['mailbox/test'], folder: '' },
      { ...valid['mailbox/test'], id: undefined, password: undefined },
    ],
    'mailbox/syncNow': [{ id: 'support' }, {}],
    'incident/sla': [{ id: 'INC-12' }, {}],
    'calendar/list': [{ includeDeleted: true }],
    'calendar/save': [
      { ...valid['calendar/save'], timeZone: 'Europe/Atlantis' },
      { ...valid['calendar/save'], timeZone: '' },
      { ...valid['calendar/save'], hours: { mon: [['18:00', '08:00']] } },
      { ...valid['calendar/save'], hours: { mon: [['09:00', '09:00']] } },
      {
        ...valid['calendar/save'],
        hours: {
          mon: [
            ['08:00', '12:00'],
            ['11:00', '17:00'],
          ],
        },
      },
      { ...valid['calendar/save'], hours: { mon: [['24:00', '24:00']] } },
      { ...valid['calendar/save'], hours: { mon: [['8:00', '17:00']] } },
      { ...valid['calendar/save'], hours: { monday: [['08:00', '17:00']] } },
      { ...valid['calendar/save'], hours: {} },
      { ...valid['calendar/save'], hours: { mon: [], sat: [] } },
      { ...valid['calendar/save'], holidays: ['2026-02-30'] },
      { ...valid['calendar/save'], holidays: [{ date: '25.12.2026', name: 'Christmas' }] },
      { ...valid['calendar/save'], holidays: ['2026-12-25', { date: '2026-12-25', name: 'Christmas' }] },
      { ...valid['calendar/save'], name: '  ' },
      { ...valid['calendar/save'], name: long(101) },
      { ...valid['calendar/save'], id: 'office-hours' },
      { name: 'No hours', timeZone: 'UTC' },
    ],
    'calendar/delete': [{ id: 'office-hours' }, {}],
    'calendar/importHolidays': [
      { ...valid['calendar/importHolidays'], ics: '' },
      { ...valid['calendar/importHolidays'], ics: long(900_001) },
      { ...valid['calendar/importHolidays'], calendarId: 'office-hours' },
      { ics: valid['calendar/importHolidays'].ics },
    ],
    'sla/policies': [{ includeDeleted: true }],
    'sla/savePolicy': [
      { ...valid['sla/savePolicy'], targets: {} },
      { ...valid['sla/savePolicy'], targets: { firstResponseMinutes: 0 } },
      { ...valid['sla/savePolicy'], targets: { resolutionMinutes: 1_000_000 } },
      { ...valid['sla/savePolicy'], targets: { responseMinutes: 30 } },
      { ...valid['sla/savePolicy'], pauseStatuses: ['cancelled'] },
      { ...valid['sla/savePolicy'], pauseStatuses: ['resolved', 'resolved'] },
      { ...valid['sla/savePolicy'], conditions: { priorities: [1, 1] } },
      { ...valid['sla/savePolicy'], conditions: { priorities: [6] } },
      { ...valid['sla/savePolicy'], conditions: { channels: ['fax'] } },
      { ...valid['sla/savePolicy'], conditions: { organisations: ['  '] } },
      { ...valid['sla/savePolicy'], conditions: { customers: ['Finance'] } },
      { ...valid['sla/savePolicy'], name: '' },
      { ...valid['sla/savePolicy'], calendarId: 'office-hours' },
      { ...valid['sla/savePolicy'], calendarId: undefined },
    ],
    'sla/movePolicy': [
      { ...valid['sla/movePolicy'], direction: 'top' },
      { ...valid['sla/movePolicy'], id: 'standard' },
      { id: valid['sla/movePolicy'].id },
    ],
    'sla/deletePolicy': [{ id: 'standard' }, {}],
    'sla/list': [{ states: ['late'] }, { limit: 0 }, { limit: 501 }, { offset: -1 }],
    'mailbox/sendTest': [
      { ...valid['mailbox/sendTest'], id: 'support' },
      { ...valid['mailbox/sendTest'], to: 'someone@northwind.example\r\nBcc: everyone@northwind.example' },
      { ...valid['mailbox/sendTest'], to: 'not an address' },
    ],
    // Header injection: a line break in an address or a name would start a header of the sender's choosing.
    'incident/reply': [
      { ...valid['incident/reply'], text: '  ' },
      { ...valid['incident/reply'], to: [] },
      { ...valid['incident/reply'], cc: [{ address: 'boss@northwind.example\r\nBcc: x@evil.example', name: '' }] },
      { ...valid['incident/reply'], cc: [{ address: 'boss@northwind.example', name: 'Boss\nBcc: x@evil.example' }] },
      { ...valid['incident/reply'], to: [{ address: 'two@at@northwind.example', name: '' }] },
      { ...valid['incident/reply'], attachments: [{ hash: 'abc', name: 'log.txt', contentType: 'text/plain' }] },
      {
        ...valid['incident/reply'],
        attachments: [{ hash: 'a'.repeat(64), name: 'x\r\n.txt', contentType: 'text/plain' }],
      },
    ],
    'outbox/list': [{ states: ['lost'] }, { limit: 0 }, { incidentId: 'INC-1' }],
    'outbox/retry': [{ id: 'x' }, {}],
    'kpi/report': [
      { period: { preset: 'lastYear' } },
      { period: { from: '2026-03-01' } },
      { period: { preset: 'today' }, measure: 'hours' },
      { period: { preset: 'today' }, filters: { agentIds: ['alex@northwind.example'] } },
      { period: { preset: 'today' }, filters: { channels: ['fax'] } },
      { period: { preset: 'today' }, filters: { priorities: [6] } },
      { period: { preset: 'today' }, filters: { groupIds: [valid['goal/save'].scopeId, 'me'] } },
      {},
    ],
    'kpi/settings': [{ timeZone: 'UTC' }],
    'kpi/saveSettings': [{ timeZone: '' }, {}, { timeZone: long(65) }],
    'goal/list': [{ scope: 'team' }],
    'goal/save': [
      { ...valid['goal/save'], target: -1 },
      { ...valid['goal/save'], target: Number.NaN },
      { ...valid['goal/save'], kpi: 'happiness' },
      { ...valid['goal/save'], scope: 'company' },
      { ...valid['goal/save'], scopeId: null },
      { ...valid['goal/save'], kpi: 'reopenRate', target: 101 },
      { ...valid['goal/save'], period: 'year' },
    ],
    'goal/delete': [{ id: 'resolved' }, {}],
    'notification/list': [{ limit: 0 }, { limit: 10_000 }, { unreadOnly: 'yes' }],
    'notification/markRead': [{ ids: [] }, { ids: ['INC-1'] }, { all: false }, {}],
    'notification/preferences': [{ agentId: valid['session/signIn'].agentId }],
    'notification/savePreferences': [
      { ...valid['notification/savePreferences'], desktop: 'on' },
      {
        ...valid['notification/savePreferences'],
        events: { ...valid['notification/savePreferences'].events, sla_breached: { enabled: true, upToPriority: 6 } },
      },
      { ...valid['notification/savePreferences'], events: { holiday: { enabled: true, upToPriority: 1 } } },
    ],
    'incident/replyContext': [{ id: 'INC-1' }, {}],
    'incident/attach': [
      { ...valid['incident/attach'], files: [] },
      { ...valid['incident/attach'], files: [{ uploadId: 'upload-1', contentType: 'text/plain' }] },
      { ...valid['incident/attach'], files: [{ uploadId: valid['incident/attach'].incidentId, contentType: 'text' }] },
      {
        ...valid['incident/attach'],
        files: Array.from({ length: 21 }, () => valid['incident/attach'].files[0]),
      },
    ],
    'incident/attachment': [
      { ...valid['incident/attachment'], hash: '../../etc/passwd' },
      { ...valid['incident/attachment'], hash: 'A'.repeat(64) },
      { hash: valid['incident/attachment'].hash },
    ],
    'rule/list': [{ enabled: true }],
    'rule/save': [
      { ...valid['rule/save'], name: ' ' },
      { ...valid['rule/save'], actions: [] },
      { ...valid['rule/save'], trigger: { type: 'sla_breached' } },
      { ...valid['rule/save'], trigger: { type: 'time_in_status', status: 'waiting_on_customer', minutes: 0 } },
      { ...valid['rule/save'], trigger: { type: 'incident_created', channels: ['fax'] } },
      { ...valid['rule/save'], conditions: [{ field: 'status', operator: 'contains', values: ['new'] }] },
      { ...valid['rule/save'], conditions: [{ field: 'priority', operator: 'is_any_of', values: [7] }] },
      { ...valid['rule/save'], conditions: [{ field: 'title', operator: 'is_any_of', values: [] }] },
      { ...valid['rule/save'], conditions: [{ field: 'status', operator: 'is_empty' }] },
      { ...valid['rule/save'], conditions: [{ field: 'categoryId', operator: 'is_any_of', values: ['printing'] }] },
      { ...valid['rule/save'], actions: [{ type: 'add_note', text: 'Hello {{incident.nmber}}' }] },
      {
        ...valid['rule/save'],
        actions: [{ type: 'send_template', templateId: valid['template/render'].templateId, to: 'agents' }],
      },
      { ...valid['rule/save'], actions: [{ type: 'set_field', field: 'impact', value: valid['incident/get'].id }] },
      { ...valid['rule/save'], actions: [{ type: 'assign' }] },
      { ...valid['rule/save'], actions: [{ type: 'delete_incident' }] },
      { ...valid['rule/save'], actions: Array.from({ length: 11 }, () => ({ type: 'add_tag', tag: 'x' })) },
    ],
    'rule/delete': [{ id: 'acknowledgement' }, {}],
    'rule/move': [{ ...valid['rule/move'], direction: 'top' }, { id: valid['rule/move'].id }],
    'template/list': [{ name: 'x' }],
    'template/save': [
      { ...valid['template/save'], body: 'Hello {{reporter.nmae}}' },
      { ...valid['template/save'], body: 'Hello {{reporter.name' },
      { ...valid['template/save'], subject: 'Two\nlines' },
      { ...valid['template/save'], subject: 'About {{incident.colour}}' },
      { ...valid['template/save'], name: '' },
      { ...valid['template/save'], body: long(20_001) },
    ],
    'template/delete': [{ id: 'acknowledgement' }],
    'template/render': [{ templateId: valid['template/render'].templateId }, { incidentId: 'INC-1', templateId: 'x' }],
    'incident/noticeAudience': [{ id: 'INC-1' }],
    'incident/notifyAffected': [
      { ...valid['incident/notifyAffected'], kind: 'rumour' },
      { ...valid['incident/notifyAffected'], text: 'About {{incident.servce}}' },
      { ...valid['incident/notifyAffected'], subject: 'Two\nlines' },
      { incidentId: valid['incident/notifyAffected'].incidentId, kind: 'notice' },
    ],
  };
}

const MALFORMED: readonly unknown[] = [null, undefined, 42, 'x', [], true, { bogus: true }];

describe('the contract boundary', () => {
  let demo: DemoCore;
  let valid: ValidInputs;
  let before: DatabaseFingerprint;

  beforeAll(async () => {
    demo = await openDemoCore({ incidents: 120 });
    const { core, supervisor, agent } = demo;
    await call(core, 'session/signIn', { agentId: supervisor.id });
    const reference = await call(core, 'reference/get', {});
    const contact = (await call(core, 'contact/search', { text: '', limit: 1 }))[0]!;
    const incident = (
      await call(core, 'queue/page', {
        filter: { statuses: ['in_progress'] },
        sort: { column: 'number', direction: 'asc' },
        offset: 0,
        limit: 1,
      })
    ).rows[0]!;
    const view = await call(core, 'view/save', {
      name: 'Network, urgent',
      filter: { priorities: [1, 2] },
      sort: { column: 'priority', direction: 'asc' },
    });
    const group = reference.groups[0]!;
    const category = reference.categories[0]!;
    const service = reference.services[0]!;
    const calendar = (await call(core, 'calendar/list', {})).find((c) => !c.isDefault)!;
    const policy = (await call(core, 'sla/policies', {})).at(-1)!;
    const workingDay = [
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ] as [string, string][];
    valid = {
      'session/get': {},
      'session/signIn': { agentId: agent.id },
      'session/register': { name: 'New Agent', email: 'new.agent@northwind.example' },
      'workspace/createDemo': {},
      'reference/get': {},
      'agent/save': {
        id: agent.id,
        name: 'Renamed Agent',
        email: 'renamed@northwind.example',
        role: 'supervisor',
        groupIds: [group.id],
        active: false,
      },
      'group/save': { id: group.id, name: 'Renamed group', description: 'Changed' },
      'contact/save': {
        id: contact.id,
        name: 'Renamed contact',
        email: 'renamed.contact@northwind.example',
        phone: '+1 555 0000',
        organisation: 'Finance',
      },
      'contact/search': { text: 'a', limit: 5 },
      'contact/get': { ids: [contact.id] },
      'category/save': { id: category.id, name: 'Renamed category', subcategories: ['One', 'Two'] },
      'service/save': { id: service.id, name: 'Renamed service', description: 'Changed' },
      'priority/saveMatrix': {
        cells: [
          [1, 1, 2],
          [2, 3, 4],
          [3, 4, 5],
        ],
      },
      'incident/create': {
        title: 'Printer on floor 2 jams',
        description: 'Every print job jams on tray 2.',
        channel: 'phone',
        reporterId: contact.id,
        categoryId: category.id,
        subcategory: category.subcategories[0]!,
        serviceId: service.id,
        impact: 2,
        urgency: 1,
        priorityOverride: { priority: 1, reason: 'Board meeting at ten' },
        assigneeId: agent.id,
        groupId: group.id,
        tags: ['printer'],
        reportedAt: '2026-03-02T08:00:00.000Z',
      },
      'incident/get': { id: incident.id },
      'incident/update': {
        id: incident.id,
        fields: { title: 'Changed title', impact: 1, urgency: 1, tags: ['vip'], groupId: group.id },
      },
      'incident/assign': { id: incident.id, assigneeId: supervisor.id, groupId: group.id },
      'incident/transition': {
        id: incident.id,
        action: 'resolve',
        notes: 'Replaced the toner.',
        resolutionCode: 'solved_permanently',
        cause: 'An empty toner cartridge.',
      },
      'incident/addNote': { id: incident.id, body: 'Called the user back.' },
      'incident/bulkChange': { ids: [incident.id], change: { kind: 'tag', tag: 'vip' } },
      'incident/undoBulk': { undoId: incident.id },
      'queue/page': {
        filter: {
          statuses: ['new', 'in_progress'],
          priorities: [1, 2, 3],
          assigneeIds: ['me', 'none', agent.id],
          groupIds: [group.id, 'none'],
          channels: ['email', 'phone'],
          categoryIds: [category.id],
          text: 'printer',
          resolvedWithinDays: 7,
          dueStates: ['at_risk', 'breached'],
        },
        sort: { column: 'priority', direction: 'desc' },
        offset: 0,
        limit: 50,
      },
      'queue/ids': { filter: { statuses: ['new'] }, sort: { column: 'number', direction: 'asc' }, limit: 100 },
      'queue/views': {},
      'view/reorder': { ids: [view.id] },
      'view/save': {
        id: view.id,
        name: 'Renamed view',
        filter: { statuses: ['new'], channels: ['web'] },
        sort: { column: 'updated', direction: 'desc' },
      },
      'view/delete': { id: view.id },
      'draft/get': { key: 'new-incident' },
      'draft/save': { key: `incident:${incident.id}:note`, value: { body: 'Checked the toner.' } },
      'draft/discard': { key: 'new-incident' },
      'preferences/get': {},
      'preferences/save': { queueColumns: ['number', 'priority', 'title', 'reporter'] },
      'sync/status': {},
      'sync/connect': { hubUrl: 'https://hub.example.com', token: 'device-token-0123456789' },
      'sync/disconnect': {},
      'sync/now': {},
      'sync/notices': {},
      'team/agents': {},
      'team/addAgent': { email: 'sam@northwind.example', name: 'Sam Lee', role: 'agent' },
      'team/issueToken': { email: 'sam@northwind.example', label: 'laptop' },
      'inbox/list': { channels: ['email'], states: ['untriaged'], text: 'printer', offset: 0, limit: 10 },
      'inbox/get': { id: incident.id },
      'inbox/html': { id: incident.id },
      'inbox/attachment': { id: incident.id, hash: 'a'.repeat(64) },
      'inbox/suggest': { id: incident.id },
      'inbox/createIncident': {
        ids: [incident.id],
        together: false,
        title: 'From the inbox',
        categoryId: category.id,
        impact: 2,
        urgency: 2,
        groupId: group.id,
      },
      'inbox/addToIncident': { ids: [incident.id], incidentId: incident.id },
      'inbox/markNoise': { ids: [incident.id] },
      'inbox/restore': { ids: [incident.id] },
      'intake/logContact': {
        channel: 'phone',
        contactId: contact.id,
        subject: 'Printer jam',
        notes: 'Called about tray 2.',
        incidentId: null,
        impact: 3,
        urgency: 3,
        direction: 'inbound',
      },
      'upload/begin': { name: 'inbox.mbox', size: 1024 },
      'upload/chunk': { uploadId: incident.id, offset: 0, data: 'aGVsbG8=' },
      'intake/importUpload': { uploadId: incident.id },
      'mailbox/list': {},
      'mailbox/save': {
        id: incident.id,
        name: 'Support',
        host: 'imap.northwind.example',
        port: 993,
        tls: true,
        username: 'support@northwind.example',
        password: 'correct horse battery',
        folder: 'INBOX',
        mode: 'idle',
        pollSeconds: 60,
        maxMessageBytes: 26_214_400,
        enabled: true,
      },
      'mailbox/delete': { id: incident.id },
      'mailbox/test': {
        id: incident.id,
        host: '192.0.2.10',
        port: 143,
        tls: false,
        username: 'support',
        password: 'correct horse battery',
        folder: 'Support',
      },
      'mailbox/syncNow': { id: incident.id },
      'incident/sla': { id: incident.id },
      'calendar/list': {},
      'calendar/save': {
        id: calendar.id,
        name: 'Office hours (Berlin)',
        timeZone: 'Europe/Berlin',
        hours: { mon: workingDay, tue: workingDay, wed: workingDay, thu: workingDay, fri: [['08:00', '24:00']] },
        holidays: ['2026-10-03', { date: '2026-12-25', name: 'Christmas Day' }],
      },
      'calendar/delete': { id: calendar.id },
      'calendar/importHolidays': {
        calendarId: calendar.id,
        ics: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@desk.test\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      },
      'sla/policies': {},
      'sla/savePolicy': {
        id: policy.id,
        name: 'Finance, urgent',
        conditions: {
          priorities: [1, 2],
          categoryIds: [category.id],
          serviceIds: [service.id],
          channels: ['email', 'phone'],
          organisations: ['Finance'],
        },
        targets: { firstResponseMinutes: 30, nextUpdateMinutes: 120, resolutionMinutes: 480 },
        calendarId: calendar.id,
        pauseStatuses: ['waiting_on_customer', 'resolved'],
      },
      'sla/movePolicy': { id: policy.id, direction: 'up' },
      'sla/deletePolicy': { id: policy.id },
      'sla/list': { states: ['breached', 'at_risk'], offset: 0, limit: 20 },
      'mailbox/sendTest': { id: incident.id, to: 'jürgen@bücher.example' },
      'incident/reply': {
        incidentId: incident.id,
        text: 'We are on it.',
        cc: [{ address: 'boss@northwind.example', name: 'Zoë Boss' }],
      },
      'outbox/list': { states: ['queued', 'failed'], limit: 10 },
      'outbox/retry': { id: incident.id },
      'kpi/report': {
        period: { from: '2026-02-01', to: '2026-03-01T00:00:00Z' },
        filters: {
          groupIds: [group.id, 'none'],
          agentIds: ['me', 'none', agent.id],
          channels: ['email'],
          categoryIds: [category.id],
          serviceIds: [service.id, 'none'],
          priorities: [1, 2],
        },
        measure: 'business',
      },
      'kpi/settings': {},
      'kpi/saveSettings': { timeZone: 'Europe/Berlin' },
      'goal/list': {},
      'goal/save': { kpi: 'resolved', target: 200, scope: 'group', scopeId: group.id, period: 'month' },
      'goal/delete': { id: incident.id },
      'notification/list': { unreadOnly: true, limit: 20 },
      'notification/markRead': { all: true },
      'notification/preferences': {},
      'notification/savePreferences': DEFAULT_NOTIFICATION_PREFERENCES,
      'incident/replyContext': { id: incident.id },
      'incident/attach': {
        incidentId: incident.id,
        files: [{ uploadId: incident.id, contentType: 'application/pdf' }],
      },
      'incident/attachment': { incidentId: incident.id, hash: 'a'.repeat(64) },
      'rule/list': {},
      'rule/save': {
        id: DEFAULT_RULE_IDS.acknowledgement,
        name: 'Acknowledgement, by phone too',
        enabled: false,
        trigger: { type: 'time_in_status', status: 'waiting_on_customer', minutes: 4_320 },
        conditions: [
          { field: 'priority', operator: 'is_any_of', values: [1, 2] },
          { field: 'categoryId', operator: 'is_none_of', values: [category.id] },
          { field: 'title', operator: 'contains', values: ['printer'] },
        ],
        actions: [
          { type: 'set_field', field: 'impact', value: 2 },
          { type: 'assign', agentId: agent.id, groupId: group.id },
          { type: 'add_tag', tag: 'vip' },
          { type: 'add_note', text: 'Waited for {{reporter.name}}.' },
          { type: 'send_template', templateId: DEFAULT_TEMPLATE_IDS.followUp, to: 'agents', agentIds: [agent.id] },
          { type: 'resolve', resolutionCode: 'no_answer', cause: 'No answer.', notes: 'Nothing heard.' },
        ],
      },
      'rule/delete': { id: DEFAULT_RULE_IDS.followUp },
      'rule/move': { id: DEFAULT_RULE_IDS.followUp, direction: 'down' },
      'template/list': {},
      'template/save': {
        id: DEFAULT_TEMPLATE_IDS.acknowledgement,
        name: 'Received',
        subject: 'We have it: {{incident.title}}',
        body: 'Hello {{reporter.name}}, your request is {{incident.number}}.',
      },
      'template/delete': { id: DEFAULT_TEMPLATE_IDS.disruptionUpdate },
      'template/render': { templateId: DEFAULT_TEMPLATE_IDS.acknowledgement, incidentId: incident.id },
      'incident/noticeAudience': { id: incident.id },
      'incident/notifyAffected': {
        incidentId: incident.id,
        kind: 'notice',
        templateId: DEFAULT_TEMPLATE_IDS.disruptionNotice,
        subject: 'Printing is down',
        text: 'We are on it: {{incident.number}}.',
      },
    };
    before = await fingerprintDatabase(core.store.db);
  });

  afterAll(async () => {
    await demo?.dispose();
  });

  it('has a valid example for every entry, so each refusal below is for the broken part alone', () => {
    expect(Object.keys(valid).sort()).toEqual([...HANDLER_NAMES].sort());
    for (const name of HANDLER_NAMES) {
      const parsed = contract[name].input.safeParse(valid[name]);
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    }
  });

  for (const name of HANDLER_NAMES) {
    it(`${name} answers malformed input with invalid_input and writes nothing`, async () => {
      const { core } = demo;
      const inputs: Variant[] = [
        ...MALFORMED.map((input) => ({ where: `the whole input is ${JSON.stringify(input)}`, input })),
        { where: 'a valid input with an extra key', input: { ...valid[name], bogus: true } },
        ...wrongTypeVariants(valid[name]),
        ...specificVariants(valid)[name].map((input) => ({ where: JSON.stringify(input).slice(0, 200), input })),
      ];
      for (const { where, input } of inputs) {
        const outcome = await core.invoke(name, input);
        expect(outcome, `${name} with ${where}`).toEqual({
          ok: false,
          error: { code: 'invalid_input', message: expect.stringContaining(`Invalid input for ${name}`) },
        });
      }
      expect(await fingerprintDatabase(core.store.db)).toEqual(before);
    });
  }

  it('answers a name that is not a contract entry with unknown_handler and writes nothing', async () => {
    const { core } = demo;
    const names = [
      'incident/delete',
      'INCIDENT/GET',
      'incident/get ',
      '',
      'toString',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      null,
      undefined,
      42,
      {},
      ['incident/get'],
    ];
    for (const name of names) {
      const error = await refusal(core, name, { id: valid['incident/get'].id });
      expect(error.code, JSON.stringify(name)).toBe('unknown_handler');
      expect(error.message).toMatch(/no handler named/);
    }
    // The name is checked before the input: a bad name with bad input is still an unknown handler.
    expect((await refusal(core, 'incident/remove', null)).code).toBe('unknown_handler');
    expect(await fingerprintDatabase(core.store.db)).toEqual(before);
  });

  it('still does real work with the same valid inputs, so the fingerprint would have noticed', async () => {
    const { core } = demo;
    await call(core, 'incident/addNote', valid['incident/addNote']);
    const after = await fingerprintDatabase(core.store.db);
    expect(after.change!.rows).toBeGreaterThan(before.change!.rows);
    expect(after.timeline_event).not.toEqual(before.timeline_event);
    expect(after.incident_fts_data ?? after.incident_fts_docsize).not.toEqual(
      before.incident_fts_data ?? before.incident_fts_docsize,
    );
  });
});
