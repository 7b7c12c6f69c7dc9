import { crc32, inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../../../src-shared/contract/errors.js';

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export interface ImageInfo {
  mediaType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function notAnImage(detail: string): AppError {
  return new AppError('INVALID_ARGUMENT', `El archivo no es una imagen PNG o JPEG válida (${detail}).`);
}

const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const MAX_PIXELS = 40_000_000;

/**
 * Checks a PNG chunk by chunk (lengths, CRCs, IHDR first, IEND last) and inflates its image
 * data to the exact size its header promises. The PDF library's own decoder loops forever on
 * some truncated files, so nothing reaches it unchecked.
 */
export interface ParsedPng {
  width: number;
  height: number;
  depth: number;
  color: number;
  interlace: number;
  /** The concatenated IDAT chunks: one zlib stream of filtered scanlines. */
  idat: Buffer;
}

/** Chunks and CRCs always; the full inflate of the image data unless `checkData` is false. */
export function parsePng(b: Uint8Array, checkData = true): ParsedPng {
  if (!PNG_MAGIC.every((v, i) => b[i] === v)) throw notAnImage('formato no reconocido');
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let pos = 8;
  let header: { width: number; height: number; depth: number; color: number; interlace: number } | undefined;
  let palette = false;
  let ended = false;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    if (pos + 12 > buf.length) throw notAnImage('el archivo está truncado');
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + len > buf.length) throw notAnImage('el archivo está truncado');
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if ((crc32(buf.subarray(pos + 4, pos + 8 + len)) >>> 0) !== buf.readUInt32BE(pos + 8 + len)) throw notAnImage(`bloque ${type} dañado`);
    if (!header && type !== 'IHDR') throw notAnImage('falta la cabecera IHDR');
    if (type === 'IHDR') {
      if (header || len !== 13) throw notAnImage('cabecera IHDR inválida');
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8]!, color: data[9]!, interlace: data[12]! };
      if (!PNG_DEPTHS[header.color]?.includes(header.depth) || data[10] !== 0 || data[11] !== 0 || header.interlace > 1) {
        throw notAnImage('tipo de PNG no admitido');
      }
      if (!header.width || !header.height || header.width * header.height > MAX_PIXELS) throw notAnImage('dimensiones imposibles');
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      pos += 12 + len;
      break;
    }
    pos += 12 + len;
  }
  if (!header || !ended || !idat.length) throw notAnImage('el archivo está incompleto');
  if (header.color === 3 && !palette) throw notAnImage('falta la paleta');
  if (!checkData) return { ...header, idat: Buffer.concat(idat) };
  const rowBytes = Math.ceil((header.width * PNG_CHANNELS[header.color]! * header.depth) / 8) + 1;
  const expected = header.interlace ? undefined : rowBytes * header.height;
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: (expected ?? rowBytes * header.height * 2) + 1 });
  } catch {
    throw notAnImage('los datos de la imagen están dañados');
  }
  if (expected !== undefined && pixels.length !== expected) throw notAnImage('los datos de la imagen están incompletos');
  return { ...header, idat: Buffer.concat(idat) };
}

function pngInfo(b: Uint8Array): ImageInfo {
  const { width, height } = parsePng(b);
  return { mediaType: 'image/png', width, height };
}

/** Walks the JPEG markers to the frame header (SOFn), which holds the dimensions. */
function jpegInfo(b: Uint8Array): ImageInfo {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) throw notAnImage('marcador JPEG inválido');
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) throw notAnImage('segmento JPEG inválido');
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      const height = (b[i + 5]! << 8) | b[i + 6]!;
      const width = (b[i + 7]! << 8) | b[i + 8]!;
      if (!width || !height) throw notAnImage('dimensiones imposibles');
      return { mediaType: 'image/jpeg', width, height };
    }
    i += 2 + len;
  }
  throw notAnImage('no se encontró el encabezado de la imagen JPEG');
}

function jpegComplete(b: Uint8Array): void {
  // A JPEG cut short (an interrupted copy) lacks its end-of-image marker.
  let end = b.length;
  while (end > 2 && b[end - 1] === 0x00) end--;
  if (b[end - 2] !== 0xff || b[end - 1] !== 0xd9) throw notAnImage('el archivo está truncado');
}

/**
 * Checks that bytes are a PNG or JPEG the report can print: the signature, the header with its
 * dimensions, and a real decode by the PDF library that will embed it.
 */
export async function inspectImage(bytes: Uint8Array): Promise<ImageInfo> {
  if (bytes.length === 0) throw notAnImage('el archivo está vacío');
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('INVALID_ARGUMENT', 'La imagen supera el tamaño máximo de 20 MB.');
  let info: ImageInfo;
  if (PNG_MAGIC.every((v, i) => bytes[i] === v)) info = pngInfo(bytes);
  else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    info = jpegInfo(bytes);
    jpegComplete(bytes);
  }
  else throw notAnImage('formato no reconocido');
  try {
    const doc = await PDFDocument.create();
    if (info.mediaType === 'image/png') await doc.embedPng(bytes);
    // pdf-lib reads a JPEG through `bytes.buffer` from offset 0, so a view into a shared buffer
    // (Node's pool holds small Buffers) reads as "SOI not found": give it bytes of their own.
    else await doc.embedJpg(new Uint8Array(bytes));
  } catch {
    throw notAnImage('no se puede decodificar');
  }
  return info;
}
