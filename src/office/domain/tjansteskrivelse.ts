/**
 * A tjänsteskrivelse as the förbund's office writes it (seed 002): a rubrik, "Förslag till beslut"
 * with the body's att-satser, "Ärendet" (with an optional sub-heading such as "Ansökan"),
 * "Bedömning", and the förbundschef's name and title at the end. Pure: text in, text out.
 */

/** The bodies an ärende can be placed before; the proposal names it ("Förbundsstyrelsen föreslås besluta"). */
export const BODY_KINDS = ['styrelse', 'arbetsutskott'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export interface Signer {
  name: string;
  /** As the seed writes it: "Förbundschef". */
  title: string;
}

export interface Tjansteskrivelse {
  rubrik: string;
  body: BodyKind;
  /** Each starts with "att " (added when written without it). */
  attSatser: string[];
  /** "Ansökan" in seed 002; none when the ärende has no sub-heading. */
  arendetHeading?: string;
  arendet: string[];
  bedomning: string[];
  signer: Signer;
}

export const RUBRIK_MAX = 200;
/**
 * Förslag till beslut, Ärendet and Bedömning together, as the card shows them: the card carries them
 * in its inputs and must stay under Teams' 28 KB even when every character takes 2 or 3 bytes.
 */
export const SECTIONS_MAX = 6_000;

export interface DraftWords {
  /** "att bevilja finansiellt stöd från förbundet enligt ansökan till insatsen ‹rubrik›" */
  firstAttSats: (rubrik: string) => string;
  arendetHeading: string;
  /** The closing line of Bedömning when every party stood behind the application. */
  allPartiesBehind: (groupName: string) => string;
  /** Under Ärendet when the application is longer than the sections' budget: where the whole of it is. */
  applicationShortened: string;
}

/** From an approved request: its title as rubrik, its text under Ärendet, the parties' yes under Bedömning. */
export function draftFromApproval(
  input: { title: string; text: string; groupName: string; signer: Signer; body?: BodyKind },
  words: DraftWords,
): Tjansteskrivelse {
  const rubrik = input.title.trim();
  const attSatser = [words.firstAttSats(rubrik)];
  const bedomning = [words.allPartiesBehind(input.groupName)];
  const room = SECTIONS_MAX - sectionsLength({ attSatser, arendet: [], bedomning });
  return {
    rubrik,
    body: input.body ?? 'styrelse',
    attSatser,
    arendetHeading: words.arendetHeading,
    arendet: within(paragraphs(input.text), room, words.applicationShortened),
    bedomning,
    signer: input.signer,
  };
}

/**
 * The paragraphs that fit in `room` characters (blank lines between). A longer application keeps its
 * first paragraphs (the first cut at a word, with "…") and ends with `note`, so the draft can be saved.
 */
function within(paras: string[], room: number, note: string): string[] {
  if (paras.join('\n\n').length <= room) return paras;
  const left = room - note.length - 2;
  const kept: string[] = [];
  let used = 0;
  for (const p of paras) {
    const sep = kept.length ? 2 : 0;
    if (used + sep + p.length > left) {
      if (kept.length === 0) kept.push(`${p.slice(0, left - 1).replace(/\s+\S*$/, '')}…`);
      break;
    }
    kept.push(p);
    used += sep + p.length;
  }
  return [...kept, note];
}

/** Paragraphs as a person types them in a multi-line field: separated by blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

/** Att-satser typed one per line; "att " is added where it was left out. */
export function attLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^[-–•*]\s*/, '').trim())
    .filter(Boolean)
    .map((l) => (/^att\s/iu.test(l) ? `att ${l.slice(4).trim()}` : `att ${l}`));
}

export interface SectionWords {
  proposalHeading: string;
  proposes: Record<BodyKind, string>;
  arendet: string;
  bedomning: string;
}

/** The sections as written, one paragraph a line and a blank line between (seed 002's layout). */
export function tjansteskrivelseText(t: Tjansteskrivelse, w: SectionWords): string {
  const blocks = [
    t.rubrik,
    w.proposalHeading,
    w.proposes[t.body],
    ...t.attSatser,
    w.arendet,
    ...(t.arendetHeading ? [t.arendetHeading] : []),
    ...t.arendet,
    w.bedomning,
    ...t.bedomning,
    `${t.signer.name}, ${t.signer.title}`,
  ];
  return `${blocks.join('\n\n')}\n`;
}

/** The förslag as it goes on the body's agenda: "Förbundsstyrelsen föreslås besluta" and the att-satser. */
export function proposalText(t: Tjansteskrivelse, w: Pick<SectionWords, 'proposes'>): string {
  return [w.proposes[t.body], ...t.attSatser].join('\n');
}

/** The three sections' length as typed on the card: att-satser one a line, paragraphs between blank lines. */
export function sectionsLength(t: Pick<Tjansteskrivelse, 'attSatser' | 'arendet' | 'bedomning'>): number {
  return t.attSatser.join('\n').length + t.arendet.join('\n\n').length + t.bedomning.join('\n\n').length;
}

export type TjansteskrivelseProblem = 'RUBRIK_MISSING' | 'RUBRIK_TOO_LONG' | 'ATT_MISSING' | 'TEXT_TOO_LONG' | 'SIGNER_MISSING';

export function checkTjansteskrivelse(t: Tjansteskrivelse): TjansteskrivelseProblem | undefined {
  if (!t.rubrik.trim()) return 'RUBRIK_MISSING';
  if (t.rubrik.length > RUBRIK_MAX) return 'RUBRIK_TOO_LONG';
  if (t.attSatser.length === 0) return 'ATT_MISSING';
  if (sectionsLength(t) > SECTIONS_MAX) return 'TEXT_TOO_LONG';
  if (!t.signer.name.trim()) return 'SIGNER_MISSING';
  return undefined;
}
