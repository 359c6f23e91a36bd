import type { MinutesDocument, MinutesLabels } from './minutes.js';
import { heading, writeMinutes, type MinutesWriter, type SignedStamp } from './minutes-text.js';
import { escapeHtml } from '../../shared/escape-html.js';

/** The minutes as a standalone HTML page (the export); every piece of text is escaped. */

const STYLE = 'body{font-family:Calibri,Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.4}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.6rem}';

function htmlWriter(title: string, lang: string): MinutesWriter<string> {
  const parts: string[] = [];
  const br = (text: string) => text.split('\n').map(escapeHtml).join('<br>\n');
  return {
    heading: (level, text) => parts.push(`<h${level}>${escapeHtml(text)}</h${level}>`),
    newPage: () => parts.push('<hr style="break-before:page">'),
    field: (label, value) => parts.push(`<p><strong>${escapeHtml(label)}:</strong>${value ? ` ${br(value)}` : ''}</p>`),
    lines: (ls) => parts.push(`<p>${br(ls.join('\n'))}</p>`),
    list: (ls) => parts.push(`<ul>\n${ls.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>`),
    para: (text) => parts.push(`<p>${br(text)}</p>`),
    done: () =>
      `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${parts.join('\n')}\n</body>\n</html>\n`,
  };
}

export function renderMinutesHtml(doc: MinutesDocument, L: MinutesLabels, signed?: SignedStamp): string {
  return writeMinutes(doc, L, htmlWriter(heading(doc, L).join(' '), doc.language), signed);
}
