import { expect } from 'chai';
import { compileLexicon, expandShorthand, lexiconFor, readWords, segmentWords, VocabularyError } from '../../src/reply/lexicon';
import { en } from '../../src/reply/vocabulary/en';
import { type Vocabulary } from '../../src/reply/vocabulary/vocabulary';
import { LANGUAGE_CODES } from '../../src/text/language';

const EMPTY: Vocabulary = {
  greeting: [], thanks: [], goodbye: [], help: [], acknowledgement: [], bot: [], humanNoun: [], personNoun: [],
  contactVerb: [], botQuestion: [], botNoun: [], qualifier: [], filler: [], shorthand: {},
};

describe('compileLexicon', () => {
  it('compiles the vocabulary of every corpus language without a phrase in two lists', () => {
    for (const language of LANGUAGE_CODES) expect(lexiconFor(language).phrases.size, language).to.be.greaterThan(50);
  });

  it('normalizes phrases as messages are: case, accents, apostrophes and shorthand', () => {
    const lexicon = compileLexicon({ ...EMPTY, acknowledgement: ["D'accord"], thanks: ['thx'], shorthand: { thx: 'thanks' } });
    expect([...lexicon.phrases]).to.deep.equal([['thanks', 'thanks'], ['daccord', 'acknowledgement']]);
  });

  it('names the phrase and both lists when a phrase sits in two lists', () => {
    expect(() => compileLexicon({ ...EMPTY, greeting: ['Morning'], goodbye: ['morning!'] }))
      .to.throw(VocabularyError, 'faqbot: the rule vocabulary lists "morning" both as greeting and as goodbye; keep it in one list');
  });
});

describe('readWords', () => {
  it('spells out shorthand and undoes stretched words the vocabulary knows', () => {
    expect(readWords('whr r u?? Hiiii, thankssss', lexiconFor('en'))).to.deep.equal(['where', 'are', 'you', 'hii', 'thanks']);
  });

  it('leaves words with a run of letters alone when no shorter form is known', () => {
    expect(readWords('zzz brrr', lexiconFor('en'))).to.deep.equal(['zzz', 'brrr']);
  });
});

describe('segmentWords', () => {
  it('takes the longest phrase at each position and marks unknown words', () => {
    const lexicon = compileLexicon(en);
    expect(segmentWords(['can', 'i', 'talk', 'to', 'the', 'manager', 'today'], lexicon)).to.deep.equal([
      { kind: 'filler', words: ['can', 'i'] },
      { kind: 'contactVerb', words: ['talk', 'to'] },
      { kind: 'filler', words: ['the'] },
      { kind: 'personNoun', words: ['manager'] },
      { kind: null, words: ['today'] },
    ]);
  });
});

describe('expandShorthand', () => {
  it('spells out chat shorthand for matching, and returns null when there is none', () => {
    expect(expandShorthand('wen r u open tmrw?', lexiconFor('en'))).to.equal('when are you open tomorrow');
    expect(expandShorthand('when are you open', lexiconFor('en'))).to.equal(null);
  });
});
