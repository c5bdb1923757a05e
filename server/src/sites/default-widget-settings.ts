import type { AttachmentSettings, WidgetSettings } from '@parley/shared';

/** Photos, PDFs, text and office documents up to 10 MB, five to a message. */
export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = {
  enabled: true,
  maxFileBytes: 10 * 1024 * 1024,
  maxFilesPerMessage: 5,
  allowedKinds: ['image', 'pdf', 'text', 'office'],
  filesPerVisitorPerHour: 30,
};

/** What a new site starts with: friendly, always open, in the visitor's language, CSAT on. */
export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  color: '#4f46e5',
  greeting: 'Hi! How can we help you today?',
  defaultLocale: 'auto',
  privacyNoticeUrl: null,
  prechatFields: [
    { key: 'name', label: 'Name', type: 'text', required: true },
    { key: 'email', label: 'Email', type: 'email', required: true },
  ],
  businessHours: null,
  rating: { csat: true, nps: false },
  inactivityTimeoutMinutes: 30,
  identityVerification: false,
  retentionDays: null,
  attachments: DEFAULT_ATTACHMENT_SETTINGS,
};
