import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
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

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  const bytes = fontBytes();
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular, bold };
}
