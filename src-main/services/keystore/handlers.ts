import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';

export const keystoreHandlers = {
  'vault.status': ({ vault }) => ({ unlocked: vault.unlocked, kind: vault.kind, initialized: vault.initialized }),
  'vault.unlock': async ({ vault }, args) => {
    await vault.unlockWithPassphrase(args.passphrase);
    return { unlocked: vault.unlocked, kind: vault.kind, initialized: vault.initialized };
  },
} satisfies FeatureHandlers<FeatureCalls['keystore']>;
