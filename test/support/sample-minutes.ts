import { draftMinutes } from '../../src/minutes/domain/minutes.js';
import { newMinutes, requestChange, sendForAdjustment, sign, type Minutes } from '../../src/minutes/domain/minutes-record.js';
import type { Group } from '../../src/groups/domain/group.js';
import { sv } from '../../src/i18n/sv/index.js';
import { LinkSigner } from '../../src/app/signed-link.js';
import { must } from '../meetings/fixtures.js';
import { SEED_003, seedGroup, seedMeeting } from '../minutes/minutes-seeds.js';

/** Seed 003's minutes at each step (draft, change requested, in justering, signed), for card samples. */
export function sampleMinutes(): { group: Group; links: { links: LinkSigner }; now: Date; draft: Minutes; changeRequested: Minutes; inAdjustment: Minutes; signed: Minutes } {
  const L = sv.minutes.document;
  const group = seedGroup(SEED_003);
  const meeting = seedMeeting(SEED_003, group);
  const at = '2016-02-04T16:00:00.000Z';
  const draft = newMinutes({ id: 'minutes-2016-02-04', groupId: group.groupId, meetingId: meeting.id, date: meeting.date!, secretaryId: 'm_ann', doc: draftMinutes({ meeting, group, language: 'sv', labels: L }), at });
  const inAdjustment = must(sendForAdjustment(draft, 'm_ann', at));
  const changeRequested = must(requestChange(inAdjustment, { id: 'cr1', memberId: 'm_britta', name: 'Britta Bergström', version: 1, comments: [{ number: '§3', text: 'Skriv AMIF, inte AMFI.' }] }, at));
  const one = must(sign(inAdjustment, { memberId: 'm_marie', name: 'Marie Svensson' }, 1, L, '2016-02-10T09:00:00.000Z')).minutes;
  const signed = must(sign(one, { memberId: 'm_britta', name: 'Britta Bergström' }, 1, L, '2016-02-11T09:00:00.000Z')).minutes;
  const signer = new LinkSigner('card-sample-secret-card-sample-secret');
  signer.baseUrl = 'https://lokus.example.se';
  return { group, links: { links: signer }, now: new Date(at), draft, changeRequested, inAdjustment: one, signed };
}
