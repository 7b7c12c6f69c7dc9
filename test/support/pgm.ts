import { readFileSync } from 'node:fs';

export interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Reads the binary PGM (P5) that `pdftoppm -gray` writes. */
export function readPgm(path: string): Gray {
  const buf = readFileSync(path);
  const header: string[] = [];
  let i = 0;
  while (header.length < 4) {
    while (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09) i++;
    if (buf[i] === 0x23) {
      while (buf[i] !== 0x0a) i++;
      continue;
    }
    let tok = '';
    while (i < buf.length && ![0x20, 0x0a, 0x0d, 0x09].includes(buf[i]!)) tok += String.fromCharCode(buf[i++]!);
    header.push(tok);
  }
  if (header[0] !== 'P5' || header[3] !== '255') throw new Error(`Not an 8-bit PGM: ${path}`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: buf.subarray(i + 1, i + 1 + width * height) };
}
