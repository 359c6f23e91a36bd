import { createHash } from 'node:crypto';
import type { MinutesDocument, MinutesHeader, MinutesItem, MinutesLabels, MinutesPerson } from './minutes.js';
import { itemBodyText, parseItemBody, parseItemsText, renderMinutesText } from './minutes-text.js';
import { err, ok, type DomainError, type Result } from '../../shared/result.js';
import { isLocalDate } from '../../shared/swedish-date.js';
import type { CardRef } from '../../meetings/domain/meeting.js';

/**
 * The minutes of one meeting through their life: drafted → edited by the secretary (every edit a
 * new version) → sent for justering → signed by the chair and the adjusters (or sent back with
 * comments per §) → locked. A locked version is never changed: a correction is a new version,
 * signed separately, and the earlier signed version stays as it was.
 */

export type MinutesStatus = 'draft' | 'inAdjustment' | 'adjusted';

export interface Signature {
  memberId: string;
  name: string;
  at: string;
}

export interface ChangeComment {
  /** "§3", "3", or "" for the minutes as a whole. */
  number: string;
  text: string;
}

export interface ChangeRequest {
  id: string;
  memberId: string;
  name: string;
  at: string;
  version: number;
  comments: ChangeComment[];
}

/** A signed, locked version: the exact text signed and its SHA-256. */
export interface SignedVersion {
  version: number;
  doc: MinutesDocument;
  text: string;
  sha256: string;
  signatures: Signature[];
  lockedAt: string;
}

export type VersionReason = 'drafted' | 'edited' | 'regenerated' | 'correction';

export interface MinutesVersionInfo {
  version: number;
  at: string;
  by?: string;
  reason: VersionReason;
}

export interface Minutes {
  id: string;
  groupId: string;
  meetingId: string;
  /** The meeting date, for `protokoll <datum>`. */
  date?: string;
  status: MinutesStatus;
  /** The current text (the latest version). */
  doc: MinutesDocument;
  version: number;
  /** Who made each version (the versions' full texts are kept as their own documents). */
  history: MinutesVersionInfo[];
  secretaryId?: string;
  /** Signatures of the current round (for `version`). */
  signatures: Signature[];
  changeRequests: ChangeRequest[];
  signed: SignedVersion[];
  /** Cards the bot updates later: the secretary's and each signatory's (by member id). */
  cards: { secretary?: CardRef; signers: Record<string, CardRef>; channel?: Record<string, unknown> };
  createdAt: string;
  updatedAt: string;
}

export const MAX_MINUTES_TEXT = 60_000;
export const MAX_FIELD = 500;

export type MinutesErrorCode =
  | 'MINUTES.LOCKED'
  | 'MINUTES.IN_ADJUSTMENT'
  | 'MINUTES.NOT_IN_ADJUSTMENT'
  | 'MINUTES.NOT_SECRETARY'
  | 'MINUTES.NOT_SIGNATORY'
  | 'MINUTES.NO_SIGNATORIES'
  | 'MINUTES.STALE'
  | 'MINUTES.ITEM_NOT_FOUND'
  | 'MINUTES.ITEM_ADJUSTED'
  | 'MINUTES.TEXT_UNREADABLE'
  | 'MINUTES.COMMENT_MISSING'
  | 'TEXT.TOO_LONG'
  | 'DATE.INVALID';
export type MinutesError = DomainError<MinutesErrorCode>;


export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface NewMinutesInput {
  id: string;
  groupId: string;
  meetingId: string;
  date?: string;
  secretaryId?: string;
  doc: MinutesDocument;
  /** Where the group's channel is (the meeting's conversation reference), for later posts. */
  channel?: Record<string, unknown>;
  at: string;
}

export function newMinutes(input: NewMinutesInput): Minutes {
  return {
    id: input.id,
    groupId: input.groupId,
    meetingId: input.meetingId,
    ...(input.date ? { date: input.date } : {}),
    status: 'draft',
    doc: input.doc,
    version: 1,
    history: [{ version: 1, at: input.at, reason: 'drafted' }],
    ...(input.secretaryId ? { secretaryId: input.secretaryId } : {}),
    signatures: [],
    changeRequests: [],
    signed: [],
    cards: { signers: {}, ...(input.channel ? { channel: input.channel } : {}) },
    createdAt: input.at,
    updatedAt: input.at,
  };
}

