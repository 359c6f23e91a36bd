import * as A from './activities.js';
import { cardsOf } from './cards.js';
import { answered, choiceValue, setUpGroup } from './seed-group.js';
import type { TestBot } from './test-bot.js';

type Json = Record<string, any>;

/** The people of seed 003 (arbetsutskottet, Samordningsförbundet RAR i Sörmland). */
export const AU = {
  marie: A.person('Marie Svensson'),
  ingrid: A.person('Ingrid Jerneborg Glimne'),
  britta: A.person('Britta Bergström'),
  annaLena: A.person('Anna-Lena Karlsson'),
  katarina: A.person('Katarina Enkvist Bohlin'),
  ola: A.person('Ola Wiktorson'),
  ann: A.person('Ann Lundqvist'),
};

/**
 * Seed 003 through the bot up to the start: Ann Lundqvist (secretary) sets up the group, Marie
 * Svensson (chair) plans the day, and its eight items are put in order with §, "Övrigt" before
 * "Avslutning". Returns the planning card.
 */
export async function planSeed003(bot: TestBot, conv: A.Conversation): Promise<Json> {
  await setUpGroup(bot, conv, AU.ann, {
    name: 'RAR',
    kind: 'arbetsutskott',
    founderOrganisation: 'Samordningsförbundet',
    people: [
      [AU.marie, 'Region Sörmland', 'chair'],
      [AU.ingrid, 'Eskilstuna kommun', 'viceChair'],
      [AU.britta, 'Oxelösunds kommun', 'viceChair'],
      [AU.annaLena, 'Försäkringskassan', 'member'],
      [AU.katarina, 'Arbetsförmedlingen', 'member'],
      [AU.ola, 'Samordningsförbundet', 'kansli', 'förbundschef'],
    ],
    founderRoles: 'secretary',
  });
  let plan = cardsOf((await bot.say(conv, AU.marie, 'nytt möte 2016-02-04 kl 9-15 Hotell Malmköping')).replies[0])[0]!;
  // A planning day: none of the standing items of an ordinary sammanträde but "Övriga frågor".
  for (const standing of [/Val av justerare/, /Godkännande av dagordningen/, /Föregående protokoll/, /Nästa sammanträde/]) {
    plan = answered(await bot.click(conv, AU.ann, plan, 'Ta bort punkten', { itemId: choiceValue(plan, 'itemId', standing) }));
  }
  plan = answered(await bot.click(conv, AU.ann, plan, 'Spara punkten', { itemId: choiceValue(plan, 'itemId', /Övriga frågor/), editTitle: 'Övrigt' }));
  for (const title of ['Inledning', 'Psykisk ohälsa, KUR - Information', 'AMIF projektansökan - Information', 'Vad vill RAR med medlemskapet i Nationella Nätverket för Samordningsförbund (NNS) (diskussion)', 'Implementering, hur ska vi förhålla oss? (beslut)', 'Roller och förväntningar', 'Avslutning']) {
    await bot.say(conv, AU.ann, `punkt ${title}`);
  }
  plan = cardsOf((await bot.say(conv, AU.ann, 'dagordning')).replies[0])[0]!;
  return answered(await bot.click(conv, AU.ann, plan, 'Flytta ned', { itemId: choiceValue(plan, 'itemId', /Avslutning/) }));
}
