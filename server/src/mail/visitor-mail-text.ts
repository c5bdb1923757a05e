/**
 * The words of the emails a visitor receives, in the languages the widget speaks. The visitor's
 * language is the one their widget reported (`Visitor.locale`), else the site's default.
 */
import { LOCALES, type Locale, type SiteLocale } from '@parley/shared';

export interface VisitorMailText {
  replySubject: (site: string) => string;
  replyIntro: (agent: string) => string;
  /** Under the reply: where to answer. */
  replyContinue: (site: string) => string;
  openChat: string;
  /** When the relay receives replies: answering the email works too. */
  replyByEmail: string;
  /** The visitor's own lines in a transcript. */
  you: string;
  /** Marks a file sent with a message, before its name and link. */
  file: string;
  transcriptSubject: (site: string) => string;
  transcriptIntro: (site: string) => string;
  /** Why the visitor got this email. */
  footer: (site: string) => string;
}

const TEXT: Record<Locale, VisitorMailText> = {
  en: {
    replySubject: (site) => `${site} replied to your message`,
    replyIntro: (agent) => `${agent} replied:`,
    replyContinue: (site) =>
      `To answer, open the chat on ${site}: the conversation continues there.`,
    openChat: 'Open the chat',
    replyByEmail: 'You can also simply reply to this email.',
    you: 'You',
    file: 'File',
    transcriptSubject: (site) => `Your conversation with ${site}`,
    transcriptIntro: (site) => `Here is your conversation with ${site}.`,
    footer: (site) => `You receive this email because you wrote to ${site}.`,
  },
  vi: {
    replySubject: (site) => `${site} đã trả lời tin nhắn của bạn`,
    replyIntro: (agent) => `${agent} đã trả lời:`,
    replyContinue: (site) =>
      `Để trả lời, hãy mở khung chat trên ${site}: cuộc trò chuyện sẽ tiếp tục ở đó.`,
    openChat: 'Mở khung chat',
    replyByEmail: 'Bạn cũng có thể trả lời trực tiếp email này.',
    you: 'Bạn',
    file: 'Tệp',
    transcriptSubject: (site) => `Cuộc trò chuyện của bạn với ${site}`,
    transcriptIntro: (site) => `Đây là cuộc trò chuyện của bạn với ${site}.`,
    footer: (site) => `Bạn nhận được email này vì bạn đã viết cho ${site}.`,
  },
  ro: {
    replySubject: (site) => `${site} a răspuns mesajului tău`,
    replyIntro: (agent) => `${agent} a răspuns:`,
    replyContinue: (site) =>
      `Pentru a răspunde, deschide chatul pe ${site}: conversația continuă acolo.`,
    openChat: 'Deschide chatul',
    replyByEmail: 'Poți de asemenea să răspunzi direct la acest email.',
    you: 'Tu',
    file: 'Fișier',
    transcriptSubject: (site) => `Conversația ta cu ${site}`,
    transcriptIntro: (site) => `Iată conversația ta cu ${site}.`,
    footer: (site) => `Primești acest email pentru că ai scris către ${site}.`,
  },
  tl: {
    replySubject: (site) => `Sumagot ang ${site} sa iyong mensahe`,
    replyIntro: (agent) => `Sumagot si ${agent}:`,
    replyContinue: (site) =>
      `Para sumagot, buksan ang chat sa ${site}: doon magpapatuloy ang usapan.`,
    openChat: 'Buksan ang chat',
    replyByEmail: 'Maaari ka ring sumagot nang direkta sa email na ito.',
    you: 'Ikaw',
    file: 'File',
    transcriptSubject: (site) => `Ang iyong usapan sa ${site}`,
    transcriptIntro: (site) => `Narito ang iyong usapan sa ${site}.`,
    footer: (site) => `Natanggap mo ang email na ito dahil sumulat ka sa ${site}.`,
  },
  pl: {
    replySubject: (site) => `Odpowiedź od ${site} na Twoją wiadomość`,
    replyIntro: (agent) => `${agent} odpowiada:`,
    replyContinue: (site) =>
      `Aby odpowiedzieć, otwórz czat na stronie ${site}: rozmowa toczy się dalej tam.`,
    openChat: 'Otwórz czat',
    replyByEmail: 'Możesz też po prostu odpowiedzieć na ten e-mail.',
    you: 'Ty',
    file: 'Plik',
    transcriptSubject: (site) => `Twoja rozmowa z ${site}`,
    transcriptIntro: (site) => `Oto Twoja rozmowa z ${site}.`,
    footer: (site) => `Otrzymujesz ten e-mail w związku z Twoją wiadomością do ${site}.`,
  },
};

/**
 * The language for a visitor: their widget's (`pl-PL` counts as `pl`), else the site's; English
 * when the site follows the browser (`auto`) and the widget never said which language it chose.
 */
export function visitorLocale(visitorLocale: string | null, siteDefault: SiteLocale): Locale {
  const base = visitorLocale?.toLowerCase().split(/[-_]/)[0];
  if ((LOCALES as readonly string[]).includes(base ?? '')) return base as Locale;
  return siteDefault === 'auto' ? 'en' : siteDefault;
}

export function visitorMailText(locale: Locale): VisitorMailText {
  return TEXT[locale];
}
