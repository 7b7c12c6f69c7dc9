import { describe, it, expect, vi, afterEach } from 'vitest';
import fc from 'fast-check';
import { Base30Error, decodeBase30, encodeBase30 } from '../../src-shared/signature/base30.js';
import { loadJSignatureBase30, type Strokes } from '../support/jsignature-reference.js';

const ref = loadJSignatureBase30('src');
const refMin = loadJSignatureBase30('min');

/** What jSignature's round trip gives for valid input: Math.round, with -0 read back as 0. */
const rounded = (strokes: Strokes[]): Strokes[] =>
  strokes.map((s) => ({ x: s.x.map((v) => Math.round(v) + 0), y: s.y.map((v) => Math.round(v) + 0) }));

/* ------------------------------------------------------------------------------------------------
 * Arbitraries
 * ---------------------------------------------------------------------------------------------- */

/** Values where rounding or the digit layout is delicate; all within ±2^51 so deltas stay exact. */
const edgeValues = [
  0, -0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 0.5000000000000001,
  -0.5000000000000001, 29, 29.5, 30, -30, 899, 899.5, 900, -900, 26999, 27000, 2 ** 29, 2 ** 30 - 0.5, 2 ** 30,
  -(2 ** 30), 2 ** 30 + 0.5, 2 ** 31, -(2 ** 31), 2 ** 32 + 0.5, 1e12, -1e12, 2 ** 51, -(2 ** 51), 2 ** 51 - 0.5,
  Number.EPSILON, -Number.MIN_VALUE,
];

const coordinate = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2000, max: 2000 }) },
  { weight: 2, arbitrary: fc.double({ min: -5000, max: 5000, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -8000, max: 8000 }).map((k) => k / 2) },
  { weight: 1, arbitrary: fc.integer({ min: -5_000_000, max: 5_000_000 }) },
  { weight: 1, arbitrary: fc.double({ min: -(2 ** 51), max: 2 ** 51, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(...edgeValues) },
);

/** Independent random points: big jumps, negative values, non-integers. */
const scatterStroke = fc
  .array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 30 })
  .map((pts) => ({ x: pts.map((p) => p[0]), y: pts.map((p) => p[1]) }));

/** A pen walk: small steps with many zero deltas and sign changes, integer or fractional. */
const walkStroke = fc
  .record({
    x0: fc.integer({ min: -3000, max: 3000 }),
    y0: fc.integer({ min: -3000, max: 3000 }),
    scale: fc.constantFrom(1, 1, 0.37, 0.5, 2.25),
    steps: fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 })), { maxLength: 120 }),
  })
  .map(({ x0, y0, scale, steps }) => {
    const x = [x0];
    const y = [y0];
    for (const [dx, dy] of steps) {
      x.push((x[x.length - 1] as number) + dx * scale);
      y.push((y[y.length - 1] as number) + dy * scale);
    }
    return { x, y };
  });

const singlePoint = fc.tuple(coordinate, coordinate).map(([x, y]) => ({ x: [x], y: [y] }));

const signature = fc.array(fc.oneof(scatterStroke, walkStroke, singlePoint), { minLength: 1, maxLength: 8 });

/** Base30 legs jSignature decodes meaningfully, including forms its encoder never writes. */
const looseNumber = fc
  .tuple(
    fc.constantFrom('', '', '', 'Z', 'Y', 'ZY', 'YZ', 'ZZ'),
    fc.constantFrom(...'0123456789abcdefghijklmnopqrst'.split('')),
    fc.array(fc.constantFrom(...'uvwxyzABCDEFGHIJKLMNOPQRSTUVWX'.split('')), { maxLength: 3 }),
  )
  .map(([sign, head, tails]) => sign + head + tails.join(''));
const looseStroke = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(fc.array(looseNumber, { minLength: n, maxLength: n }), fc.array(looseNumber, { minLength: n, maxLength: n })),
  )
  .map(([xs, ys]) => xs.join('') + '_' + ys.join(''));
const looseData = fc.array(looseStroke, { minLength: 1, maxLength: 6 }).map((s) => s.join('_'));

