import { expect } from 'chai';
import { type Candidate } from '../../src/match/matcher';
import { chooseCandidates, MAX_CHOICES } from '../../src/reply/ambiguity';

const candidate = (id: string, score: number): Candidate => ({ id, answer: `${id} answer`, category: '', question: `${id}?`, score });
const RULE = { threshold: 0.07, suggestThreshold: 0.035, ratio: 0.5 };

describe('chooseCandidates', () => {
  it('answers a clear best: no choices', () => {
    expect(chooseCandidates([candidate('a', 0.9), candidate('b', 0.2)], RULE)).to.equal(null);
  });

  it('offers the answers about as likely as a best above the threshold', () => {
    const offer = chooseCandidates([candidate('a', 0.3), candidate('b', 0.18), candidate('c', 0.1)], RULE);
    expect(offer?.reason).to.equal('tie');
    expect(offer?.offered.map((c) => c.id)).to.deep.equal(['a', 'b']);
  });

  it(`offers at most ${MAX_CHOICES}`, () => {
    const offer = chooseCandidates(['a', 'b', 'c', 'd'].map((id) => candidate(id, 0.2)), RULE);
    expect(offer?.offered).to.have.length(MAX_CHOICES);
  });

  it('offers a near miss below the threshold, alone if nothing else is close', () => {
    const offer = chooseCandidates([candidate('a', 0.05), candidate('b', 0.01)], RULE);
    expect(offer).to.deep.equal({ reason: 'nearMiss', offered: [candidate('a', 0.05)] });
  });

  it('offers nothing below the suggest threshold', () => {
    expect(chooseCandidates([candidate('a', 0.02), candidate('b', 0.02)], RULE)).to.equal(null);
    expect(chooseCandidates([], RULE)).to.equal(null);
  });
});
