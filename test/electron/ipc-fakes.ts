import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainInvokeEvent, IpcRenderer, IpcRendererEvent, WebFrameMain } from 'electron';
import type { BridgeIpc } from '../../electron/preload/desk-bridge.ts';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** Records every `ipcMain.handle` registration, as Electron's would receive them. */
export interface RecordingIpcMain extends Pick<IpcMain, 'handle'> {
  readonly registered: string[];
  /** Calls a registered channel the way an `ipcRenderer.invoke` from `event`'s frame would arrive. */
  call(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown>;
}

export function recordingIpcMain(): RecordingIpcMain {
  const listeners = new Map<string, InvokeListener>();
  const registered: string[] = [];
  return {
    registered,
    handle(channel, listener) {
      registered.push(channel);
      listeners.set(channel, listener);
    },
    async call(channel, event, ...args) {
      const listener = listeners.get(channel);
      // What Electron answers for a channel nobody registered.
      if (!listener) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      return listener(event, ...args);
    },
  };
}

export interface FrameFacts {
  readonly url: string;
  /** A subframe has a parent; the app's page is a top frame. */
  readonly subframe?: boolean;
}

/** An invoke event from a frame at `url`, with only what the sender check reads. */
export function invokeEventFrom(frame: FrameFacts | null): IpcMainInvokeEvent {
  const senderFrame = frame && ({ url: frame.url, parent: frame.subframe ? {} : null } as unknown as WebFrameMain);
  return { senderFrame } as unknown as IpcMainInvokeEvent;
}

/** An invoke event whose frame was disposed: Electron throws when it is read. */
export function invokeEventFromDisposedFrame(): IpcMainInvokeEvent {
  return {
    get senderFrame(): WebFrameMain {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    },
  } as unknown as IpcMainInvokeEvent;
}

export interface FakeIpcRenderer extends BridgeIpc {
  readonly invoked: unknown[][];
  /** Delivers a message on a channel as the main process's `webContents.send` would. */
  deliver(channel: string, message: unknown): void;
  listenerCount(channel: string): number;
}

/** An `ipcRenderer` stand-in: `invoke` answers with `answer`, `on`/`removeListener` are a real emitter. */
export function fakeIpcRenderer(answer: (channel: string, ...args: unknown[]) => Promise<unknown>): FakeIpcRenderer {
  const emitter = new EventEmitter();
  const invoked: unknown[][] = [];
  const sender = { note: 'stands for ipcRenderer, which must never reach the page' };
  const ipc: FakeIpcRenderer = {
    invoked,
    invoke(channel: string, ...args: unknown[]) {
      invoked.push([channel, ...args]);
      return answer(channel, ...args);
    },
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void) {
      emitter.on(channel, listener);
      return ipc as unknown as IpcRenderer;
    },
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void) {
      emitter.removeListener(channel, listener);
      return ipc as unknown as IpcRenderer;
    },
    deliver(channel, message) {
      emitter.emit(channel, { sender } as unknown as IpcRendererEvent, message);
    },
    listenerCount: (channel) => emitter.listenerCount(channel),
  };
  return ipc;
}
