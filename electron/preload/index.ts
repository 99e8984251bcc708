import { contextBridge, ipcRenderer } from 'electron';
import { createDeskBridge } from './desk-bridge.ts';

// The page gets the bridge's named entry points; `ipcRenderer` itself never crosses into it.
contextBridge.exposeInMainWorld('desk', createDeskBridge(ipcRenderer));
