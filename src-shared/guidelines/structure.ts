/**
 * The structure of a guideline (lineamiento) as plain blocks, shared by the editor, the
 * services, the exports and the comparison. Numbers are never stored: they are computed from
 * the order of the blocks, so moving an article renumbers every article after it, and a
 * cross-reference names an article by its stable `uid`, never by its number.
 */
export type StructureKind = 'titulo' | 'capitulo' | 'seccion' | 'articulo' | 'fraccion' | 'inciso';
export type BlockKind = StructureKind | 'paragraph' | 'item';

export type Run = { text: string; bold?: boolean; italic?: boolean } | { ref: string };

export interface GBlock {
  kind: BlockKind;
  /** Stable id of a título, capítulo, sección or artículo (cross-references point at it). */
  uid?: string;
  runs: Run[];
  /** For list items: numbered (ordered) or bulleted. */
  ordered?: boolean;
}

export const STRUCTURE_KINDS: readonly StructureKind[] = ['titulo', 'capitulo', 'seccion', 'articulo', 'fraccion', 'inciso'];

const ORDINAL = ['PRIMERO', 'SEGUNDO', 'TERCERO', 'CUARTO', 'QUINTO', 'SEXTO', 'SÉPTIMO', 'OCTAVO', 'NOVENO', 'DÉCIMO'];
const ORDINAL_F = ['PRIMERA', 'SEGUNDA', 'TERCERA', 'CUARTA', 'QUINTA', 'SEXTA', 'SÉPTIMA', 'OCTAVA', 'NOVENA', 'DÉCIMA'];

export function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [value, letters] of table) while (n >= value) { out += letters; n -= value; }
  return out;
}

/** a, b, …, z, aa, bb… as incisos run in Mexican regulations. */
export function letter(n: number): string {
  const base = String.fromCharCode(96 + ((n - 1) % 26) + 1);
  return base.repeat(Math.floor((n - 1) / 26) + 1);
}

const ordinal = (n: number, feminine = false) => (feminine ? ORDINAL_F : ORDINAL)[n - 1] ?? String(n);

/**
 * The label each block shows: "TÍTULO PRIMERO", "CAPÍTULO II", "SECCIÓN PRIMERA",
 * "Artículo 3.", "IV.", "b)"; empty for paragraphs and list items. Capítulos restart in each
 * título, secciones in each capítulo, fracciones in each artículo, incisos in each fracción;
 * artículos run through the whole guideline.
 */
export function numberBlocks(blocks: readonly Pick<GBlock, 'kind'>[]): string[] {
  let titulo = 0, capitulo = 0, seccion = 0, articulo = 0, fraccion = 0, inciso = 0;
  return blocks.map((b) => {
    switch (b.kind) {
      case 'titulo':
        titulo++; capitulo = 0; seccion = 0;
        return `TÍTULO ${ordinal(titulo)}`;
      case 'capitulo':
        capitulo++; seccion = 0;
        return `CAPÍTULO ${roman(capitulo)}`;
      case 'seccion':
        seccion++;
        return `SECCIÓN ${ordinal(seccion, true)}`;
      case 'articulo':
        articulo++; fraccion = 0; inciso = 0;
        return `Artículo ${articulo}.`;
      case 'fraccion':
        fraccion++; inciso = 0;
        return `${roman(fraccion)}.`;
      case 'inciso':
        inciso++;
        return `${letter(inciso)})`;
      default:
        return '';
    }
  });
}

/** uid → article number, for cross-references. */
export function articleNumbers(blocks: readonly GBlock[]): Map<string, number> {
  const out = new Map<string, number>();
  let n = 0;
  for (const b of blocks) if (b.kind === 'articulo') { n++; if (b.uid) out.set(b.uid, n); }
  return out;
}

/** How a cross-reference reads: "artículo 4", or a visible mark when its article is gone. */
export function refText(uid: string, numbers: ReadonlyMap<string, number>): string {
  const n = numbers.get(uid);
  return n === undefined ? '[artículo eliminado]' : `artículo ${n}`;
}

export function blockText(block: GBlock, numbers: ReadonlyMap<string, number>): string {
  return block.runs.map((r) => ('ref' in r ? refText(r.ref, numbers) : r.text)).join('');
}

/** Cross-references whose article no longer exists, with the article (or block) that holds them. */
export function brokenReferences(blocks: readonly GBlock[]): { at: number; ref: string }[] {
  const numbers = articleNumbers(blocks);
  const out: { at: number; ref: string }[] = [];
  blocks.forEach((b, at) => {
    for (const r of b.runs) if ('ref' in r && !numbers.has(r.ref)) out.push({ at, ref: r.ref });
  });
  return out;
}

