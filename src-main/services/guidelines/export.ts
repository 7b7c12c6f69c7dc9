import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import type { Commission } from '../../../src-shared/domain/index.js';
import { articleNumbers, numberBlocks, refText, type GBlock } from '../../../src-shared/guidelines/structure.js';
import { signingOrder } from '../minutes/acta-pdf.js';
import { fullName } from '../minutes/draft-body.js';
import { DOCUMENT_STYLE, Layout, type Word } from '../pdf/layout/layout.js';
import type { Letterhead } from '../pdf/layout/letterhead.js';

type TextPiece = { text: string; bold?: boolean; italic?: boolean };

function pieces(block: GBlock, numbers: ReadonlyMap<string, number>): TextPiece[] {
  // A browser types a space before an inline node as a no-break space; Word and PDF want a plain one.
  return block.runs.map((r) => ('ref' in r ? { text: refText(r.ref, numbers) } : { ...r, text: r.text.replace(/\u00a0/g, ' ') }));
}

/** Words for the layout, each in its run's style; a run that continues a word ("TIC" + ".") is glued to it. */
function wordsOf(parts: TextPiece[]): Word[] {
  const out: Word[] = [];
  let open = false;
  for (const p of parts) {
    for (const token of p.text.split(/(\s+)/)) {
      if (!token) continue;
      if (/^\s+$/.test(token)) {
        open = false;
        continue;
      }
      out.push({ text: token, ...(p.bold ? { bold: true } : {}), ...(p.italic ? { italic: true } : {}), ...(open && out.length ? { glue: true } : {}) });
      open = true;
    }
  }
  return out;
}

const isHeading = (b: GBlock) => b.kind === 'titulo' || b.kind === 'capitulo' || b.kind === 'seccion';
const INDENT = { fraccion: 18, inciso: 36, item: 18 } as Record<string, number>;

export interface GuidelinePdfOptions {
  letterhead: Letterhead;
  /** Signature boxes for publication: the commission's members and technical secretary. */
  signers?: Commission;
}

/**
 * The guideline on Letter paper with the institute's letterhead: title, títulos and capítulos
 * centred in bold, "Artículo N." in bold at the start of its paragraph, fracciones and incisos
 * indented, cross-references printed with the article's current number.
 */
export async function guidelinePdf(title: string, commission: Commission, blocks: readonly GBlock[], options: GuidelinePdfOptions) {
  const italic = blocks.some((b) => b.runs.some((r) => 'text' in r && r.italic && r.text.trim()));
  const w = await Layout.create(title, options.letterhead, DOCUMENT_STYLE, { italic });
  const labels = numberBlocks(blocks);
  const numbers = articleNumbers(blocks);
  w.paragraph(commission.name.toUpperCase(), { bold: true, align: 'center', size: 10, gap: 4 });
  w.paragraph(title.toUpperCase(), { bold: true, align: 'center', size: 12, gap: 14 });
  let ordered = 0;
  blocks.forEach((b, i) => {
    ordered = b.kind === 'item' && b.ordered ? ordered + 1 : 0;
    const text = pieces(b, numbers).map((p) => p.text).join('');
    if (isHeading(b)) {
      w.heading(labels[i]!, { center: true, size: 11 });
      if (text.trim()) w.paragraph(text.toUpperCase(), { bold: true, align: 'center', size: 10.5, gap: 10 });
      return;
    }
    const words: Word[] = [];
    if (labels[i]) words.push({ text: labels[i]!, bold: true });
    if (b.kind === 'item') words.push({ text: b.ordered ? `${ordered}.` : '•' });
    words.push(...wordsOf(pieces(b, numbers)));
    if (words.length) w.words(words, { align: 'justify', indent: INDENT[b.kind] ?? 0, gap: 6 });
  });
  const slots: { memberId: string; name: string; role: string; page: number; rect: [number, number, number, number] }[] = [];
  if (options.signers) {
    const members = signingOrder(options.signers.members);
    w.space(24);
    w.heading('FIRMAS', { center: true });
    const boxes = w.signatureBoxes(members.map((m) => ({ name: fullName(m), role: m.roleLabel })));
    boxes.forEach((box, k) => slots.push({ memberId: members[k]!.id, name: fullName(members[k]!), role: members[k]!.roleLabel, ...box }));
  }
  return { pdf: await w.save(), slots };
}

/**
 * The guideline as a Word file: títulos, capítulos and secciones as Heading 1–3 (so Word's
 * navigation pane shows the outline), numbers written into the text ("Artículo 3.", "II.",
 * "b)") so they survive any editing in Word and any re-import.
 */
export async function guidelineDocx(title: string, blocks: readonly GBlock[]): Promise<Uint8Array> {
  const labels = numberBlocks(blocks);
  const numbers = articleNumbers(blocks);
  const level = { titulo: HeadingLevel.HEADING_1, capitulo: HeadingLevel.HEADING_2, seccion: HeadingLevel.HEADING_3 } as Record<string, (typeof HeadingLevel)[keyof typeof HeadingLevel]>;
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(title)] })];
  blocks.forEach((b, i) => {
    const runs = pieces(b, numbers).map((p) => new TextRun({ text: p.text, ...(p.bold ? { bold: true } : {}), ...(p.italic ? { italics: true } : {}) }));
    if (isHeading(b)) {
      const text = pieces(b, numbers).map((p) => p.text).join('');
      children.push(new Paragraph({ heading: level[b.kind]!, alignment: AlignmentType.CENTER, children: [new TextRun(text.trim() ? `${labels[i]}. ${text}` : labels[i]!)] }));
      return;
    }
    if (b.kind === 'item') {
      children.push(new Paragraph({ ...(b.ordered ? { numbering: { reference: 'ordered', level: 0 } } : { bullet: { level: 0 } }), children: runs }));
      return;
    }
    const label = labels[i] ? [new TextRun({ text: `${labels[i]} `, bold: b.kind === 'articulo' })] : [];
    const indent = INDENT[b.kind] ? { left: INDENT[b.kind]! * 20 } : undefined;
    children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, ...(indent ? { indent } : {}), children: [...label, ...runs] }));
  });
  const doc = new Document({
    creator: 'Sesiona',
    title,
    numbering: { config: [{ reference: 'ordered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
