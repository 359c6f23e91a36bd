import * as A from './activities.js';
import { cardsOf, cardText } from './cards.js';
import { checkInCard } from './attendance-helpers.js';
import { AU } from './seed-au.js';
import { answered, choiceValue, setUpGroup } from './seed-group.js';
import type { TestBot } from './test-bot.js';

type Json = Record<string, any>;

/** Seed 003's people as a förbundsstyrelse, with an ersättare (Per Holm) who is not in the seed. */
export const STYRELSE = { ...AU, per: A.person('Per Holm') };

/**
 * Ann Lundqvist (secretary) sets up the styrelse through the bot and names its five ledamöter and
 * its ersättare with the chat commands.
 */
export async function setUpStyrelse(bot: TestBot, conv: A.Conversation): Promise<void> {
  const S = STYRELSE;
  await setUpGroup(bot, conv, S.ann, {
    name: 'RAR',
    kind: 'styrelse',
    founderOrganisation: 'Samordningsförbundet',
    people: [
      [S.marie, 'Region Sörmland', 'chair'],
      [S.ingrid, 'Eskilstuna kommun', 'viceChair'],
      [S.britta, 'Oxelösunds kommun', 'viceChair'],
      [S.annaLena, 'Försäkringskassan', 'member'],
      [S.katarina, 'Arbetsförmedlingen', 'member'],
      [S.per, 'Region Sörmland', 'substitute'],
      [S.ola, 'Samordningsförbundet', 'kansli', 'förbundschef'],
    ],
    founderRoles: 'secretary',
  });
  await bot.say(conv, S.ann, 'ledamöter Marie Svensson, Ingrid Jerneborg Glimne, Britta Bergström, Anna-Lena Karlsson, Katarina Enkvist Bohlin');
  await bot.say(conv, S.ann, 'ersättare Per Holm');
}

/** Plans a meeting with `nytt möte`, without the standing items, with these items in order; returns the planning card. */
export async function planMeeting(bot: TestBot, conv: A.Conversation, when: string, items: string[], save: Record<string, unknown> = {}, secretary: A.Person = STYRELSE.ann): Promise<Json> {
  const S = { ann: secretary };
  let plan = cardsOf((await bot.say(conv, S.ann, `nytt möte ${when}`)).replies[0])[0]!;
  for (const standing of [/Val av justerare/, /Godkännande av dagordningen/, /Föregående protokoll/, /Övriga frågor/, /Nästa sammanträde/]) {
    plan = answered(await bot.click(conv, S.ann, plan, 'Ta bort punkten', { itemId: choiceValue(plan, 'itemId', standing) }));
  }
  for (const title of items) await bot.say(conv, S.ann, `punkt ${title}`);
  plan = cardsOf((await bot.say(conv, S.ann, 'dagordning')).replies[0])[0]!;
  if (Object.keys(save).length) plan = answered(await bot.click(conv, S.ann, plan, 'Spara', save));
  return plan;
}

/** Each person presses "Närvarande" on the channel's check-in card. */
export async function checkIn(bot: TestBot, conv: A.Conversation, people: A.Person[]): Promise<void> {
  for (const p of people) {
    const { card } = checkInCard(bot, conv);
    const r = await bot.click(conv, p, card, 'Närvarande');
    if (!r.card) throw new Error(`check-in of ${p.name} refused: ${r.message}`);
  }
  await bot.settle();
}

/** The live card as it stands now in the channel. */
export function liveCardNow(bot: TestBot, conv: A.Conversation): Json {
  const posted = bot.connector.posted(conv.id).filter((a) => cardsOf(a)[0] && /^Pågående möte:/.test(cardText(cardsOf(a)[0]!)));
  return bot.currentCard(posted.at(-1)!.id as string, conv.id)!;
}

/** The vote card posted last in the channel, as it stands now. */
export function voteCardNow(bot: TestBot, conv: A.Conversation): Json {
  const posted = bot.connector.posted(conv.id).filter((a) => cardsOf(a)[0] && /^Omröstning:/.test(cardText(cardsOf(a)[0]!)));
  if (!posted.length) throw new Error('no vote card was posted');
  return bot.currentCard(posted.at(-1)!.id as string, conv.id)!;
}
