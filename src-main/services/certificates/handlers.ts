import type { FeatureCalls } from '../../../src-shared/contract/calls.js';
import type { FeatureHandlers } from '../context.js';
import { certificateView, importCertificate } from './stored.js';

export const certificatesHandlers = {
  'certificates.list': ({ store }) => store.all('certificates').map(certificateView),
  'certificates.import': ({ store, vault, actor, ids }, args) => importCertificate(store, vault, args, actor, ids.next),
} satisfies FeatureHandlers<FeatureCalls['certificates']>;
