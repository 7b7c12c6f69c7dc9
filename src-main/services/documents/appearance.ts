import type { InkStroke } from '../../../src-shared/signature/ink-geometry.js';
import { inkOperators, operatorsToContent } from '../pdf/ink.js';
import type { SignatureAppearance } from '../pdfsign/types.js';

/** WinAnsi hex string: covers Spanish letters; anything else prints as '?'. */
function pdfText(text: string): string {
  let hex = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    hex += (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) ? code.toString(16).padStart(2, '0') : '3f';
  }
  return `<${hex}>`;
}

/**
 * What a signer's box on the hoja de firmas shows once signed: their handwritten strokes (when
 * they have them) above the certificate details. Drawn in the widget's own coordinates.
 */
export function signatureAppearance(
  width: number,
  height: number,
  details: { strokes?: InkStroke[]; signedAt: Date; certificateNumber: string; rfc: string | null; holder: string },
): SignatureAppearance {
  const lines = [
    `Firmado electrónicamente por ${details.holder}`,
    `${details.signedAt.toLocaleString('es-MX', { timeZone: 'America/Mexico_City', dateStyle: 'short', timeStyle: 'short' })} (hora del centro)`,
    `Certificado ${details.certificateNumber}${details.rfc ? ` · RFC ${details.rfc}` : ''}`,
  ];
  const textHeight = lines.length * 8 + 6;
  let content = '';
  if (details.strokes?.length) {
    content += operatorsToContent(inkOperators(details.strokes, { x: 8, y: textHeight + 2, width: width - 16, height: height - textHeight - 8 }));
  }
  content += 'BT /F1 6 Tf 0.25 0.25 0.3 rg\n';
  lines.forEach((line, i) => {
    content += `1 0 0 1 6 ${textHeight - 8 - i * 8} Tm ${pdfText(line)} Tj\n`;
  });
  content += 'ET\n';
  return {
    stream: Buffer.from(content, 'latin1'),
    resources: '<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >> >>',
  };
}
