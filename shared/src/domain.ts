/** Locales the widget ships text for. Adding one means adding a file in widget/src/i18n. */
export const LOCALES = ['en', 'vi', 'ro', 'tl', 'pl'] as const;
/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];
/**
 * Choices for a site's default widget language: `auto` (the visitor's browser languages, the
 * default for new sites) or one fixed locale. Sites saved before `auto` existed keep their locale.
 */
export const SITE_LOCALES = ['auto', ...LOCALES] as const;
/** One of {@link SITE_LOCALES}. */
export type SiteLocale = (typeof SITE_LOCALES)[number];

/** An agent's availability; routing only assigns to `online` agents. */
export type AgentStatus = 'online' | 'away' | 'offline';
/** Owners manage sites and agents; agents answer chats. */
export type AgentRole = 'owner' | 'agent';
/** queued → active (assigned to an agent) → closed. */
export type ConversationStatus = 'queued' | 'active' | 'closed';
/** `chat` is live; `offline` is a message left while nobody was available. */
export type ConversationKind = 'chat' | 'offline';
/** Who wrote a message. `system` lines are written by the relay (assignment, transfer, close). */
export type Author = 'visitor' | 'agent' | 'system';
/** Who or what closed a conversation. */
export type ClosedBy = 'visitor' | 'agent' | 'inactivity';

/**
 * The tag of a missed chat: the visitor left, or was closed out of the queue, before any agent
 * replied. Set by the relay when it closes such a chat; reports and the console's Missed tab use it.
 */
export const MISSED_TAG = 'missed';

/** The tag agents put on a complaint; reports count them and how fast they are closed. */
export const COMPLAINT_TAG = 'complaint';

/** One field of the pre-chat form. `name` and `email` fill the visitor's profile. */
export interface PrechatField {
  key: string;
  label: string;
  type: 'text' | 'email' | 'tel';
  required: boolean;
}

/** Opening hours for one weekday (0 = Sunday), local to the site's time zone, "HH:MM". */
export interface OpeningHours {
  day: number;
  open: string;
  close: string;
}

/** When a site is staffed. `null` on the site means "always open". */
export interface BusinessHours {
  timeZone: string;
  days: OpeningHours[];
}

/** How the widget looks and behaves on one site. */
export interface WidgetSettings {
  /**
   * Off: the chat is gone from the site's pages (its config answers 404 and visitors cannot
   * connect); its conversations stay in the console. Sites stored before this setting are on.
   */
  enabled?: boolean;
  color: string;
  greeting: string;
  defaultLocale: SiteLocale;
  privacyNoticeUrl: string | null;
  prechatFields: PrechatField[];
  businessHours: BusinessHours | null;
  /** Which rating questions the visitor is asked after close. */
  rating: { csat: boolean; nps: boolean };
  /** Minutes without a message before an active or queued chat closes by itself. */
  inactivityTimeoutMinutes: number;
  /** When true, `Parley.identify` must carry a valid `userHash`. */
  identityVerification: boolean;
  /**
   * Days a closed conversation is kept before it is deleted with its messages; null keeps them
   * forever. Sites stored before this setting existed lack it: read as null.
   */
  retentionDays: number | null;
  /** Sites stored before attachments existed lack it: read as the defaults. */
  attachments?: AttachmentSettings;
  /** The site's own words per language, for visitors who read it. */
  texts?: Partial<Record<Locale, SiteTexts>>;
}

/**
 * A site's own words in one language. What is left out falls back to the site's default words
 * (greeting, field labels) or to the widget's own text in that language (away message, rating
 * questions).
 */
export interface SiteTexts {
  greeting?: string;
  /** Shown above the form for leaving a message while nobody is available. */
  awayMessage?: string;
  csatQuestion?: string;
  npsQuestion?: string;
  /** Pre-chat field labels, by the field's key. */
  fieldLabels?: Record<string, string>;
}

/** The site's words that replace the widget's own, already in the visitor's language. */
export interface PublicSiteTexts {
  awayMessage?: string;
  csatQuestion?: string;
  npsQuestion?: string;
}

/** A site (one shop of a network) as owners see it. */
export interface Site {
  id: string;
  name: string;
  ownerId: string;
  allowedOrigins: string[];
  widget: WidgetSettings;
  /** HMAC-SHA256 key for `userHash`; only owners ever receive it. */
  identitySecret: string;
  createdAt: string;
}

/** What the widget may know about a site before any socket is open. */
export interface PublicSiteConfig {
  id: string;
  name: string;
  /** Greeting and field labels in the language the config was asked for (see SiteTexts). */
  widget: Omit<WidgetSettings, 'inactivityTimeoutMinutes' | 'retentionDays' | 'texts'> &
    PublicSiteTexts;
  /** True when an agent is online and the site is within business hours. */
  available: boolean;
  /**
   * True when the server sends email (SMTP_URL is set): only then does the widget offer the
   * transcript by email and promise replies by email.
   */
  email: boolean;
}

/** An agent or owner account, without its password hash. */
export interface Agent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  status: AgentStatus;
  capacity: number;
  siteIds: string[];
  createdAt: string;
  /**
   * Whether the agent gets the owners' digest emails of their sites' offline messages and missed
   * chats (owners always do). Absent in accounts from before the choice existed: no.
   */
  digestEmails?: boolean;
}

/** The page a visitor is on. */
export interface PageView {
  url: string;
  title: string;
  referrer: string;
}

