import type { LauncherText, Messages } from '../text/messages';

const plural = new Intl.PluralRules('pl');

export const launcher: LauncherText = {
  open: 'Otwórz czat',
  close: 'Zamknij czat',
  unread: (n) => {
    const form = plural.select(n);
    if (form === 'one') return '1 nieprzeczytana wiadomość';
    return form === 'few' ? `${n} nieprzeczytane wiadomości` : `${n} nieprzeczytanych wiadomości`;
  },
};

const pl: Messages = {
  dialog: (site) => `Czat z ${site}`,
  minimize: 'Zminimalizuj czat',
  menu: 'Opcje czatu',
  language: 'Język',
  close: 'Zamknij',
  endChat: 'Zakończ czat',
  endChatQuestion: 'Zakończyć tę rozmowę?',
  keepChatting: 'Rozmawiaj dalej',
  soundOff: 'Wycisz dźwięk powiadomień',
  soundOn: 'Włącz dźwięk powiadomień',
  online: 'Dostępny',
  away: 'Zaraz wracam',
  offline: 'Niedostępny',
  teamOnline: 'Zwykle odpowiadamy w ciągu kilku minut',
  teamAway: 'W tej chwili nas nie ma',
  messages: 'Wiadomości',
  you: 'Ty',
  message: 'Wiadomość',
  messagePlaceholder: 'Napisz wiadomość…',
  send: 'Wyślij',
  sending: 'Wysyłanie…',
  sent: 'Wysłano',
  seen: 'Przeczytano',
  failed: 'Nie wysłano',
  retry: 'Ponów',
  attach: 'Dołącz pliki',
  removeFile: (name) => `Usuń ${name}`,
  queued: (n) => `Jesteś ${n}. w kolejce. Wkrótce ktoś się Tobą zajmie.`,
  queuedNoPosition: 'Czekamy na pierwszego wolnego konsultanta…',
  typing: (name) => (name ? `${name} pisze…` : 'Pisze…'),
  agentJoined: (name) => (name ? `${name} dołącza do rozmowy` : 'Konsultant dołącza do rozmowy'),
  transferredTo: (name) =>
    name ? `Rozmowę przejmuje ${name}` : 'Rozmowę przejmuje inny konsultant',
  connecting: 'Łączenie…',
  reconnecting: 'Jesteś offline. Wiadomości zostaną wysłane po ponownym połączeniu.',
  prechatTitle: 'Zanim zaczniemy',
  prechatIntro: 'Powiedz nam coś o sobie, abyśmy mogli szybciej pomóc.',
  name: 'Imię i nazwisko',
  email: 'E-mail',
  startChat: 'Rozpocznij czat',
  required: 'To pole jest wymagane',
  invalidEmail: 'Podaj poprawny adres e-mail',
  offlineTitle: 'Zostaw wiadomość',
  offlineIntro:
    'Nikt nie jest teraz dostępny. Zostaw wiadomość: odpowiemy e-mailem i tutaj, w tym czacie.',
  offlineIntroNoEmail:
    'Nikt nie jest teraz dostępny. Zostaw wiadomość: odpowiedź znajdziesz tutaj, w tym czacie, gdy wrócisz.',
  leaveMessage: 'Zostaw wiadomość',
  offlineSent: 'Dziękujemy! Wiadomość została wysłana. Odpowiemy e-mailem i tutaj, w tym czacie.',
  offlineSentNoEmail:
    'Dziękujemy! Wiadomość została wysłana. Odpowiedź znajdziesz tutaj, w tym czacie, gdy wrócisz.',
  ended: 'Czat został zakończony.',
  endedByAgent: 'Konsultant zakończył czat.',
  endedByInactivity: 'Czat został zamknięty z powodu braku aktywności.',
  rateTitle: 'Oceń tę rozmowę',
  csatLabels: ['Bardzo słabo', 'Słabo', 'Może być', 'Dobrze', 'Świetnie'],
  comment: 'Komentarz',
  commentPlaceholder: 'Napisz więcej (opcjonalnie)',
  sendRating: 'Wyślij ocenę',
  npsTitle: 'Jak bardzo prawdopodobne jest, że polecisz nas znajomemu?',
  npsLow: 'Mało prawdopodobne',
  npsHigh: 'Bardzo prawdopodobne',
  skip: 'Pomiń',
  thanks: 'Dziękujemy za opinię!',
  transcriptTitle: 'Otrzymaj kopię tej rozmowy e-mailem',
  sendTranscript: 'Wyślij mi zapis rozmowy',
  transcriptSent: (email) => `Zapis rozmowy wysłano na adres ${email}.`,
  newChat: 'Rozpocznij nowy czat',
  privacy: 'Informacja o prywatności',
  poweredBy: 'Działa dzięki Parley',
  errors: {
    generic: 'Coś poszło nie tak. Spróbuj ponownie.',
    offline: 'Jesteś offline. Spróbuj ponownie po połączeniu.',
    rateLimited: 'Za szybko. Odczekaj chwilę i spróbuj ponownie.',
    rateLimitedFor: (s) => `Za szybko. Spróbuj ponownie za ${s} s.`,
    mailUnavailable: 'Wysyłanie e-maili jest teraz niedostępne.',
    storeUnavailable: 'Nie udało się teraz tego zapisać. Spróbuj ponownie za chwilę.',
    ended: 'Ten czat został już zakończony.',
    invalid: 'Sprawdź wprowadzone dane.',
    fileTooLarge: (name, limit) =>
      `Plik ${name} jest większy niż ${limit}, które przyjmuje ten czat.`,
    fileTypeRefused: (name) =>
      `Nie można tu wysłać pliku ${name}. Spróbuj zdjęcia, PDF lub dokumentu.`,
    tooManyFiles: (count) =>
      `Jednorazowo możesz wysłać najwyżej ${count} ${plural.select(count) === 'few' ? 'pliki' : 'plików'}.`,
    notAllowed: 'Czat nie jest dostępny na tej stronie.',
  },
};

export default pl;
