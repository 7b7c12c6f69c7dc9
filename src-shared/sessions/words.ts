import { monthName } from '../format.js';

const UNITS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez',
  'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte',
  'veintiuno', 'veintidós', 'veintitrés', 'veinticuatro', 'veinticinco', 'veintiséis', 'veintisiete', 'veintiocho', 'veintinueve'];
const TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const HUNDREDS = ['', 'ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos', 'setecientos', 'ochocientos', 'novecientos'];

/** A whole number from 0 to 9,999 in Spanish words ("dos mil veintitrés"). */
export function numberInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new Error(`Number out of range: ${n}`);
  if (n < 30) return UNITS[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? ` y ${UNITS[n % 10]}` : '');
  if (n < 1000) {
    if (n === 100) return 'cien';
    return HUNDREDS[Math.floor(n / 100)]! + (n % 100 ? ` ${numberInWords(n % 100)}` : '');
  }
  const thousands = Math.floor(n / 1000);
  return (thousands === 1 ? 'mil' : `${numberInWords(thousands)} mil`) + (n % 1000 ? ` ${numberInWords(n % 1000)}` : '');
}

/** As the seeds write dates in acts: "29 veintinueve de septiembre de 2023 dos mil veintitrés". */
export function dateInWords(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = d === 1 ? 'primero' : numberInWords(d);
  return `${d} ${day} de ${monthName(m)} de ${y} ${numberInWords(y)}`;
}

/** "las 10:00 diez horas". */
export function timeInWords(time: string): string {
  const [h, min] = time.split(':').map(Number) as [number, number];
  const hours = h === 1 ? 'una hora' : `${numberInWords(h)} horas`;
  return `las ${time} ${hours}${min ? ` con ${numberInWords(min)} minutos` : ''}`;
}
