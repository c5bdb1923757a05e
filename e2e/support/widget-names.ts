/**
 * The accessible names the widget promises, per language a test drives it in (the widget's own
 * text is in widget/src/i18n; these are written out here so a lost translation fails a test).
 */
export interface WidgetNames {
  open: string;
  close: string;
  message: string;
  send: string;
  /** The header's menu button (End chat, the transcript, the sound and the language are in it). */
  menu: string;
  endChat: string;
  name: string;
  email: string;
  startChat: string;
  leaveMessage: string;
  rateTitle: string;
  comment: string;
  sendRating: string;
  skip: string;
  sendTranscript: string;
}

export const ENGLISH_NAMES: WidgetNames = {
  open: 'Open chat',
  close: 'Close chat',
  message: 'Message',
  send: 'Send',
  menu: 'Chat options',
  endChat: 'End chat',
  name: 'Name',
  email: 'Email',
  startChat: 'Start chat',
  leaveMessage: 'Leave a message',
  rateTitle: 'Rate this conversation',
  comment: 'Comment',
  sendRating: 'Send rating',
  skip: 'Skip',
  sendTranscript: 'Email me the transcript',
};

export const POLISH_NAMES: WidgetNames = {
  open: 'Otwórz czat',
  close: 'Zamknij czat',
  message: 'Wiadomość',
  send: 'Wyślij',
  menu: 'Opcje czatu',
  endChat: 'Zakończ czat',
  name: 'Imię i nazwisko',
  email: 'E-mail',
  startChat: 'Rozpocznij czat',
  leaveMessage: 'Zostaw wiadomość',
  rateTitle: 'Oceń tę rozmowę',
  comment: 'Komentarz',
  sendRating: 'Wyślij ocenę',
  skip: 'Pomiń',
  sendTranscript: 'Wyślij mi zapis rozmowy',
};
