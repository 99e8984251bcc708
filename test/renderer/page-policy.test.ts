import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/content-security-policy.ts';
import { REPO_ROOT } from '../helpers/child-process.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

async function metaPolicy(): Promise<string> {
  const html = await readFile(path.join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
  const tag = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
  expect(tag, 'renderer/index.html has a Content-Security-Policy meta tag').not.toBeNull();
  return tag![1]!;
}

describe("the page's own Content-Security-Policy", () => {
  it('is strict: only its own scripts, no plugins, no base or form targets, no eval', async () => {
    const policy = directives(await metaPolicy());
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(await metaPolicy()).not.toContain('unsafe-eval');
  });

  it("allows what the desktop window's header policy allows, so the app and an email's frame work under both", async () => {
    const meta = directives(await metaPolicy());
    for (const [name, sources] of directives(contentSecurityPolicy())) {
      if (name === 'frame-ancestors') continue; // Ignored in a meta tag; the header carries it.
      expect(meta.get(name), name).toEqual(expect.arrayContaining(sources));
    }
  });

  it('reaches sockets only on this computer', async () => {
    for (const source of directives(await metaPolicy()).get('connect-src')!) {
      expect(source).toMatch(/^('self'|ws:\/\/(127\.0\.0\.1|localhost):\*)$/);
    }
  });
});
