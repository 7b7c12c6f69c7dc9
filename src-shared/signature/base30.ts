/**
 * jSignature "base30" signature codec, byte-for-byte compatible with jSignature 2.x
 * (`src/plugins/jSignature.CompressorBase30.js`), but strict and fast.
 *
 * Format: strokes `[{x: [...], y: [...]}]`; each stroke is written as two legs (x, then y), all legs
 * joined by `_`. In a leg every value is `Math.round`ed and written as the delta from the previous
 * rounded value (the first one from 0). A leg starts positive; `Z` switches to negative and `Y` back
 * to positive, written only before a non-zero delta of the other sign. Absolute deltas are written
 * in base 30: the first digit from `0-9a-t`, every following digit from the shifted set `u-zA-X`.
 *
 * Where jSignature silently produces garbage (NaN points, mismatched legs, skipped characters) or
 * crashes, this module throws a {@link Base30Error}. Valid output/input is identical to jSignature's.
 *
 * Pure TypeScript with no imports: no Node APIs, no DOM typings. The one platform object used is
 * the standard TextDecoder when the runtime has it (Node, Electron, browsers, workers all do),
 * only to turn the output bytes into a string; without it a String.fromCharCode path gives the
 * same result.
 */

interface Base30Stroke {
  x: number[];
  y: number[];
}

type Base30ErrorCode =
  | 'invalid-type'
  | 'no-strokes'
  | 'invalid-stroke'
  | 'empty-stroke'
  | 'length-mismatch'
  | 'not-a-number'
  | 'non-finite'
  | 'out-of-range'
  | 'empty-input'
  | 'bad-prefix'
  | 'invalid-char'
  | 'orphan-tail'
  | 'empty-leg'
  | 'dangling-sign'
  | 'odd-legs';

/** Thrown for input jSignature would mangle. `message` is English, `messageEs` Spanish (for screens). */
export class Base30Error extends Error {
  override readonly name = 'Base30Error';
  /** Stroke index (0-based), or -1 when not applicable. */
  readonly stroke: number;
  /** Leg index in the encoded string (0-based: stroke*2 for x, stroke*2+1 for y), or -1. */
  readonly leg: number;
  /** Character index in the string given to decodeBase30 (prefix included), or -1. */
  readonly index: number;
  /** Point index inside the leg (encode only), or -1. */
  readonly point: number;

  /** Machine-readable reason, e.g. 'invalid-char'. */
  readonly code: Base30ErrorCode;
  /** Spanish message for screens. */
  readonly messageEs: string;

