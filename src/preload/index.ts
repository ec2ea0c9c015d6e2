/** The only door between the page and the main process: a small, typed API. */
import { contextBridge, ipcRenderer } from 'electron';
import { type AppInfo, CHANNELS, type SigmoidLabBridge } from '../shared/api';

const bridge: SigmoidLabBridge = {
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo) as Promise<AppInfo>,
};

contextBridge.exposeInMainWorld('sigmoidLab', bridge);
