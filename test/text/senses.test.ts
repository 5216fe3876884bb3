import { expect } from 'chai';
import { getSenses } from '../../src/text/senses';

describe('getSenses', () => {
  const senses = getSenses();

  it('gives the most frequent noun sense and verb sense of a word, tagged by part of speech', () => {
    const book = senses('book');
    expect(book).to.have.length(2);
    expect(book[0]).to.match(/^n\d{8}$/);
    expect(book[1]).to.match(/^v\d{8}$/);
  });

  it('gives synonyms the same sense: "film" and "movie" both mean a motion picture first', () => {
    expect(senses('film')[0]).to.equal(senses('movie')[0]);
  });

  it('finds the lemma of a regular inflection by WordNet\'s rules of detachment', () => {
    expect(senses('movies')).to.deep.equal(senses('movie'));
    expect(senses('booked')).to.include(senses('book')[1]);
  });

  it('gives nothing for a word WordNet does not know', () => {
    expect(senses('zvooq')).to.deep.equal([]);
  });
});
