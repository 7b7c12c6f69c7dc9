import { z } from 'zod';
import { call, NoArgs } from './spec.js';

export interface VaultStatus {
  unlocked: boolean;
  kind: 'safeStorage' | 'passphrase';
  /** false until the first passphrase sets the data key. */
  initialized: boolean;
}

/** The data key that protects strokes and private keys (`vault.*`). */
export const keystoreCalls = {
  'vault.status': call<VaultStatus>()(NoArgs),
  'vault.unlock': call<VaultStatus>()(
    z.object({ passphrase: z.string().min(8, 'La frase de acceso debe tener al menos 8 caracteres.').max(200) }).strict(),
  ),
};
