import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, rendererFileFor, serveRenderer } from '../../electron/main/app-protocol.ts';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy.ts';
import { isAppRequest } from '../../electron/main/secure-session.ts';
import { isTrustedSender } from '../../electron/main/trusted-sender.ts';
import { tempDir } from '../helpers/temp-workspace.ts';
import type { TempDir } from '../helpers/temp-workspace.ts';

const ROOT = path.resolve('/opt/incident-desk/out/renderer');
const PAGE = 'app://desk/index.html';

describe('the app scheme', () => {
  it('is standard and secure, and does not bypass the Content-Security-Policy', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });

  const files: [url: string, file: string | null][] = [
    [PAGE, path.join(ROOT, 'index.html')],
    ['app://desk/', path.join(ROOT, 'index.html')],
    ['app://desk/queue', path.join(ROOT, 'index.html')],
    ['app://desk/assets/index-C2CtE6Op.js', path.join(ROOT, 'assets', 'index-C2CtE6Op.js')],
    ['app://desk/assets/inter%20var.woff2', path.join(ROOT, 'assets', 'inter var.woff2')],
    ['app://desk/../main/index.js', path.join(ROOT, 'main', 'index.js')],
    ['app://desk/%2e%2e/main/index.js', path.join(ROOT, 'main', 'index.js')],
    ['app://desk/assets/%2e%2e%2f%2e%2e%2fpreload/index.cjs', null],
    ['app://desk/..%2F..%2F..%2Fetc/passwd', null],
    ['app://desk/%E0%A4%A', null],
    ['app://desk/index.html%00.png', null],
    ['app://other/index.html', null],
    ['file:///opt/incident-desk/out/renderer/index.html', null],
    ['https://desk/index.html', null],
  ];
  for (const [url, file] of files) {
    it(`maps ${url} to ${file ?? 'nothing'}`, () => expect(rendererFileFor(url, ROOT)).toBe(file));
  }

  it('is the only page the window may load and the only sender the desk answers', () => {
    expect(isAppRequest('app://desk/assets/index.js', PAGE)).toBe(true);
    expect(isAppRequest('app://elsewhere/index.js', PAGE)).toBe(false);
    expect(isAppRequest('file:///opt/incident-desk/out/renderer/index.html', PAGE)).toBe(false);
    expect(isAppRequest('https://attacker.example/', PAGE)).toBe(false);
    expect(isTrustedSender(`${PAGE}#/incidents/INC-1042`, PAGE)).toBe(true);
    expect(isTrustedSender('app://desk/other.html', PAGE)).toBe(false);
    expect(isTrustedSender('app://elsewhere/index.html', PAGE)).toBe(false);
  });
});

describe('serving the renderer', () => {
  let folder: TempDir;
  const policy = contentSecurityPolicy();
  let serve: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    folder = await tempDir('desk-renderer-');
    await mkdir(path.join(folder.path, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(folder.path, 'renderer', 'index.html'), '<!doctype html><title>Incident Desk</title>');
    await writeFile(path.join(folder.path, 'renderer', 'assets', 'index.js'), 'console.log(1)');
    await writeFile(path.join(folder.path, 'secrets.json'), '{"hub-token":"dsk_secret"}');
    serve = serveRenderer({ rendererDir: path.join(folder.path, 'renderer'), contentSecurityPolicy: policy });
  });
  afterAll(async () => {
    await folder.remove();
  });

  it('answers the page with the Content-Security-Policy header', async () => {
    const response = await serve(new Request(`${PAGE}#/queue`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(policy);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Incident Desk</title>');
  });

  it('answers scripts with their type and the same policy', async () => {
    const response = await serve(new Request('app://desk/assets/index.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(policy);
  });

  for (const url of ['app://desk/%2e%2e/secrets.json', 'app://desk/assets/missing.js', 'app://other/index.html']) {
    it(`answers ${url} with 404 and nothing of the disk`, async () => {
      const response = await serve(new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('');
    });
  }

  it('serves nothing but reading', async () => {
    expect((await serve(new Request(PAGE, { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
