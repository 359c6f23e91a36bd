import * as A from './activities.js';
import { cardsOf, findAction, rawPressData } from './cards.js';
import { TIERP, answered, choiceValue, setUpGroup, setUpTierp } from './seed-group.js';
import type { TestBot } from './test-bot.js';
import { endMeeting } from './meeting-steps.js';

type Json = Record<string, any>;

/** One button press as Teams sends it: the verb and data (with the inputs' current values). */
export interface Press {
  verb: string;
  data: Json;
  title: string;
}

/** Every Action.Execute button on the cards the bot has sent or updated in a conversation. */
export function pressesOn(bot: TestBot, conversationId: string, answeredCards: Json[] = []): Press[] {
  const cards = [
    ...bot.connector.posted(conversationId).flatMap((a) => cardsOf(a)),
    ...bot.connector.updates(conversationId).flatMap((u) => cardsOf(u.body)),
    ...answeredCards,
  ];
  const out: Press[] = [];
  const seen = new Set<string>();
  const add = (press: Press) => {
    const key = JSON.stringify([press.verb, press.data]);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(press);
  };
  for (const card of cards) {
    // Teams' per-user refresh sends the card's refresh action as a press, with no title.
    if (card.refresh?.action?.verb) add({ verb: String(card.refresh.action.verb), data: card.refresh.action.data ?? {}, title: '(refresh)' });
    for (const title of buttonTitles(card)) {
      const found = findAction(card, title);
      if (found.action.type === 'Action.Execute') add({ verb: String(found.action.verb), data: rawPressData(found), title });
    }
  }
  return out;
}

function buttonTitles(card: Json): string[] {
  const titles: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (typeof o.type === 'string' && o.type.startsWith('Action.') && o.title) titles.push(String(o.title));
    Object.values(o).forEach(walk);
  };
  walk(card);
  return [...new Set(titles)];
}

/**
 * Three groups whose ids a forger could mix up: Tierp (A) in tenant 1 with a planned meeting and a
 * running one, the same conversation id under tenant 2 (B: another group, its chair has the very same
 * Teams and Entra ids as A's secretary), and another channel in tenant 1 (C), each with a running
 * meeting so live-card verbs have something they could wrongly act on.
 */
