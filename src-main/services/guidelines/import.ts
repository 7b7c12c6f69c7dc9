import mammoth from 'mammoth';
import type { GBlock, Run } from '../../../src-shared/guidelines/structure.js';
import { refuse } from '../sessions/errors.js';
import { newUid } from './body.js';

export interface Imported {
  title: string | null;
  blocks: GBlock[];
  /** What could not be mapped, in Spanish. */
  report: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!).replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));

/** Inline HTML (strong, em, text) from mammoth as runs. */
function runsOf(html: string): { text: string; bold?: boolean; italic?: boolean }[] {
  const out: { text: string; bold?: boolean; italic?: boolean }[] = [];
  let bold = 0, italic = 0;
  for (const token of html.split(/(<[^>]+>)/)) {
    if (!token) continue;
    if (token.startsWith('<')) {
      const t = token.toLowerCase();
      if (/^<strong\b/.test(t)) bold++;
      else if (t === '</strong>') bold--;
      else if (/^<em\b/.test(t)) italic++;
      else if (t === '</em>') italic--;
      else if (/^<br\b/.test(t)) out.push({ text: '\n' });
      continue;
    }
    const text = decode(token);
    if (text) out.push({ text, ...(bold > 0 ? { bold: true } : {}), ...(italic > 0 ? { italic: true } : {}) });
  }
  return out;
}

const plain = (runs: { text: string }[]) => runs.map((r) => r.text).join('');

/** Removes `count` leading characters (a label such as "Artículo 3.") from runs. */
function dropPrefix<T extends { text: string }>(runs: T[], count: number): T[] {
  const out: T[] = [];
  let left = count;
  for (const r of runs) {
    if (left >= r.text.length) { left -= r.text.length; continue; }
    out.push({ ...r, text: r.text.slice(left) });
    left = 0;
  }
  if (out[0]) out[0] = { ...out[0], text: out[0].text.replace(/^\s+/, '') };
  return out.filter((r) => r.text);
}

const PATTERNS: [GBlock['kind'], RegExp][] = [
  ['titulo', /^T[IÍ]TULO\s+[\wÁÉÍÓÚÑ]+(\s+(PRIMERO|SEGUNDO|TERCERO|CUARTO|QUINTO))?\s*[.:-]?\s*/i],
  ['capitulo', /^CAP[IÍ]TULO\s+[IVXLC\d]+\s*[.:-]?\s*/i],
  ['seccion', /^SECCI[OÓ]N\s+[\wÁÉÍÓÚÑ]+\s*[.:-]?\s*/i],
  ['articulo', /^Art[ií]culo\s+\d+\s*(o|°|º)?\s*[.:-]\s*/i],
  ['fraccion', /^[IVXLC]+\s*[.)]\s+/],
  ['inciso', /^[a-z]{1,2}\)\s+/],
];

/**
 * Reads a Word file into the guideline's structure: headings and paragraphs that start with
 * TÍTULO, CAPÍTULO, SECCIÓN, "Artículo N.", a Roman numeral (fracción) or "a)" (inciso) become
 * those blocks; "artículo N" in the text becomes a cross-reference to that article. Tables,
 * images and anything else Sesiona cannot hold are listed in the report, not silently dropped.
 */
