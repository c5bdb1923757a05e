import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  type OpeningHours,
  type PrechatField,
  type Locale,
  type Site,
  type SiteLocale,
  type SiteTexts,
  type SiteUpdate,
} from '@parley/shared';
import { attachmentSettingsOf } from './attachment-rules';
import { cleanTexts } from './site-texts';

/** One weekday row of the business-hours editor. */
export interface DayDraft {
  day: number;
  open: boolean;
  from: string;
  to: string;
}

/** The site editor's state: strings and booleans as the inputs hold them. */
export interface SiteDraft {
  name: string;
  /** The chat is on the site's pages. */
  enabled: boolean;
  color: string;
  greeting: string;
  defaultLocale: SiteLocale;
  privacyNoticeUrl: string;
  allowedOrigins: string;
  alwaysOpen: boolean;
  timeZone: string;
  days: DayDraft[];
  prechatFields: PrechatField[];
  csat: boolean;
  nps: boolean;
  inactivityTimeoutMinutes: string;
  identityVerification: boolean;
  /** Days closed conversations are kept; empty keeps them forever. */
  retentionDays: string;
  attachments: AttachmentsDraft;
  /** The site's words per language, as typed (cleaned on save). */
  texts: Partial<Record<Locale, SiteTexts>>;
}

/** The attachment settings as their inputs hold them. */
export interface AttachmentsDraft {
  enabled: boolean;
  /** Megabytes, as owners think of file sizes; the relay counts bytes. */
  maxFileMegabytes: string;
  maxFilesPerMessage: string;
  allowedKinds: AttachmentKind[];
  filesPerVisitorPerHour: string;
}

const MEGABYTE = 1024 * 1024;

/** Sunday first, as `OpeningHours.day` counts. */
export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** The editor's starting state for a site. */
export function siteToDraft(site: Site, fallbackTimeZone = 'UTC'): SiteDraft {
  const { widget } = site;
  const hours = widget.businessHours;
  return {
    name: site.name,
    enabled: widget.enabled !== false,
    color: widget.color,
    greeting: widget.greeting,
    defaultLocale: widget.defaultLocale,
    privacyNoticeUrl: widget.privacyNoticeUrl ?? '',
    allowedOrigins: site.allowedOrigins.join('\n'),
    alwaysOpen: hours === null,
    timeZone: hours?.timeZone ?? fallbackTimeZone,
    days: WEEKDAYS.map((_, day) => {
      const entry = hours?.days.find((d) => d.day === day);
      // Weekdays 9–17 is what most shops mean when they first switch hours on.
      const workday = day >= 1 && day <= 5;
      return entry
        ? { day, open: true, from: entry.open, to: entry.close }
        : { day, open: hours === null && workday, from: '09:00', to: '17:00' };
    }),
    prechatFields: widget.prechatFields.map((field) => ({ ...field })),
    csat: widget.rating.csat,
    nps: widget.rating.nps,
    inactivityTimeoutMinutes: String(widget.inactivityTimeoutMinutes),
    identityVerification: widget.identityVerification,
    // Sites stored before retention existed lack the setting.
    retentionDays: widget.retentionDays == null ? '' : String(widget.retentionDays),
    attachments: attachmentsToDraft(site),
    texts: structuredClone(widget.texts ?? {}),
  };
}

function attachmentsToDraft(site: Site): AttachmentsDraft {
  const settings = attachmentSettingsOf(site);
  return {
    enabled: settings.enabled,
    maxFileMegabytes: String(Math.round((settings.maxFileBytes / MEGABYTE) * 10) / 10),
    maxFilesPerMessage: String(settings.maxFilesPerMessage),
    allowedKinds: [...settings.allowedKinds],
    filesPerVisitorPerHour: String(settings.filesPerVisitorPerHour),
  };
}

function attachmentsFromDraft(draft: AttachmentsDraft) {
  return {
    enabled: draft.enabled,
    // Whatever cannot be read as a number goes as NaN, and the relay answers VALIDATION_FAILED.
    maxFileBytes: Math.round(Number.parseFloat(draft.maxFileMegabytes) * MEGABYTE),
    maxFilesPerMessage: Number.parseInt(draft.maxFilesPerMessage, 10),
    // In the table's order, whatever order they were ticked in.
    allowedKinds: ATTACHMENT_KINDS.filter((kind) => draft.allowedKinds.includes(kind)),
    filesPerVisitorPerHour: Number.parseInt(draft.filesPerVisitorPerHour, 10),
  };
}

/** The PATCH body for a draft; the relay validates it and answers VALIDATION_FAILED if needed. */
export function draftToUpdate(draft: SiteDraft): SiteUpdate {
  const days: OpeningHours[] = draft.days
    .filter((d) => d.open)
    .map((d) => ({ day: d.day, open: d.from, close: d.to }));
  return {
    name: draft.name.trim(),
    allowedOrigins: draft.allowedOrigins
      .split(/[\s,]+/)
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    widget: {
      enabled: draft.enabled,
      color: draft.color,
      greeting: draft.greeting,
      defaultLocale: draft.defaultLocale,
      privacyNoticeUrl: draft.privacyNoticeUrl.trim() || null,
      businessHours: draft.alwaysOpen ? null : { timeZone: draft.timeZone.trim(), days },
      prechatFields: draft.prechatFields.map((field) => ({
        ...field,
        key: field.key.trim(),
        label: field.label.trim(),
      })),
      rating: { csat: draft.csat, nps: draft.nps },
      inactivityTimeoutMinutes: Number.parseInt(draft.inactivityTimeoutMinutes, 10),
      identityVerification: draft.identityVerification,
      retentionDays: draft.retentionDays.trim()
        ? Number.parseInt(draft.retentionDays.trim(), 10)
        : null,
      attachments: attachmentsFromDraft(draft.attachments),
      texts: cleanTexts(draft.texts),
    },
  };
}
