import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/activities.js';
import { cardsOf, cardText } from '../support/cards.js';
import { TestBot } from '../support/test-bot.js';

describe('help and unknown text, over real HTTP', () => {
  let bot: TestBot;
  const anna = A.person('Anna Andersson');
  const emma = A.person('Emma English', 'en-GB');

  beforeAll(async () => {
    bot = await TestBot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('answers hjälp in a personal chat with the Swedish help card at the serviceUrl', async () => {
    const r = await bot.say(A.personalChat(anna), anna, 'hjälp');
    expect(r.status).toBe(200);
    expect(r.replies).toHaveLength(1);
    const text = cardText(cardsOf(r.replies[0])[0]!);
    expect(text).toContain('Lokus – hjälp');
    expect(text).toContain('starta möte');
    expect(text).toContain('Protokollför ett beslut under aktuell punkt');
  });

  it('strips the @mention in a channel, ignores case, extra spaces and a trailing full stop', async () => {
    const r = await bot.say(A.channel(), anna, '  HJÄLP. ');
    expect(r.replies).toHaveLength(1);
    expect(cardText(cardsOf(r.replies[0])[0]!)).toContain('Lokus – hjälp');
  });

  it('answers an English-locale user in English', async () => {
    const r = await bot.say(A.personalChat(emma), emma, 'help');
    const text = cardText(cardsOf(r.replies[0])[0]!);
    expect(text).toContain('Lokus – help');
    expect(text).toContain('start meeting');
    expect(text).not.toContain('Visar den här hjälpen');
  });

  it('points unknown text to hjälp, in the user’s language', async () => {
    const sv = await bot.say(A.personalChat(anna), anna, 'vad är klockan');
    expect(sv.replies[0]!.text).toBe('Jag förstod inte ”vad är klockan”. Skriv **hjälp** för att se vad du kan göra.');
    const en = await bot.say(A.personalChat(emma), emma, 'what time is it');
    expect(en.replies[0]!.text).toContain('Type **help**');
  });

  it('does not take a word that merely starts with a command for the command', async () => {
    const r = await bot.say(A.personalChat(anna), anna, 'hjälpsam');
    expect(r.replies[0]!.text).toContain('Jag förstod inte');
  });

  it('welcomes a new team once and saves where it lives', async () => {
    const conv = A.channel('welcome-team');
    await bot.post(A.botAdded(conv, anna, bot.serviceUrl));
    await bot.post(A.installationAdded(conv, anna, bot.serviceUrl));
    const welcomes = bot.connector.posted(conv.id).filter((a) => String(a.text).startsWith('Hej! Jag är Lokus'));
    expect(welcomes).toHaveLength(1);
    const { resources } = await bot.lokus.store.domain.items
      .query({ query: 'SELECT * FROM c WHERE c.type = "conversation" AND c.tenantId = @t', parameters: [{ name: '@t', value: conv.tenantId }] })
      .fetchAll();
    expect(resources.map((d) => d.reference.conversation.id)).toContain(conv.id);
    expect(resources.find((d) => d.reference.conversation.id === conv.id)!.reference.serviceUrl).toBe(bot.serviceUrl);
  });

  it('answers GET /healthz with 200 while Cosmos answers', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
