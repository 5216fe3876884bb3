import { type Vocabulary } from './vocabulary';

/** German. */
export const de: Vocabulary = {
  greeting: ['hallo', 'hi', 'hey', 'guten morgen', 'guten tag', 'guten abend', 'moin', 'moin moin', 'servus', 'grüß gott', 'grüezi', 'morgen', 'na', 'wie geht es', 'wie gehts', 'ist da jemand'],
  thanks: ['danke', 'danke schön', 'dankeschön', 'danke sehr', 'vielen dank', 'besten dank', 'herzlichen dank', 'tausend dank', 'merci', 'nein danke'],
  goodbye: ['tschüss', 'tschüs', 'auf wiedersehen', 'bis dann', 'bis bald', 'bis später', 'bis morgen', 'ciao', 'schönen tag', 'schönes wochenende', 'gute nacht', 'das wars', 'das war alles', 'liebe grüße', 'viele grüße', 'mit freundlichen grüßen'],
  help: ['hilfe', 'ich brauche hilfe', 'kannst du mir helfen', 'können sie mir helfen', 'hilf mir', 'menü', 'optionen', 'was kannst du', 'was kannst du tun', 'info', 'infos'],
  acknowledgement: ['ok', 'okay', 'alles klar', 'gut', 'super', 'prima', 'perfekt', 'verstanden', 'passt', 'genau', 'in ordnung', 'top', 'klasse', 'toll', 'kein problem', 'geht klar'],
  bot: ['wer bist du', 'wer sind sie', 'was bist du', 'mit wem spreche ich', 'mit wem rede ich'],
  humanNoun: ['mensch', 'menschen', 'echter mensch', 'echten menschen', 'echte person', 'echten person', 'mitarbeiter', 'mitarbeiterin', 'mitarbeitenden', 'kundenservice', 'kundendienst', 'berater', 'beraterin'],
  personNoun: ['person', 'jemand', 'jemanden', 'jemandem', 'chef', 'chefin', 'geschäftsführer', 'inhaber', 'verkäufer', 'mechaniker', 'personal'],
  contactVerb: ['sprechen', 'reden', 'sprechen mit', 'reden mit', 'verbinden', 'verbinden sie mich mit', 'kontaktieren', 'anrufen', 'rufen sie mich an', 'zurückrufen'],
  botQuestion: ['bist du', 'sind sie', 'ist das', 'rede ich mit', 'spreche ich mit', 'chatte ich mit'],
  botNoun: ['bot', 'roboter', 'chatbot', 'maschine', 'ki', 'computer', 'automatisch', 'künstliche intelligenz'],
  qualifier: ['echt', 'echter', 'echten', 'echte', 'richtigen', 'richtige'],
  filler: [
    'bitte', 'sehr', 'vielen', 'nochmal', 'und', 'oder', 'doch', 'mal', 'haha', 'ein', 'eine', 'einen', 'einem', 'einer',
    'der', 'die', 'das', 'den', 'dem', 'mit', 'ich', 'mich', 'mir', 'möchte', 'ich möchte', 'will', 'ich will', 'würde',
    'gerne', 'gern', 'kann ich', 'darf ich', 'können sie', 'kannst du', 'jetzt', 'sofort', 'zusammen', 'leute',
  ],
  shorthand: { vllt: 'vielleicht', evtl: 'eventuell', mfg: 'mit freundlichen grüßen', lg: 'liebe grüße', vg: 'viele grüße', thx: 'danke', dnk: 'danke', wg: 'wegen', bzw: 'beziehungsweise' },
};
