/**
 * RFC and CURP as the SAT and RENAPO issue them: shape, a real date of birth or incorporation,
 * and the check digit. A typo in either would unbind a person from their e.firma, so both are
 * checked where they are typed, not when a signature fails.
 */

export type IdCheck = { ok: true; value: string } | { ok: false; message: string };

const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';
const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
const STATES = new Set(
  'AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE'.split(' '),
);

function normalise(raw: string): string {
  return raw.normalize('NFC').trim().toUpperCase();
}

/** yymmdd is a calendar date (the century does not change which dates exist, except 29 Feb 00). */
function realDate(yymmdd: string): boolean {
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const leap = yy % 4 === 0; // 2000 was leap, 1900 was not: both read "00", so allow it.
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]!;
  return dd <= days;
}

/** The RFC's homoclave check digit (SAT algorithm, modulus 11). */
export function rfcCheckDigit(first12: string): string {
  const padded = first12.length === 11 ? ` ${first12}` : first12;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += RFC_ALPHABET.indexOf(padded[i]!) * (13 - i);
  const r = 11 - (sum % 11);
  return r === 11 ? '0' : r === 10 ? 'A' : String(r);
}

/** The CURP's last digit (RENAPO algorithm, modulus 10). */
export function curpCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(first17[i]!) * (18 - i);
  return String((10 - (sum % 10)) % 10);
}

export function checkRfc(raw: string): IdCheck {
  const rfc = normalise(raw);
  if (isGenericRfc(rfc)) return { ok: false, message: 'Ese es un RFC genérico del SAT; escriba el RFC de la persona.' };
  const m = /^([A-ZÑ&]{3,4})(\d{6})([A-Z\d]{2})([\dA])$/.exec(rfc);
  if (!m) {
    return { ok: false, message: 'El RFC debe tener 13 caracteres (persona física) o 12 (persona moral), como GUCA750312AB3.' };
  }
  if (!realDate(m[2]!)) return { ok: false, message: `La fecha del RFC (${m[2]}) no existe.` };
  if (rfcCheckDigit(rfc.slice(0, -1)) !== m[4]) {
    return { ok: false, message: 'El dígito verificador del RFC no coincide; revise que esté bien escrito.' };
  }
  return { ok: true, value: rfc };
}

export function checkCurp(raw: string): IdCheck {
  const curp = normalise(raw);
  const m = /^[A-ZÑ][AEIOUXÑ][A-ZÑ]{2}(\d{6})[HMX]([A-Z]{2})[B-DF-HJ-NP-TV-ZÑ]{3}[A-Z\d](\d)$/.exec(curp);
  if (!m) return { ok: false, message: 'La CURP debe tener 18 caracteres, como GUCA750312MMNTRR05.' };
  if (!realDate(m[1]!)) return { ok: false, message: `La fecha de nacimiento de la CURP (${m[1]}) no existe.` };
  if (!STATES.has(m[2]!)) return { ok: false, message: `La clave de entidad «${m[2]}» de la CURP no existe.` };
  if (curpCheckDigit(curp.slice(0, 17)) !== m[3]) {
    return { ok: false, message: 'El dígito verificador de la CURP no coincide; revise que esté bien escrita.' };
  }
  return { ok: true, value: curp };
}

/** The public-in-general and foreign RFCs identify no one; nobody signs with them. */
export function isGenericRfc(rfc: string): boolean {
  return /^X[AE]XX010101000$/.test(normalise(rfc));
}
