/**
 * Loads jSignature 2.x's own base30 codec (the jQuery plugin) in Node, without jQuery or a DOM.
 *
 * The plugin file is an IIFE run as `.call(typeof window !== 'undefined' ? window : this)`; it
 * throws unless `this.jQuery` exists, registers its export/import functions through
 * `this.jQuery.fn.jSignature('addPlugin', kind, name, fn)`, and, when `this.jSignatureDebug` is an
 * object, also exposes its internal functions there (`compressstrokes`, `uncompressstrokes`, ...).
 * We evaluate it with a fake `window` holding a fake `jQuery` and a `jSignatureDebug` object, and
 * keep both: the raw functions (for benchmarks) and the registered plugins (to check prefixes).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Strokes {
  x: number[];
  y: number[];
}

type Compressor = (data: Strokes[]) => [string, string];
type Decompressor = (data: unknown, formattype: string, importcallable: (strokes: Strokes[]) => void) => void;

export interface JSignatureBase30 {
  /** Which file the code came from. */
  source: 'src' | 'min';
  compressStrokes(data: Strokes[]): string;
  uncompressStrokes(data: string): Strokes[];
  compressStrokeLeg(leg: number[]): string;
  uncompressStrokeLeg(leg: string): number[];
  /** The registered 'base30' export plugin: returns `[mimetype, data]`. */
  exportPlugin: Compressor;
  /** The registered 'base30' import plugin, wrapped: returns what it hands to the canvas (or undefined). */
  importPlugin(data: unknown): Strokes[] | undefined;
}

const requireFromHere = createRequire(import.meta.url);

function packageDir(): string {
  return dirname(requireFromHere.resolve('jsignature/package.json'));
}

/** The base30 IIFE as shipped in the package's minified build (`libs/jSignature.min.js`). */
function minifiedBase30Source(): string {
  const min = readFileSync(join(packageDir(), 'libs', 'jSignature.min.js'), 'utf8');
  const alphabet = '"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX"';
  const at = min.indexOf(alphabet);
  const start = min.lastIndexOf('(function(){', at);
  const tail = '.call("undefined"!==typeof window?window:this);';
  const end = min.indexOf(tail, at);
  if (at < 0 || start < 0 || end < 0) throw new Error('cannot locate the base30 plugin in jSignature.min.js');
  return min.slice(start, end + tail.length);
}

function evaluate(source: string, origin: 'src' | 'min'): JSignatureBase30 {
  const plugins: Record<string, Record<string, unknown>> = { export: {}, import: {} };
  const jSignature = (command: string, kind: string, name: string, fn: unknown): void => {
    if (command !== 'addPlugin') throw new Error(`unexpected jSignature command ${command}`);
    const bucket = plugins[kind];
    if (!bucket) throw new Error(`unexpected plugin kind ${kind}`);
    bucket[name] = fn;
  };
  const debug: Record<string, Record<string, unknown>> = {};
  const fakeWindow = { jQuery: { fn: { jSignature } }, jSignatureDebug: debug };
  // `window` is a parameter, so the file's `typeof window !== 'undefined'` picks our fake one.
  new Function('window', source)(fakeWindow);

  const raw = debug['base30'];
  const exportPlugin = plugins['export']?.['base30'] as Compressor | undefined;
  const importPlugin = plugins['import']?.['base30'] as Decompressor | undefined;
  if (!raw || !exportPlugin || !importPlugin) throw new Error('jSignature base30 plugin did not register');
  if (plugins['export']?.['image/jsignature;base30'] !== exportPlugin) throw new Error('missing full-name export');

  return {
    source: origin,
    compressStrokes: raw['compressstrokes'] as (d: Strokes[]) => string,
    uncompressStrokes: raw['uncompressstrokes'] as (d: string) => Strokes[],
    compressStrokeLeg: raw['compressstrokeleg'] as (l: number[]) => string,
    uncompressStrokeLeg: raw['uncompressstrokeleg'] as (l: string) => number[],
    exportPlugin,
    importPlugin(data: unknown): Strokes[] | undefined {
      let result: Strokes[] | undefined;
      importPlugin(data, 'base30', (strokes) => {
        result = strokes;
      });
      return result;
    },
  };
}

const cache = new Map<'src' | 'min', JSignatureBase30>();

/**
 * jSignature's base30 codec. `'src'` evaluates `src/plugins/jSignature.CompressorBase30.js`;
 * `'min'` evaluates the same plugin as shipped inside `libs/jSignature.min.js` (the package main).
 */
export function loadJSignatureBase30(which: 'src' | 'min' = 'src'): JSignatureBase30 {
  let ref = cache.get(which);
  if (!ref) {
    const source =
      which === 'src'
        ? readFileSync(join(packageDir(), 'src', 'plugins', 'jSignature.CompressorBase30.js'), 'utf8')
        : minifiedBase30Source();
    ref = evaluate(source, which);
    cache.set(which, ref);
  }
  return ref;
}

/** Shorthands for the common case. */
export function referenceCompress(strokes: Strokes[]): string {
  return loadJSignatureBase30().compressStrokes(strokes);
}

export function referenceDecompress(data: string): Strokes[] {
  return loadJSignatureBase30().uncompressStrokes(data);
}
