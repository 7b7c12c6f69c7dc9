import { fromBase64 } from '../kit/editor/base64.js';

/** A file from the services (base64) as an object URL the user can open or save. */
export function objectUrl(base64: string, type: string): string {
  return URL.createObjectURL(new Blob([fromBase64(base64)], { type }));
}

/** Turns a stored PDF into an object URL the user can open or save. */
export function pdfObjectUrl(base64: string): string {
  return objectUrl(base64, 'application/pdf');
}

/** Offers a file from the services to the user as a download. */
export function saveFile(fileName: string, base64: string, type: string): void {
  const a = document.createElement('a');
  a.href = objectUrl(base64, type);
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser reads the blob after click() returns; a minute is ample for it to start the download.
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}
