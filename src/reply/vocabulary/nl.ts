import { type Vocabulary } from './vocabulary';

/** Dutch. */
export const nl: Vocabulary = {
  greeting: ['hallo', 'hoi', 'hey', 'hee', 'hai', 'dag', 'goedemorgen', 'goeiemorgen', 'goedemiddag', 'goedenavond', 'hoe gaat het', 'alles goed', 'is daar iemand'],
  thanks: ['dank je', 'dank je wel', 'dankjewel', 'dank u', 'dank u wel', 'dankuwel', 'bedankt', 'heel erg bedankt', 'thanks', 'merci', 'nee dank je'],
  goodbye: ['doei', 'doeg', 'tot ziens', 'tot later', 'tot straks', 'tot morgen', 'fijne dag', 'fijne avond', 'welterusten', 'dat was het', 'dat is alles'],
  help: ['help', 'hulp', 'ik heb hulp nodig', 'kun je me helpen', 'kunt u mij helpen', 'menu', 'opties', 'wat kun je', 'wat kun je doen', 'wat kan je doen', 'informatie', 'info'],
  acknowledgement: ['ok', 'oké', 'okay', 'prima', 'top', 'goed', 'helder', 'duidelijk', 'begrepen', 'super', 'perfect', 'in orde', 'is goed', 'geen probleem', 'mooi', 'check'],
  bot: ['wie ben jij', 'wie ben je', 'wat ben jij', 'met wie praat ik', 'met wie spreek ik'],
  humanNoun: ['mens', 'een mens', 'echt mens', 'echte persoon', 'echt persoon', 'medewerker', 'medewerkster', 'klantenservice', 'operator'],
  personNoun: ['persoon', 'iemand', 'manager', 'eigenaar', 'baas', 'verkoper', 'monteur', 'personeel', 'leidinggevende'],
  contactVerb: ['spreken', 'spreken met', 'praten met', 'praten', 'chatten met', 'doorverbinden', 'verbind me door met', 'contact met', 'bellen', 'bel me', 'terugbellen'],
  botQuestion: ['ben je', 'ben jij', 'bent u', 'is dit', 'praat ik met', 'spreek ik met', 'chat ik met'],
  botNoun: ['bot', 'robot', 'chatbot', 'computer', 'machine', 'ai', 'ki', 'automatisch'],
  qualifier: ['echt', 'echte'],
  filler: [
    'alsjeblieft', 'alstublieft', 'aub', 'graag', 'heel', 'erg', 'veel', 'nog', 'en', 'of', 'hoor', 'haha', 'een', 'de',
    'het', 'met', 'ik', 'me', 'mij', 'wil', 'ik wil', 'ik zou', 'zou ik', 'kan ik', 'mag ik', 'kunt u', 'kun je', 'nu',
    'even', 'allemaal', 'iedereen', 'meneer', 'mevrouw',
  ],
  shorthand: { mss: 'misschien', ff: 'even', idd: 'inderdaad', wnr: 'wanneer', hb: 'heb', iig: 'in ieder geval', aub: 'alsjeblieft', bvd: 'bedankt voor de', tnx: 'thanks', thx: 'thanks' },
};
