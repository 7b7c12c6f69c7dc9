import { Extension, mergeAttributes, Node } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { KIND_NODE, kindOfNode } from '../../../src-shared/guidelines/nodes.js';
import { articleNumbers, numberBlocks, refText, type BlockKind, type GBlock } from '../../../src-shared/guidelines/structure.js';

/**
 * The guideline's TipTap schema: one block node per structural level (the node names of
 * src-shared/guidelines/nodes.ts, which the services read from Yjs) and an inline glRef for
 * cross-references. Numbers are decorations computed from the order of the blocks, so moving
 * an article renumbers everything at once and nothing stale is ever stored.
 */
export { KIND_NODE, kindOfNode };
export const HEADINGS = new Set(['glTitulo', 'glCapitulo', 'glSeccion', 'glArticulo']);

export const newUid = (): string => crypto.randomUUID();

function structureNode(kind: Exclude<BlockKind, 'item' | 'paragraph'>) {
  return Node.create({
    name: KIND_NODE[kind],
    group: 'block',
    content: 'inline*',
    defining: true,
    addAttributes() {
      return HEADINGS.has(KIND_NODE[kind])
        ? { uid: { default: null, parseHTML: (el) => el.getAttribute('data-uid'), renderHTML: (a) => (a.uid ? { 'data-uid': a.uid as string } : {}) } }
        : {};
    },
    parseHTML() {
      return [{ tag: `div[data-kind="${kind}"]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return ['div', mergeAttributes(HTMLAttributes, { 'data-kind': kind, class: `gl-block gl-${kind}` }), 0];
    },
  });
}

/** The top-level blocks as the shared structure module sees them (lists count as their items' kind). */
export function topBlocks(doc: PmNode): { kind: BlockKind; uid?: string; node: PmNode; pos: number }[] {
  const out: { kind: BlockKind; uid?: string; node: PmNode; pos: number }[] = [];
  doc.forEach((node, pos) => {
    const kind = kindOfNode(node.type.name);
    const uid = node.attrs.uid as string | null | undefined;
    out.push({ kind, ...(uid ? { uid } : {}), node, pos });
  });
  return out;
}

/** The body as shared blocks (cross-references kept as refs), for the outline and the picker. */
export function blocksOf(doc: PmNode): GBlock[] {
  return topBlocks(doc).map(({ kind, uid, node }) => {
    const runs: GBlock['runs'] = [];
    node.descendants((child) => {
      if (child.type.name === 'glRef') runs.push({ ref: child.attrs.target as string });
      else if (child.isText) runs.push({ text: child.text ?? '' });
      return true;
    });
    return { kind, ...(uid ? { uid } : {}), runs };
  });
}

const labelsKey = new PluginKey<DecorationSet>('glLabels');

function labelDecorations(doc: PmNode): DecorationSet {
  const tops = topBlocks(doc);
  const labels = numberBlocks(tops);
  const decos: Decoration[] = [];
  tops.forEach((b, i) => {
    const label = labels[i];
    if (!label) return;
    decos.push(
      Decoration.widget(b.pos + 1, () => {
        const span = document.createElement('span');
        span.className = 'gl-label';
        span.contentEditable = 'false';
        span.textContent = `${label} `;
        return span;
      }, { side: -1, key: `${b.kind}-${label}`, ignoreSelection: true }),
    );
  });
  return DecorationSet.create(doc, decos);
}

/** How many top-level headings carry each uid. */
function uidCounts(doc: PmNode): Map<string, number> {
  const counts = new Map<string, number>();
  doc.forEach((node) => {
    const uid = node.attrs.uid as string | null | undefined;
    if (HEADINGS.has(node.type.name) && uid) counts.set(uid, (counts.get(uid) ?? 0) + 1);
  });
  return counts;
}

/**
 * Gives every título, capítulo, sección and artículo a unique uid: a split or pasted block copies
 * its parent's, and the copy gets a new one. A uid that was already repeated before this change
 * (an article two concurrent moves left twice, arriving from the Yjs document) is left alone: the
 * editor collapses it (collapseDuplicateArticles) instead of keeping both under new numbers.
 */
function uniqueUids(trs: readonly Transaction[], old: EditorState, state: EditorState): Transaction | null {
  if (!trs.some((t) => t.docChanged)) return null;
  if (trs.some((t) => (t.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin)) return null;
  const before = uidCounts(old.doc);
  const seen = new Map<string, number>();
  let tr: Transaction | null = null;
  state.doc.forEach((node, pos) => {
    if (!HEADINGS.has(node.type.name)) return;
    const uid = node.attrs.uid as string | null;
    if (uid) {
      const n = (seen.get(uid) ?? 0) + 1;
      seen.set(uid, n);
      if (n === 1 || n <= (before.get(uid) ?? 0)) return;
    }
    const fresh = newUid();
    seen.set(fresh, 1);
    tr ??= state.tr;
    tr.setNodeMarkup(pos, undefined, { ...node.attrs, uid: fresh });
    tr.setMeta('addToHistory', false);
  });
  return tr;
}

/** Writes each cross-reference's current text ("artículo 4") into its view. */
function refreshRefs(view: EditorView): void {
  const numbers = articleNumbers(blocksOf(view.state.doc));
  view.state.doc.descendants((node, pos) => {
    if (node.type.name !== 'glRef') return true;
    const dom = view.nodeDOM(pos);
    if (dom instanceof HTMLElement) {
      const text = refText(node.attrs.target as string, numbers);
      if (dom.textContent !== text) dom.textContent = text;
      dom.classList.toggle('gl-ref-broken', !numbers.has(node.attrs.target as string));
    }
    return false;
  });
}

export const GuidelineNumbering = Extension.create({
  name: 'glNumbering',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: labelsKey,
        state: {
          init: (_, state) => labelDecorations(state.doc),
          apply: (tr, old) => (tr.docChanged ? labelDecorations(tr.doc) : old),
        },
        props: { decorations: (state) => labelsKey.getState(state) },
        appendTransaction: uniqueUids,
        view: (view) => {
          refreshRefs(view);
          return { update: refreshRefs };
        },
      }),
    ];
  },
});

export const GuidelineRef = Node.create({
  name: 'glRef',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return { target: { default: '', parseHTML: (el) => el.getAttribute('data-ref'), renderHTML: (a) => ({ 'data-ref': a.target as string }) } };
  },
  parseHTML() {
    return [{ tag: 'span[data-ref]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'gl-ref' }), 'artículo'];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('span');
      dom.className = 'gl-ref';
      dom.dataset.ref = node.attrs.target as string;
      dom.contentEditable = 'false';
      dom.textContent = 'artículo';
      // The plugin view rewrites the text as articles move; those writes are not edits.
      return { dom, ignoreMutation: () => true };
    };
  },
});

export const guidelineNodes = [
  structureNode('titulo'),
  structureNode('capitulo'),
  structureNode('seccion'),
  structureNode('articulo'),
  structureNode('fraccion'),
  structureNode('inciso'),
  GuidelineRef,
  GuidelineNumbering,
];
