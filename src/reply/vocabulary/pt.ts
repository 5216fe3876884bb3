import { type Vocabulary } from './vocabulary';

/** Portuguese. */
export const pt: Vocabulary = {
  greeting: ['olá', 'oi', 'oie', 'bom dia', 'boa tarde', 'boa noite', 'e aí', 'tudo bem', 'tudo bom', 'como vai', 'olá tudo bem', 'oi tudo bem', 'alguém aí'],
  thanks: ['obrigado', 'obrigada', 'muito obrigado', 'muito obrigada', 'obrigadão', 'valeu', 'brigado', 'brigada', 'agradeço', 'não obrigado', 'não obrigada'],
  goodbye: ['tchau', 'adeus', 'até logo', 'até mais', 'até amanhã', 'até breve', 'falou', 'fui', 'é só isso', 'só isso'],
  help: ['ajuda', 'me ajuda', 'ajude-me', 'preciso de ajuda', 'pode me ajudar', 'menu', 'opções', 'o que você pode fazer', 'o que você sabe fazer', 'informações'],
  acknowledgement: ['ok', 'okay', 'certo', 'beleza', 'combinado', 'perfeito', 'ótimo', 'entendi', 'entendido', 'tá bom', 'tá', 'legal', 'show', 'fechado', 'tudo certo', 'sem problema', 'joia'],
  bot: ['quem é você', 'quem é', 'o que você é', 'com quem estou falando', 'com quem falo'],
  humanNoun: ['humano', 'um humano', 'ser humano', 'pessoa real', 'pessoa de verdade', 'atendente', 'agente', 'operador', 'operadora'],
  personNoun: ['pessoa', 'alguém', 'gerente', 'responsável', 'dono', 'chefe', 'vendedor', 'funcionário', 'mecânico', 'atendimento', 'suporte'],
  contactVerb: ['falar com', 'falar', 'conversar com', 'me passa para', 'me transfere para', 'contatar', 'me liga', 'me ligue'],
  botQuestion: ['você é', 'vc é', 'é um', 'é uma', 'estou falando com', 'falo com', 'isso é'],
  botNoun: ['robô', 'bot', 'chatbot', 'máquina', 'ia', 'inteligência artificial', 'automático', 'computador'],
  qualifier: ['real', 'de verdade'],
  filler: [
    'por favor', 'pf', 'pfv', 'muito', 'mesmo', 'de novo', 'e', 'ou', 'kkk', 'kkkk', 'rs', 'haha', 'um', 'uma', 'o', 'a',
    'com', 'eu', 'quero', 'queria', 'gostaria de', 'posso', 'poderia', 'preciso', 'agora', 'já', 'senhor', 'senhora',
    'todos', 'pessoal',
  ],
  shorthand: { vc: 'você', vcs: 'vocês', q: 'que', tb: 'também', tbm: 'também', pq: 'porque', obg: 'obrigado', blz: 'beleza', td: 'tudo', hj: 'hoje', qdo: 'quando', msm: 'mesmo', tmj: 'tamo junto' },
};