/* ------------------------------------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------------------------------- */

function errorOf(fn: () => unknown): Base30Error {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Base30Error);
    return e as Base30Error;
  }
  throw new Error('expected a Base30Error, nothing was thrown');
}

function expectError(fn: () => unknown, code: string, ...fragments: (string | RegExp)[]): Base30Error {
  const err = errorOf(fn);
  expect(err.code).toBe(code);
  expect(err.name).toBe('Base30Error');
  expect(err).toBeInstanceOf(Error);
  for (const f of fragments) expect(err.message).toMatch(f);
  expect(err.messageEs.length).toBeGreaterThan(10);
  return err;
}

/* ------------------------------------------------------------------------------------------------
 * Tests
 * ---------------------------------------------------------------------------------------------- */

describe('reference loader', () => {
  it('loads the same plugin from src/ and from the minified build', () => {
    const s = [{ x: [100, 101.5, -2.5, -0.4, 30000, 30000, 5], y: [1, 2, 3, 4, 5, 6, 7] }];
    expect(ref.compressStrokes(s)).toBe('3E2Z3IY21xEu0Z1xDT_1111111');
    expect(refMin.compressStrokes(s)).toBe(ref.compressStrokes(s));
    expect(ref.exportPlugin(s)).toEqual(['image/jsignature;base30', '3E2Z3IY21xEu0Z1xDT_1111111']);
  });
});

