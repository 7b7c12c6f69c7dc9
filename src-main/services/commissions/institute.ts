import type { InstituteSettings } from '../../../src-shared/domain/index.js';
import { assetLogo, DEFAULT_INSTITUTE, letterheadOf, type Letterhead } from '../pdf/layout/letterhead.js';
import type { Store } from '../store/store.js';

/** The institute's settings: the stored record, or the seeds' institute until one is saved. */
export function instituteSettings(store: Pick<Store, 'all'>): Omit<InstituteSettings, 'hlc' | 'id'> & { id: string | null } {
  const stored = store.all('institute')[0];
  if (stored) {
    const { hlc: _hlc, ...rest } = stored;
    return rest;
  }
  return { id: null, ...DEFAULT_INSTITUTE };
}

export async function instituteLetterhead(store: Store): Promise<Letterhead> {
  const settings = instituteSettings(store);
  const logo = settings.logo ? await store.blobs.get(settings.logo).catch(() => assetLogo()) : assetLogo();
  return letterheadOf(settings, logo);
}
