import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { HANDLER_NAMES, isHandlerName } from '#shared/contract.ts';
import type { Outcome } from '#shared/contract.ts';
import type { Core } from '#core/index.ts';

/** Whether an IPC call comes from the app's own page (see `senderIsAppPage`). */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>) => boolean;

type Invoker = Pick<Core, 'invoke'>;

function refusal(code: 'forbidden' | 'unknown_handler' | 'internal', message: string): Outcome<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Answers one call from the window: the sender must be the app's page and the name a contract entry; the
 * core then checks the input. The answer is always an outcome: an error thrown through `ipcMain.handle`
 * reaches the renderer as a bare message, so nothing is ever thrown across IPC.
 */
export async function answerInvoke(
  core: Invoker,
  isTrustedSender: SenderCheck,
  name: string,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  input: unknown,
): Promise<Outcome<unknown>> {
  if (!isTrustedSender(event)) return refusal('forbidden', 'Only the Incident Desk window may call the desk.');
  if (!isHandlerName(name)) {
    return refusal('unknown_handler', `There is no handler named ${JSON.stringify(name).slice(0, 80)}.`);
  }
  try {
    return await core.invoke(name, input);
  } catch {
    // The core answers errors as data already; this is the last guard should it ever throw.
    return refusal('internal', 'Something went wrong inside the desk; it has been logged.');
  }
}

/**
 * Registers every contract entry once as an invokable IPC channel of the same name. Nothing else is
 * registered, so a channel outside the contract has no handler in the main process at all.
 */
export function registerContract(ipcMain: Pick<IpcMain, 'handle'>, core: Invoker, isTrustedSender: SenderCheck): void {
  for (const name of HANDLER_NAMES) {
    // One argument per call (STYLE habit 1): anything after the input is ignored.
    ipcMain.handle(name, (event, input: unknown) => answerInvoke(core, isTrustedSender, name, event, input));
  }
}