export async function importDocx(bytes: Uint8Array): Promise<Imported> {
  const buffer = Buffer.from(bytes);
  if (buffer.length < 4 || buffer[0] !== 0x50 || buffer[1] !== 0x4b) {
    refuse('INVALID_ARGUMENT', 'El archivo no es un documento de Word (.docx): no se importó nada.', 'the file is not a DOCX (Word) document; nothing was imported');
  }
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const result = await mammoth.convertToHtml({ buffer }, { styleMap: ["p[style-name='Title'] => h1.doc-title:fresh"] });
    html = result.value;
    messages = result.messages;
  } catch {
    return refuse('INVALID_ARGUMENT', 'El archivo no es un documento de Word (.docx) válido o está dañado: no se importó nada.', 'the file is not a valid DOCX (Word) document; nothing was imported');
  }
  const report: string[] = [];
  const blocks: GBlock[] = [];
  let title: string | null = null;
  const tables = html.match(/<table\b[\s\S]*?<\/table>/g) ?? [];
  if (tables.length) report.push(`${tables.length} tabla(s) no se importaron: los lineamientos no contienen tablas; cópielas como texto.`);
  html = html.replace(/<table\b[\s\S]*?<\/table>/g, '');
  const images = (html.match(/<img\b/g) ?? []).length;
  if (images) report.push(`${images} imagen(es) no se importaron.`);
  html = html.replace(/<img\b[^>]*>/g, '');
  const footnotes = html.match(/<li id="(footnote|endnote)-[\s\S]*?<\/li>/g) ?? [];
  if (footnotes.length) report.push(`${footnotes.length} nota(s) al pie no se importaron.`);
  html = html.replace(/<ol>\s*(<li id="(footnote|endnote)-[\s\S]*?<\/li>\s*)+<\/ol>/g, '').replace(/<sup>[\s\S]*?<\/sup>/g, '');
  for (const m of messages) if (m.type === 'warning' && /Unrecognised paragraph style/i.test(m.message)) {
    const style = /'([^']+)'/.exec(m.message)?.[1] ?? '';
    report.push(`Estilo de Word sin equivalente: «${style}»; su texto se importó como párrafo.`);
  }
  const re = /<(h[1-6]|p|li)\b([^>]*)>([\s\S]*?)<\/\1>|<(ul|ol)\b[^>]*>|<\/(ul|ol)>/g;
  const lists: ('ul' | 'ol')[] = [];
  for (const m of html.matchAll(re)) {
    if (m[4]) { lists.push(m[4] as 'ul' | 'ol'); continue; }
    if (m[5]) { lists.pop(); continue; }
    const tag = m[1]!;
    const inner = m[3]!;
    const runs = runsOf(inner.replace(/<\/?(p|ul|ol|li)\b[^>]*>/g, ' '));
    const text = plain(runs).replace(/\s+/g, ' ').trim();
    if (!text) continue;
    if (/doc-title/.test(m[2]!) && title === null && blocks.length === 0) {
      title = text;
      continue;
    }
    if (tag === 'li') {
      blocks.push({ kind: 'item', ordered: lists.at(-1) === 'ol', runs });
      continue;
    }
    const found = PATTERNS.find(([, p]) => p.test(text));
    if (!found) {
      if (/^h[1-6]$/.test(tag)) report.push(`Encabezado sin estructura reconocible («${text.slice(0, 60)}»): se importó como párrafo.`);
      blocks.push({ kind: 'paragraph', runs });
      continue;
    }
    const [kind, pattern] = found;
    const label = pattern.exec(plain(runs).replace(/^\s+/, ''))![0];
    const lead = plain(runs).length - plain(runs).replace(/^\s+/, '').length;
    const rest = dropPrefix(runs, lead + label.length);
    const isStructure = kind === 'titulo' || kind === 'capitulo' || kind === 'seccion' || kind === 'articulo';
    blocks.push({ kind, ...(isStructure ? { uid: newUid() } : {}), runs: rest });
  }
  if (!blocks.length) report.push('El documento no tiene texto que importar.');
  // "artículo N" in the text → a cross-reference to the Nth article of this document.
  const articles = blocks.filter((b) => b.kind === 'articulo');
  for (const b of blocks) {
    const out: Run[] = [];
    for (const r of b.runs) {
      if ('ref' in r) { out.push(r); continue; }
      let last = 0;
      for (const m of r.text.matchAll(/\bart[ií]culo\s+(\d+)(?![\d.]*\s*(de|del)\s+(la|el)\s+(ley|c[oó]digo|reglamento|constituci))/gi)) {
        const target = articles[Number(m[1]) - 1];
        if (!target || m[0][0] !== m[0][0]!.toLowerCase()) continue;
        if (m.index! > last) out.push({ ...r, text: r.text.slice(last, m.index) });
        out.push({ ref: target.uid! });
        last = m.index! + m[0].length;
      }
      if (last < r.text.length) out.push({ ...r, text: r.text.slice(last) });
    }
    b.runs = out;
  }
  return { title, blocks, report };
}
