import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import { APP_VERSION } from '../../../src-shared/version.js';
import type { FeatureHandlers } from '../context.js';
import { collectionNames } from '../store/collections.js';

export const appHandlers = {
  'app.info': ({ store, host, vault }) => ({
    version: APP_VERSION,
    dataDir: store.dataDir,
    host,
    keyStore: vault.kind,
    schemaVersion: store.schemaVersion,
    counts: Object.fromEntries(collectionNames.map((c) => [c, store.count(c)])),
  }),
} satisfies FeatureHandlers<FeatureCalls['app']>;
