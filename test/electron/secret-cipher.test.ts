import { describe, expect, it } from 'vitest';
import { keychainCipher } from '../../electron/main/secret-cipher.ts';

/** A keychain stand-in with Electron's safeStorage shape: reversible, and never the plain text. */
function keychain(available: boolean, backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as 'gnome_libsecret',
    encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString('utf8'),
  };
}

describe('the keychain cipher for secrets', () => {
  it('seals and opens secrets through safeStorage when a keychain is there', () => {
    const cipher = keychainCipher(keychain(true));
    expect(cipher).not.toBeNull();
    const sealed = cipher!.encrypt('dsk_secret-token');
    expect(sealed.toString('utf8')).not.toContain('dsk_secret-token');
    expect(cipher!.decrypt(sealed)).toBe('dsk_secret-token');
  });

  it('gives no cipher where safeStorage cannot seal (so nobody mistakes obfuscation for safety)', () => {
    expect(keychainCipher(keychain(false))).toBeNull();
    if (process.platform === 'linux') expect(keychainCipher(keychain(true, 'basic_text'))).toBeNull();
  });
});
