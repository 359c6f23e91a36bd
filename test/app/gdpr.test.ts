import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasePerson, exportPerson } from '../../src/store/personal-data-register.js';
import { cardText } from '../support/cards.js';
import { forgeryScene } from '../support/forgery.js';
import { TIERP, groupIdFor } from '../support/seed-group.js';
import { TestBot } from '../support/test-bot.js';

type Json = Record<string, any>;
const NIMA = TIERP.nima;

describe('GDPR: register extract and erasure of one person (npm run gdpr)', () => {
  let bot: TestBot;
  let scene: Awaited<ReturnType<typeof forgeryScene>>;
  const now = new Date('2026-11-22T10:00:00Z');

  beforeAll(async () => {
    bot = await TestBot.start();
    // Nima is in three groups (two tenants), owns an action item in minutes the chair has signed.
    scene = await forgeryScene(bot);
  });
  afterAll(async () => bot.stop());

  const minutesOf = async () => (await bot.documents(groupIdFor(scene.a))).filter((d) => d.type === 'minutes' && d.signed?.length);

  it('exports everything stored about a person, across groups and tenants, by name or by Entra id', async () => {
    const byName = await exportPerson(bot.lokus.store, 'nima najafi', now);
    expect(byName.person.memberships.map((m) => m.groupName).sort()).toEqual(['Annan 19:forgery-other@thread.tacv2', 'Annan 19:forgery-tierp@thread.tacv2', 'Tierp']);
    expect(byName.person.ids).toEqual(expect.arrayContaining([NIMA.aadObjectId, NIMA.id]));
    const types = byName.documents.map((d) => d.type);
    expect(types).toEqual(expect.arrayContaining(['group', 'meeting', 'minutes']));
    const meeting = byName.documents.find((d) => d.type === 'meeting' && JSON.stringify(d.document).includes('ta fram underlag'))!;
    expect(JSON.stringify(meeting.document)).toContain('Nima Najafi');
    // Every document is there once, without Cosmos system fields, and the extract is plain JSON.
    expect(new Set(byName.documents.map((d) => `${d.container}/${d.groupId}/${d.id}`)).size).toBe(byName.documents.length);
    expect(JSON.stringify(byName)).not.toContain('"_etag"');
    const byId = await exportPerson(bot.lokus.store, NIMA.aadObjectId, now);
    expect(byId.documents.map((d) => d.id).sort()).toEqual(byName.documents.map((d) => d.id).sort());
    expect((await exportPerson(bot.lokus.store, 'Ingen Sådan Person', now)).documents).toEqual([]);
  });

  it('pseudonymizes the person in every non-signed record; signed minutes keep their text, hash and signatures', async () => {
    const signedBefore = (await minutesOf()).map((m) => m.signed);
    expect(signedBefore.length).toBeGreaterThan(0);
    expect(JSON.stringify(signedBefore)).toContain('Nima Najafi');

    const report = await erasePerson(bot.lokus.store, NIMA.aadObjectId);
    expect(report.pseudonymized.length).toBeGreaterThan(3);
    expect(report.signedPartsKept.length).toBe(signedBefore.length);

    // Nothing but the signed versions still names him or carries his ids.
    const { resources: docs } = await bot.lokus.store.domain.items.query<Json>('SELECT * FROM c').fetchAll();
    const { resources: botDocs } = await bot.lokus.store.bot.items.query<Json>('SELECT * FROM c').fetchAll();
    for (const d of [...docs, ...botDocs]) {
      const { signed: _signed, id: _id, pk: _pk, groupId: _g, ...rest } = d;
      const json = JSON.stringify(rest);
      expect(json, `${d.type} ${d.id}`).not.toContain('Nima Najafi');
      expect(json, `${d.type} ${d.id}`).not.toContain(NIMA.aadObjectId);
      expect(json, `${d.type} ${d.id}`).not.toContain(NIMA.id);
    }
    const signedAfter = (await minutesOf()).map((m) => m.signed);
    expect(signedAfter).toEqual(signedBefore);
    for (const v of signedAfter.flat() as Json[]) expect(createHash('sha256').update(v.text).digest('hex')).toBe(v.sha256);

    // The group carries on with the pseudonym, the same one each time.
    const list = await bot.say(scene.a, scene.secretary, 'uppdragslista');
    expect(cardText(list.replies.at(-1)!.attachments[0].content)).toContain(report.pseudonym.name);
    // By his name he is no longer found (only the signed minutes still name him).
    expect((await exportPerson(bot.lokus.store, 'Nima Najafi', now)).person.memberships).toEqual([]);
    expect((await erasePerson(bot.lokus.store, NIMA.aadObjectId)).pseudonymized).toEqual([]);
  });

  it('the npm script refuses a call without a verb and a person', async () => {
    const run = promisify(execFile);
    await expect(run('npx', ['tsx', 'scripts/gdpr.ts', 'export'], { cwd: process.cwd() })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run gdpr -- export|erase') });
  });
});
