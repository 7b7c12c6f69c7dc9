import { z } from 'zod';
import { call, NoArgs } from './spec.js';

export interface SettingsView {
  tsaUrl: string;
  sealCertificateNumber: string | null;
}

export const settingsCalls = {
  'settings.get': call<SettingsView>()(NoArgs),
  'settings.setTsa': call<{ tsaUrl: string }>()(
    z
      .object({
        tsaUrl: z.union([
          z.literal(''),
          z.string().trim().url('La dirección del servicio de sellado de tiempo no es válida.').regex(/^https?:\/\//, 'La dirección debe comenzar con http:// o https://'),
        ]),
      })
      .strict(),
    true,
  ),
};