/** Each block as one line of text with its label, for comparison and plain-text checks. */
export function blockLines(blocks: readonly GBlock[]): string[] {
  const labels = numberBlocks(blocks);
  const numbers = articleNumbers(blocks);
  return blocks.map((b, i) => {
    const text = blockText(b, numbers);
    const label = labels[i];
    if (b.kind === 'item') return `${b.ordered ? '1.' : '•'} ${text}`;
    if (!label) return text;
    if (b.kind === 'titulo' || b.kind === 'capitulo' || b.kind === 'seccion') return text ? `${label}. ${text}` : label;
    return text ? `${label} ${text}` : label;
  });
}

/** The range [start, end) of an article: its block and what follows it up to the next structure heading or article. */
export function articleRange(blocks: readonly Pick<GBlock, 'kind' | 'uid'>[], uid: string): [number, number] | null {
  const start = blocks.findIndex((b) => b.kind === 'articulo' && b.uid === uid);
  if (start < 0) return null;
  let end = start + 1;
  while (end < blocks.length && !['titulo', 'capitulo', 'seccion', 'articulo'].includes(blocks[end]!.kind)) end++;
  return [start, end];
}

const HEADS: ReadonlySet<BlockKind> = new Set<BlockKind>(['titulo', 'capitulo', 'seccion', 'articulo']);

/**
 * The spans [start, end) of headings and articles that repeat an earlier one's uid, in order: a
 * block and what follows it up to the next heading or article. Two laptops moving the same
 * article at once each delete its span and insert a copy, and two offline restores each insert
 * the whole body, so the merge holds two copies. Readers show the first in the body's order until
 * the merge's repair collapses them into the newest (guidelines/merge.ts).
 */
export function duplicateSpans(blocks: readonly Pick<GBlock, 'kind' | 'uid'>[]): [number, number][] {
  const seen = new Set<string>();
  const spans: [number, number][] = [];
  blocks.forEach((b, i) => {
    if (!HEADS.has(b.kind) || !b.uid) return;
    const key = `${b.kind}\u0000${b.uid}`;
    if (!seen.has(key)) {
      seen.add(key);
      return;
    }
    let end = i + 1;
    while (end < blocks.length && !HEADS.has(blocks[end]!.kind)) end++;
    spans.push([i, end]);
  });
  return spans;
}

/** The blocks with each repeated heading's or article's span left out (see duplicateSpans). */
export function withoutDuplicates<T extends Pick<GBlock, 'kind' | 'uid'>>(blocks: readonly T[]): T[] {
  const drop = new Set(duplicateSpans(blocks).flatMap(([start, end]) => Array.from({ length: end - start }, (_, k) => start + k)));
  return drop.size ? blocks.filter((_, i) => !drop.has(i)) : [...blocks];
}

/**
 * Where an article (with its fracciones, incisos and paragraphs) goes when it moves one place up
 * or down among the articles: its span [start, end) and the index `at` to insert it at once the
 * span is taken out. Across a capítulo boundary it joins the neighbouring capítulo. Null when it
 * cannot move further. The blocks outside the span keep their places: a move touches only the
 * moved span, so an edit made elsewhere at the same time survives a merge.
 */
export function moveTarget(blocks: readonly Pick<GBlock, 'kind' | 'uid'>[], uid: string, direction: -1 | 1): { start: number; end: number; at: number } | null {
  const range = articleRange(blocks, uid);
  if (!range) return null;
  const [start, end] = range;
  const rest = [...blocks.slice(0, start), ...blocks.slice(end)];
  let at: number;
  if (direction < 0) {
    // Before the previous article, or above the heading right before this one.
    let i = start - 1;
    while (i >= 0 && rest[i]!.kind !== 'articulo' && !['titulo', 'capitulo', 'seccion'].includes(rest[i]!.kind)) i--;
    if (i < 0) return null;
    at = i;
  } else {
    let i = start;
    if (i >= rest.length) return null;
    // Past the next article's whole range, or just below the next heading.
    if (rest[i]!.kind === 'articulo') {
      i++;
      while (i < rest.length && !['titulo', 'capitulo', 'seccion', 'articulo'].includes(rest[i]!.kind)) i++;
    } else {
      i++;
    }
    at = i;
  }
  return { start, end, at };
}

/** The blocks after moving an article one place (see moveTarget), or null when it cannot move further. */
export function moveArticle(blocks: readonly GBlock[], uid: string, direction: -1 | 1): GBlock[] | null {
  const target = moveTarget(blocks, uid, direction);
  if (!target) return null;
  const { start, end, at } = target;
  const rest = [...blocks.slice(0, start), ...blocks.slice(end)];
  return [...rest.slice(0, at), ...blocks.slice(start, end), ...rest.slice(at)];
}
