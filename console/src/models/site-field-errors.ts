import type { RequestError } from '../api/request-error';
import { fieldErrorOf, type FieldError as AnyFieldError, type FieldTable } from './field-errors';
import type { SiteDraft } from './site-form';

/** The parts of the site form an error can be shown next to. */
export type SiteField =
  | 'name'
  | 'allowedOrigins'
  | 'color'
  | 'greeting'
  | 'defaultLocale'
  | 'privacyNoticeUrl'
  | 'timeZone'
  | 'days'
  | 'prechatFields'
  | 'inactivityTimeoutMinutes'
  | 'retentionDays'
  | 'attachments';

/** What is wrong with the site form, in words, and where. */
export type FieldError = AnyFieldError<SiteField>;

/** The site form's words for each path the relay may name; longer paths first. */
const BY_PATH: FieldTable<SiteField> = [
  ['name', 'name', 'Site name: give the site a name of up to 100 characters.'],
  [
    'allowedOrigins',
    'allowedOrigins',
    'Allowed origins: write each as a web address such as https://shop.example, one per line.',
  ],
  ['widget.color', 'color', 'Colour: write # and six hexadecimal digits, such as #4f46e5.'],
  ['widget.greeting', 'greeting', 'Greeting: keep it to 500 characters.'],
  ['widget.defaultLocale', 'defaultLocale', 'Default language: choose one from the list.'],
  [
    'widget.privacyNoticeUrl',
    'privacyNoticeUrl',
    'Privacy notice URL: write a full web address starting with https://.',
  ],
  ['widget.businessHours.timeZone', 'timeZone', 'Time zone: choose one from the list.'],
  [
    'widget.businessHours',
    'days',
    'Business hours: give each open day an opening and a closing time.',
  ],
  [
    'widget.prechatFields',
    'prechatFields',
    'Pre-chat form: each field needs a key (a lowercase letter, then letters, digits or _) and a label.',
  ],
  [
    'widget.inactivityTimeoutMinutes',
    'inactivityTimeoutMinutes',
    'Close inactive chats after: a whole number of minutes from 1 to 10080.',
  ],
  [
    'widget.retentionDays',
    'retentionDays',
    'Delete closed conversations after: a whole number of days from 1 to 36500, or empty to keep them.',
  ],
  [
    'widget.attachments.maxFileBytes',
    'attachments',
    'Largest file (MB): a number from 0.001 up to the server’s limit.',
  ],
  [
    'widget.attachments.maxFilesPerMessage',
    'attachments',
    'Files per message: a whole number from 1 to 10.',
  ],
  [
    'widget.attachments.filesPerVisitorPerHour',
    'attachments',
    'Uploads per visitor per hour: a whole number from 1 to 1000.',
  ],
  ['widget.attachments', 'attachments', 'Attachments: check the limits and the kinds of file.'],
];

/** The field a refused save is about, when the relay named one this form shows. */
export function siteFieldError(error: RequestError | null): FieldError | null {
  return fieldErrorOf(error, BY_PATH);
}

/** True for a zone this browser knows by that name (the relay asks the same of its own). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What can be told before asking the relay; null when the draft looks right. */
export function checkSiteDraft(draft: SiteDraft): FieldError | null {
  if (draft.name.trim() === '') return { field: 'name', text: 'Site name: give the site a name.' };
  if (!draft.alwaysOpen && !isKnownTimeZone(draft.timeZone.trim())) {
    const zone = draft.timeZone.trim();
    return {
      field: 'timeZone',
      text: zone
        ? `Time zone: “${zone}” is not a time zone; choose one from the list.`
        : 'Time zone: choose one from the list.',
    };
  }
  return null;
}
