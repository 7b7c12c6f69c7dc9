import { call, NoArgs } from './spec.js';

export interface AppInfo {
  version: string;
  dataDir: string;
  host: 'electron' | 'web' | 'cli';
  keyStore: string;
  schemaVersion: number;
  counts: Record<string, number>;
}

export const appCalls = {
  'app.info': call<AppInfo>()(NoArgs),
};
