import type { Server } from 'restify';
import { renderMinutesHtml } from './domain/minutes-html.js';
import type { Minutes } from './domain/minutes-record.js';
import { renderMinutesText, type SignedStamp } from './domain/minutes-text.js';
import { renderMinutesDocx } from './minutes-docx.js';
import { texts } from '../i18n/texts.js';
import type { Deps } from '../bot/deps.js';
import { anslagPage } from '../formal/formal-view.js';

const TYPES = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

function stampOf(m: Minutes, version: number): SignedStamp | undefined {
  const signed = m.signed.find((s) => s.version === version);
  return signed ? { signatures: signed.signatures.map((s) => ({ name: s.name, at: s.at })) } : undefined;
}

/**
 * `GET /minutes/<id>.<md|html|docx>?g=…&v=…&exp=…&sig=…`: the minutes (any version) as a file, for
 * whoever holds a valid signed link. A wrong, tampered or expired link gets 403 and reads nothing.
 */
export function registerMinutesExport(server: Server, deps: Deps): void {
  server.get('/minutes/:file', async (req, res) => {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
    const link = deps.links.verify(String(req.params.file ?? ''), query, deps.now());
    if (!link) {
      res.send(403, { error: 'invalid or expired link' });
      return;
    }
    const minutes = await deps.minutes.get(link.groupId, link.minutesId);
    const version = link.version ?? minutes?.version;
    const doc = minutes && version !== undefined ? await deps.minutes.version(link.groupId, link.minutesId, version) : undefined;
    if (!minutes || !doc || version === undefined) {
      res.send(404, { error: 'not found' });
      return;
    }
    const labels = texts(doc.language).minutes.document;
    let stamp = stampOf(minutes, version);
    // Issue 26: the justerat protokoll of a formal body carries its anslag on a page of its own
    // (minnesanteckningar have none, so their meeting is not read).
    if (stamp && doc.format === 'protokoll') {
      const meeting = await deps.meetings.get(link.groupId, minutes.meetingId);
      const group = meeting?.formal?.anslag ? await deps.groups.get(link.groupId) : undefined;
      if (meeting?.formal?.anslag && group) stamp = { ...stamp, anslag: anslagPage({ texts: texts(doc.language), group }, meeting, meeting.formal.anslag) };
    }
    const body =
      link.format === 'docx' ? await renderMinutesDocx(doc, labels, stamp) : link.format === 'html' ? renderMinutesHtml(doc, labels, stamp) : renderMinutesText(doc, labels, { markdown: true, ...(stamp ? { signed: stamp } : {}) });
    const name = `${doc.format}-${doc.header.date ?? minutes.id}-v${version}.${link.format}`;
    res.sendRaw(200, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, {
      'Content-Type': TYPES[link.format],
      'Content-Disposition': `${link.format === 'html' ? 'inline' : 'attachment'}; filename="${name}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  });
}
