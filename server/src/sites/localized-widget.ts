/**
 * A site's widget settings as a visitor reading one language sees them: the site's words in that
 * language where it gave them (greeting, field labels, away message, rating questions), its
 * default words otherwise. The widget receives only the resolved words, never every language's.
 */
import type { PublicSiteConfig, SiteTexts, WidgetSettings } from '@parley/shared';

type PublicWidget = PublicSiteConfig['widget'];

/** The base language of a tag the widget or a browser reports ("pl-PL" → "pl"). */
function baseLanguage(locale: string | null | undefined): string | null {
  return locale ? (locale.toLowerCase().split('-')[0] ?? null) : null;
}

export function localizedWidget(
  settings: Omit<WidgetSettings, 'inactivityTimeoutMinutes' | 'retentionDays'>,
  locale: string | null | undefined,
): PublicWidget {
  const { texts, ...widget } = settings;
  const language = baseLanguage(locale);
  const own: SiteTexts | undefined = language
    ? texts?.[language as keyof NonNullable<typeof texts>]
    : undefined;
  if (!own) return widget;
  const labels = own.fieldLabels ?? {};
  return {
    ...widget,
    greeting: own.greeting || widget.greeting,
    prechatFields: widget.prechatFields.map((field) => ({
      ...field,
      label: labels[field.key] || field.label,
    })),
    ...(own.awayMessage ? { awayMessage: own.awayMessage } : {}),
    ...(own.csatQuestion ? { csatQuestion: own.csatQuestion } : {}),
    ...(own.npsQuestion ? { npsQuestion: own.npsQuestion } : {}),
  };
}