/** Who may edit and send: the secretary of the meeting (or, with none, the chair). */
export function isEditor(m: Minutes, memberId: string | undefined): boolean {
  if (!memberId) return false;
  if (m.secretaryId) return m.secretaryId === memberId;
  return m.doc.signatories.some((s) => s.role === 'chair' && s.memberId === memberId);
}

function editable(m: Minutes, by: string | undefined): MinutesError | undefined {
  if (!isEditor(m, by)) return { code: 'MINUTES.NOT_SECRETARY' };
  if (m.status === 'adjusted') return { code: 'MINUTES.LOCKED' };
  if (m.status === 'inAdjustment') return { code: 'MINUTES.IN_ADJUSTMENT' };
  return undefined;
}

function withVersion(m: Minutes, doc: MinutesDocument, reason: VersionReason, at: string, by?: string): Minutes {
  const version = m.version + 1;
  return { ...m, doc, version, history: [...m.history, { version, at, ...(by ? { by } : {}), reason }], updatedAt: at };
}

export interface HeaderChange {
  heading?: string;
  title?: string;
  date?: string;
  time?: MinutesHeader['time'] | null;
  place?: string;
  /** One person per line, "Namn, Organisation". */
  present?: string;
  /** "Övriga närvarande" (förbund staff), one per line, "Namn, titel". */
  others?: string;
  /** "Tjänstgörande ersättare" (protokoll), one per line, "Namn, organisation (ersättare för …)". */
  substitutes?: string;
  absent?: string;
  nextMeeting?: string;
}

function tooLong(...xs: Array<string | undefined>): boolean {
  return xs.some((x) => x !== undefined && x.length > MAX_MINUTES_TEXT);
}

/** "Namn, Organisation §1-4" lines back into people; a known name keeps its member id. */
export function parsePeople(text: string, before: MinutesPerson[]): MinutesPerson[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/,$/, ''))
    .filter(Boolean)
    .map((full) => {
      // What `personLine` writes after the name: "(ersättare för Anna Ek)", "(anmält förhinder)".
      const sub = /\s*\((?:ersättare för|substitute for)\s+([^)]+)\)\s*$/iu.exec(full);
      const afterSub = sub ? full.slice(0, sub.index) : full;
      const exc = /\s*\((?:anmält förhinder|sent apologies)\)\s*$/iu.exec(afterSub);
      const line = exc ? afterSub.slice(0, exc.index) : afterSub;
      const items = /\s((?:§\s?|punkt\s+|items\s+)\d+(?:\s?[-–]\s?\d+)?)$/iu.exec(line);
      const rest = items ? line.slice(0, items.index).trim() : line;
      const comma = rest.indexOf(',');
      const name = (comma === -1 ? rest : rest.slice(0, comma)).trim();
      const label = comma === -1 ? undefined : rest.slice(comma + 1).trim() || undefined;
      const known = before.find((p) => p.name === name);
      return {
        ...(known?.memberId ? { memberId: known.memberId } : {}),
        name,
        ...(label ? { label } : {}),
        // "§1-4" as written; "punkt 1–4" back to the span "1-4".
        ...(items ? { items: items[1]!.replace(/^(?:punkt|items)\s+/iu, '').replace(/\s/g, '').replace('–', '-') } : {}),
        ...(sub ? { substituteFor: sub[1]!.trim() } : {}),
        ...(exc ? { excused: true } : {}),
      };
    });
}

/** The secretary changes the header (heading, date, time, place, present/absent, next meeting). */
export function editHeader(m: Minutes, change: HeaderChange, by: string | undefined, at: string): Result<Minutes, MinutesError> {
  const bad = editable(m, by);
  if (bad) return { ok: false, error: bad };
  if (tooLong(change.present, change.others, change.substitutes, change.absent, change.nextMeeting) || [change.heading, change.title, change.place].some((x) => x !== undefined && x.length > MAX_FIELD)) {
    return err('TEXT.TOO_LONG', { max: MAX_FIELD });
  }
  if (change.date && !isLocalDate(change.date)) return err('DATE.INVALID', { text: change.date });
  const header: MinutesHeader = { ...m.doc.header };
  const set = <K extends 'heading' | 'title' | 'date' | 'place'>(k: K, v: string | undefined) => {
    if (v === undefined) return;
    if (v.trim()) header[k] = v.trim();
    else if (k !== 'title') delete header[k];
  };
  set('heading', change.heading);
  set('title', change.title);
  set('date', change.date);
  set('place', change.place);
  if (change.time === null) delete header.time;
  else if (change.time) header.time = change.time;
  const doc: MinutesDocument = {
    ...m.doc,
    header,
    ...(change.present !== undefined ? { present: parsePeople(change.present, m.doc.present) } : {}),
    ...(change.absent !== undefined ? { absent: parsePeople(change.absent, m.doc.absent) } : {}),
  };
  for (const k of ['others', 'substitutes'] as const) {
    const typed = change[k];
    if (typed === undefined) continue;
    const people = parsePeople(typed, m.doc[k] ?? []);
    if (people.length) doc[k] = people;
    else delete doc[k];
  }
  if (change.nextMeeting !== undefined) {
    if (change.nextMeeting.trim()) doc.nextMeeting = change.nextMeeting.trim();
    else delete doc.nextMeeting;
  }
  return ok(withVersion(m, doc, 'edited', at, by));
}

