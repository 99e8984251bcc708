import { contextBridge, ipcRenderer } from 'electron';
import { createDeskBridge } from './desk-bridge.ts';
import { createDeskNotifier } from './desk-notifier.ts';

// The page gets the bridge's named entry points; `ipcRenderer` itself never crosses into it.
contextBridge.exposeInMainWorld('desk', createDeskBridge(ipcRenderer));
contextBridge.exposeInMainWorld('deskNotifier', createDeskNotifier(ipcRenderer));
