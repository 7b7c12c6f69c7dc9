/**
 * Stream decoding for the streams a signer must read: cross-reference streams and object
 * streams. Writers use FlateDecode for both, often with a PNG predictor on xref streams.
 */
import { constants, inflateSync } from 'node:zlib';
import { isDict, PdfLimitError, PdfName, type PdfDict, type PdfStream, type PdfValue } from './syntax.js';

export class UnsupportedFilterError extends Error {}

export { PdfLimitError };

/**
 * Largest decoded stream, in bytes. The streams a verifier inflates are cross-reference and
 * object streams; a real acta's are a few KB, 100,000 objects fit in about 10 MB.
 */
export const MAX_DECODED_STREAM = 32 * 1024 * 1024;

function asArray(value: PdfValue | undefined): PdfValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function unpredict(data: Buffer, parms: PdfDict | undefined): Buffer {
  const predictor = parms?.get('Predictor');
  if (typeof predictor !== 'number' || predictor === 1) return data;
  if (predictor < 10) throw new UnsupportedFilterError(`predictor ${predictor}`);
  const colors = (parms?.get('Colors') as number | undefined) ?? 1;
  const bits = (parms?.get('BitsPerComponent') as number | undefined) ?? 8;
  const columns = (parms?.get('Columns') as number | undefined) ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((colors * bits * columns) / 8);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  let prev = Buffer.alloc(rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)] as number;
    const src = data.subarray(r * (rowLength + 1) + 1, (r + 1) * (rowLength + 1));
    const row = out.subarray(r * rowLength, (r + 1) * rowLength);
    for (let i = 0; i < rowLength; i++) {
      const left = i >= bpp ? (row[i - bpp] as number) : 0;
      const up = prev[i] as number;
      const upLeft = i >= bpp ? (prev[i - bpp] as number) : 0;
      let add = 0;
      if (type === 1) add = left;
      else if (type === 2) add = up;
      else if (type === 3) add = (left + up) >> 1;
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      row[i] = ((src[i] as number) + add) & 0xff;
    }
    prev = row;
  }
  return out;
}

function inflate(data: Buffer, limit: number): Buffer {
  try {
    // Sync flush tolerates a missing final block, which some writers leave out.
    return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: limit });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PdfLimitError(`un flujo comprimido se expande a más de ${Math.round(limit / 1048576)} MB`);
    }
    throw err;
  }
}

/** Decoded data of `stream`; throws PdfLimitError past `limit` decoded bytes. */
export function decodeStream(stream: PdfStream, limit = MAX_DECODED_STREAM): Buffer {
  const filters = asArray(stream.dict.get('Filter'));
  const parmsList = asArray(stream.dict.get('DecodeParms'));
  let data = stream.raw;
  filters.forEach((filter, i) => {
    if (!(filter instanceof PdfName)) throw new UnsupportedFilterError('filter is not a name');
    const parms = parmsList[i];
    if (filter.name === 'FlateDecode' || filter.name === 'Fl') {
      data = inflate(data, limit);
      data = unpredict(data, isDict(parms) ? parms : undefined);
    } else {
      throw new UnsupportedFilterError(filter.name);
    }
  });
  return data;
}
