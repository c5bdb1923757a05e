/**
 * Every string the widget shows. Each locale file in ../i18n exports `launcher` (bundled into the
 * loader, so the button is labelled before the panel loads) and a default `Messages`.
 */

/** The launcher's labels: the only text the loader needs. */
export interface LauncherText {
  open: string;
  close: string;
  unread: (count: number) => string;
}

/** The panel's text. */
export interface Messages {
  /** The dialog's accessible name. */
  dialog: (site: string) => string;
  minimize: string;
  /** The header's menu button. */
  menu: string;
  /** The menu's group of languages. */
  language: string;
  close: string;
  endChat: string;
  /** Asked before a chat ends: one stray click must not end it. */
  endChatQuestion: string;
  keepChatting: string;
  soundOff: string;
  soundOn: string;
  online: string;
  away: string;
  offline: string;
  teamOnline: string;
  teamAway: string;
  messages: string;
  you: string;
  message: string;
  messagePlaceholder: string;
  send: string;
  sending: string;
  sent: string;
  seen: string;
  failed: string;
  retry: string;
  /** The paperclip button. */
  attach: string;
  /** The button removing a file from the message about to be sent. */
  removeFile: (name: string) => string;
  queued: (position: number) => string;
  queuedNoPosition: string;
  typing: (name: string | null) => string;
  /** Relay lines, worded here from their data (`Message.event`). */
  agentJoined: (name: string | null) => string;
  transferredTo: (name: string | null) => string;
  connecting: string;
  reconnecting: string;
  prechatTitle: string;
  prechatIntro: string;
  name: string;
  email: string;
  startChat: string;
  required: string;
  invalidEmail: string;
  offlineTitle: string;
  /** The offline form's promise when the server sends email. */
  offlineIntro: string;
  /** …and when it does not: the answer comes in the chat only. */
  offlineIntroNoEmail: string;
  leaveMessage: string;
  offlineSent: string;
  offlineSentNoEmail: string;
  ended: string;
  endedByAgent: string;
  endedByInactivity: string;
  rateTitle: string;
  /** What each of the 1–5 stars means, from 1 up. */
  csatLabels: readonly [string, string, string, string, string];
  comment: string;
  commentPlaceholder: string;
  sendRating: string;
  npsTitle: string;
  npsLow: string;
  npsHigh: string;
  skip: string;
  thanks: string;
  transcriptTitle: string;
  sendTranscript: string;
  transcriptSent: (email: string) => string;
  newChat: string;
  privacy: string;
  poweredBy: string;
  errors: {
    generic: string;
    offline: string;
    rateLimited: string;
    /** RATE_LIMITED when the relay said how long to wait. */
    rateLimitedFor: (seconds: number) => string;
    mailUnavailable: string;
    /** STORE_UNAVAILABLE: the relay could not store it; sending again later is safe. */
    storeUnavailable: string;
    ended: string;
    invalid: string;
    fileTooLarge: (name: string, limit: string) => string;
    fileTypeRefused: (name: string) => string;
    tooManyFiles: (count: number) => string;
    notAllowed: string;
  };
}
