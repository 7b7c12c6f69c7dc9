/** vitest globalSetup of the server project: one PostgreSQL cluster for the whole run. */
import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
