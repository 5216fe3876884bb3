import { type Vocabulary } from './vocabulary';

/** Spanish. */
export const es: Vocabulary = {
  greeting: [
    'hola', 'holaa', 'buenas', 'buenos días', 'buenas tardes', 'buenas noches', 'buen día', 'hey', 'qué tal', 'cómo estás',
    'cómo está', 'saludos', 'hola qué tal', 'hay alguien',
  ],
  thanks: ['gracias', 'muchas gracias', 'mil gracias', 'muchísimas gracias', 'te lo agradezco', 'se lo agradezco', 'gracias por todo', 'no gracias'],
  goodbye: ['adiós', 'chao', 'chau', 'hasta luego', 'hasta pronto', 'hasta mañana', 'nos vemos', 'que tengas buen día', 'eso es todo', 'nada más'],
  help: ['ayuda', 'ayúdame', 'necesito ayuda', 'puedes ayudarme', 'me ayudas', 'menú', 'opciones', 'qué puedes hacer', 'qué te puedo preguntar', 'información'],
  acknowledgement: [
    'ok', 'okey', 'vale', 'de acuerdo', 'perfecto', 'genial', 'bien', 'muy bien', 'entendido', 'entiendo', 'claro', 'listo',
    'bueno', 'dale', 'estupendo', 'guay', 'sin problema',
  ],
  bot: ['quién eres', 'qué eres', 'con quién hablo', 'con quién estoy hablando'],
  humanNoun: ['humano', 'un humano', 'ser humano', 'persona real', 'agente', 'operador', 'operadora', 'representante', 'asesor'],
  personNoun: ['persona', 'alguien', 'encargado', 'encargada', 'gerente', 'responsable', 'dueño', 'jefe', 'empleado', 'dependiente', 'mecánico', 'atención al cliente'],
  contactVerb: ['hablar con', 'hablar', 'habla con', 'pásame con', 'pasame con', 'comunicarme con', 'contactar con', 'contactar', 'llamadme', 'llámame'],
  botQuestion: ['eres', 'eres un', 'eres una', 'es un', 'es una', 'hablo con', 'estoy hablando con'],
  botNoun: ['bot', 'robot', 'chatbot', 'máquina', 'ia', 'inteligencia artificial', 'automático'],
  qualifier: ['real', 'de verdad', 'de carne y hueso'],
  filler: [
    'por favor', 'porfa', 'porfavor', 'muy', 'mucho', 'todo', 'todos', 'a todos', 'de nuevo', 'y', 'o', 'jaja', 'jajaja',
    'un', 'una', 'el', 'la', 'al', 'con', 'me', 'yo', 'quiero', 'quisiera', 'puedo', 'podría', 'necesito', 'me gustaría',
    'ahora', 'ya', 'señor', 'señora', 'amigo', 'amiga',
  ],
  shorthand: { q: 'que', xq: 'porque', pq: 'porque', tb: 'también', tmb: 'también', xfa: 'por favor', pf: 'por favor', grax: 'gracias', bn: 'bien', dnd: 'donde', cdo: 'cuando' },
};
