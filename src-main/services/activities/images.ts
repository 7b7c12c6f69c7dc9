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

function pngInfo(b: Uint8Array): ImageInfo {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 33 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') throw notAnImage('falta la cabecera IHDR');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (!width || !height || width > 20000 || height > 20000) throw notAnImage('dimensiones imposibles');
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

/**
 * Checks that bytes are a PNG or JPEG the report can print: the signature, the header with its
 * dimensions, and a real decode by the PDF library that will embed it.
 */
export async function inspectImage(bytes: Uint8Array): Promise<ImageInfo> {
  if (bytes.length === 0) throw notAnImage('el archivo está vacío');
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('INVALID_ARGUMENT', 'La imagen supera el tamaño máximo de 20 MB.');
  let info: ImageInfo;
  if (PNG_MAGIC.every((v, i) => bytes[i] === v)) info = pngInfo(bytes);
  else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) info = jpegInfo(bytes);
  else throw notAnImage('formato no reconocido');
  try {
    const doc = await PDFDocument.create();
    if (info.mediaType === 'image/png') await doc.embedPng(bytes);
    else await doc.embedJpg(bytes);
  } catch {
    throw notAnImage('no se puede decodificar');
  }
  return info;
}
