import * as Y from 'yjs';

/**
 * The rich-text body as TipTap's Collaboration extension stores it: the XML fragment "default",
 * one element per ProseMirror node (paragraph, heading, bulletList > listItem > paragraph…), text
 * in XmlText with marks as formatting attributes ({ bold: {} }). Building and reading it here
 * lets the server draft a body and print it without a browser.
 */
export const FRAGMENT = 'default';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'item'; ordered: boolean; number: number; runs: Run[] };

const run = (text: string, marks: Omit<Run, 'text'> = {}): Run => ({ text, ...marks });
export const para = (text: string, marks: Omit<Run, 'text'> = {}): Block => ({ kind: 'paragraph', runs: [run(text, marks)] });
export const heading = (text: string, level: 1 | 2 | 3 = 2): Block => ({ kind: 'heading', level, runs: [run(text)] });

function textNode(runs: Run[]): Y.XmlText {
  const t = new Y.XmlText();
  let at = 0;
  for (const r of runs) {
    if (!r.text) continue;
    const attrs: Record<string, object> = {};
    if (r.bold) attrs.bold = {};
    if (r.italic) attrs.italic = {};
    t.insert(at, r.text, attrs);
    at += r.text.length;
  }
  return t;
}

function element(name: string, runs: Run[], attrs: Record<string, unknown> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, [textNode(runs)]);
  return el;
}

/** Writes `blocks` at the end of the document's body. */
export function appendBlocks(doc: Y.Doc, blocks: Block[]): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const nodes: Y.XmlElement[] = [];
  // A prelim element cannot be read before it joins a document, so list items are gathered first.
  let list: { type: string; items: Y.XmlElement[] } | undefined;
  const flush = () => {
    if (!list) return;
    const el = new Y.XmlElement(list.type);
    el.insert(0, list.items);
    nodes.push(el);
    list = undefined;
  };
  for (const b of blocks) {
    if (b.kind !== 'item') flush();
    if (b.kind === 'heading') nodes.push(element('heading', b.runs, { level: b.level }));
    else if (b.kind === 'paragraph') nodes.push(element('paragraph', b.runs));
    else {
      const type = b.ordered ? 'orderedList' : 'bulletList';
      if (list && list.type !== type) flush();
      list ??= { type, items: [] };
      const li = new Y.XmlElement('listItem');
      li.insert(0, [element('paragraph', b.runs)]);
      list.items.push(li);
    }
  }
  flush();
  doc.transact(() => fragment.insert(fragment.length, nodes));
}

export function docFromBlocks(blocks: Block[]): Y.Doc {
  const doc = new Y.Doc();
  appendBlocks(doc, blocks);
  return doc;
}

function runsOf(el: Y.XmlElement | Y.XmlText): Run[] {
  const out: Run[] = [];
  const texts = el instanceof Y.XmlText ? [el] : el.toArray();
  for (const child of texts) {
    if (child instanceof Y.XmlText) {
      for (const d of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof d.insert !== 'string') continue;
        out.push({ text: d.insert, ...(d.attributes?.bold ? { bold: true } : {}), ...(d.attributes?.italic ? { italic: true } : {}) });
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      out.push({ text: '\n' });
    } else if (child instanceof Y.XmlElement) {
      out.push(...runsOf(child));
    }
  }
  return out;
}

/** Reads the body back as blocks, for the PDF and for tests. Unknown nodes read as paragraphs. */
export function readBlocks(doc: Y.Doc): Block[] {
  const out: Block[] = [];
  const walk = (nodes: (Y.XmlElement | Y.XmlText)[]) => {
    for (const node of nodes) {
      if (node instanceof Y.XmlText) {
        out.push({ kind: 'paragraph', runs: runsOf(node) });
        continue;
      }
      const name = node.nodeName;
      if (name === 'heading') {
        const level = Math.min(3, Math.max(1, Number(node.getAttribute('level')) || 2)) as 1 | 2 | 3;
        out.push({ kind: 'heading', level, runs: runsOf(node) });
      } else if (name === 'bulletList' || name === 'orderedList') {
        node.toArray().forEach((li, i) => {
          if (li instanceof Y.XmlElement) out.push({ kind: 'item', ordered: name === 'orderedList', number: i + 1, runs: runsOf(li) });
        });
      } else if (name === 'blockquote') {
        walk(node.toArray() as (Y.XmlElement | Y.XmlText)[]);
      } else {
        out.push({ kind: 'paragraph', runs: runsOf(node) });
      }
    }
  };
  walk(doc.getXmlFragment(FRAGMENT).toArray() as (Y.XmlElement | Y.XmlText)[]);
  return out;
}

export const plainText = (runs: Run[]): string => runs.map((r) => r.text).join('');
