import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openSystemKeyring } from '#core/secrets/system-keyring.ts';

/**
 * A real Secret Service for the keyring tests: a private D-Bus session bus with GNOME Keyring on it, its
 * keyrings in a temporary folder (never the user's own), unlocked with a throwaway password. This test
 * process is pointed at it (DBUS_SESSION_BUS_ADDRESS) until `stop`, as a desktop session points its programs.
 */
export interface SecretService {
  /** What DBUS_SESSION_BUS_ADDRESS must say for a program to reach it. */
  readonly address: string;
  stop(): Promise<void>;
}

const PROGRAMS = ['dbus-daemon', 'gnome-keyring-daemon'] as const;
export const SECRET_SERVICE_INSTALL = 'apt-get install gnome-keyring dbus-daemon';

/** Why the Secret Service cannot run here, or null when it can. */
export function secretServiceMissing(): string | null {
  if (process.platform !== 'linux') return 'the Secret Service is the Linux keyring';
  const missing = PROGRAMS.filter((program) => spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0);
  return missing.length ? `${missing.join(' and ')} not installed (${SECRET_SERVICE_INSTALL})` : null;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}

/**
 * A session bus that starts no service by itself: with the system's service files it would start a second,
 * locked GNOME Keyring the moment anyone asked for the Secret Service before ours was up.
 */
function busConfig(socket: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
  "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

async function storesSecrets(): Promise<string | null> {
  const availability = await openSystemKeyring();
  if (availability.kind === 'unavailable') return availability.reason;
  try {
    await availability.keyring.write('readiness-probe', 'ready');
    await availability.keyring.remove('readiness-probe');
    return null;
  } catch (error) {
    return String(error);
  }
}

export async function startSecretService(): Promise<SecretService> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'desk-secret-service-'));
  const config = path.join(home, 'bus.conf');
  await writeFile(config, busConfig(path.join(home, 'bus')));
  const bus = spawn('dbus-daemon', ['--nofork', '--print-address=1', `--config-file=${config}`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    createInterface({ input: bus.stdout! }).once('line', resolve);
    bus.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code}) before giving its address`)));
  });
  const env = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: address,
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_RUNTIME_DIR: home,
  };
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  keyring.stdin!.end('throwaway-test-password\n');
  const previousAddress = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = address;
  const stop = async () => {
    if (previousAddress === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = previousAddress;
    await stopChild(keyring);
    await stopChild(bus);
    await rm(home, { recursive: true, force: true });
  };
  // Ready when it stores a secret: it answers on the bus before it has made and unlocked its login keyring
  // with the password. Bounded, so a daemon that never comes up fails the setup, not a test.
  for (let attempt = 0; ; attempt++) {
    const problem = await storesSecrets();
    if (problem === null) break;
    if (attempt === 50 || keyring.exitCode !== null) {
      await stop();
      throw new Error(`GNOME Keyring did not come up on ${address}: ${problem}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { address, stop };
}
