/**
 * Runtime schemas for everything a client sends: Socket.IO event payloads and REST bodies.
 * The server validates every inbound payload against these; clients import only the types.
 */
import { z } from 'zod';
import { ATTACHMENT_KINDS, LOCALES, MAX_ATTACHMENT_BYTES, SITE_LOCALES } from './domain';
import { INBOX_LISTING_MAX } from './protocol';
import { storableText } from './storable-text';

export { storableText };

/**
 * Every string a client sends that may be stored or looked up starts here: lone surrogates and NUL
 * become U+FFFD before any other check. Secrets (passwords, tokens) are never stored as text.
 */
const str = () => z.string().overwrite(storableText);

const id = str().min(1).max(64);
// Stored as sent (the transcript is what was said; only what no store can hold becomes U+FFFD),
// but never blank.
const text = str()
  .max(10_000)
  .refine((value) => value.trim().length > 0, 'must not be empty');
const shortText = str().trim().max(200);
const email = str().trim().toLowerCase().pipe(z.email()).pipe(str().max(254));
const url = str().max(2048);
const clientId = str().min(1).max(64);

/** A page the visitor is looking at. */
export const pageViewSchema = z.strictObject({
  url,
  title: str().max(500).default(''),
  referrer: str().max(2048).default(''),
});

// ---------------------------------------------------------------- visitor namespace

/** Handshake `auth` of the /visitor namespace. */
export const visitorAuthSchema = z.object({
  siteId: id,
  token: z.string().max(2048).optional(),
});

/** `visitor:hello`: the first event after connecting; restores the session. */
export const visitorHelloSchema = z.strictObject({
  locale: str().max(35).optional(),
  /**
   * The browser's IANA time zone, so agents see the visitor's local time. A zone this server does
   * not know (newer tz data in the browser) is dropped rather than failing the whole hello.
   */
  timeZone: str().max(64).refine(isTimeZone).optional().catch(undefined),
  page: pageViewSchema.optional(),
});

/** Most keys a visitor's `fields` may hold. */
export const VISITOR_FIELDS_MAX_KEYS = 30;

/**
 * Answers to a site's pre-chat fields (and any the host page sets): capped in keys and size, so
 * no visitor can make a profile (stored, shown, exported) grow without bound.
 */
export const visitorFieldsSchema = z
  .record(str().min(1).max(100), str().max(1000))
  .refine((fields) => Object.keys(fields).length <= VISITOR_FIELDS_MAX_KEYS, {
    message: `at most ${VISITOR_FIELDS_MAX_KEYS} fields`,
  });

/**
 * `visitor:identify`: name, email, the site's own user id (with its HMAC when required), and the
 * language the visitor chose.
 */
export const visitorIdentifySchema = z.strictObject({
  name: shortText.optional(),
  email: email.optional(),
  userId: str().min(1).max(200).optional(),
  userHash: str()
    .regex(/^[0-9a-f]{64}$/i, 'must be a hex HMAC-SHA256')
    .optional(),
  /** Answers to the site's extra pre-chat fields. */
  fields: visitorFieldsSchema.optional(),
  /** The language the visitor switched the widget to (hello reports the one it started in). */
  locale: str().max(35).optional(),
});

/** `page:view`: the visitor navigated. */
export const pageViewEventSchema = pageViewSchema;

/**
 * A message's text and files. The text may be blank only when files come with it ("the photos"
 * alone is a message); blank text is then stored as ''.
 */
const messageBody = {
  text: str().max(10_000).optional(),
  /** Files uploaded beforehand (POST /api/widget/files, POST /api/files). */
  attachmentIds: z.array(id).min(1).max(10).optional(),
};

function textOrFiles(
  message: { text?: string | undefined; attachmentIds?: string[] | undefined },
  ctx: z.RefinementCtx,
): void {
  if (message.attachmentIds || message.text?.trim()) return;
  ctx.addIssue({
    code: 'custom',
    path: ['text'],
    message: message.text === undefined ? 'is required' : 'must not be empty',
  });
}

const withText = <T extends { text?: string | undefined }>(message: T) => ({
  ...message,
  text: message.text?.trim() ? message.text : '',
});

