import { expect } from 'chai';
import { lexiconFor } from '../../src/reply/lexicon';
import { readSmallTalk, type SmallTalk, type SmallTalkExtent } from '../../src/reply/small-talk';
import { type LanguageCode } from '../../src/text/language';

type Expected = readonly [SmallTalk, SmallTalkExtent] | null;

function specify(language: LanguageCode, cases: ReadonlyArray<readonly [string, Expected]>): void {
  for (const [text, expected] of cases) {
    const says = expected === null ? 'no small talk' : `${expected[0]} (${expected[1]})`;
    it(`reads "${text}" as ${says}`, () => {
      const reading = readSmallTalk(text, lexiconFor(language));
      expect(reading === null ? null : [reading.rule, reading.extent]).to.deep.equal(expected);
    });
  }
}

describe('readSmallTalk', () => {
  describe('in English, a message that is nothing but small talk', () => {
    specify('en', [
      ['Hi!', ['greeting', 'whole']],
      ['good morning :)', ['greeting', 'whole']],
      ['hello there, anyone there?', ['greeting', 'whole']],
      ['Thank you so much!', ['thanks', 'whole']],
      ['ok thanks 👍', ['thanks', 'whole']],
      ['thanks for your help', ['thanks', 'whole']],
      ['ok bye', ['goodbye', 'whole']],
      ['see you later x', ['goodbye', 'whole']],
      ['HELP', ['help', 'whole']],
      ['help me please', ['help', 'whole']],
      ['hi, menu', ['help', 'whole']],
      ['what can you do?', ['help', 'whole']],
      ['ok', ['acknowledgement', 'whole']],
      ['cool cool', ['acknowledgement', 'whole']],
      ['great, got it', ['acknowledgement', 'whole']],
      ['👍', ['acknowledgement', 'whole']],
      ['are you a bot', ['bot', 'whole']],
      ['r u a bot?', ['bot', 'whole']],
      ['am i talking to a human', ['bot', 'whole']],
      ['is this a real person?', ['bot', 'whole']],
      ['who am i talking to', ['bot', 'whole']],
      ['agent', ['human', 'whole']],
      ['speak to manager', ['human', 'whole']],
      ['can i talk to the manager', ['human', 'whole']],
      ['i want to speak to a real person please', ['human', 'whole']],
      ['speak to someone', ['human', 'whole']],
      ['customer service', ['human', 'whole']],
      ['hi, can someone call me back please', ['human', 'whole']],
      ['are you a bot or can i talk to a human', ['human', 'whole']],
    ]);
  });

  describe('in English, stretched words, shorthand and emoji', () => {
    specify('en', [
      ['hiii', ['greeting', 'whole']],
      ['thanksss', ['thanks', 'whole']],
      ['okkk', ['acknowledgement', 'whole']],
      ['thx', ['thanks', 'whole']],
      ['ok 👍🏽', ['acknowledgement', 'whole']],
      ['🙏', ['thanks', 'whole']],
      ['👋', ['greeting', 'whole']],
      [':D', ['acknowledgement', 'whole']],
      // A bicycle may be the question itself.
      ['😀🚲👍', null],
      ['🚲?', null],
    ]);
  });

  describe('in English, a request for a person inside a longer message', () => {
    specify('en', [
      ['i want to talk to a human about my cake order', ['human', 'handOff']],
      ['can i speak to someone about my order SW-10482', ['human', 'handOff']],
      ['is there a human i can ask about a refund', ['human', 'handOff']],
    ]);
  });

  describe('in English, small talk beside other words', () => {
    specify('en', [
      ['hi sam', ['greeting', 'part']],
      ['thanks sam, very helpful', ['thanks', 'part']],
      ['hi, when do you open on sunday', null],
      ['hello can you fix a buckled wheel', null],
      ['good bike?', null],
      ['ok to bring my dog', null],
    ]);
  });

  describe('in English, questions that share words with small talk', () => {
    specify('en', [
      ['can someone fix my brakes', null],
      ['someone stole my bike', null],
      ['help me choose a bike', ['help', 'part']],
      ['whats your customer service number', null],
      ['am i talking to a human or a bot about my order', null],
      ['when do you open', null],
      ['hours', null],
      ['who won the football last night', null],
      ['', null],
      ['lol', null],
    ]);
  });

  describe('in Spanish', () => {
    specify('es', [
      ['¡Hola!', ['greeting', 'whole']],
      ['buenos días', ['greeting', 'whole']],
      ['muchas gracias', ['thanks', 'whole']],
      ['adiós, hasta luego', ['goodbye', 'whole']],
      ['ayuda', ['help', 'whole']],
      ['vale, perfecto', ['acknowledgement', 'whole']],
      ['quiero hablar con una persona', ['human', 'whole']],
      ['¿eres un bot?', ['bot', 'whole']],
      ['¿a qué hora abrís el domingo?', null],
      ['thanks', null],
    ]);
  });

  describe('in French', () => {
    specify('fr', [
      ['Bonjour !', ['greeting', 'whole']],
      ['merci beaucoup', ['thanks', 'whole']],
      ['au revoir', ['goodbye', 'whole']],
      ["j'ai besoin d'aide", ['help', 'whole']],
      ['D’accord !', ['acknowledgement', 'whole']],
      ['je veux parler à un conseiller', ['human', 'whole']],
      ['vous êtes un robot ?', ['bot', 'whole']],
      ['vous ouvrez à quelle heure ?', null],
    ]);
  });

  describe('in Italian', () => {
    specify('it', [
      ['Ciao!', ['greeting', 'whole']],
      ['grazie mille', ['thanks', 'whole']],
      ['arrivederci', ['goodbye', 'whole']],
      ['aiuto', ['help', 'whole']],
      ['va bene', ['acknowledgement', 'whole']],
      ['posso parlare con un operatore?', ['human', 'whole']],
      ['sei un bot?', ['bot', 'whole']],
      ['a che ora aprite domenica?', null],
    ]);
  });

  describe('in Portuguese', () => {
    specify('pt', [
      ['Olá, bom dia', ['greeting', 'whole']],
      ['muito obrigada', ['thanks', 'whole']],
      ['tchau', ['goodbye', 'whole']],
      ['preciso de ajuda', ['help', 'whole']],
      ['tá bom', ['acknowledgement', 'whole']],
      ['quero falar com um atendente', ['human', 'whole']],
      ['vc é um robô?', ['bot', 'whole']],
      ['que horas vocês abrem no domingo?', null],
    ]);
  });

  describe('in Dutch', () => {
    specify('nl', [
      ['Hoi!', ['greeting', 'whole']],
      ['dank je wel', ['thanks', 'whole']],
      ['tot ziens', ['goodbye', 'whole']],
      ['help', ['help', 'whole']],
      ['oké, prima', ['acknowledgement', 'whole']],
      ['ik wil een medewerker spreken', ['human', 'whole']],
      ['ben je een bot?', ['bot', 'whole']],
      ['hoe laat gaan jullie zondag open?', null],
    ]);
  });

  describe('in German', () => {
    specify('de', [
      ['Guten Morgen', ['greeting', 'whole']],
      ['vielen Dank!', ['thanks', 'whole']],
      ['tschüss', ['goodbye', 'whole']],
      ['Hilfe', ['help', 'whole']],
      ['alles klar', ['acknowledgement', 'whole']],
      ['kann ich mit einem Mitarbeiter sprechen?', ['human', 'whole']],
      ['bist du ein Bot?', ['bot', 'whole']],
      ['wann öffnet ihr am Sonntag?', null],
    ]);
  });
});
