import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fontkit, { type Font, type Glyph } from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { findAsset, runningPlaces, type AssetPlaces } from '../../assets.js';

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  /** Present only when the document asked for italics (embedFonts' `italic`). */
  italic?: PDFFont;
  boldItalic?: PDFFont;
}

type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';
const FILES: Record<Face, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
};
const SYSTEM_DIR = '/usr/share/fonts/truetype/dejavu';

const cached = new Map<Face, Uint8Array>();

/**
 * The app ships DejaVu in assets/fonts (packaged: resources/assets/fonts); the system's
 * fonts-dejavu-core is the last resort, which Windows does not have.
 */
export function fontDir(places: AssetPlaces = runningPlaces(), systemDir = SYSTEM_DIR): string {
  const shipped = findAsset(join('fonts', FILES.regular), places);
  if (shipped) return dirname(shipped);
  if (existsSync(join(systemDir, FILES.regular))) return systemDir;
  throw new Error('DejaVu fonts not found (assets/fonts or fonts-dejavu-core)');
}

/** Font files are read once per process; each document embeds them once, as subsets. */
function fontBytes(face: Face): Uint8Array {
  let bytes = cached.get(face);
  if (!bytes) cached.set(face, (bytes = readFileSync(join(fontDir(), FILES[face]))));
  return bytes;
}

const parsed = new Map<Uint8Array, Font>();

/**
 * One parsed font per process, shared by every document (each still gets its own subset).
 * Text is mapped character by character to glyphs, without OpenType shaping: pdf-lib ignores
 * glyph positions anyway, Spanish needs no shaping, and shaping every string with DejaVu's
 * tables dominated the time to lay out a report.
 */
function sharedFont(data: Uint8Array): Font {
  let font = parsed.get(data);
  if (!font) {
    const f = fontkit.create(data);
    const glyphs = new Map<number, Glyph>();
    const glyphFor = (cp: number): Glyph => {
      let g = glyphs.get(cp);
      if (!g) glyphs.set(cp, (g = f.glyphForCodePoint(cp)));
      return g;
    };
    f.layout = ((text: string) => {
      const out: Glyph[] = [];
      for (const ch of text) out.push(glyphFor(ch.codePointAt(0)!));
      return { glyphs: out, positions: [] };
    }) as unknown as Font['layout'];
    parsed.set(data, (font = f));
  }
  return font;
}

const sharedFontkit = { ...fontkit, create: (data: Uint8Array) => sharedFont(data) } as unknown as typeof fontkit;

/**
 * Regular and bold always; the oblique faces only when `italic` is asked for, so documents
 * that never set text in italics do not carry two more fonts.
 */
export async function embedFonts(doc: PDFDocument, options: { italic?: boolean } = {}): Promise<Fonts> {
  doc.registerFontkit(sharedFontkit);
  const embed = (face: Face) => doc.embedFont(fontBytes(face), { subset: true });
  const [regular, bold] = await Promise.all([embed('regular'), embed('bold')]);
  if (!options.italic) return { regular, bold };
  const [italic, boldItalic] = await Promise.all([embed('italic'), embed('boldItalic')]);
  return { regular, bold, italic, boldItalic };
}

/** The face for a run of text; without embedded italics, italic text falls back to upright. */
export function fontFor(fonts: Fonts, style: { bold?: boolean | undefined; italic?: boolean | undefined }): PDFFont {
  if (style.italic) {
    const oblique = style.bold ? fonts.boldItalic : fonts.italic;
    if (oblique) return oblique;
  }
  return style.bold ? fonts.bold : fonts.regular;
}