/** The secretary rewrites one item's title and/or body (paragraphs, "Beslut:", "Uppdrag:"). */
export function editItem(m: Minutes, number: string, change: { title?: string; body?: string }, labels: MinutesLabels, by: string | undefined, at: string): Result<Minutes, MinutesError> {
  const bad = editable(m, by);
  if (bad) return { ok: false, error: bad };
  const index = m.doc.items.findIndex((i) => i.number === number);
  if (index === -1) return err('MINUTES.ITEM_NOT_FOUND', { number });
  if (tooLong(change.body) || (change.title !== undefined && change.title.length > MAX_FIELD)) return err('TEXT.TOO_LONG', { max: MAX_MINUTES_TEXT });
  const before = m.doc.items[index]!;
  if (before.adjusted) return err('MINUTES.ITEM_ADJUSTED', { number });
  let item: MinutesItem = { ...before, ...(change.title?.trim() ? { title: change.title.trim() } : {}) };
  if (change.body !== undefined) {
    const body = parseItemBody(change.body, labels);
    const { dropped: _d, closing: _c, ...rest } = item;
    item = { ...rest, paragraphs: body.paragraphs, decisions: body.decisions, actions: body.actions, ...(body.closing.length ? { closing: body.closing } : {}), ...(body.dropped ? { dropped: true } : {}) };
  }
  const items = m.doc.items.map((x, i) => (i === index ? item : x));
  return ok(withVersion(m, { ...m.doc, items }, 'edited', at, by));
}

/** The secretary rewrites all items at once ("§3 Titel" lines start the items). */
export function editAllItems(m: Minutes, text: string, labels: MinutesLabels, by: string | undefined, at: string): Result<Minutes, MinutesError> {
  const bad = editable(m, by);
  if (bad) return { ok: false, error: bad };
  if (tooLong(text)) return err('TEXT.TOO_LONG', { max: MAX_MINUTES_TEXT });
  const items = parseItemsText(text, m.doc, labels);
  if (!items) return err('MINUTES.TEXT_UNREADABLE');
  // A § justerad omedelbart keeps its locked text (issue 26).
  const same = (a: MinutesItem, b: MinutesItem | undefined) => !!b && a.title === b.title && itemBodyText(a, labels) === itemBodyText(b, labels);
  const changed = m.doc.items.find((x) => x.adjusted && !same(x, items.find((y) => y.number === x.number)));
  if (changed) return err('MINUTES.ITEM_ADJUSTED', { number: changed.number });
  const kept = items.map((y) => {
    const locked = m.doc.items.find((x) => x.adjusted && x.number === y.number);
    return locked ? { ...y, adjusted: locked.adjusted } : y;
  });
  return ok(withVersion(m, { ...m.doc, items: kept }, 'edited', at, by));
}

/** A fresh draft from the meeting record replaces the text (the earlier versions stay). */
export function regenerate(m: Minutes, doc: MinutesDocument, by: string | undefined, at: string): Result<Minutes, MinutesError> {
  const bad = editable(m, by);
  if (bad) return { ok: false, error: bad };
  return ok(withVersion(m, doc, 'regenerated', at, by));
}

/** "Skicka för justering": the chair and adjusters are asked to sign the current version. */
export function sendForAdjustment(m: Minutes, by: string | undefined, at: string): Result<Minutes, MinutesError> {
  const bad = editable(m, by);
  if (bad) return { ok: false, error: bad };
  if (signatoriesOf(m).length === 0) return err('MINUTES.NO_SIGNATORIES');
  return ok({ ...m, status: 'inAdjustment', signatures: [], updatedAt: at });
}

