import { type Vocabulary } from './vocabulary';

/** Italian. */
export const it: Vocabulary = {
  greeting: ['ciao', 'salve', 'buongiorno', 'buonasera', 'buon pomeriggio', 'ehi', 'hey', 'come stai', 'come sta', 'come va', 'c\'è qualcuno'],
  thanks: ['grazie', 'grazie mille', 'molte grazie', 'grazie tante', 'ti ringrazio', 'la ringrazio', 'no grazie'],
  goodbye: ['arrivederci', 'a presto', 'ciao ciao', 'buona giornata', 'buona serata', 'buonanotte', 'a dopo', 'a domani', 'addio', 'alla prossima', 'è tutto'],
  help: ['aiuto', 'aiutami', 'ho bisogno di aiuto', 'mi aiuti', 'menu', 'opzioni', 'cosa puoi fare', 'cosa sai fare', 'informazioni'],
  acknowledgement: ['ok', 'okay', 'va bene', 'perfetto', 'd\'accordo', 'capito', 'ottimo', 'benissimo', 'bene', 'certo', 'fantastico', 'nessun problema', 'tutto chiaro'],
  bot: ['chi sei', 'chi è', 'cosa sei', 'con chi sto parlando', 'con chi parlo'],
  humanNoun: ['umano', 'essere umano', 'persona reale', 'persona vera', 'operatore', 'operatrice', 'agente', 'consulente'],
  personNoun: ['persona', 'qualcuno', 'responsabile', 'direttore', 'titolare', 'capo', 'commesso', 'meccanico', 'dipendente', 'servizio clienti', 'assistenza clienti'],
  contactVerb: ['parlare con', 'parlare', 'passami', 'mi passi', 'contattare', 'mettermi in contatto con', 'richiamatemi'],
  botQuestion: ['sei', 'sei un', 'sei una', 'è un', 'sto parlando con', 'parlo con'],
  botNoun: ['bot', 'robot', 'chatbot', 'macchina', 'ia', 'intelligenza artificiale', 'automatico', 'computer'],
  qualifier: ['vero', 'vera', 'reale', 'in carne e ossa'],
  filler: [
    'per favore', 'per piacere', 'perfavore', 'tanto', 'molto', 'tutti', 'a tutti', 'ancora', 'e', 'o', 'ahah', 'ahahah',
    'un', 'una', 'uno', 'il', 'lo', 'la', 'con', 'col', 'io', 'voglio', 'vorrei', 'posso', 'potrei', 'devo', 'ora', 'adesso',
    'subito', 'signore', 'signora',
  ],
  shorthand: { cmq: 'comunque', xke: 'perché', xché: 'perché', nn: 'non', grz: 'grazie', tvb: 'ti voglio bene', qlc: 'qualcuno', qlcn: 'qualcuno', prg: 'prego' },
};
