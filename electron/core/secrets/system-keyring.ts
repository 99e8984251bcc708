import type { AsyncEntry } from '@napi-rs/keyring';

/**
 * The operating system's keyring, where a Node host (browser mode, `desk serve`, the CLI) keeps secrets:
 * the Secret Service on Linux (GNOME Keyring, KWallet), the Keychain on macOS, the Credential Manager on
 * Windows, through the `@napi-rs/keyring` binding. The desktop app seals with Electron's safeStorage instead.
 */
export interface Keyring {
  /** Where the secrets go, in words for the start-up line and the README: "the Secret Service". */
  readonly name: string;
  read(account: string): Promise<string | null>;
  write(account: string, secret: string): Promise<void>;
  remove(account: string): Promise<void>;
}

export type KeyringAvailability =
  { readonly kind: 'available'; readonly keyring: Keyring } | { readonly kind: 'unavailable'; readonly reason: string };

/** What the entries are filed under in the keyring's own tools (Seahorse, Keychain Access). */
export const KEYRING_SERVICE = 'Incident Desk';

/** A keyring that does not answer (a locked one waiting on a prompt nobody sees) is as good as none. */
const PROBE_TIMEOUT_MS = 5_000;

function keyringName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'the Windows Credential Manager';
  return 'the Secret Service';
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Platform failure: /, '').split('\n')[0]!;
}

/**
 * Opens the keyring and checks that it answers. On Linux the Secret Service is required: the kernel keyring
 * the binding would otherwise fall back to forgets everything at the next reboot.
 */
export async function openSystemKeyring(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<KeyringAvailability> {
  if (platform === 'linux' && !env.DBUS_SESSION_BUS_ADDRESS) {
    return { kind: 'unavailable', reason: 'no D-Bus session here, so no Secret Service' };
  }
  let Entry: typeof AsyncEntry;
  try {
    // Loaded only when asked for: a platform without a prebuilt binding still runs, with secrets in the file.
    ({ AsyncEntry: Entry } = await import('@napi-rs/keyring'));
  } catch (error) {
    return { kind: 'unavailable', reason: `the keyring binding does not load here (${reasonOf(error)})` };
  }
  const options = { linux: { store: 'secret-service' as const } };
  const entry = (account: string) => new Entry(KEYRING_SERVICE, account, options);
  try {
    await entry('availability-probe').getPassword(AbortSignal.timeout(PROBE_TIMEOUT_MS));
  } catch (error) {
    return { kind: 'unavailable', reason: reasonOf(error) };
  }
  return {
    kind: 'available',
    keyring: {
      name: keyringName(platform),
      read: (account) => entry(account).getPassword(),
      write: (account, secret) => entry(account).setPassword(secret),
      remove: async (account) => {
        await entry(account).deleteCredential();
      },
    },
  };
}
