/** The institute's letterhead footer, as printed on every page of both seeds. */
export const LETTERHEAD_FOOTER: readonly { text: string; bold?: boolean }[] = [
  { text: 'OFICINAS CENTRALES', bold: true },
  { text: 'Bruselas no. 118, Fracc. Villa Universidad, C.P. 58060, Tel. (443)322 14 00, Morelia, Michoacán, México' },
  { text: 'OFICINAS DE CONTRALORÍA Y FISCALIZACIÓN', bold: true },
  {
    text: 'José Trinidad Esparza No. 31, Fracc. Arboledas, C.P.58337, Tels. (443) 334 0503 y 324 6476, Morelia, Michoacán, México',
  },
  { text: 'www.iem.org.mx', bold: true },
];

export const LETTERHEAD_HEADER = 'INSTITUTO ELECTORAL DE MICHOACÁN';
