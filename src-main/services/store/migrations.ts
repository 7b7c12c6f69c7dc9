/**
 * Schema migrations, applied in order when a data folder was written by an older version.
 * Each migration rewrites the meta version only after its own changes are durable.
 */
export interface Migration {
  to: number;
  description: string;
  up(dataDir: string): Promise<void>;
}

export const migrations: Migration[] = [
  {
    to: 1,
    description: 'Primera versión del formato: colecciones por fragmentos, bitácora y blobs.',
    up: async () => {},
  },
];

export const SCHEMA_VERSION = Math.max(...migrations.map((m) => m.to));