/** A person on a site's page. Identified by a signed token the widget keeps. */
export interface Visitor {
  id: string;
  siteId: string;
  name: string | null;
  email: string | null;
  /** The site's own user id, from `Parley.identify`. */
  userId: string | null;
  /** True when `userId` came with a valid `userHash`. */
  verified: boolean;
  /** Answers to the site's extra pre-chat fields. */
  fields: Record<string, string>;
  locale: string | null;
  /** IANA time zone reported by the browser, e.g. "Asia/Ho_Chi_Minh". */
  timeZone: string | null;
  userAgent: string | null;
  page: PageView | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** The visitor's satisfaction answer. One per conversation. */
export interface Rating {
  /** 1 (very unhappy) to 5 (very happy); null until answered. */
  csat: number | null;
  comment: string | null;
  /** 0–10 "how likely to recommend"; null unless the site asks and the visitor answers. */
  nps: number | null;
  createdAt: string;
}

/** A conversation between one visitor and the site's agents. */
export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  kind: ConversationKind;
  status: ConversationStatus;
  agentId: string | null;
  tags: string[];
  /** Highest message sequence number so far (0 when empty). */
  lastSeq: number;
  /** Highest sequence number each side has seen. */
  seen: { visitor: number; agent: number };
  createdAt: string;
  queuedAt: string | null;
  /** When an agent first got it (a transfer keeps it); null while queued. */
  assignedAt: string | null;
  firstResponseAt: string | null;
  lastMessageAt: string | null;
  closedAt: string | null;
  closedBy: ClosedBy | null;
  rating: Rating | null;
}

/** One line of a transcript. */
export interface Message {
  id: string;
  conversationId: string;
  /** Server-assigned, 1, 2, 3… per conversation: the order of the transcript. */
  seq: number;
  /** Chosen by the sender; resending the same id stores nothing new. */
  clientId: string;
  author: Author;
  /** The agent who wrote it, for `agent` messages. */
  agentId: string | null;
  /** Display name of the author at the time of writing. */
  authorName: string | null;
  /** Internal notes are seen by agents only; visitors never receive them. */
  internal: boolean;
  /** For `system` lines, the English wording; clients that know `event` word it themselves. */
  text: string;
  createdAt: string;
  /** What a `system` line records, so each client shows it in its own language. */
  event?: SystemEvent;
  /** Files sent with the message (absent when none). */
  attachments?: Attachment[];
}

/** A file sent in a conversation. */
export interface Attachment {
  id: string;
  /** The name it was uploaded with, made safe to show and to save under. */
  name: string;
  /** Its media type, decided by the relay from the file's bytes. */
  type: string;
  /** Bytes. */
  size: number;
  /**
   * Where to fetch it: a path on the relay holding an unguessable token, so only those who were
   * shown the message can. Raster images open inline; everything else downloads. In exports
   * (read away from the relay) the path has the relay's public address in front.
   */
  url: string;
}

/** The families of files a site may accept. */
export const ATTACHMENT_KINDS = ['image', 'pdf', 'text', 'office'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The most any site may allow per file: uploads are streamed, but a chat is not a file drop. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** What visitors and agents may send on a site. */
export interface AttachmentSettings {
  /** Off: the paperclip is not offered and uploads are refused. */
  enabled: boolean;
  maxFileBytes: number;
  /** At most this many files per message. */
  maxFilesPerMessage: number;
  allowedKinds: AttachmentKind[];
  /** Uploads per visitor per hour. */
  filesPerVisitorPerHour: number;
}

/** A relay line as data: who joined, or to whom a chat was handed. */
export type SystemEvent =
  | { kind: 'agent-joined'; agentName: string | null }
  | { kind: 'transferred'; agentName: string | null };

/** A saved answer an agent inserts by typing `/shortcut`. */
export interface CannedReply {
  id: string;
  siteId: string;
  shortcut: string;
  text: string;
  /**
   * Files that go with the text: inserting the reply attaches them to the message, and sending it
   * sends a copy of each into that conversation (absent when none).
   */
  attachments?: Attachment[];
}

/** A conversation as the visitor sees it: no tags, no internal counters. */
export interface VisitorConversation {
  id: string;
  kind: ConversationKind;
  status: ConversationStatus;
  agent: { name: string; status: AgentStatus } | null;
  /** 1-based place in the site's queue while queued, else null. */
  queuePosition: number | null;
  lastSeq: number;
  seen: { visitor: number; agent: number };
  closedBy: ClosedBy | null;
  rating: Rating | null;
  /** Which rating questions to ask after close. */
  ask: { csat: boolean; nps: boolean };
}

/** An owner-level action, as the audit log names it. */
export type AuditAction =
  | 'agent.created'
  | 'agent.updated'
  | 'agent.removed'
  | 'site.created'
  | 'site.updated'
  | 'site.secret-rotated'
  | 'site.exported'
  | 'canned-reply.saved'
  | 'canned-reply.deleted'
  | 'visitor.exported'
  | 'visitor.erased'
  /** An agent took a waiting chat beyond their capacity, having confirmed it. */
  | 'conversation.taken-over-capacity';

/** What an audited action was done to. */
export interface AuditTarget {
  kind: 'agent' | 'site' | 'canned-reply' | 'visitor' | 'conversation';
  id: string;
  /** A name to show (the agent's or site's name, the reply's shortcut); never erased data. */
  label: string;
}

/** One line of the audit log: who did what to what, and when. Entries are never changed. */
export interface AuditEntry {
  id: string;
  at: string;
  /** Who did it: their id, and their name at the time. */
  actorId: string;
  actorName: string;
  action: AuditAction;
  target: AuditTarget;
  /** The sites the action concerns: owners of any of them see the entry. */
  siteIds: string[];
  /**
   * What changed, field by field ("role: owner", "password"): values only where they are neither
   * secrets nor visitors' data.
   */
  changes: string[];
}
