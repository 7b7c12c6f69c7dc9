import { contextBridge, ipcRenderer } from 'electron';
import { callNames, type CallName } from '../../src-shared/contract/names.js';
import type { SesionaApi } from '../../src-shared/contract/calls.js';

// Generic: one function per call name, each on its own channel, every one checked in main.
const api = Object.fromEntries(
  callNames.map((name) => [name, (args: unknown) => ipcRenderer.invoke(`sesiona:${name}`, args ?? {})]),
) as { [K in CallName]: (args: unknown) => Promise<unknown> };

contextBridge.exposeInMainWorld('sesiona', api satisfies { [K in CallName]: unknown } as unknown as SesionaApi);