export function signatoriesOf(m: Minutes): Array<{ memberId: string; name: string; role: 'chair' | 'adjuster' }> {
  return m.doc.signatories.filter((s): s is typeof s & { memberId: string } => !!s.memberId);
}

export function pendingSignatories(m: Minutes): Array<{ memberId: string; name: string }> {
  return signatoriesOf(m).filter((s) => !m.signatures.some((x) => x.memberId === s.memberId));
}

function signerCheck(m: Minutes, memberId: string | undefined, version: number): MinutesError | undefined {
  if (m.status === 'adjusted') return { code: 'MINUTES.LOCKED' };
  if (m.status !== 'inAdjustment') return { code: 'MINUTES.NOT_IN_ADJUSTMENT' };
  if (!memberId || !signatoriesOf(m).some((s) => s.memberId === memberId)) return { code: 'MINUTES.NOT_SIGNATORY' };
  if (version !== m.version) return { code: 'MINUTES.STALE', details: { version: m.version } };
  return undefined;
}

/**
 * "Justera": a signatory signs the version they read. Signing twice is harmless. When everyone has
 * signed, the version is locked with its text and SHA-256.
 */
export function sign(m: Minutes, signer: { memberId?: string; name: string }, version: number, labels: MinutesLabels, at: string): Result<{ minutes: Minutes; locked: boolean; duplicate: boolean }, MinutesError> {
  if (signer.memberId && m.signed.some((s) => s.version === version && s.signatures.some((x) => x.memberId === signer.memberId))) {
    return ok({ minutes: m, locked: m.status === 'adjusted', duplicate: true });
  }
  const bad = signerCheck(m, signer.memberId, version);
  if (bad) return { ok: false, error: bad };
  if (m.signatures.some((s) => s.memberId === signer.memberId)) return ok({ minutes: m, locked: false, duplicate: true });
  const signatures = [...m.signatures, { memberId: signer.memberId!, name: signer.name, at }];
  const next: Minutes = { ...m, signatures, updatedAt: at };
  if (signatoriesOf(m).some((s) => !signatures.some((x) => x.memberId === s.memberId))) return ok({ minutes: next, locked: false, duplicate: false });
  const text = renderMinutesText(m.doc, labels);
  const locked: SignedVersion = { version: m.version, doc: m.doc, text, sha256: sha256(text), signatures, lockedAt: at };
  return ok({ minutes: { ...next, status: 'adjusted', signed: [...m.signed, locked] }, locked: true, duplicate: false });
}

/** "Begär ändring": back to the secretary with comments per §; signatures of this round are void. */
export function requestChange(m: Minutes, input: { id: string; memberId?: string; name: string; version: number; comments: ChangeComment[] }, at: string): Result<Minutes, MinutesError> {
  if (m.changeRequests.some((c) => c.id === input.id)) return ok(m);
  const bad = signerCheck(m, input.memberId, input.version);
  if (bad) return { ok: false, error: bad };
  const comments = input.comments.map((c) => ({ number: c.number, text: c.text.trim() })).filter((c) => c.text);
  if (comments.length === 0) return err('MINUTES.COMMENT_MISSING');
  if (comments.some((c) => c.text.length > MAX_FIELD * 8)) return err('TEXT.TOO_LONG', { max: MAX_FIELD * 8 });
  const request: ChangeRequest = { id: input.id, memberId: input.memberId!, name: input.name, at, version: input.version, comments };
  return ok({ ...m, status: 'draft', signatures: [], changeRequests: [...m.changeRequests, request], updatedAt: at });
}

/** After locking: a correction starts a new version to be signed separately; the signed one stays. */
export function startCorrection(m: Minutes, by: string | undefined, at: string): Result<Minutes, MinutesError> {
  if (!isEditor(m, by)) return err('MINUTES.NOT_SECRETARY');
  if (m.status !== 'adjusted') return err('MINUTES.NOT_IN_ADJUSTMENT');
  return ok({ ...withVersion(m, m.doc, 'correction', at, by), status: 'draft', signatures: [] });
}

/** The latest signed version, if any. */
export function latestSigned(m: Minutes): SignedVersion | undefined {
  return m.signed.at(-1);
}
