import { describe, expect, it } from 'vitest';
import { PROVISIONAL_NUMBER_HINT } from '#shared/domain/incident.ts';
import type { OverwriteNotice } from '#shared/domain/sync-status.ts';
import { describeOverwrite, MAX_SEPARATE_TOASTS, overwriteToasts } from '../../renderer/src/sync/overwrite-notices.ts';
import type { IncidentRef, OverwriteNames } from '../../renderer/src/sync/overwrite-notices.ts';

const PRIYA = '0190f2a4-0000-7000-8000-000000000001';
const VPN = '0190f2a4-0000-7000-8000-0000000000aa';
const PRINTER = '0190f2a4-0000-7000-8000-0000000000bb';

const incidents: Record<string, IncidentRef> = {
  [VPN]: { id: VPN, number: 42, provisionalNumber: null, title: 'VPN drops (Priya)' },
  [PRINTER]: { id: PRINTER, number: null, provisionalNumber: 12, title: 'Label printer' },
};

const names: OverwriteNames = {
  agent: (id) => ({ [PRIYA]: 'Priya Raman', a2: 'Jonas Weber' })[id],
  group: (id) => ({ g1: 'Service Desk', g2: 'Network' })[id],
  category: (id) => ({ c1: 'Printing' })[id],
  service: (id) => ({ s1: 'Email' })[id],
  contact: (id) => ({ p1: 'Grace Obi' })[id],
  incident: (id) => incidents[id],
};

const notice = (fields: Partial<OverwriteNotice>): OverwriteNotice => ({
  entity: 'incident',
  entityId: VPN,
  field: 'title',
  mine: 'VPN drops (Alex)',
  theirs: 'VPN drops (Priya)',
  byAgentId: PRIYA,
  at: '2026-03-02T09:30:00.000Z',
  ...fields,
});

describe('overwrite notices', () => {
  it('says whose later change replaced which field of which incident, and what it now says', () => {
    const view = describeOverwrite(notice({}), names);
    expect(view.sentence).toBe(
      "Your change to the title of INC-42 was replaced by Priya Raman's later change (“VPN drops (Priya)”).",
    );
    expect(view.yours).toBe('“VPN drops (Alex)”');
    expect(view.incident).toEqual({ id: VPN, label: 'INC-42', provisional: false });
  });

  it('uses the field labels and names agents know, for every kind of incident field', () => {
    const sentences = [
      notice({ field: 'assigneeId', mine: 'a2', theirs: PRIYA }),
      notice({ field: 'status', mine: 'in_progress', theirs: 'waiting_on_customer' }),
      notice({ field: 'serviceId', mine: null, theirs: 's1' }),
      notice({ field: 'priority', mine: 3, theirs: 1 }),
    ].map((n) => describeOverwrite(n, names).sentence);
    expect(sentences).toEqual([
      "Your change to the assignee of INC-42 was replaced by Priya Raman's later change (“Priya Raman”).",
      "Your change to the status of INC-42 was replaced by Priya Raman's later change (“Waiting on customer”).",
      "Your change to the affected service of INC-42 was replaced by Priya Raman's later change (“Email”).",
      "Your change to the priority of INC-42 was replaced by Priya Raman's later change (“1 - Critical”).",
    ]);
  });

  it('marks a provisional number, and says when the later change cleared the value', () => {
    const view = describeOverwrite(
      notice({ entityId: PRINTER, field: 'groupId', mine: 'g1', theirs: null, byAgentId: 'a2' }),
      names,
    );
    expect(view.sentence).toBe(
      "Your change to the group of INC-12* was replaced by Jonas Weber's later change, which cleared it.",
    );
    expect(view.yours).toBe('“Service Desk”');
    expect(view.incident).toEqual({ id: PRINTER, label: 'INC-12*', provisional: true });
  });

  it('still reads when the incident, the agent or the author is not known here', () => {
    const unknown = describeOverwrite(notice({ entityId: 'gone', byAgentId: 'someone-new' }), names);
    expect(unknown.sentence).toBe(
      "Your change to the title of an incident was replaced by a teammate's later change (“VPN drops (Priya)”).",
    );
    expect(unknown.incident).toBeNull();
    const automatic = describeOverwrite(notice({ byAgentId: null }), names);
    expect(automatic.sentence).toContain('was replaced by a later automatic change (“VPN drops (Priya)”)');
  });

  it('describes changes to the team settings in their own words', () => {
    const cases: [Partial<OverwriteNotice>, string][] = [
      [
        { entity: 'group', entityId: 'g2', field: 'name', mine: 'Networks', theirs: 'Network' },
        "Your change to the name of the group Network was replaced by Priya Raman's later change (“Network”).",
      ],
      [
        { entity: 'agent', entityId: 'a2', field: 'groupIds', mine: ['g1'], theirs: ['g1', 'g2'] },
        "Your change to the groups of the agent Jonas Weber was replaced by Priya Raman's later change (“Service Desk, Network”).",
      ],
      [
        { entity: 'agent', entityId: 'a2', field: 'active', mine: true, theirs: false },
        "Your change to the active status of the agent Jonas Weber was replaced by Priya Raman's later change (“inactive”).",
      ],
      [
        { entity: 'setting', entityId: 'priority-matrix', field: 'value', mine: { cells: [] }, theirs: { cells: [] } },
        "Your change to the priority matrix was replaced by Priya Raman's later change.",
      ],
      [
        { entity: 'contact', entityId: 'unknown', field: 'phone', mine: '1', theirs: '2' },
        "Your change to the phone number of a contact was replaced by Priya Raman's later change (“2”).",
      ],
    ];
    for (const [fields, sentence] of cases) expect(describeOverwrite(notice(fields), names).sentence).toBe(sentence);
  });

  it('gives each of a few notices its own toast with a link to the incident', () => {
    const toasts = overwriteToasts(
      [notice({}), notice({ entityId: PRINTER, field: 'urgency', mine: 3, theirs: 1 })],
      names,
    );
    expect(toasts).toEqual([
      {
        title: 'Replaced by a later change',
        message: "Your change to the title of INC-42 was replaced by Priya Raman's later change (“VPN drops (Priya)”).",
        link: { label: 'Open INC-42', href: `#/incident/${VPN}` },
      },
      {
        title: 'Replaced by a later change',
        message: "Your change to the urgency of INC-12* was replaced by Priya Raman's later change (“1 - High”).",
        link: { label: 'Open INC-12*', href: `#/incident/${PRINTER}`, hint: PROVISIONAL_NUMBER_HINT },
      },
    ]);
  });

  it('sums up a long offline spell in one toast that points to the full list', () => {
    const many = Array.from({ length: MAX_SEPARATE_TOASTS + 2 }, (_, i) =>
      notice({ at: `2026-03-02T09:3${i}:00.000Z` }),
    );
    expect(overwriteToasts(many, names)).toEqual([
      {
        title: '5 of your changes were replaced',
        message: 'Later changes from your team replaced them. Settings → Team hub lists each one.',
        link: { label: 'See what changed', href: '#/settings/hub' },
      },
    ]);
  });
});
