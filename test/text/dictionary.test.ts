import { expect } from 'chai';
import { getDictionary } from '../../src/text/dictionary';

describe('getDictionary', () => {
  it('knows English words and their regular inflections, but not names', () => {
    const isWord = getDictionary('en')!;
    for (const word of ['weather', 'joke', 'storms', 'booked', 'playing', 'cities', 'nearest']) expect(isWord(word), word).to.equal(true);
    for (const name of ['goncalves', 'zvooq', 'xyzzy']) expect(isWord(name), name).to.equal(false);
  });

  it('has no dictionary for other languages, and reads English only once', () => {
    expect(getDictionary('fr')).to.equal(undefined);
    expect(getDictionary('en')).to.equal(getDictionary('en'));
  });
});
