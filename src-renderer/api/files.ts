import { toBase64 } from '../kit/editor/base64.js';

/** A chosen file as base64, the form the contract carries binary uploads in. */
export async function fileBase64(file: File): Promise<string> {
  return toBase64(new Uint8Array(await file.arrayBuffer()));
}
