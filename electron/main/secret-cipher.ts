import type { SafeStorage } from 'electron';
import type { SecretCipher } from '#core/index.ts';

/**
 * Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet) as the core's secret cipher,
 * so hub tokens and mailbox passwords are sealed on disk (DESIGN §8). Where no keychain is available (a
 * Linux desktop without a secret service) safeStorage would only obfuscate: then there is no cipher, and
 * the workspace's secrets go where the Node hosts' go (core/secrets/workspace-secrets.ts).
 */
export function keychainCipher(
  safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  >,
): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
