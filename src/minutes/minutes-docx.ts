import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { MinutesDocument, MinutesLabels } from './domain/minutes.js';
import { heading, writeMinutes, type MinutesWriter, type SignedStamp } from './domain/minutes-text.js';

/** The minutes as a Word document (.docx): the same sections as the text, one Word paragraph each. */

function runs(lines: string[], bold = false): TextRun[] {
  return lines.map((text, i) => new TextRun({ text, bold, ...(i > 0 ? { break: 1 } : {}) }));
}

function docxWriter(): MinutesWriter<Paragraph[]> {
  const out: Paragraph[] = [];
  let pageBreak = false;
  return {
    heading: (level, text) => {
      out.push(new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(text)], ...(pageBreak ? { pageBreakBefore: true } : {}) }));
      pageBreak = false;
    },
    newPage: () => {
      pageBreak = true;
    },
    field: (label, value) => out.push(new Paragraph({ children: [new TextRun({ text: `${label}:`, bold: true }), ...(value ? runs(` ${value}`.split('\n')) : [])] })),
    lines: (ls) => out.push(new Paragraph({ children: runs(ls) })),
    list: (ls) => ls.forEach((l) => out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(l)] }))),
    para: (text) => out.push(new Paragraph({ children: runs(text.split('\n')) })),
    done: () => out,
  };
}

export async function renderMinutesDocx(doc: MinutesDocument, L: MinutesLabels, signed?: SignedStamp): Promise<Buffer> {
  const paragraphs = writeMinutes(doc, L, docxWriter(), signed);
  const file = new Document({
    creator: 'Lokus',
    title: heading(doc, L).join(' '),
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(file);
}
