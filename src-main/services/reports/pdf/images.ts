import { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFDocument, type PDFRef } from 'pdf-lib';
import { parsePng } from '../../activities/images.js';
import type { EmbeddedImage } from '../../pdf/layout/layout.js';

function xobject(ref: PDFRef, width: number, height: number): EmbeddedImage {
  return {
    width,
    height,
    draw(page, x, y, w, h) {
      const name = page.node.newXObject('Image', ref);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, x, y), drawObject(name), popGraphicsState());
    },
  };
}

/**
 * Embeds an evidence image. Opaque, non-interlaced grey or RGB PNGs go in as they are: their
 * zlib data with the PNG predictor, which PDF reads natively, so nothing is decoded or
 * recompressed. Other PNGs (alpha, palette, interlaced) are decoded by pdf-lib; JPEGs pass through.
 */
export async function embedImage(doc: PDFDocument, bytes: Uint8Array, mediaType: string): Promise<EmbeddedImage> {
  if (mediaType === 'image/png') {
    const png = parsePng(bytes, false);
    if (png.interlace === 0 && (png.color === 0 || png.color === 2)) {
      const colors = png.color === 2 ? 3 : 1;
      const stream = doc.context.stream(png.idat, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: png.width,
        Height: png.height,
        ColorSpace: colors === 3 ? 'DeviceRGB' : 'DeviceGray',
        BitsPerComponent: png.depth,
        Filter: 'FlateDecode',
        DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: png.depth, Columns: png.width },
      });
      return xobject(doc.context.register(stream), png.width, png.height);
    }
    const image = await doc.embedPng(bytes);
    return { width: image.width, height: image.height, draw: (page, x, y, width, height) => page.drawImage(image, { x, y, width, height }) };
  }
  const image = await doc.embedJpg(bytes);
  return { width: image.width, height: image.height, draw: (page, x, y, width, height) => page.drawImage(image, { x, y, width, height }) };
}
