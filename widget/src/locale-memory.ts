/**
 * The widget's memory of languages, per site: the one the visitor chose in the menu (kept until
 * they choose again), and the one the current conversation started in (kept while that
 * conversation is the one in storage), so a page with another `data-locale`, or none, does not
 * switch a conversation's language under the visitor.
 */
import type { VisitorConversation } from '@parley/shared';
import { readJson, type WidgetStorage } from './storage';

interface ChatLocale {
  id: string;
  locale: string;
}

/** The visitor's own choice, else the current conversation's language; null when neither. */
export function rememberedLocales(storage: WidgetStorage): [string | null, string | null] {
  const chat = readJson<ChatLocale>(storage, 'chatLocale');
  const conversation = readJson<VisitorConversation>(storage, 'conversation');
  const chatLocale = chat && conversation && chat.id === conversation.id ? chat.locale : null;
  return [storage.get('locale'), chatLocale];
}

/** Records the language `conversationId` is held in. */
export function rememberChatLocale(
  storage: WidgetStorage,
  conversationId: string,
  locale: string,
): void {
  storage.set('chatLocale', JSON.stringify({ id: conversationId, locale } satisfies ChatLocale));
}

/** True when `conversationId` already has its language recorded. */
export function hasChatLocale(storage: WidgetStorage, conversationId: string): boolean {
  return readJson<ChatLocale>(storage, 'chatLocale')?.id === conversationId;
}
