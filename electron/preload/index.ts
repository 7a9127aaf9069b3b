import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildStudioBridge } from './studio-bridge';

// Sandboxed preload (bundled to CommonJS): it may require only 'electron'. The page gets plain functions;
// ipcRenderer and IpcRendererEvent (whose `sender` is ipcRenderer) never cross into the main world.
const studio = buildStudioBridge({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe(channel, listener) {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
  getPathForFile: (file) => webUtils.getPathForFile(file),
});

contextBridge.exposeInMainWorld('studio', studio);
