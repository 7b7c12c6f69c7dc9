import { readFileSync } from 'node:fs';
import type { InstituteSettings } from '../../../../src-shared/domain/index.js';
import { findAsset } from '../../assets.js';

/** The institute's letterhead: its name, logo and the offices' addresses printed in the footer. */
export interface Letterhead {
  name: string;
  /** PNG or JPEG bytes. */
  logo: Uint8Array | null;
  footer: readonly { text: string; bold?: boolean }[];
}

/** The offices as the seeds' footers print them (Instituto Electoral de Michoacán). */
export const DEFAULT_INSTITUTE: Omit<InstituteSettings, 'id' | 'hlc'> = {
  name: 'Instituto Electoral de Michoacán',
  acronym: 'IEM',
  offices: [
    { title: 'OFICINAS CENTRALES', address: 'Bruselas no. 118, Fracc. Villa Universidad, C.P. 58060, Tel. (443)322 14 00, Morelia, Michoacán, México' },
    {
      title: 'OFICINAS DE CONTRALORÍA Y FISCALIZACIÓN',
      address: 'José Trinidad Esparza No. 31, Fracc. Arboledas, C.P.58337, Tels. (443) 334 0503 y 324 6476, Morelia, Michoacán, México',
    },
  ],
  website: 'www.iem.org.mx',
  city: 'Morelia, Michoacán',
};

let defaultLogo: Uint8Array | null | undefined;

/** The logo shipped in assets/ (found from source, the build output or the package). */
export function assetLogo(): Uint8Array | null {
  if (defaultLogo !== undefined) return defaultLogo;
  const path = findAsset('logo.png') ?? findAsset('icon.png');
  return (defaultLogo = path ? readFileSync(path) : null);
}

export function letterheadOf(settings: Omit<InstituteSettings, 'id' | 'hlc'>, logo: Uint8Array | null): Letterhead {
  const footer: { text: string; bold?: boolean }[] = [];
  for (const o of settings.offices) footer.push({ text: o.title, bold: true }, { text: o.address });
  if (settings.website) footer.push({ text: settings.website, bold: true });
  return { name: settings.name, logo, footer };
}
