import type { BlockKind } from './structure.js';

/**
 * The editor's node name for each block kind: the TipTap schema (renderer) and the Yjs reader
 * and writer (services) both store a guideline's body under these names.
 */
export const KIND_NODE: Record<Exclude<BlockKind, 'item'>, string> = {
  titulo: 'glTitulo',
  capitulo: 'glCapitulo',
  seccion: 'glSeccion',
  articulo: 'glArticulo',
  fraccion: 'glFraccion',
  inciso: 'glInciso',
  paragraph: 'paragraph',
};

const NODE_KIND = new Map(Object.entries(KIND_NODE).map(([k, v]) => [v, k as BlockKind]));

/** A top-level node's block kind; a list counts as its items' kind, anything unknown as a paragraph. */
export const kindOfNode = (name: string): BlockKind => NODE_KIND.get(name) ?? (name.endsWith('List') ? 'item' : 'paragraph');

/** Kinds that carry a stable uid (cross-references and comments point at them). */
export const WITH_UID: ReadonlySet<BlockKind> = new Set<BlockKind>(['titulo', 'capitulo', 'seccion', 'articulo']);