describe('encodeBase30 / decodeBase30 match jSignature 2.x exactly', () => {
  it('encodes like compressstrokes, decodes like uncompressstrokes, and round-trips to Math.round', () => {
    fc.assert(
      fc.property(signature, (s) => {
        const ours = encodeBase30(s);
        const theirs = ref.compressStrokes(s);
        expect(ours).toBe(theirs);
        expect(ours).toBe(refMin.compressStrokes(s));
        const decoded = decodeBase30(ours);
        expect(decoded).toEqual(ref.uncompressStrokes(theirs));
        expect(decoded).toEqual(rounded(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes non-canonical but meaningful data (leading zeros, repeated or redundant Y/Z) like jSignature', () => {
    fc.assert(
      fc.property(looseData, (data) => {
        expect(decodeBase30(data)).toEqual(ref.uncompressStrokes(data));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with jSignature on huge coordinates, or refuses them when precision would be lost', () => {
    const huge = fc.oneof(
      fc.double({ min: -(2 ** 60), max: 2 ** 60, noNaN: true }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).map((k) => k * 2 ** 22),
      fc.constantFrom(2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 52, -(2 ** 52), 2 ** 52 + 0.5, 4.5e15, -4.5e15),
    );
    const stroke = fc
      .array(fc.tuple(huge, huge), { minLength: 1, maxLength: 6 })
      .map((pts) => ({ x: pts.map((p) => p[0]), y: pts.map((p) => p[1]) }));
    const safe = (leg: number[]): boolean => {
      let last = 0;
      return leg.every((v) => {
        const w = Math.round(v);
        const ok = Math.abs(w) <= Number.MAX_SAFE_INTEGER && Math.abs(w - last) <= Number.MAX_SAFE_INTEGER;
        last = w;
        return ok;
      });
    };
    fc.assert(
      fc.property(fc.array(stroke, { minLength: 1, maxLength: 3 }), (s) => {
        if (s.every((st) => safe(st.x) && safe(st.y))) {
          const str = encodeBase30(s);
          expect(str).toBe(ref.compressStrokes(s));
          expect(decodeBase30(str)).toEqual(ref.uncompressStrokes(str));
          expect(decodeBase30(str)).toEqual(rounded(s));
        } else {
          expectError(() => encodeBase30(s), 'out-of-range', /stroke \d+: [xy]\[\d+\]/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('handles the rounding corner cases exactly as Math.round', () => {
    const s = [{ x: [0.49999999999999994, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, -0.4, -0], y: [0, 0, 0, 0, 0, 0, 0, 0, 0] }];
    expect(encodeBase30(s)).toBe(ref.compressStrokes(s));
    expect(decodeBase30(encodeBase30(s))[0]?.x).toEqual([0, 1, 2, 3, 0, -1, -2, 0, 0]);
  });

  it('writes zero deltas without flipping the sign, and flips only on a change of sign', () => {
    // 5, then -3 (Z), 0 (stays negative), +2 (Y), 0, 0.
    expect(encodeBase30([{ x: [5, 2, 2, 4, 4, 4], y: [0, 0, 0, 0, 0, 0] }])).toBe('5Z30Y200_000000');
    expect(decodeBase30('5Z30Y200_000000')).toEqual([{ x: [5, 2, 2, 4, 4, 4], y: [0, 0, 0, 0, 0, 0] }]);
  });

  it('encodes multi-digit numbers with the shifted tail digits', () => {
    expect(encodeBase30([{ x: [30, 929, -27000], y: [1, 1, 1] }])).toBe('1utXZ1vuX_100');
    expect(encodeBase30([{ x: [30, 929, -27000], y: [1, 1, 1] }])).toBe(
      ref.compressStrokes([{ x: [30, 929, -27000], y: [1, 1, 1] }]),
    );
  });

  it('handles signatures larger than the internal fixed buffer', () => {
    const rnd = mulberry32(7);
    const s = Array.from({ length: 4 }, () => {
      const n = 3000;
      const x: number[] = [];
      const y: number[] = [];
      let cx = 0;
      let cy = 0;
      for (let i = 0; i < n; i++) {
        cx += Math.round((rnd() - 0.5) * 80 * 10) / 10;
        cy += Math.round((rnd() - 0.5) * 2000);
        x.push(cx);
        y.push(cy);
      }
      return { x, y };
    });
    const str = encodeBase30(s);
    expect(str).toBe(ref.compressStrokes(s));
    expect(decodeBase30(str)).toEqual(ref.uncompressStrokes(str));
  });

  it('stays correct when reading a coordinate re-enters encodeBase30', () => {
    const inner = [{ x: [7, 8], y: [9, 10] }];
    const xs = new Proxy([1, 2, 3], {
      get(target, key, receiver) {
        if (key === '1') expect(encodeBase30(inner)).toBe(ref.compressStrokes(inner));
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const s = [{ x: xs, y: [4, 5, 6] }];
    expect(encodeBase30(s)).toBe(ref.compressStrokes([{ x: [1, 2, 3], y: [4, 5, 6] }]));
  });
});

describe('without TextDecoder', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('falls back to String.fromCharCode with the same output', async () => {
    vi.stubGlobal('TextDecoder', undefined);
    vi.resetModules();
    const plain = await import('../../src-shared/signature/base30.js');
    fc.assert(
      fc.property(signature, (s) => {
        expect(plain.encodeBase30(s)).toBe(ref.compressStrokes(s));
      }),
      { numRuns: 300 },
    );
    const long = [{ x: Array.from({ length: 20000 }, (_, i) => (i * 37) % 1000), y: Array.from({ length: 20000 }, () => 1) }];
    expect(plain.encodeBase30(long)).toBe(ref.compressStrokes(long));
  });
});

describe('prefixes', () => {
  const data = '3E2Z3IY21xEu0Z1xDT_1111111_Z5_Y5';
  const expected = ref.uncompressStrokes(data);

  it('accepts the bare data, image/jsignature;base30, and data:image/jsignature;base30,', () => {
    expect(decodeBase30(data)).toEqual(expected);
    expect(decodeBase30('image/jsignature;base30,' + data)).toEqual(expected);
    expect(decodeBase30('data:image/jsignature;base30,' + data)).toEqual(expected);
    // jSignature's importer compares the prefix case-insensitively.
    expect(decodeBase30('IMAGE/JSignature;Base30,' + data)).toEqual(expected);
    expect(ref.importPlugin('image/jsignature;base30,' + data)).toEqual(expected);
    expect(ref.importPlugin('IMAGE/JSignature;Base30,' + data)).toEqual(expected);
  });

  it('rejects other prefixes, or one without its comma', () => {
    expectError(() => decodeBase30('image/png;base64,iVBOR'), 'bad-prefix', /prefix/, /index 0/);
    expectError(() => decodeBase30('data:image/svg+xml,<svg/>'), 'bad-prefix', /prefix/);
    expectError(() => decodeBase30('image/jsignature;base30' + data), 'bad-prefix', /prefix/);
  });

  it('still reads bare data starting with the digits d or i', () => {
    expect(decodeBase30('di_i0')).toEqual(ref.uncompressStrokes('di_i0'));
  });
});

describe('invalid input to decodeBase30', () => {
  it('empty data (jSignature crashes)', () => {
    expect(() => ref.uncompressStrokes('')).toThrow(TypeError);
    expectError(() => decodeBase30(''), 'empty-input', /empty/);
    expectError(() => decodeBase30('image/jsignature;base30,'), 'empty-input', /empty after the prefix \(index 24\)/);
    expectError(() => decodeBase30('data:image/jsignature;base30,'), 'empty-input', /index 29/);
  });

  it('an odd number of legs (jSignature crashes)', () => {
    expect(() => ref.uncompressStrokes('3_4_5')).toThrow(TypeError);
    expectError(() => decodeBase30('3_4_5'), 'odd-legs', /odd number of legs \(3\)/, /stroke 1/);
    expectError(() => decodeBase30('35'), 'odd-legs', /odd number of legs \(1\)/, /stroke 0/);
  });

  it('characters outside the alphabet (jSignature skips them)', () => {
    expect(ref.uncompressStrokes('3!4_12')).toEqual([{ x: [3, 7], y: [1, 3] }]);
    const e = expectError(() => decodeBase30('3!4_12'), 'invalid-char', /invalid character '!' at index 1/, /leg 0/);
    expect(e.index).toBe(1);
    expect(e.leg).toBe(0);
    expect(e.stroke).toBe(0);
    expectError(() => decodeBase30('34_1 2'), 'invalid-char', /' ' at index 4/, /leg 1 \(stroke 0 y\)/);
    expectError(() => decodeBase30('34_12\n'), 'invalid-char', /U\+000A at index 5/);
    expectError(() => decodeBase30('3é_1'), 'invalid-char', /U\+00E9 at index 1/);
    expectError(() => decodeBase30('3_1_2-_3'), 'invalid-char', /'-' at index 5/, /leg 2/);
    expectError(() => decodeBase30('image/jsignature;base30,3_1.'), 'invalid-char', /'\.' at index 27/);
  });

  it('a continuation digit with no leading digit (jSignature reads it as a leading 0)', () => {
    expect(ref.uncompressStrokes('u5_12')).toEqual([{ x: [0, 5], y: [1, 3] }]);
    expectError(() => decodeBase30('u5_12'), 'orphan-tail', /continuation digit 'u' at index 0/, /no leading digit/);
    expectError(() => decodeBase30('5Zv_12'), 'orphan-tail', /'v' at index 2/);
    expectError(() => decodeBase30('12_1A'.replace('1A', 'YA')), 'orphan-tail', /'A' at index 4/);
  });

  it('empty legs and legs ending in a sign marker (jSignature yields NaN)', () => {
    expect(ref.uncompressStrokes('5Z_3')[0]?.x).toEqual([5, NaN]);
    expectError(() => decodeBase30('5Z_3'), 'dangling-sign', /ends at index 2 with a sign marker 'Z'/);
    expectError(() => decodeBase30('5_3Y'), 'dangling-sign', /leg 1/);
    expectError(() => decodeBase30('5__3'), 'empty-leg', /leg 1 .* is empty \(at index 2\)/);
    expectError(() => decodeBase30('_5'), 'empty-leg', /leg 0/);
    expectError(() => decodeBase30('5_'), 'empty-leg', /leg 1/);
    expectError(() => decodeBase30('5_3_'), 'empty-leg', /leg 2/);
  });

  it('x and y legs of different lengths (jSignature returns them mismatched)', () => {
    expect(ref.uncompressStrokes('12_3')).toEqual([{ x: [1, 3], y: [3] }]);
    const e = expectError(() => decodeBase30('12_3'), 'length-mismatch', /stroke 0: x leg has 2 points but y leg has 1/);
    expect(e.stroke).toBe(0);
    expectError(() => decodeBase30('1_1_12_3'), 'length-mismatch', /stroke 1/);
  });

  it('numbers beyond ±2^53−1', () => {
    expectError(() => decodeBase30('tXXXXXXXXXX_1'), 'out-of-range', /index/);
    expectError(() => decodeBase30('9XXXXXXXXXXZtXXXXXXXXXX_1'), 'out-of-range');
  });

  it('non-strings', () => {
    expectError(() => decodeBase30(null as unknown as string), 'invalid-type', /string/);
    expectError(() => decodeBase30(42 as unknown as string), 'invalid-type', /number/);
  });
});

describe('invalid input to encodeBase30', () => {
  it('no strokes, or a stroke without points (jSignature writes "" / "_", which do not decode)', () => {
    expect(ref.compressStrokes([])).toBe('');
    expect(ref.compressStrokes([{ x: [], y: [] }])).toBe('_');
    expectError(() => encodeBase30([]), 'no-strokes', /no strokes/);
    expectError(() => encodeBase30([{ x: [1], y: [2] }, { x: [], y: [] }]), 'empty-stroke', /stroke 1 has no points/);
  });

  it('x and y of different lengths (jSignature writes legs that decode mismatched)', () => {
    expect(ref.compressStrokes([{ x: [1, 2], y: [1] }])).toBe('11_1');
    expectError(() => encodeBase30([{ x: [1, 2], y: [1] }]), 'length-mismatch', /stroke 0: x has 2 points but y has 1/);
  });

  it('non-finite numbers (jSignature writes "NaN"/"Infinity" into the data)', () => {
    expect(ref.compressStrokes([{ x: [1, NaN], y: [1, 2] }])).toBe('1NaN_11');
    const e = expectError(
      () => encodeBase30([{ x: [1], y: [2] }, { x: [1, 2, 3], y: [1, 2, NaN] }]),
      'non-finite',
      /stroke 1: y\[2\] is NaN/,
    );
    expect(e.stroke).toBe(1);
    expect(e.leg).toBe(3);
    expect(e.point).toBe(2);
    expectError(() => encodeBase30([{ x: [Infinity], y: [0] }]), 'non-finite', /x\[0\] is Infinity/);
    expectError(() => encodeBase30([{ x: [0, 1, -Infinity], y: [0, 1, 2] }]), 'non-finite', /x\[2\] is -Infinity/);
  });

  it('values that are not numbers', () => {
    expectError(() => encodeBase30([{ x: ['5' as unknown as number], y: [0] }]), 'not-a-number', /x\[0\] is "5", not a number/);
    expectError(() => encodeBase30([{ x: [1, 2], y: [0, undefined as unknown as number] }]), 'not-a-number', /y\[1\]/);
    // Holes in sparse arrays too.
    // eslint-disable-next-line no-sparse-arrays
    expectError(() => encodeBase30([{ x: [1, , 3] as number[], y: [0, 0, 0] }]), 'not-a-number', /x\[1\] is undefined/);
  });

  it('coordinates or deltas beyond ±2^53−1 once rounded', () => {
    expectError(() => encodeBase30([{ x: [2 ** 53], y: [0] }]), 'out-of-range', /x\[0\]/);
    expectError(() => encodeBase30([{ x: [-(2 ** 52), 2 ** 52], y: [0, 0] }]), 'out-of-range', /x\[1\]/);
  });

  it('malformed arguments', () => {
    expectError(() => encodeBase30(null as unknown as Strokes[]), 'invalid-type', /array of strokes/);
    expectError(() => encodeBase30([null as unknown as Strokes]), 'invalid-stroke', /stroke 0/);
    expectError(() => encodeBase30([{ x: [1] } as unknown as Strokes]), 'invalid-stroke', /stroke 0/);
  });
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
