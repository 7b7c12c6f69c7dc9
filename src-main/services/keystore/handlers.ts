import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { armChainHeadSigning } from '../settings/settings.js';

export const keystoreHandlers = {
  'vault.status': ({ vault }) => ({ unlocked: vault.unlocked, kind: vault.kind, initialized: vault.initialized }),
  'vault.unlock': async ({ vault, store }, args) => {
    await vault.unlockWithPassphrase(args.passphrase);
    await armChainHeadSigning(store, vault).catch(() => undefined);
    return { unlocked: vault.unlocked, kind: vault.kind, initialized: vault.initialized };
  },
} satisfies FeatureHandlers<FeatureCalls['keystore']>;