/** `message:send` from a visitor. The first message opens (and queues) a conversation. */
export const visitorMessageSendSchema = z
  .strictObject({ clientId, ...messageBody })
  .superRefine(textOrFiles)
  .transform(withText);

/** `message:history`: messages after a sequence number, to catch up after a reconnect. */
export const messageHistorySchema = z.strictObject({
  conversationId: id,
  afterSeq: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});

/** `typing:set`: the sender started or stopped typing. */
export const typingSetSchema = z.strictObject({ conversationId: id, typing: z.boolean() });

/** `seen:set`: the sender has seen every message up to `seq`. */
export const seenSetSchema = z.strictObject({ conversationId: id, seq: z.number().int().min(0) });

/** `conversation:close`. */
export const conversationRefSchema = z.strictObject({ conversationId: id });

/**
 * `conversation:take`. `overCapacity: true` says the agent confirmed taking it although their
 * chats are at capacity; without it a full agent is refused, as before.
 */
export const conversationTakeSchema = z.strictObject({
  conversationId: id,
  overCapacity: z.boolean().optional(),
});

/** `rating:submit`: CSAT (with comment) and/or NPS; each question can be answered once. */
export const ratingSubmitSchema = z
  .strictObject({
    conversationId: id,
    csat: z.number().int().min(1).max(5).optional(),
    comment: str().trim().max(2000).optional(),
    nps: z.number().int().min(0).max(10).optional(),
  })
  .refine((r) => r.csat !== undefined || r.nps !== undefined, {
    message: 'csat or nps is required',
  });

/** `transcript:email`: send the conversation's transcript to the visitor. */
export const transcriptEmailSchema = z.strictObject({ conversationId: id, email });

/** `offline:leave`: a message left while nobody is available. */
export const offlineLeaveSchema = z.strictObject({
  name: shortText.pipe(str().min(1, 'must not be empty')),
  email,
  text,
});

// ---------------------------------------------------------------- agent namespace

/** Handshake `auth` of the /agent namespace. */
export const agentAuthSchema = z.object({ token: z.string().min(1).max(4096) });

/** `agent:hello`: no payload. */
export const emptySchema = z.strictObject({});

/** `agent:status`: an agent goes online or away. */
export const agentStatusSchema = z.strictObject({ status: z.enum(['online', 'away']) });

/** `message:send` from an agent: a reply, or an internal note when `internal` is true. */
export const agentMessageSendSchema = z
  .strictObject({
    conversationId: id,
    clientId,
    ...messageBody,
    internal: z.boolean().default(false),
  })
  .superRefine(textOrFiles)
  .transform(withText);

/** `conversation:watch`: the conversations a console shows (a few: one per open pane). */
export const conversationWatchSchema = z.strictObject({
  conversationIds: z.array(id).max(20),
});

/**
 * `inbox:listing`: the conversations a console's inbox lists (its loaded pages), whose summaries
 * it wants; queued chats of its sites it always hears of.
 */
export const inboxListingSchema = z.strictObject({
  conversationIds: z.array(id).max(INBOX_LISTING_MAX),
});

/** `conversation:transfer`: hand a chat to another agent of the site. */
export const conversationTransferSchema = z.strictObject({ conversationId: id, agentId: id });

/** `conversation:tag`: replace the conversation's tags. */
export const conversationTagSchema = z.strictObject({
  conversationId: id,
  tags: z.array(str().trim().toLowerCase().min(1).max(40)).max(20),
});

// ---------------------------------------------------------------- REST bodies

/** POST /api/auth/login */
export const loginSchema = z.strictObject({ email, password: z.string().min(1).max(200) });

const hhmm = str().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

/** Widget settings, all optional on update. */
const fieldKey = str().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'must be an identifier');

/** A site's words in one language; empty ones are left out (the fallback applies). */
const siteTextsSchema = z.strictObject({
  greeting: str().trim().max(500).optional(),
  awayMessage: str().trim().max(500).optional(),
  csatQuestion: str().trim().max(200).optional(),
  npsQuestion: str().trim().max(200).optional(),
  fieldLabels: z.record(fieldKey, str().trim().max(100)).optional(),
});

