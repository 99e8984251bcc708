import type { TestProject } from 'vitest/node';
import { DOVECOT_INSTALL_HINT, findDovecot } from '../helpers/dovecot.ts';
import type { DovecotContext } from '../helpers/dovecot.ts';

/**
 * Runs once before the mailbox suites: finds Dovecot. Without it the suites are skipped with the reason and
 * the install command, except under CI=true, where a missing server is a broken machine (DESIGN §9). Each
 * test file starts its own server (test/helpers/dovecot.ts).
 */
export default function setup(project: TestProject): void {
  const binary = findDovecot();
  let context: DovecotContext = { binary, skipReason: null };
  if (!binary) {
    const reason = `Dovecot is not installed (looked for ${process.env.DESK_DOVECOT ?? '/usr/sbin/dovecot'}). Install it with: ${DOVECOT_INSTALL_HINT}`;
    if (process.env.CI === 'true') throw new Error(`The mailbox tests cannot run: ${reason}`);
    console.warn(`\n[imap] Skipping the mailbox suites: ${reason}\n`);
    context = { binary: null, skipReason: reason };
  }
  project.provide('dovecot', context);
}
