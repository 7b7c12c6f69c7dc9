import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit, { type Font, type Glyph } from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
const SYSTEM_DIR = '/usr/share/fonts/truetype/dejavu';

let cached: { regular: Uint8Array; bold: Uint8Array } | undefined;

/** The app ships DejaVu in assets/fonts; from source, from the build output or the package. */
function fontDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, FILES.regular))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (existsSync(join(SYSTEM_DIR, FILES.regular))) return SYSTEM_DIR;
  throw new Error('DejaVu fonts not found (assets/fonts or fonts-dejavu-core)');
}

/** Font files are read once per process; each document embeds them once, as subsets. */
function fontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  if (!cached) {
    const dir = fontDir();
    cached = { regular: readFileSync(join(dir, FILES.regular)), bold: readFileSync(join(dir, FILES.bold)) };
  }
  return cached;
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

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(sharedFontkit);
  const bytes = fontBytes();
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular, bold };
}
