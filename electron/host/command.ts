import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { HandlerInput, HandlerName, HandlerOutput } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import { createCore, defaultDataDir } from '#core/index.ts';
import type { Core, CoreOptions } from '#core/index.ts';
import { UsageError } from './usage-error.ts';

/** One `desk` subcommand: its help line, its options, and what it does. */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command takes plain arguments (file names) after its options. */
  readonly positionals?: boolean;
  /** Done; or the exit code, where the command finished but must tell a script that not all went well. */
  run(values: Record<string, unknown>, positionals: readonly string[]): Promise<void | number>;
}

export const dataOption = { data: { type: 'string' } } as const;

export function dataDir(values: Record<string, unknown>, fallback: () => string = defaultDataDir): string {
  return path.resolve((values.data as string | undefined) ?? fallback());
}

export function wholeNumber(value: unknown, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new UsageError(`--${name} needs a whole number, not "${String(value)}".`);
  }
  return number;
}

export function required(values: Record<string, unknown>, name: string, what: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${name} is required (${what}).`);
  return value.trim();
}

/** Calls a contract entry through the core's boundary, as a screen would; a refusal is thrown as the error. */
export async function ask<N extends HandlerName>(
  core: Core,
  name: N,
  input: HandlerInput<N>,
): Promise<HandlerOutput<N>> {
  const outcome = await core.invoke(name, input);
  if (!outcome.ok) throw new DeskError(outcome.error.code, outcome.error.message);
  return outcome.value as HandlerOutput<N>;
}

/** The start-up line that says where this host keeps secrets, plainly where they are not encrypted. */
export async function secretsLine(core: Core): Promise<string> {
  return `Secrets (hub token, mailbox passwords): ${(await core.describeSecrets()).where}.`;
}

/** Opens the workspace for one command, without the background work the apps do, and always closes it. */
export async function withCore<T>(
  dir: string,
  run: (core: Core) => Promise<T>,
  options: Partial<CoreOptions> = {},
): Promise<T> {
  const core = await createCore({ dataDir: dir, queueIndex: false, autoSync: false, keyring: 'system', ...options });
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}