export async function forgeryScene(bot: TestBot) {
  const a = A.channel('forgery-tierp');
  const b = A.channel('forgery-tierp', 'tenant-00000000-0000-0000-0000-000000000002');
  const c = A.channel('forgery-other');
  await setUpTierp(bot, a);
  // Planned for a later day: `starta möte` asks first (issue 25) and the secretary starts it now.
  const plan = cardsOf((await bot.say(a, TIERP.marika, 'nytt möte 2099-12-01 13-15 Kommunhuset')).replies[0])[0]!;
  // The notice, with Anmäl förhinder and Skicka ersättare (issue 25).
  await bot.click(a, TIERP.marika, plan, 'Skicka kallelse');
  await bot.settle();
  await bot.say(a, TIERP.marika, 'punkt Avvikelserapport (beslut)');
  // With the assistant configured (issue 29): its confirmation card, and "Föreslå löptext" on the draft.
  if (bot.lokus.deps.assistant) await bot.say(a, TIERP.marika, 'kan du lägga till en punkt om budgeten på nästa möte');
  await bot.say(a, TIERP.marika, 'dagordning');
  const asked = cardsOf((await bot.say(a, TIERP.marika, 'starta möte')).replies[0])[0]!;
  await bot.click(a, TIERP.marika, asked, 'Starta det nu');
  await bot.settle();
  // A near miss: "Menade du …?" with the button that runs it.
  await bot.say(a, TIERP.marika, 'anteckningar Rapporten gicks igenom.');
  await bot.say(a, TIERP.marika, 'beslut Gruppen beslutade att godkänna rapporten.');
  await bot.say(a, TIERP.marika, 'uppdrag Nima Najafi: ta fram underlag senast 2026-12-20');
  await endMeeting(bot, a, TIERP.marika);
  await bot.settle();
  const minutesCards = await minutesRound(bot);
  // A second, ad-hoc meeting runs now: the live card's buttons.
  await bot.say(a, TIERP.marika, 'starta möte');
  for (const text of ['beslutslogg', 'uppdragslista', 'mina uppdrag', 'närvarokort']) await bot.say(a, TIERP.marika, text);
  await bot.settle();
  // What the secretary sees on the check-in card (Teams' per-user refresh): the form to mark others.
  const checkIn = bot.lastCard(a.id);
  const leaderView = (await bot.post(A.cardAction(a, TIERP.marika, bot.serviceUrl, checkIn.refresh.action.verb, checkIn.refresh.action.data))).body.value;
  // Issue 26: the group keeps a formal protokoll from now on: the live card's Anmäl jäv and a vote card.
  await bot.say(a, TIERP.marika, 'formellt protokoll på');
  await bot.say(a, TIERP.marika, 'ledamöter Birgitta Olsson, Marika Söderberg, Wictoria Palmetorp, Nima Najafi');
  for (const p of [TIERP.birgitta, TIERP.marikaS, TIERP.nima]) await bot.click(a, p, checkIn, 'Närvarande');
  await bot.say(a, TIERP.nima, 'yrkande bifall till förslaget');
  await bot.say(a, TIERP.birgitta, 'yrkande avslag');
  await bot.say(a, TIERP.marika, 'omröstning 1 mot 2');
  await bot.settle();
  // An approval request Wictoria answers and is asked to sign (in her personal chat).
  const form = cardsOf((await bot.say(a, TIERP.marika, 'godkännande Avvikelserapport')).replies[0])[0]!;
  const wictoriaId = choiceValue(form, 'signatory', /^Wictoria Palmetorp/);
  await bot.click(a, TIERP.marika, form, 'Skicka för godkännande', { text: 'Rapporten.', voters: wictoriaId, signatory: wictoriaId, deadlineDate: '2026-12-20' });
  await bot.settle();
  // The requester's own view (Teams' per-user refresh) has Ny version and Dra tillbaka.
  const request = bot.lastCard(a.id);
  const ownView = (await bot.post(A.cardAction(a, TIERP.marika, bot.serviceUrl, request.refresh.action.verb, request.refresh.action.data))).body.value;
  await bot.click(a, TIERP.wictoria, request, 'Godkänn');
  await bot.settle();
  const signCard = bot.lastCard(A.personalChat(TIERP.wictoria).id);
  // The förbund office (issue 27): an ärende card with a styrelse's planned meeting to choose, an insats form.
  const body = A.channel('forgery-styrelse');
  await setUpGroup(bot, body, TIERP.marika, { name: 'Förbundsstyrelsen', kind: 'styrelse', founderOrganisation: 'Samordningsförbundet', people: [[A.person('Lars Persson'), 'Region Uppsala', 'member']], founderRoles: 'chair,secretary,kansli' });
  await bot.say(body, TIERP.marika, 'nytt möte 2036-12-10 13-15 Kommunhuset');
  await bot.say(a, TIERP.marika, 'ärende Förfalskningsärende');
  await bot.say(a, TIERP.marika, 'ny insats Förfalskningsinsats');
  let settings = cardsOf((await bot.say(a, TIERP.marika, 'grupp')).replies[0])[0]!;
  // Two people in Teams by the name of a member typed by name: the card asks the chair to link her.
  const twin = A.person('Dubbel Namnsson');
  bot.connector.rosters.set(a.id, [...(bot.connector.rosters.get(a.id) ?? []), A.person('Ny Nykomling'), twin, { ...twin, id: `${twin.id}-2`, aadObjectId: `${twin.aadObjectId}-2` }]);
  settings = answered(await bot.click(a, TIERP.marika, settings, 'Lägg till', { memberName: twin.name, memberOrganisation: 'Region Uppsala' }));
  const withRoster = answered(await bot.click(a, TIERP.marika, settings, 'Hämta från Teams'));
  await bot.settle();
  // A's buttons, read before B (same conversation id, other tenant) posts any card.
  const presses = [
    ...pressesOn(bot, a.id, [withRoster, signCard, ownView, leaderView, ...minutesCards]),
    ...[TIERP.marika, TIERP.birgitta].flatMap((p) => pressesOn(bot, A.personalChat(p).id)),
  ];
  for (const conv of [b, c]) {
    await setUpGroup(bot, conv, TIERP.marika, { name: `Annan ${conv.id}`, kind: 'lokusgrupp', founderOrganisation: 'Samordningsförbundet', people: [[TIERP.nima, 'Tierps kommun', 'member']], founderRoles: 'chair,secretary' });
    await bot.say(conv, TIERP.marika, 'starta möte');
  }
  await bot.settle();
  return { a, b, c, presses, outsider: A.person('Okänd Utomstående'), secretary: TIERP.marika, member: TIERP.wictoria };
}

/**
 * The minutes of A's ended meeting: the secretary opens every edit form, sends the draft for
 * justering, the chair signs, and the secretary's card then offers a correction. Returns the forms.
 */
async function minutesRound(bot: TestBot): Promise<Json[]> {
  const chat = A.personalChat(TIERP.marika);
  const draft = bot.lastCard(chat.id);
  const forms: Json[] = [];
  for (const title of ['Ändra rubrik och närvaro', /^Ändra (§|punkt )\d/, 'Ändra all text']) {
    forms.push(answered(await bot.click(chat, TIERP.marika, draft, title)));
  }
  answered(await bot.click(chat, TIERP.marika, draft, 'Skicka för justering'));
  await bot.settle();
  const chair = A.personalChat(TIERP.birgitta);
  answered(await bot.click(chair, TIERP.birgitta, bot.lastCard(chair.id), 'Justera'));
  await bot.settle();
  return forms;
}