  constructor(
    code: Base30ErrorCode,
    message: string,
    messageEs: string,
    where: { stroke?: number; leg?: number; index?: number; point?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.messageEs = messageEs;
    this.stroke = where.stroke ?? -1;
    this.leg = where.leg ?? -1;
    this.index = where.index ?? -1;
    this.point = where.point ?? -1;
  }
}

/* ----------------------------------------------------------------------------------------------
 * Tables
 * -------------------------------------------------------------------------------------------- */

const HEAD_CHARS = '0123456789abcdefghijklmnopqrst';
const TAIL_CHARS = 'uvwxyzABCDEFGHIJKLMNOPQRSTUVWX';
const PLUS = 89; // 'Y'
const MINUS = 90; // 'Z'
const SEP = 95; // '_'
const MAX = Number.MAX_SAFE_INTEGER;

/** Absolute deltas below this have one or two base-30 digits (the fast path). */
const SMALL_LIMIT = 900;

/** Char-code classes for the decoder: 0-29 head digit, 32-61 tail digit (32 + value). */
const C_MINUS = 64;
const C_PLUS = 65;
const C_SEP = 66;
const C_END = 67; // past the end of the input
const C_BAD = 255;
const CLASS = new Uint8Array(128).fill(C_BAD);
for (let d = 0; d < 30; d++) {
  CLASS[HEAD_CHARS.charCodeAt(d)] = d;
  CLASS[TAIL_CHARS.charCodeAt(d)] = 32 + d;
}
CLASS[MINUS] = C_MINUS;
CLASS[PLUS] = C_PLUS;
CLASS[SEP] = C_SEP;

const PREFIX = 'image/jsignature;base30,';
const DATA_PREFIX = 'data:' + PREFIX;

/* ----------------------------------------------------------------------------------------------
 * Encoding
 * -------------------------------------------------------------------------------------------- */

function axisOf(leg: number): 'x' | 'y' {
  return (leg & 1) === 0 ? 'x' : 'y';
}

function describeValue(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v;
}

function badValue(v: unknown, stroke: number, leg: number, point: number): Base30Error {
  const axis = axisOf(leg);
  const where = { stroke, leg, point };
  if (typeof v !== 'number') {
    return new Base30Error(
      'not-a-number',
      `stroke ${stroke}: ${axis}[${point}] is ${describeValue(v)}, not a number`,
      `Trazo ${stroke}: la coordenada ${axis}[${point}] no es un número (${describeValue(v)}).`,
      where,
    );
  }
  if (v !== v || v === Infinity || v === -Infinity) {
    return new Base30Error(
      'non-finite',
      `stroke ${stroke}: ${axis}[${point}] is ${String(v)}; coordinates must be finite numbers`,
      `Trazo ${stroke}: la coordenada ${axis}[${point}] es ${String(v)}; las coordenadas deben ser números finitos.`,
      where,
    );
  }
  return new Base30Error(
    'out-of-range',
    `stroke ${stroke}: ${axis}[${point}] = ${String(v)} (or its difference from the previous point) ` +
      `is outside ±${MAX} once rounded, so it cannot be encoded exactly`,
    `Trazo ${stroke}: la coordenada ${axis}[${point}] = ${String(v)} (o su diferencia con el punto anterior) ` +
      `excede ±${MAX} y no se puede codificar con exactitud.`,
    where,
  );
}

/** Char code of head digit d (0-29): '0'-'9' then 'a'-'t'. Branch-free. */
function headCode(d: number): number {
  return 48 + d + (((9 - d) >> 31) & 39);
}

/** Char code of tail digit d (0-29): 'u'-'z' then 'A'-'X'. Branch-free. */
function tailCode(d: number): number {
  return 59 + d + (((d - 6) >> 31) & 58);
}

/** HEAD_CODE[d] = headCode(d) for the single-digit fast path. */
const HEAD_CODE = new Uint8Array(30);
for (let d = 0; d < 30; d++) HEAD_CODE[d] = headCode(d);

/** Largest double below 0.5: the only |v| < 2^52 where Math.floor(v + 0.5) !== Math.round(v). */
const NEAR_HALF = 0.49999999999999994;
/**
 * Fast-path bound on rounded coordinates: keeps Math.floor(v + 0.5) exact and every delta
 * within int32 range.
 */
const FAST_LIMIT = 1073741824; // 2^30
/** Most codes one value can take: a polarity marker and 11 digits (30^11 > 2^53). */
const MAX_CODES_PER_VALUE = 12;

/**
 * Output buffer for signatures whose worst case (12 codes per point + 1 per leg) fits: the hot
 * loop then writes without any capacity checks, and, this being a module constant, the compiled
 * loop embeds its address and length. Larger signatures, or a re-entrant call (a getter on the
 * input calling encodeBase30), get a buffer of their own.
 */
const FIXED = new Uint8Array(1 << 16);
let fixedBusy = false;

interface ByteDecoder {
  decode(input: Uint8Array): string;
}

/**
 * The WHATWG TextDecoder (a global in Node >= 11, Electron, browsers and workers — no import, no
 * DOM typings) turns the ASCII bytes into a string far faster than anything in plain JS. Where
 * it is missing, String.fromCharCode gives the same string more slowly.
 */
const asciiDecoder: ByteDecoder | null = (() => {
  const Ctor = (globalThis as unknown as { TextDecoder?: new (label: string) => ByteDecoder }).TextDecoder;
  if (typeof Ctor !== 'function') return null;
  try {
    const decoder = new Ctor('utf-8');
    return decoder.decode(new Uint8Array([90, 95, 48, 117])) === 'Z_0u' ? decoder : null;
  } catch {
    return null;
  }
})();

/** Arguments per String.fromCharCode call in the fallback (well below every engine's limit). */
const CHUNK = 8192;

function bytesToString(bytes: Uint8Array, length: number): string {
  if (asciiDecoder !== null) return asciiDecoder.decode(bytes.subarray(0, length));
  let out = '';
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

/** Writes the base-30 digits of an integer 0 <= a <= MAX_SAFE_INTEGER at out[p]; returns the new p. */
function writeNumber(out: Uint8Array, p: number, a: number): number {
  let digits = 1;
  for (let q = a; q >= 30; q = (q - (q % 30)) / 30) digits++;
  for (let j = p + digits - 1; j > p; j--) {
    const r = a % 30;
    out[j] = tailCode(r);
    a = (a - r) / 30;
  }
  out[p] = headCode(a);
  return p + digits;
}

/**
 * General (slow) encoder for the rest of a leg from index `i`, used once a value falls outside
 * the fast path: validates, rounds with Math.round and handles deltas up to MAX_SAFE_INTEGER.
 * Returns the new p, or ~i (negative) for the first invalid value.
 */
function encodeLegSlow(
  leg: readonly number[],
  n: number,
  out: Uint8Array,
  p: number,
  i: number,
  last: number,
  negative: boolean,
): number {
  for (; i < n; i++) {
    const v = leg[i] as number;
    if (typeof v !== 'number' || v - v !== 0) return ~i;
    const w = Math.round(v);
    let d = w - last;
    if (w > MAX || w < -MAX || d > MAX || d < -MAX) return ~i;
    last = w;
    if (d < 0) {
      if (!negative) {
        negative = true;
        out[p++] = MINUS;
      }
      d = -d;
    } else if (d > 0 && negative) {
      negative = false;
      out[p++] = PLUS;
    }
    p = writeNumber(out, p, d);
  }
  return p;
}

/**
 * Writes one leg into `out` from index p; returns the new p, or ~i (negative) when leg[i] cannot
 * be encoded. Same output as jSignature's `compressstrokeleg`: Math.round, delta from the
 * previous rounded value (first from 0), 'Z'/'Y' before a non-zero delta whose sign differs from
 * the current polarity, base-30 digits.
 */
function encodeLeg(leg: readonly number[], n: number, out: Uint8Array, p: number): number {
  p |= 0; // keeps p an untagged int32 in optimized code
  let last = 0;
  let negative = 0; // 1 while the leg is in negative polarity
  for (let i = 0; i < n; i++) {
    const v = leg[i] as number;
    if (typeof v !== 'number') return ~i; // free for arrays the engine knows hold only numbers
    // Math.floor(v + 0.5) equals Math.round(v) for |v| < 2^52 except NEAR_HALF (and the sign of
    // a zero, which cannot change the output), without the data-dependent branch Math.round
    // compiles to. NaN, ±Infinity and huge values fail this test and go the slow way.
    const f = Math.floor(v + 0.5);
    if (!(Math.abs(f) < FAST_LIMIT) || v === NEAR_HALF) {
      return encodeLegSlow(leg, n, out, p, i, last, negative === 1);
    }
    const w = f | 0;
    const d = (w - last) | 0;
    last = w;
    // Branch-free polarity: a 'Z' (90) / 'Y' (89) is stored unconditionally and kept (p moves)
    // only for a non-zero delta whose sign differs from the current polarity.
    const neg = d >>> 31;
    const flip = (neg ^ negative) & ((d | -d) >>> 31);
    negative ^= flip;
    out[p] = PLUS + neg;
    p += flip;
    const m = d >> 31;
    const a = (d ^ m) - m;
    if (a < 30) {
      out[p++] = HEAD_CODE[a] as number;
    } else if (a < SMALL_LIMIT) {
      const h = (a * 0x8889) >>> 20; // a / 30 for a < 900
      out[p] = headCode(h);
      out[p + 1] = tailCode(a - 30 * h);
      p += 2;
    } else {
      p = writeNumber(out, p, a) | 0;
    }
  }
  return p;
}

/** encodeLeg into FIXED: small enough for the compiler to inline encodeLeg with FIXED as a constant. */
function encodeLegFixed(leg: readonly number[], n: number, p: number): number {
  return encodeLeg(leg, n, FIXED, p);
}

/**
 * Encodes strokes exactly like jSignature's `compressstrokes` (no `image/jsignature;base30,` prefix).
 * Throws Base30Error for: no strokes, a stroke without points or with x/y of different lengths,
 * non-finite or non-number coordinates, and rounded coordinates or deltas beyond ±2^53−1.
 */
export function encodeBase30(strokes: Base30Stroke[]): string {
  if (!Array.isArray(strokes)) {
    throw new Base30Error(
      'invalid-type',
      `expected an array of strokes, got ${strokes === null ? 'null' : typeof strokes}`,
      'Se esperaba una lista de trazos.',
    );
  }
  const count = strokes.length;
  if (count === 0) {
    throw new Base30Error('no-strokes', 'the signature has no strokes', 'La firma está vacía: no tiene trazos.');
  }
  // Validate the shape and size the buffer before writing anything; the legs and their lengths
  // are read once here, so accessors or proxies cannot make the buffer too small later.
  const legs: (readonly number[])[] = [];
  const lengths: number[] = [];
  let need = 0;
  for (let s = 0; s < count; s++) {
    const stroke = strokes[s] as Base30Stroke;
    const xs = stroke !== null && typeof stroke === 'object' ? stroke.x : undefined;
    const ys = stroke !== null && typeof stroke === 'object' ? stroke.y : undefined;
    if (!Array.isArray(xs) || !Array.isArray(ys)) {
      throw new Base30Error(
        'invalid-stroke',
        `stroke ${s} is not an object with x and y arrays`,
        `El trazo ${s} no es válido: faltan las listas de coordenadas x e y.`,
        { stroke: s },
      );
    }
    if (xs.length !== ys.length) {
      throw new Base30Error(
        'length-mismatch',
        `stroke ${s}: x has ${xs.length} points but y has ${ys.length}`,
        `Trazo ${s}: tiene ${xs.length} coordenadas x pero ${ys.length} coordenadas y.`,
        { stroke: s },
      );
    }
    if (xs.length === 0) {
      throw new Base30Error('empty-stroke', `stroke ${s} has no points`, `El trazo ${s} no tiene puntos.`, {
        stroke: s,
      });
    }
    legs.push(xs, ys);
    lengths.push(xs.length);
    need += 2 * (MAX_CODES_PER_VALUE * xs.length + 1);
  }

  const legCount = 2 * count;
  if (need <= FIXED.length && !fixedBusy) {
    fixedBusy = true;
    try {
      let p = 0;
      for (let leg = 0; leg < legCount; leg++) {
        if (leg > 0) FIXED[p++] = SEP;
        const values = legs[leg] as readonly number[];
        p = encodeLegFixed(values, lengths[leg >> 1] as number, p) | 0;
        if (p < 0) throw badValue(values[~p], leg >> 1, leg, ~p);
      }
      return bytesToString(FIXED, p);
    } finally {
      fixedBusy = false;
    }
  }
  const out = new Uint8Array(need);
  let p = 0;
  for (let leg = 0; leg < legCount; leg++) {
    if (leg > 0) out[p++] = SEP;
    const values = legs[leg] as readonly number[];
    p = encodeLeg(values, lengths[leg >> 1] as number, out, p) | 0;
    if (p < 0) throw badValue(values[~p], leg >> 1, leg, ~p);
  }
  return bytesToString(out, p);
}

/* ----------------------------------------------------------------------------------------------
 * Decoding
 * -------------------------------------------------------------------------------------------- */

function where(leg: number, index: number): { stroke: number; leg: number; index: number } {
  return { stroke: leg >> 1, leg, index };
}

function legName(leg: number): string {
  return `leg ${leg} (stroke ${leg >> 1} ${axisOf(leg)})`;
}

function legNameEs(leg: number): string {
  return `trazo ${leg >> 1}, eje ${axisOf(leg)}`;
}

function invalidChar(data: string, i: number, leg: number): Base30Error {
  const code = data.charCodeAt(i);
  const ch = code >= 32 && code < 127 ? `'${data.charAt(i)}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return new Base30Error(
    'invalid-char',
    `invalid character ${ch} at index ${i} in ${legName(leg)}; base30 data may only contain 0-9, a-z, A-Z and '_'`,
    `Carácter no válido ${ch} en la posición ${i} (${legNameEs(leg)}).`,
    where(leg, i),
  );
}

function orphanTail(data: string, i: number, leg: number): Base30Error {
  return new Base30Error(
    'orphan-tail',
    `continuation digit '${data.charAt(i)}' at index ${i} in ${legName(leg)} has no leading digit (0-9, a-t) before it`,
    `Dígito de continuación '${data.charAt(i)}' sin dígito inicial en la posición ${i} (${legNameEs(leg)}).`,
    where(leg, i),
  );
}

function tooBig(i: number, leg: number): Base30Error {
  return new Base30Error(
    'out-of-range',
    `number ending at index ${i} in ${legName(leg)} goes beyond ±${MAX} and cannot be decoded exactly`,
    `Número fuera de rango en la posición ${i} (${legNameEs(leg)}).`,
    where(leg, i),
  );
}

function legEndError(data: string, i: number, leg: number, legStart: number): Base30Error {
  if (i === legStart) {
    return new Base30Error(
      'empty-leg',
      `${legName(leg)} is empty (at index ${i})`,
      `Datos de firma incompletos: el ${legNameEs(leg)} está vacío (posición ${i}).`,
      where(leg, i),
    );
  }
  return new Base30Error(
    'dangling-sign',
    `${legName(leg)} ends at index ${i} with a sign marker '${data.charAt(i - 1)}' that has no number after it`,
    `El ${legNameEs(leg)} termina con un signo '${data.charAt(i - 1)}' sin número (posición ${i - 1}).`,
    where(leg, i - 1),
  );
}

function mismatch(leg: number, xs: number, ys: number, i: number): Base30Error {
  const stroke = leg >> 1;
  return new Base30Error(
    'length-mismatch',
    `stroke ${stroke}: x leg has ${xs} points but y leg has ${ys} (y leg ends at index ${i})`,
    `Trazo ${stroke}: tiene ${xs} coordenadas x pero ${ys} coordenadas y.`,
    where(leg, i),
  );
}

function startOf(data: string): number {
  const n = data.length;
  if (n === 0) return 0;
  const c0 = data.charCodeAt(0) | 32;
  // A bare string may start with 'd' or 'i' (digits 13 and 18) but can never contain ':' or '/'.
  if (c0 === 105 /* i */ && n >= 6 && data.slice(0, 6).toLowerCase() === 'image/') {
    if (data.slice(0, PREFIX.length).toLowerCase() === PREFIX) return PREFIX.length;
  } else if (c0 === 100 /* d */ && n >= 5 && data.slice(0, 5).toLowerCase() === 'data:') {
    if (data.slice(0, DATA_PREFIX.length).toLowerCase() === DATA_PREFIX) return DATA_PREFIX.length;
  } else {
    return 0;
  }
  return -1;
}

/**
 * Decodes a base30 string exactly like jSignature's `uncompressstrokes`. Accepts the bare data and
 * the prefixes `image/jsignature;base30,` and `data:image/jsignature;base30,` (case-insensitive).
 * Throws Base30Error for: empty data, characters outside the alphabet, a continuation digit with no
 * leading digit, empty legs, a leg ending in a sign marker, an odd number of legs, x/y legs of
 * different lengths, and numbers or coordinates beyond ±2^53−1.
 */
export function decodeBase30(data: string): Base30Stroke[] {
  if (typeof data !== 'string') {
    throw new Base30Error(
      'invalid-type',
      `expected a string, got ${data === null ? 'null' : typeof data}`,
      'Los datos de la firma no son texto.',
    );
  }
  const start = startOf(data);
  if (start < 0) {
    throw new Base30Error(
      'bad-prefix',
      `unrecognised prefix: expected '${PREFIX}' or '${DATA_PREFIX}' before the data (index 0)`,
      'Prefijo no reconocido en los datos de la firma: se esperaba «image/jsignature;base30,».',
      { index: 0 },
    );
  }
  const end = data.length;
  if (start === end) {
    throw new Base30Error(
      'empty-input',
      start === 0 ? 'the signature data is empty' : `the signature data is empty after the prefix (index ${start})`,
      'Los datos de la firma están vacíos.',
      { index: start },
    );
  }

  const strokes: Base30Stroke[] = [];
  let i = start;
  for (let leg = 0; ; leg += 2) {
    let sep = data.indexOf('_', i);
    const xs = decodeLeg(data, i, sep < 0 ? end : sep, leg);
    if (sep < 0) {
      throw new Base30Error(
        'odd-legs',
        `odd number of legs (${leg + 1}): stroke ${leg >> 1} has an x leg but no y leg (data ends at index ${end})`,
        `Datos de firma incompletos: al trazo ${leg >> 1} le falta la coordenada y.`,
        where(leg, end),
      );
    }
    i = sep + 1;
    sep = data.indexOf('_', i);
    const legEnd = sep < 0 ? end : sep;
    const ys = decodeLeg(data, i, legEnd, leg + 1);
    if (xs.length !== ys.length) throw mismatch(leg + 1, xs.length, ys.length, legEnd);
    strokes.push({ x: xs, y: ys });
    if (sep < 0) return strokes;
    i = sep + 1;
  }
}

/** Class of the character at i (see CLASS), C_END past the end. */
function classAt(data: string, i: number, end: number): number {
  if (i >= end) return C_END;
  const ch = data.charCodeAt(i);
  return ch < 128 ? (CLASS[ch] as number) : C_BAD;
}

/**
 * Decodes the leg data[start, end) (`end` is a '_' or the end of the input) like jSignature's
 * `uncompressstrokeleg`. Throws Base30Error on anything malformed.
 *
 * The result array is allocated once with room for one value per character (an upper bound)
 * and trimmed at the end: several times cheaper than growing it with push.
 */
function decodeLeg(data: string, start: number, end: number, leg: number): number[] {
  if (start === end) throw legEndError(data, end, leg, start);
  // (Engines turn huge `new Array(n)` into slow dictionary arrays; very long legs just append.)
  const out: number[] = end - start <= 65536 ? new Array<number>(end - start) : [];
  let n = 0;
  let i = start;
  let prev = 0;
  let s = 0; // polarity: 0 positive, -1 negative (so that (k ^ s) - s is ±k)
  let k = classAt(data, i, end);
  for (;;) {
    if (k < 30) {
      // A leading digit: a new number. Most are a single digit.
      i++;
      let t = classAt(data, i, end);
      if (t >= 32 && t < 62) {
        let num = k;
        do {
          num = num * 30 + (t - 32);
          if (num > MAX) throw tooBig(i, leg);
          i++;
          t = classAt(data, i, end);
        } while (t >= 32 && t < 62);
        prev = s < 0 ? prev - num : prev + num;
        if (prev > MAX || prev < -MAX) throw tooBig(i - 1, leg);
      } else {
        prev += (k ^ s) - s;
      }
      out[n++] = prev;
      k = t;
    } else if (k === C_MINUS || k === C_PLUS) {
      s = k === C_MINUS ? -1 : 0;
      i++;
      k = classAt(data, i, end);
      // jSignature needs a number after a sign marker; another marker just overrides it.
      if (k >= 30 && k !== C_MINUS && k !== C_PLUS) {
        if (k < 64) throw orphanTail(data, i, leg);
        if (k === C_END) throw legEndError(data, i, leg, start);
        throw invalidChar(data, i, leg);
      }
    } else if (k === C_END) {
      if (n < out.length) out.length = n;
      return out;
    } else if (k < 64) {
      throw orphanTail(data, i, leg);
    } else {
      throw invalidChar(data, i, leg);
    }
  }
}