export const widgetSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  color: str().regex(/^#[0-9a-fA-F]{6}$/, 'must be #RRGGBB'),
  greeting: str().trim().max(500),
  defaultLocale: z.enum(SITE_LOCALES),
  privacyNoticeUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable(),
  prechatFields: z
    .array(
      z.strictObject({
        key: fieldKey,
        label: str().trim().min(1).max(100),
        type: z.enum(['text', 'email', 'tel']),
        required: z.boolean(),
      }),
    )
    .max(10),
  businessHours: z
    .strictObject({
      timeZone: str().refine(isTimeZone, 'must be an IANA time zone'),
      days: z
        .array(z.strictObject({ day: z.number().int().min(0).max(6), open: hhmm, close: hhmm }))
        .max(14),
    })
    .nullable(),
  rating: z.strictObject({ csat: z.boolean(), nps: z.boolean() }),
  inactivityTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  identityVerification: z.boolean(),
  /** Null keeps closed conversations forever. */
  retentionDays: z.number().int().min(1).max(36_500).nullable(),
  attachments: z.strictObject({
    enabled: z.boolean(),
    maxFileBytes: z.number().int().min(1024).max(MAX_ATTACHMENT_BYTES),
    maxFilesPerMessage: z.number().int().min(1).max(10),
    allowedKinds: z.array(z.enum(ATTACHMENT_KINDS)).max(ATTACHMENT_KINDS.length),
    filesPerVisitorPerHour: z.number().int().min(1).max(1000),
  }),
  texts: z.partialRecord(z.enum(LOCALES), siteTextsSchema),
});

const origin = str()
  .trim()
  .regex(/^https?:\/\/[^/\s]+$/, 'must be an origin like https://shop.example');

/** POST /api/sites */
export const siteCreateSchema = z.strictObject({
  name: str().trim().min(1).max(100),
  allowedOrigins: z.array(origin).max(50).default([]),
  widget: widgetSettingsSchema.partial().default({}),
});

/** PATCH /api/sites/:id */
export const siteUpdateSchema = z.strictObject({
  name: str().trim().min(1).max(100).optional(),
  allowedOrigins: z.array(origin).max(50).optional(),
  widget: widgetSettingsSchema.partial().optional(),
});

/** POST /api/agents */
export const agentCreateSchema = z.strictObject({
  email,
  name: str().trim().min(1).max(100),
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  role: z.enum(['owner', 'agent']).default('agent'),
  capacity: z.number().int().min(1).max(100).default(5),
  siteIds: z.array(id).max(100).default([]),
});

/** PATCH /api/agents/:id */
export const agentUpdateSchema = z.strictObject({
  name: str().trim().min(1).max(100).optional(),
  password: z.string().min(8, 'must be at least 8 characters').max(200).optional(),
  role: z.enum(['owner', 'agent']).optional(),
  capacity: z.number().int().min(1).max(100).optional(),
  siteIds: z.array(id).max(100).optional(),
  /** The owners' digest of offline messages and missed chats, for an agent who opts in. */
  digestEmails: z.boolean().optional(),
});

/** POST /api/sites/:id/canned-replies */
export const cannedReplyCreateSchema = z.strictObject({
  shortcut: str().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be lowercase letters, digits, - or _'),
  text: str().trim().min(1).max(5000),
  /** Files uploaded beforehand (POST /api/files), as many as a message of the site may carry. */
  attachmentIds: z
    .array(id)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a file')
    .optional(),
});

/**
 * PATCH /api/sites/:id/canned-replies/:replyId: a new shortcut, a new text, a new set of files
 * (replacing the old; [] removes them all), or any of these together.
 */
export const cannedReplyUpdateSchema = cannedReplyCreateSchema
  .partial()
  .refine(
    (body) =>
      body.shortcut !== undefined || body.text !== undefined || body.attachmentIds !== undefined,
    { message: 'give a shortcut, a text or files' },
  );

