import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '#shared/domain/incident.ts';
import { MAX_INCIDENT_FILE_BYTES } from '#shared/domain/incident-files.ts';
import type { NameLookup } from '../../renderer/src/common/field-value.ts';
import { incidentFilesProblem } from '../../renderer/src/common/incident-file-checks.ts';
import { describeTimelineEvent } from '../../renderer/src/incident/timeline-entries.ts';

const names: NameLookup = {
  agent: (id) => ({ a1: 'Ana Ortiz' })[id],
  group: () => undefined,
  category: () => undefined,
  service: () => undefined,
  contact: () => undefined,
};
const report = { name: 'report.pdf', contentType: 'application/pdf', size: 120 * 1024, hash: 'a'.repeat(64) };
const base: TimelineEvent = {
  id: 'e',
  at: '2026-01-01T10:00:00.000Z',
  actorId: 'a1',
  type: 'attachment',
  action: null,
  changes: [],
  body: null,
  message: null,
};

describe('files on the timeline', () => {
  it('says who attached which file and how large it is, and offers the file', () => {
    expect(describeTimelineEvent({ ...base, attachment: report }, names)).toMatchObject({
      actor: 'Ana Ortiz',
      headline: 'attached report.pdf (120 KB)',
      bodyLabel: null,
      files: [report],
    });
  });

  it('offers the files that went with a reply', () => {
    const reply = {
      outboxId: 'o',
      automatic: false,
      to: ['dana@northwind.example'],
      cc: [],
      subject: 'Re: Scanner',
      state: 'sent',
      lastError: null,
      sentAt: null,
      attachments: [report],
    };
    expect(describeTimelineEvent({ ...base, type: 'reply', reply }, names).files).toEqual([report]);
  });
});

describe('files chosen for an incident, before they are sent', () => {
  const file = (name: string, size: number) => new File([new Uint8Array(size)], name);
  it('refuses an empty file and one over the limit, saying which and why', () => {
    expect(incidentFilesProblem([file('fine.txt', 3)])).toBeNull();
    expect(incidentFilesProblem([file('fine.txt', 3), file('empty.txt', 0)])).toBe(
      'empty.txt is empty: there is nothing to add',
    );
    expect(incidentFilesProblem([file('dump.bin', MAX_INCIDENT_FILE_BYTES + 1)])).toBe(
      'dump.bin (25 MB) is larger than the 25 MB a file on an incident may be',
    );
    expect(incidentFilesProblem(Array.from({ length: 21 }, (_, i) => file(`${i}.txt`, 1)))).toBe(
      'At most 20 files are added at once',
    );
  });
});
