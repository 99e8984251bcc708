import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import type { FuseV1Config } from '@electron/fuses';

/**
 * Electron's fuses for the packaged app (DESIGN §8), flipped in the Electron binary by the packaging step,
 * after the app is copied in and before it is signed: `npm run package:fuses -- <path to the app's Electron
 * binary or .app>`. Each closes a way to run other code with the app's identity and keychain access:
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 "Incident Desk"` would otherwise be a plain Node;
 * - cookie encryption on: the session's cookies sealed with the OS keychain, like the secrets;
 * - NODE_OPTIONS and --inspect off: no code injected through the environment or a debugger port;
 * - ASAR integrity validation and only-load-from-ASAR on: the app's code is the signed archive, nothing
 *   put beside it. The packager must then ship the app as an ASAR with its integrity hash (electron-builder
 *   and Electron Forge both do).
 * The other fuses keep Electron's defaults.
 */
export const DESK_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
} as const;

export function deskFuseConfig(platform: NodeJS.Platform = process.platform): FuseV1Config {
  return {
    version: FuseVersion.V1,
    // Changing the binary breaks macOS's ad-hoc signature, without which Apple silicon refuses to run it.
    resetAdHocDarwinSignature: platform === 'darwin',
    ...DESK_FUSES,
  };
}

/** Flips the fuses in the binary at `electronPath` (the executable, or a macOS .app). */
export async function setDeskFuses(electronPath: string): Promise<void> {
  await flipFuses(electronPath, deskFuseConfig());
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [target] = process.argv.slice(2);
  if (!target) {
    console.error('Usage: npm run package:fuses -- <path to the packaged Electron binary or .app>');
    process.exit(2);
  }
  setDeskFuses(path.resolve(target)).then(
    () => {
      const names = Object.entries(DESK_FUSES).map(
        ([fuse, on]) => `${FuseV1Options[Number(fuse)]} ${on ? 'on' : 'off'}`,
      );
      console.log(`Fuses set in ${target}: ${names.join(', ')}.`);
    },
    (error: unknown) => {
      console.error(`Setting the fuses in ${target} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