/** GET /api/conversations query string. */
export const conversationQuerySchema = z.strictObject({
  siteId: id.optional(),
  /** `open` means queued or active. */
  status: z.enum(['queued', 'active', 'closed', 'open']).optional(),
  kind: z.enum(['chat', 'offline']).optional(),
  agentId: id.optional(),
  visitorId: id.optional(),
  tag: str().trim().toLowerCase().max(40).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  q: str().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** GET /api/audit query string. */
export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * GET /api/reports and /api/reports.csv query string. `siteIds` is a comma-separated list (default:
 * every site you see); dates are local to `timeZone` (default: the first site's business-hours zone).
 */
export const reportQuerySchema = z
  .strictObject({
    siteIds: str()
      .max(2000)
      .transform((list) =>
        list
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .pipe(z.array(id).max(50))
      .optional(),
    agentId: id.optional(),
    period: z.enum(['today', '7d', '30d', 'month', 'custom']).default('30d'),
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM')
      .optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    timeZone: str().max(64).refine(isTimeZone, 'must be an IANA time zone').optional(),
    businessHours: z
      .enum(['true', 'false'])
      .transform((flag) => flag === 'true')
      .optional(),
    /** CSV only: which table. */
    table: z.enum(['trend', 'agents', 'scorecard', 'comments', 'heatmap']).optional(),
  })
  .refine((query) => query.period !== 'custom' || (query.from && query.to), {
    message: 'a custom period needs from and to',
    path: ['from'],
  })
  .refine((query) => !(query.from && query.to) || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['to'],
  });

/** Zones already found valid: building an Intl.DateTimeFormat on every hello is costly. */
const knownTimeZones = new Set<string>();

function isTimeZone(zone: string): boolean {
  if (knownTimeZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
  // Bounded: there are a few hundred IANA zones, and only valid ones are kept.
  if (knownTimeZones.size < 1_000) knownTimeZones.add(zone);
  return true;
}

/** Inferred input/output types of the schemas above. */
export type VisitorAuth = z.infer<typeof visitorAuthSchema>;
export type VisitorHello = z.input<typeof visitorHelloSchema>;
export type VisitorIdentify = z.input<typeof visitorIdentifySchema>;
export type PageViewInput = z.input<typeof pageViewSchema>;
export type VisitorMessageSend = z.input<typeof visitorMessageSendSchema>;
export type MessageHistory = z.input<typeof messageHistorySchema>;
export type TypingSet = z.input<typeof typingSetSchema>;
export type SeenSet = z.input<typeof seenSetSchema>;
export type ConversationRef = z.input<typeof conversationRefSchema>;
export type ConversationTake = z.input<typeof conversationTakeSchema>;
export type RatingSubmit = z.input<typeof ratingSubmitSchema>;
export type TranscriptEmail = z.input<typeof transcriptEmailSchema>;
export type OfflineLeave = z.input<typeof offlineLeaveSchema>;
export type AgentAuth = z.infer<typeof agentAuthSchema>;
export type AgentStatusSet = z.input<typeof agentStatusSchema>;
export type AgentMessageSend = z.input<typeof agentMessageSendSchema>;
export type ConversationTransfer = z.input<typeof conversationTransferSchema>;
export type ConversationTag = z.input<typeof conversationTagSchema>;
export type ConversationWatch = z.input<typeof conversationWatchSchema>;
export type InboxListing = z.input<typeof inboxListingSchema>;
export type LoginBody = z.input<typeof loginSchema>;
export type WidgetSettingsInput = z.input<typeof widgetSettingsSchema>;
export type SiteCreate = z.input<typeof siteCreateSchema>;
export type SiteUpdate = z.input<typeof siteUpdateSchema>;
export type AgentCreate = z.input<typeof agentCreateSchema>;
export type AgentUpdate = z.input<typeof agentUpdateSchema>;
export type CannedReplyCreate = z.input<typeof cannedReplyCreateSchema>;
export type CannedReplyUpdate = z.input<typeof cannedReplyUpdateSchema>;
export type ConversationQuery = z.input<typeof conversationQuerySchema>;
export type AuditQuery = z.input<typeof auditQuerySchema>;
export type ReportQuery = z.input<typeof reportQuerySchema>;
export type ParsedReportQuery = z.output<typeof reportQuerySchema>;
