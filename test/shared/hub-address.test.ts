import { describe, expect, it } from 'vitest';
import { connectHubInput } from '#shared/domain/sync-status.ts';

/** DESIGN §8: a device token travels over TLS, or stays on this computer (plain http to loopback only). */
const TOKEN = 'dsk_0123456789abcdef';

describe('the hub address a workspace connects to', () => {
  const ALLOWED = [
    'https://hub.example.com',
    'https://10.1.2.3:4780',
    'http://127.0.0.1:4780',
    'http://127.1.2.3:4780',
    'http://localhost:4780',
    'http://LOCALHOST:4780/',
    'http://[::1]:4780',
  ];
  const REFUSED = [
    'http://10.1.2.3:4780',
    'http://192.168.0.5',
    'http://hub.example.com',
    'http://localhost.example.com:4780',
    'http://127.0.0.1.nip.io:4780',
    'http://[::2]:4780',
    'http://127.0.0.1@hub.example.com:4780',
    'http://hub.example.com\\@127.0.0.1:4780',
    'http://hub.example.com#@127.0.0.1',
    'http://0x7f.1:4780',
    'http://0.0.0.0:4780',
    'ftp://hub.example.com',
  ];

  for (const hubUrl of ALLOWED) {
    it(`takes ${hubUrl}`, () => {
      expect(connectHubInput.safeParse({ hubUrl, token: TOKEN }).success).toBe(true);
    });
  }
  for (const hubUrl of REFUSED) {
    it(`refuses ${hubUrl}, saying to use https`, () => {
      const parsed = connectHubInput.safeParse({ hubUrl, token: TOKEN });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toEqual([
        expect.objectContaining({ path: ['hubUrl'], message: expect.stringContaining('https://') }),
      ]);
    });
  }
});
