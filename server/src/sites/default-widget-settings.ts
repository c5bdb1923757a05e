import type { WidgetSettings } from '@parley/shared';

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
};
