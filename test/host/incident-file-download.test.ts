import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost } from '../../electron/host/web-server.ts';
import type { WebHost } from '../../electron/host/web-server.ts';
import { call } from '../helpers/invoke.ts';
import { openTempCore, tempDir } from '../helpers/temp-workspace.ts';
import type { TempCore, TempDir } from '../helpers/temp-workspace.ts';
import { uploadBytes } from '../helpers/upload.ts';

/** A file of an incident, fetched from the browser-mode host as the page does: a download, never a page. */
describe('an incident’s file from the browser-mode host', () => {
  let temp: TempCore;
  let folder: TempDir;
  let host: WebHost;
  let incidentId: string;

  beforeAll(async () => {
    temp = await openTempCore();
    folder = await tempDir('desk-web-files-');
    await mkdir(path.join(folder.path, 'static'));
    await writeFile(path.join(folder.path, 'static', 'index.html'), '<!doctype html><title>Desk</title>');
    host = await startWebHost({ core: temp.core, staticDir: path.join(folder.path, 'static'), port: 0 });
    await call(temp.core, 'session/register', { name: 'Ana Ortiz', email: 'ana@desk.example' });
    const created = await call(temp.core, 'incident/create', {
      title: 'Web page shows a warning',
      channel: 'email',
      impact: 3,
      urgency: 3,
    });
    incidentId = created.incident.id;
  });
  afterAll(async () => {
    await host?.close();
    await temp?.dispose();
    await folder?.remove();
  });

  const attach = async (name: string, bytes: Buffer, contentType: string) => {
    const detail = await call(temp.core, 'incident/attach', {
      incidentId,
      files: [{ uploadId: await uploadBytes(temp.core, name, bytes), contentType }],
    });
    return detail.timeline.filter((e) => e.type === 'attachment').at(-1)!.attachment!;
  };
  const fetchFile = (hash: string, token: string | null = host.token) =>
    fetch(`${host.origin}/api/files/incident/${incidentId}/${hash}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('is a download in a type that runs nothing, its name quoted safely, never cached', async () => {
    const page = Buffer.from('<html><script>parent.desk.steal()</script></html>');
    const file = await attach('warn\u00efng "page".html', page, 'text/html');
    const answer = await fetchFile(file.hash);
    expect(answer.status).toBe(200);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="warn_ng _page_.html"; filename*=UTF-8''warn%C3%AFng%20_page_.html`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'no-store',
      'content-length': String(page.length),
    });
    expect(Buffer.from(await answer.arrayBuffer()).equals(page)).toBe(true);
  });

  it('keeps a type that runs nothing, such as a PDF', async () => {
    const file = await attach('report.pdf', Buffer.from('%PDF-1.4'), 'application/pdf');
    const answer = await fetchFile(file.hash);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
  });

  it('refuses without the token, and answers a file the incident does not have with 404', async () => {
    const file = await attach('notes.txt', Buffer.from('notes'), 'text/plain');
    expect((await fetchFile(file.hash, null)).status).toBe(401);
    expect((await fetchFile(file.hash, 'wrong')).status).toBe(401);
    const missing = await fetchFile('b'.repeat(64));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That incident has no such file.' },
    });
    expect((await fetchFile('..%2F..%2Fsecret')).status).toBe(400);
  });
});
