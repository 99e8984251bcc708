import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_INCIDENT_FILE_BYTES } from '#shared/domain/incident-files.ts';
import { fingerprintDatabase } from '../helpers/fingerprint.ts';
import { call, refusal } from '../helpers/invoke.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';
import { uploadBytes } from '../helpers/upload.ts';

/** Files an agent adds to an incident: kept by their hash, named on the timeline, given back only as files. */
describe('files on an incident', () => {
  let temp: TempCore;
  let incidentId: string;
  beforeEach(async () => {
    temp = await openTempCore();
    await call(temp.core, 'session/register', { name: 'Ana Ortiz', email: 'ana@desk.example' });
    const created = await call(temp.core, 'incident/create', {
      title: 'Scanner saves blank pages',
      channel: 'phone',
      impact: 3,
      urgency: 3,
    });
    incidentId = created.incident.id;
  });
  afterEach(async () => {
    await temp.dispose();
  });

  const attach = async (name: string, bytes: Buffer, contentType = 'application/pdf') =>
    call(temp.core, 'incident/attach', {
      incidentId,
      files: [{ uploadId: await uploadBytes(temp.core, name, bytes), contentType }],
    });

  it('adds a chosen file as a timeline entry naming it, and gives the same bytes back', async () => {
    const report = Buffer.from('%PDF-1.4 scanner report');
    const detail = await attach('report.pdf', report);
    const entry = detail.timeline.find((e) => e.type === 'attachment')!;
    expect(entry.actorId).toBe((await call(temp.core, 'session/get', {})).agent!.id);
    expect(entry.attachment).toEqual({
      name: 'report.pdf',
      contentType: 'application/pdf',
      size: report.length,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const file = await call(temp.core, 'incident/attachment', { incidentId, hash: entry.attachment!.hash });
    expect(file).toMatchObject({ name: 'report.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(file.base64, 'base64').equals(report)).toBe(true);
  });

  it('cleans hostile names: no folders, no device names, no direction overrides', async () => {
    const names: [string, string][] = [
      ['../../x', 'x'],
      ['..\\..\\windows\\system.ini', 'system.ini'],
      ['CON', '_CON'],
      ['lpt1.txt', '_lpt1.txt'],
      ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
      ['line\nbreak.txt', 'line_break.txt'],
      ['...', 'attachment-1.pdf'],
    ];
    for (const [given, kept] of names) {
      const detail = await attach(given, Buffer.from(`content of ${given}`));
      const names = detail.timeline.filter((e) => e.type === 'attachment').map((e) => e.attachment!.name);
      expect(names.at(-1), given).toBe(kept);
    }
  });

  it('serves a file that claims to be a page or a script as opaque bytes', async () => {
    for (const contentType of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/javascript']) {
      const detail = await attach('look.html', Buffer.from(`<script>alert(1)</script>${contentType}`), contentType);
      const hash = detail.timeline.filter((e) => e.type === 'attachment').at(-1)!.attachment!.hash;
      const file = await call(temp.core, 'incident/attachment', { incidentId, hash });
      expect(file.contentType, contentType).toBe('application/octet-stream');
    }
  });

  it('refuses an empty file and one over the limit, and adds none of a batch with one refused', async () => {
    const before = await fingerprintDatabase(temp.core.store.db);
    const empty = await uploadBytes(temp.core, 'empty.txt', Buffer.alloc(0));
    const fine = await uploadBytes(temp.core, 'fine.txt', Buffer.from('fine'));
    expect(
      await refusal(temp.core, 'incident/attach', {
        incidentId,
        files: [
          { uploadId: fine, contentType: 'text/plain' },
          { uploadId: empty, contentType: 'text/plain' },
        ],
      }),
    ).toEqual({ code: 'invalid_input', message: 'empty.txt is empty: there is nothing to add.' });
    const large = await uploadBytes(temp.core, 'dump.bin', Buffer.alloc(MAX_INCIDENT_FILE_BYTES + 1, 7));
    expect(
      await refusal(temp.core, 'incident/attach', {
        incidentId,
        files: [{ uploadId: large, contentType: 'application/octet-stream' }],
      }),
    ).toEqual({ code: 'invalid_input', message: 'dump.bin is larger than the 25 MB a file on an incident may be.' });
    expect(await fingerprintDatabase(temp.core.store.db)).toEqual(before);
    // The uploads are gone: a refused file is chosen again, not retried.
    expect(
      (
        await refusal(temp.core, 'incident/attach', {
          incidentId,
          files: [{ uploadId: fine, contentType: 'text/plain' }],
        })
      ).code,
    ).toBe('not_found');
  });

  it('gives back only files the incident names', async () => {
    const other = await call(temp.core, 'incident/create', { title: 'Other', channel: 'phone', impact: 3, urgency: 3 });
    const detail = await attach('report.pdf', Buffer.from('%PDF-1.4 private'));
    const hash = detail.timeline.find((e) => e.type === 'attachment')!.attachment!.hash;
    expect(await refusal(temp.core, 'incident/attachment', { incidentId: other.incident.id, hash })).toEqual({
      code: 'not_found',
      message: 'That incident has no such file.',
    });
  });
});
