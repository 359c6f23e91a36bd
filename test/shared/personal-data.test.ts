import { describe, expect, it } from 'vitest';
import { mentions, pseudonymize } from '../../src/shared/personal-data.js';

const keys = { ids: ['aad-nima', '29:nima'], names: ['Nima Najafi', 'Nima'] };
const p = { id: 'pseudonym-1', name: 'Anonymiserad person 1' };

describe('personal data in records', () => {
  it('finds a person by id, inside a value, or by name in free text', () => {
    expect(mentions({ a: [{ b: 'a:personal-29:nima' }] }, keys)).toBe(true);
    expect(mentions({ text: 'Nima Najafi ringer FK.' }, keys)).toBe(true);
    expect(mentions({ text: 'Birgitta ringer FK.', n: 3 }, keys)).toBe(false);
  });

  it('replaces names (longest first) and ids, never the fields that locate the document', () => {
    const r = pseudonymize({ id: 'x-29:nima', groupId: 'g', type: 'meeting', owner: { name: 'Nima Najafi', aadObjectId: 'aad-nima' }, notes: ['Nima tar det.'] }, keys, p);
    expect(r).toEqual({ kind: 'pseudonymized', keptSignedParts: false, doc: { id: 'x-29:nima', groupId: 'g', type: 'meeting', owner: { name: 'Anonymiserad person 1', aadObjectId: 'pseudonym-1' }, notes: ['Anonymiserad person 1 tar det.'] } });
  });

  it('keeps signed minutes versions and signed approvals exactly as signed', () => {
    const signed = [{ text: 'Nima Najafi ansvarar.', sha256: 'abc', signatures: [{ name: 'Nima Najafi' }] }];
    const r = pseudonymize({ id: 'm', type: 'minutes', doc: { text: 'Nima Najafi ansvarar.' }, signed }, keys, p);
    expect(r.kind === 'pseudonymized' && r.doc.signed).toEqual(signed);
    expect(r.kind === 'pseudonymized' && r.doc.doc).toEqual({ text: 'Anonymiserad person 1 ansvarar.' });
    expect(pseudonymize({ id: 'a', type: 'approval', voters: ['Nima'], signature: { contentHash: 'h' } }, keys, p)).toEqual({ kind: 'keptSigned' });
  });
});

describe('names as whole words', () => {
  it('does not touch a longer name that contains the person’s', () => {
    const ann = { ids: [], names: ['Ann'] };
    expect(mentions({ text: 'Anna Larsson och Annika' }, ann)).toBe(false);
    expect(pseudonymize({ id: 'x', text: 'Ann och Anna.' }, ann, p)).toMatchObject({ doc: { text: 'Anonymiserad person 1 och Anna.' } });
  });
});
