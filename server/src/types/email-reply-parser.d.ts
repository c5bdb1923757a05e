/** The part of email-reply-parser (Crisp) that reading visitors' email replies uses. */
declare module 'email-reply-parser' {
  interface ParsedEmail {
    /** The reply without quoted history and signatures. */
    getVisibleText(): string;
  }
  export default class EmailReplyParser {
    read(text: string): ParsedEmail;
  }
}
