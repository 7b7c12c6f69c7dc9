import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { KIND_NODE as NODE_OF, kindOfNode, WITH_UID } from '../../../src-shared/guidelines/nodes.js';
import { withoutDuplicates, type BlockKind, type GBlock, type Run } from '../../../src-shared/guidelines/structure.js';
import { withCopies } from '../../../src-shared/guidelines/copies.js';
import { FRAGMENT } from '../drafts/rich-text.js';

/**
 * A guideline's body as the editor's TipTap schema stores it in Yjs: one element per block
 * (glTitulo, glCapitulo, glSeccion, glArticulo, glFraccion, glInciso, paragraph, and
 * bulletList/orderedList > listItem > paragraph); a cross-reference is an inline glRef element
 * whose `target` is the article's `uid`. Reading and writing it here lets the services import,
 * export, compare and print without a browser.
 */
export const newUid = (): string => randomUUID();

function fill(el: Y.XmlElement, runs: Run[]): void {
  const children: (Y.XmlText | Y.XmlElement)[] = [];
  let text: Y.XmlText | undefined;
  let at = 0;
  for (const r of runs) {
    if ('ref' in r) {
      const ref = new Y.XmlElement('glRef');
      ref.setAttribute('target', r.ref);
      children.push(ref);
      text = undefined;
      continue;
    }
    if (!r.text) continue;
    if (!text) {
      text = new Y.XmlText();
      children.push(text);
      at = 0;
    }
    const attrs: Record<string, object> = {};
    if (r.bold) attrs.bold = {};
    if (r.italic) attrs.italic = {};
    text.insert(at, r.text, attrs);
    at += r.text.length;
  }
  if (children.length) el.insert(0, children);
}

function blockElement(b: GBlock): Y.XmlElement {
  const el = new Y.XmlElement(NODE_OF[b.kind as Exclude<BlockKind, 'item'>] ?? 'paragraph');
  if (WITH_UID.has(b.kind)) el.setAttribute('uid', b.uid ?? newUid());
  fill(el, b.runs);
  return el;
}

/** Elements for `blocks`, list items grouped in their lists (a prelim element cannot be read back). */
export function elementsOf(blocks: readonly GBlock[]): Y.XmlElement[] {
  const nodes: Y.XmlElement[] = [];
  let list: { type: string; items: Y.XmlElement[] } | undefined;
  const flush = () => {
    if (!list) return;
    const el = new Y.XmlElement(list.type);
    el.insert(0, list.items);
    nodes.push(el);
    list = undefined;
  };
  for (const b of blocks) {
    if (b.kind !== 'item') {
      flush();
      nodes.push(blockElement(b));
      continue;
    }
    const type = b.ordered ? 'orderedList' : 'bulletList';
    if (list && list.type !== type) flush();
    list ??= { type, items: [] };
    const li = new Y.XmlElement('listItem');
    const p = new Y.XmlElement('paragraph');
    fill(p, b.runs);
    li.insert(0, [p]);
    list.items.push(li);
  }
  flush();
  return nodes;
}

export function docFromGuideline(blocks: readonly GBlock[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(FRAGMENT);
  doc.transact(() => fragment.insert(0, elementsOf(blocks)));
  return doc;
}

/**
 * Replaces the whole body in one transaction (restore, accepted import): a normal Yjs edit. The new
 * blocks are recorded as copies, so when two laptops restore offline the merge can collapse the
 * second body and keep what was typed into either (src-shared/guidelines/merge.ts).
 */
export function replaceBody(doc: Y.Doc, blocks: readonly GBlock[]): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const nodes = elementsOf(blocks);
  withCopies(
    doc,
    nodes.map((n) => [null, n]),
    () => {
      fragment.delete(0, fragment.length);
      fragment.insert(0, nodes);
    },
  );
}

function runsOf(el: Y.XmlElement): Run[] {
  const out: Run[] = [];
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const d of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof d.insert !== 'string') continue;
        out.push({ text: d.insert, ...(d.attributes?.bold ? { bold: true } : {}), ...(d.attributes?.italic ? { italic: true } : {}) });
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'glRef') {
      const target = child.getAttribute('target');
      if (typeof target === 'string') out.push({ ref: target });
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      out.push({ text: '\n' });
    } else if (child instanceof Y.XmlElement) {
      out.push(...runsOf(child));
    }
  }
  return out;
}

/**
 * The body as blocks. Unknown nodes read as paragraphs, so nothing typed is ever lost. An article
 * or heading that two concurrent moves or restores left twice reads once, as a merge collapses it.
 */
export function readGuideline(doc: Y.Doc): GBlock[] {
  const out: GBlock[] = [];
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
    if (!(node instanceof Y.XmlElement)) {
      if (node instanceof Y.XmlText) out.push({ kind: 'paragraph', runs: [{ text: node.toString() }] });
      continue;
    }
    const name = node.nodeName;
    if (name === 'bulletList' || name === 'orderedList') {
      for (const li of node.toArray()) if (li instanceof Y.XmlElement) out.push({ kind: 'item', ordered: name === 'orderedList', runs: runsOf(li) });
      continue;
    }
    const kind = kindOfNode(name);
    const uid = node.getAttribute('uid');
    out.push({ kind, ...(WITH_UID.has(kind) && typeof uid === 'string' ? { uid } : {}), runs: runsOf(node) });
  }
  return withoutDuplicates(out);
}
