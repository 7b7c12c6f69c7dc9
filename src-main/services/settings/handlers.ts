import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import { certificateInfo } from '../certificates/info.js';
import type { FeatureHandlers } from '../context.js';
import { currentSettings, setTsaUrl } from './settings.js';

export const settingsHandlers = {
  'settings.get': async ({ store, ids }) => {
    const s = currentSettings(store, ids.next);
    const cert = s.seal ? certificateInfo(await store.blobs.get(s.seal.certificate)) : null;
    return { tsaUrl: s.tsaUrl, sealCertificateNumber: cert?.certificateNumber ?? null };
  },
  'settings.setTsa': ({ store, actor, ids }, args) => setTsaUrl(store, args.tsaUrl, actor, ids.next),
} satisfies FeatureHandlers<FeatureCalls['settings']>;
