import type { LauncherText, Messages } from '../text/messages';

const plural = new Intl.PluralRules('ro');

export const launcher: LauncherText = {
  open: 'Deschide chatul',
  close: 'Închide chatul',
  unread: (n) => {
    const form = plural.select(n);
    if (form === 'one') return '1 mesaj necitit';
    return form === 'few' ? `${n} mesaje necitite` : `${n} de mesaje necitite`;
  },
};

const ro: Messages = {
  dialog: (site) => `Chat cu ${site}`,
  minimize: 'Minimizează chatul',
  menu: 'Opțiuni pentru chat',
  language: 'Limbă',
  close: 'Închide',
  endChat: 'Încheie chatul',
  endChatQuestion: 'Închei această conversație?',
  keepChatting: 'Continuă conversația',
  soundOff: 'Oprește sunetul notificărilor',
  soundOn: 'Pornește sunetul notificărilor',
  online: 'Online',
  away: 'Absent',
  offline: 'Offline',
  teamOnline: 'De obicei răspundem în câteva minute',
  teamAway: 'Momentan nu suntem disponibili',
  messages: 'Mesaje',
  you: 'Tu',
  message: 'Mesaj',
  messagePlaceholder: 'Scrie un mesaj…',
  send: 'Trimite',
  sending: 'Se trimite…',
  sent: 'Trimis',
  seen: 'Văzut',
  failed: 'Netrimis',
  retry: 'Reîncearcă',
  attach: 'Atașează fișiere',
  removeFile: (name) => `Elimină ${name}`,
  queued: (n) => `Ești pe poziția ${n} în coadă. Cineva îți va răspunde în curând.`,
  queuedNoPosition: 'Așteptăm următorul operator disponibil…',
  typing: (name) => (name ? `${name} scrie…` : 'Scrie…'),
  agentJoined: (name) =>
    name ? `${name} s-a alăturat conversației` : 'Un agent s-a alăturat conversației',
  transferredTo: (name) => (name ? `Transferat către ${name}` : 'Transferat către un coleg'),
  connecting: 'Se conectează…',
  reconnecting: 'Ești offline. Mesajele vor fi trimise când revii online.',
  prechatTitle: 'Înainte să începem',
  prechatIntro: 'Spune-ne câte ceva despre tine, ca să te putem ajuta mai repede.',
  name: 'Nume',
  email: 'Email',
  startChat: 'Începe chatul',
  required: 'Acest câmp este obligatoriu',
  invalidEmail: 'Introdu o adresă de email validă',
  offlineTitle: 'Lasă-ne un mesaj',
  offlineIntro:
    'Nu este nimeni disponibil acum. Lasă un mesaj: îți vom răspunde prin email și aici, în acest chat.',
  offlineIntroNoEmail:
    'Nu este nimeni disponibil acum. Lasă un mesaj: răspunsul va fi aici, în acest chat, când revii.',
  leaveMessage: 'Lasă un mesaj',
  offlineSent:
    'Mulțumim! Mesajul a fost trimis. Îți vom răspunde prin email și aici, în acest chat.',
  offlineSentNoEmail:
    'Mulțumim! Mesajul a fost trimis. Răspunsul va fi aici, în acest chat, când revii.',
  ended: 'Ai încheiat chatul.',
  endedByAgent: 'Operatorul a încheiat chatul.',
  endedByInactivity: 'Chatul a fost închis din cauza inactivității.',
  rateTitle: 'Evaluează conversația',
  csatLabels: ['Foarte slab', 'Slab', 'Acceptabil', 'Bine', 'Excelent'],
  comment: 'Comentariu',
  commentPlaceholder: 'Spune-ne mai multe (opțional)',
  sendRating: 'Trimite evaluarea',
  npsTitle: 'Cât de probabil este să ne recomanzi unui prieten?',
  npsLow: 'Puțin probabil',
  npsHigh: 'Foarte probabil',
  skip: 'Sari peste',
  thanks: 'Îți mulțumim pentru părere!',
  transcriptTitle: 'Primește o copie a conversației prin email',
  sendTranscript: 'Trimite-mi transcrierea',
  transcriptSent: (email) => `Transcrierea a fost trimisă la ${email}.`,
  newChat: 'Începe un chat nou',
  privacy: 'Politica de confidențialitate',
  poweredBy: 'Oferit de Parley',
  errors: {
    generic: 'Ceva nu a funcționat. Te rugăm să încerci din nou.',
    offline: 'Ești offline. Încearcă din nou când revii online.',
    rateLimited: 'Ai trimis prea repede. Așteaptă puțin și încearcă din nou.',
    rateLimitedFor: (s) => `Ai trimis prea repede. Încearcă din nou peste ${s} s.`,
    mailUnavailable: 'Emailul nu este disponibil momentan.',
    storeUnavailable: 'Nu am putut salva acum. Încearcă din nou peste câteva momente.',
    ended: 'Acest chat s-a încheiat deja.',
    invalid: 'Verifică datele introduse.',
    fileTooLarge: (name, limit) => `${name} depășește ${limit}, cât acceptă acest chat.`,
    fileTypeRefused: (name) =>
      `${name} nu poate fi trimis aici. Încearcă o imagine, un PDF sau un document.`,
    tooManyFiles: (count) => `Poți trimite cel mult ${count} fișiere o dată.`,
    notAllowed: 'Chatul nu este disponibil pe această pagină.',
  },
};

export default ro;
