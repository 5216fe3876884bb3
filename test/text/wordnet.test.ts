import { expect } from 'chai';
import { findLemma, readWordNet } from '../../src/text/wordnet';

describe('wordnet', () => {
  describe('findLemma', () => {
    const lemmas = new Set(['movie', 'book', 'church', 'happy']);
    const isLemma = (candidate: string): boolean => lemmas.has(candidate);

    it('takes the word itself when it is a lemma', () => {
      expect(findLemma('book', isLemma)).to.equal('book');
    });

    it('detaches a regular ending, as WordNet\'s morphy does', () => {
      expect(findLemma('movies', isLemma)).to.equal('movie');
      expect(findLemma('booked', isLemma)).to.equal('book');
      expect(findLemma('churches', isLemma)).to.equal('church');
    });

    it('finds nothing for an unknown word, or when the ending would leave a single letter', () => {
      expect(findLemma('zvooq', isLemma)).to.equal(undefined);
      expect(findLemma('es', (candidate) => candidate === '')).to.equal(undefined);
    });
  });

  describe('readWordNet', () => {
    it('reads the words of every part of speech and the first noun and verb senses, once per process', () => {
      const wordnet = readWordNet();
      expect(wordnet).to.equal(readWordNet());
      expect(wordnet.words.has('quickly')).to.equal(true); // an adverb
      expect(wordnet.words.has('cream')).to.equal(true); // from "ice_cream" too
      expect(wordnet.nounSense.get('film')).to.match(/^n\d{8}$/);
      expect(wordnet.verbSense.get('book')).to.match(/^v\d{8}$/);
      expect(wordnet.nounSense.has('quickly')).to.equal(false);
    });
  });
});
