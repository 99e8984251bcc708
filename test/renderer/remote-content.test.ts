import { describe, expect, it } from 'vitest';
import { contentIdOf, framePolicy, rewriteCssUrls, urlKind } from '../../renderer/src/message/remote-content.ts';
import type { UrlResolver } from '../../renderer/src/message/remote-content.ts';
import { formatFileSize } from '../../renderer/src/common/file-size.ts';

describe('what a URL in an email would fetch', () => {
  const cases = [
    ['data:image/png;base64,AAAA', 'data'],
    ['DATA:image/gif;base64,AAAA', 'data'],
    ['data:text/html,<script>', 'other'],
    ['cid:plan@example.com', 'cid'],
    ['https://images.example.com/a.png', 'remote'],
    [' HTTPS://images.example.com/a.png', 'remote'],
    ['http://tracker.example.com/p.gif', 'insecure'],
    ['//tracker.example.com/p.gif', 'insecure'],
    ['logo.png', 'other'],
    ['/api/invoke/session/get', 'other'],
    ['javascript:alert(1)', 'other'],
  ] as const;
  for (const [url, kind] of cases) it(`${url} is ${kind}`, () => expect(urlKind(url)).toBe(kind));

  it('reads the Content-ID of a cid: URL as stored, escapes and brackets aside', () => {
    expect(contentIdOf('cid:Plan@Example.com')).toBe('plan@example.com');
    expect(contentIdOf('cid:%3Cplan%40example.com%3E')).toBe('plan@example.com');
    expect(contentIdOf('cid:%E0%A4%A')).toBe('%e0%a4%a');
  });
});

describe('style sheets in an email', () => {
  const resolve: UrlResolver = (url) => (url.startsWith('cid:') ? 'data:image/png;base64,AA' : null);

  it('resolves every url(), quoted or not, and drops @import', () => {
    const css = `@import url("https://x.example/a.css"); .a { background: #fff url(https://x.example/b.png) no-repeat }
      .b { background-image: url('cid:plan') } .c { list-style: url( "http://x.example/c.png" ) }`;
    const rewritten = rewriteCssUrls(css, resolve);
    expect(rewritten).not.toContain('x.example');
    expect(rewritten).toContain('background: #fff none no-repeat');
    expect(rewritten).toContain('background-image: url("data:image/png;base64,AA")');
    expect(rewritten).not.toContain('@import');
  });

  it('cannot be broken out of by a quote in a resolved address', () => {
    expect(rewriteCssUrls('a{b:url(x)}', () => 'https://e.example/a") ; x: url("y')).toBe(
      'a{b:url("https://e.example/a\\") ; x: url(\\"y")}',
    );
  });

  it('gives the frame a policy of its own that lets https images in only when asked', () => {
    expect(framePolicy(false)).toContain('img-src data:;');
    expect(framePolicy(true)).toContain('img-src data: https:;');
    expect(framePolicy(true)).toContain("default-src 'none'");
  });
});

describe('file sizes', () => {
  for (const [bytes, text] of [
    [0, '0 bytes'],
    [1, '1 byte'],
    [812, '812 bytes'],
    [14_336, '14 KB'],
    [3_355_443, '3.2 MB'],
    [25 * 1024 * 1024, '25 MB'],
  ] as const) {
    it(`shows ${bytes} as ${text}`, () => expect(formatFileSize(bytes)).toBe(text));
  }
});
