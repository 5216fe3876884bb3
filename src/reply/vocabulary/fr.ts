import { type Vocabulary } from './vocabulary';

/** French. */
export const fr: Vocabulary = {
  greeting: ['bonjour', 'salut', 'bonsoir', 'coucou', 'hello', 'ça va', 'comment ça va', 'comment allez-vous', 'il y a quelqu\'un', 'rebonjour'],
  thanks: ['merci', 'merci beaucoup', 'merci bien', 'mille mercis', 'je vous remercie', 'je te remercie', 'merci pour tout', 'non merci'],
  goodbye: ['au revoir', 'à bientôt', 'à plus', 'à plus tard', 'à demain', 'bonne journée', 'bonne soirée', 'bonne nuit', 'bye', 'ciao', 'adieu', 'c\'est tout'],
  help: ['aide', 'aidez-moi', 'aide-moi', 'j\'ai besoin d\'aide', 'pouvez-vous m\'aider', 'menu', 'options', 'que pouvez-vous faire', 'que sais-tu faire', 'infos'],
  acknowledgement: [
    'ok', 'okay', 'd\'accord', 'dac', 'parfait', 'super', 'génial', 'entendu', 'très bien', 'bien', 'cool', 'top', 'ça marche',
    'compris', 'bien reçu', 'pas de souci', 'pas de problème', 'nickel',
  ],
  bot: ['qui êtes-vous', 'qui es-tu', 'à qui je parle', 'à qui est-ce que je parle'],
  humanNoun: ['humain', 'un humain', 'être humain', 'vraie personne', 'personne réelle', 'conseiller', 'conseillère', 'agent', 'opérateur', 'opératrice'],
  personNoun: ['personne', 'quelqu\'un', 'responsable', 'gérant', 'gérante', 'patron', 'vendeur', 'vendeuse', 'mécanicien', 'employé', 'service client'],
  contactVerb: ['parler à', 'parler avec', 'parler au', 'parler', 'joindre', 'contacter', 'passez-moi', 'mettez-moi en relation avec', 'rappelez-moi'],
  botQuestion: ['tu es', 'vous êtes', 'es-tu', 'êtes-vous', 'c\'est', 'est-ce', 'est-ce un', 'je parle à', 'je parle avec'],
  botNoun: ['bot', 'robot', 'chatbot', 'ia', 'machine', 'ordinateur', 'automatique', 'intelligence artificielle'],
  qualifier: ['vrai', 'vraie', 'réel', 'réelle'],
  filler: [
    's\'il vous plaît', 's\'il te plaît', 'svp', 'stp', 'beaucoup', 'très', 'encore', 'et', 'ou', 'mdr', 'lol', 'madame',
    'monsieur', 'un', 'une', 'le', 'la', 'les', 'à', 'au', 'avec', 'je', 'moi', 'veux', 'je veux', 'je voudrais',
    'puis-je', 'est-ce que je peux', 'je peux', 'j\'aimerais', 'maintenant', 'tous', 'à tous', 'alors',
  ],
  shorthand: { slt: 'salut', bjr: 'bonjour', bsr: 'bonsoir', cc: 'coucou', mrc: 'merci', pk: 'pourquoi', pq: 'pourquoi', qd: 'quand', tjrs: 'toujours', jsp: 'je sais pas', dcp: 'du coup', bcp: 'beaucoup', rdv: 'rendez-vous' },
};
