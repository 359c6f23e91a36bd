import { describe, expect, it } from 'vitest';
import { pressProblems, teamsPress } from '../support/teams-press.js';

const heading = { type: 'TextBlock', text: 'Närvaro', style: 'heading', wrap: true };
const person = {
  type: 'Input.ChoiceSet', id: 'memberId', label: 'Person', style: 'compact', isRequired: true, errorMessage: 'Välj en person',
  choices: [{ title: 'Nima Najafi', value: 'm1' }, { title: 'Wictoria Söderberg', value: 'm2' }],
};
const status = {
  type: 'Input.ChoiceSet', id: 'status', label: 'Status', style: 'expanded', value: 'present',
  choices: [{ title: 'Närvarande', value: 'present' }, { title: 'Frånvarande', value: 'absent' }],
};
const markingForm = {
  type: 'Container', items: [person, status, { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Spara', verb: 'attendance.mark', data: { meetingId: 'mt1' } }] }],
};
/** The chair's check-in card as it was before issue 24: Närvarande at the root, no associatedInputs. */
const checkInCard = (checkIn: object = {}) => ({
  type: 'AdaptiveCard', version: '1.5', body: [heading, markingForm],
  actions: [{ type: 'Action.Execute', title: 'Närvarande', verb: 'attendance.checkIn', data: { meetingId: 'mt1' }, ...checkIn }],
});

describe('a press as Teams makes it (the official renderer decides)', () => {
  it('refuses a press while a required input in its scope is empty, naming the field', () => {
    expect(() => teamsPress(checkInCard(), 'Närvarande')).toThrow(/Teams refuses the press of "Närvarande": "Person" \(memberId\) is required and empty/);
    expect(() => teamsPress(checkInCard(), 'Spara')).toThrow(/"Person" \(memberId\) is required and empty/);
  });

  it('sends the action data with the inputs in scope on top, as strings; unset inputs are left out', () => {
    const press = teamsPress(checkInCard(), 'Spara', { memberId: 'm2' });
    expect(press.action).toMatchObject({ type: 'Action.Execute', verb: 'attendance.mark' });
    expect(press.data).toEqual({ meetingId: 'mt1', memberId: 'm2', status: 'present' });
    const counted = teamsPress({ type: 'AdaptiveCard', version: '1.5', body: [heading, { type: 'Input.Number', id: 'target', label: 'Mål', value: 85 }, { type: 'Input.Text', id: 'note', label: 'Not' }], actions: [{ type: 'Action.Execute', title: 'Spara', verb: 'v' }] }, 'Spara');
    expect(counted.data).toEqual({ target: '85' });
  });

  it('"associatedInputs": "none" sends no input and lets the press through an empty required field', () => {
    const press = teamsPress(checkInCard({ associatedInputs: 'none' }), 'Närvarande');
    expect(press.data).toEqual({ meetingId: 'mt1' });
    expect(() => teamsPress(checkInCard({ associatedInputs: 'none' }), 'Närvarande', { memberId: 'm1' })).toThrow(/does not send input "memberId".*none/);
  });

  it('a show-card button sends its own card\'s inputs and those around it; a root button not the show-card\'s', () => {
    const card = {
      type: 'AdaptiveCard', version: '1.5', body: [heading, { type: 'Input.Text', id: 'outer', label: 'Ute', value: 'a' }],
      actions: [
        { type: 'Action.Execute', title: 'Rot', verb: 'root' },
        { type: 'Action.ShowCard', title: 'Mer', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'inner', label: 'Inne', isRequired: true, errorMessage: 'Skriv' }], actions: [{ type: 'Action.Execute', title: 'Spara', verb: 'save' }] } },
      ],
    };
    expect(teamsPress(card, 'Rot').data).toEqual({ outer: 'a' });
    expect(() => teamsPress(card, 'Rot', { inner: 'b' })).toThrow(/does not send input "inner"/);
    expect(teamsPress(card, 'Spara', { inner: 'b' }).data).toEqual({ outer: 'a', inner: 'b' });
    expect(() => teamsPress(card, 'Spara')).toThrow(/"Inne" \(inner\) is required and empty/);
    expect(() => teamsPress(card, 'Mer')).toThrow(/Action.ShowCard; it cannot be pressed/);
  });

  it('presses a hidden button only when a button on the card shows it; never a disabled one', () => {
    const hidden = { type: 'Container', id: 'more', isVisible: false, items: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Dold', verb: 'hidden' }] }] };
    const card = (...actions: object[]) => ({ type: 'AdaptiveCard', version: '1.5', body: [heading, hidden], actions });
    expect(() => teamsPress(card(), 'Dold')).toThrow(/Teams shows no pressable button "Dold".*isVisible: false/);
    expect(teamsPress(card({ type: 'Action.ToggleVisibility', title: 'Visa', targetElements: ['more'] }), 'Dold').action.verb).toBe('hidden');
    expect(() => teamsPress({ ...card(), actions: [{ type: 'Action.Execute', title: 'Av', verb: 'off', isEnabled: false }] }, 'Av')).toThrow(/disabled/);
  });

  it('takes only a choice the list offers', () => {
    expect(() => teamsPress(checkInCard(), 'Spara', { memberId: 'm9' })).toThrow(/"Person" \(memberId\) has no choice "m9"/);
  });
});

describe('the card rule: every button\'s press is valid on the card as its viewer sees it', () => {
  it('finds a root button blocked by another form\'s required input, and passes it with "associatedInputs": "none"', () => {
    expect(pressProblems(checkInCard()).join('\n')).toMatch(/"Närvarande" is blocked by the required input "Person" \(memberId\) of another part of the card/);
    expect(pressProblems(checkInCard({ associatedInputs: 'none' }))).toEqual([]);
  });

  it('finds a required input no one can see', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [heading, { type: 'Container', id: 'x', isVisible: false, items: [{ ...person }] }], actions: [{ type: 'Action.Execute', title: 'Spara', verb: 'v' }] };
    expect(pressProblems(card).join('\n')).toMatch(/needs the required input "Person" \(memberId\), which sits where no one can see it/);
  });

  it('finds a default value the input itself refuses', () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [heading, { type: 'Input.Number', id: 'target', label: 'Mål', min: 0, max: 100, value: 185 }], actions: [{ type: 'Action.Execute', title: 'Spara', verb: 'v' }] };
    expect(pressProblems(card).join('\n')).toMatch(/"Spara" with its form filled in: .*"Mål" \(target\) holds a value it refuses: 185/);
  });
});
