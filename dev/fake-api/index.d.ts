// Hand-written types for the fake ConnectSafely API (index.js, plain CommonJS).

export type InvitationCategory =
	| 'CONNECTION'
	| 'ORGANIZATION'
	| 'NEWSLETTER'
	| 'EVENT'
	| 'MEMBER_FOLLOW';

export type LinkedInInvitationType =
	| 'GenericInvitationType_CONNECTION'
	| 'GenericInvitationType_ORGANIZATION'
	| 'GenericInvitationType_CONTENT_SERIES'
	| 'GenericInvitationType_EVENT'
	| 'GenericInvitationType_MEMBER_FOLLOW';

/** An item of GET /invitations/received. */
export interface ReceivedInvitation {
	id: string;
	invitationId: string;
	invitationUrn: string;
	/** ACoA… member id; '' for ORGANIZATION / NEWSLETTER / EVENT invitations. */
	memberId: string;
	/** urn:li:fsd_profile:ACoA…; '' when memberId is ''. */
	memberUrn: string;
	invitationType: 'RECEIVED';
	invitationCategory: InvitationCategory | string;
	linkedInInvitationType: LinkedInInvitationType | string;
	validationToken: string;
	/** Relative text, e.g. '3 hours ago', '2 weeks ago', 'a year ago'. */
	receivedAt: string;
	companyName?: string;
	message?: string;
	profile: {
		firstName: string;
		lastName: string;
		profileUrl: string;
		publicIdentifier: string;
		headline?: string;
	};
}
export type Invitation = ReceivedInvitation;

/** An item of GET /invitations/sent. */
export interface SentInvitation {
	id: string;
	invitationId: string;
	invitationUrn: string;
	memberId: string;
	memberUrn: string;
	invitationType: 'SENT';
	/** Relative text, e.g. '2 days ago'. */
	sentAt: string;
	profile: {
		firstName: string;
		lastName: string;
		headline: string;
		profileUrl: string;
		publicIdentifier: string;
	};
}

/** An item of GET /connections. */
export interface Connection {
	firstName: string;
	lastName: string;
	vanityName: string;
	headline: string;
	/** 'Connected on Feb 15, 2024' */
	connectedDate: string;
	profileUrl: string;
}

/** What makeProfile(i) returns. */
export interface ProfileData {
	/** Vanity slug (the part after linkedin.com/in/), lower case, may contain non-ASCII letters. */
	slug: string;
	publicIdentifier: string;
	memberId: string;
	memberUrn: string;
	firstName: string;
	lastName: string;
	headline: string;
	location: string;
	profileUrl: string;
}

/** A profile directory entry: relationship flags are live getters for the default account. */
export interface FakeProfile extends ProfileData {
	readonly connected: boolean;
	readonly invitationSent: boolean;
	readonly invitationReceived: boolean;
}

export type RelationshipStatus =
	| 'CONNECTED'
	| 'INVITATION_SENT'
	| 'INVITATION_RECEIVED'
	| 'NOT_CONNECTED';

export interface Relationship {
	connected: boolean;
	invitationSent: boolean;
	invitationReceived: boolean;
	status: RelationshipStatus;
	profileUrn: string;
	accountId: string;
}

/** GET /account/status body and GET /accounts items. */
export interface Account {
	id: string;
	firstName: string;
	lastName: string;
	publicId: string;
	picture: string;
	platform: string;
	status: string;
	enabled: boolean;
	isDefault: boolean;
	lastUsed: string;
	hasTokens: boolean;
	linkedinPlan: string;
	apiSeatAllocated: boolean;
}

export interface AccountData {
	received: ReceivedInvitation[];
	sent: SentInvitation[];
	connections: Connection[];
}

export interface FakeState extends AccountData {
	/** received / sent / connections above are the default account's lists (same arrays as data[defaultAccountId]). */
	defaultAccountId: string;
	accounts: Account[];
	/** Lists per account id. */
	data: Record<string, AccountData>;
	/** Profile directory keyed by lower-case (NFC) vanity slug. */
	profiles: Record<string, FakeProfile>;
	/** Connection requests used in the current week, per account id. */
	connectUsed: Record<string, number>;
	/** Monday 00:00 UTC (ms) of the week connectUsed counts, per account id. */
	connectWeekStart: Record<string, number>;
	/** Messages sent today (UTC), per account id. */
	messageUsed: Record<string, number>;
	/** 00:00 UTC (ms) of the day messageUsed counts, per account id. */
	messageDayStart: Record<string, number>;
	/** Every message POST /message and POST /messaging/send-group accepted, in order. */
	messages: SentMessage[];
	/** ISO time until which /connect answers 429, per account id (null: no hold). */
	holdUntil: Record<string, string | null>;
	/** When a quota or hold 429 was last answered, per account id and feature (ms; GET …/quota's limitReached). */
	limitReachedAt: Record<string, Record<string, number>>;
	/** Daily uses of FOLLOW, PROFILE_VIEW, SEARCH_PEOPLE per feature and account id. */
	featureUsed: Record<string, Record<string, { day: number; used: number }>>;
	/** 429s answered since reset() whose headers took a turn (optionalHeaders 'vary', throttle style 'vary'). */
	answered429: number;
	/** ISO time of each withdrawal, per account id and lower-case slug (re-inviting is blocked for 21 days). */
	withdrawnAt: Record<string, Record<string, string>>;
	/** Withdraw calls that lacked memberId, firstName, lastName or invitationId (the API's extra profile fetch). */
	profileFetches: number;
	/** Per-minute counters behind the X-RateLimit-* headers of non-CONNECT actions. */
	minuteUsage: Record<string, Record<string, { start: number; used: number }>>;
	/** Index the next added item will be generated with (addReceived, addSent / POST /connect, addConnection). */
	nextIndex: { received: number; sent: number; connections: number };
}

/** A message POST /message accepted. */
export interface SentMessage {
	accountId: string;
	/** The recipient's vanity slug. */
	recipient: string;
	messageType: 'normal' | 'inmail' | 'group';
	message: string;
	subject?: string;
	groupId?: string;
	at: number;
}

export interface RecordedRequest {
	method: string;
	/** Path without the /linkedin prefix and without the query, percent-decoded, e.g. '/relationship/josé-garcía-3'. */
	path: string;
	/** Path exactly as received (with /linkedin, still percent-encoded). */
	fullPath: string;
	query: Record<string, string>;
	/** Parsed JSON body (POST), undefined when empty, invalid or a GET. */
	body: any;
	/** Raw body text when non-empty. */
	rawBody?: string;
	/** Lower-case header names. */
	headers: Record<string, string>;
	/** Status answered (0 while still being handled). */
	status: number;
	/** Set when a fault rule answered the request: its action, or 'status' for a plain rule. */
	fault?: FaultAction | 'status';
	/** Body bytes written so far by a 'drip', 'endless' or 'large' fault (grows while it streams). */
	bytesSent?: number;
	/** Arrival time, ms since epoch (real clock). */
	at: number;
	/** When the connection of the answer closed (finished, or the client went away). */
	closedAt?: number;
	/** Whether the whole answer was sent before it closed (false: the client went away first). */
	completed?: boolean;
}

export interface SeedLists {
	received?: number | ReceivedInvitation[];
	sent?: number | SentInvitation[];
	connections?: number | Connection[];
}

export interface SeedOptions extends SeedLists {
	/** Profiles makeProfile(0 … strangers-1) not related to any account (connect targets). Default 40. */
	strangers?: number;
	/** Data of the second account (generated from index 5000). Default { received: 2, sent: 1, connections: 3 }. */
	secondAccount?: SeedLists;
	/** Sizes of the finders' lists (finders.js); `premium: false` makes /profile/visitors answer the Premium 403. */
	finders?: Partial<FinderSeed>;
}

export interface FinderSeed {
	/** The people search's pool. Default 57. */
	people: number;
	/** Comments on POST_URL (every 7th by a company, every 11th by a deleted member, person 2 three times). Default 31. */
	comments: number;
	/** Reactions on POST_URL (every 5th by a company). Default 23. */
	reactions: number;
	/** Members of GROUP_ID. Default 64. */
	members: number;
	/** Profile visitors (every 4th anonymous; some connections, as 1st degree). Default 25. */
	visitors: number;
	premium: boolean;
}

export type FinderAction = 'PROFILE_VIEW' | 'SEARCH_PEOPLE' | 'GROUP_MEMBERS' | 'FOLLOW';

/**
 * How a throttling 429 looks: 'full' (Retry-After and X-RateLimit-*), 'noRetryAfter', 'partial' (only
 * X-RateLimit-Action and -Limit), 'bare' (a gateway's HTML page, no headers); 'vary' takes them in that order in turn.
 */
export type ThrottleStyle = 'full' | 'noRetryAfter' | 'partial' | 'bare' | 'vary';

/** Per-minute limits enforced with 429 (sliding windows over real arrival times). */
export interface ThrottleOptions {
	/** Default 'full'. */
	style?: ThrottleStyle;
	/** Length of a "minute" in ms (time-scaled tests use e.g. 2000). Default 60000. */
	windowMs?: number;
	/** Writes per window per account. Default 15. */
	writes?: number;
	/** Reads per window per account. Default 30. */
	reads?: number;
	/** /account/* calls per window per account. Default 10. */
	account?: number;
	/** Requests per window per key. Default 60. */
	perKey?: number;
	/** Requests per window/6 per key. Default 100. */
	burst?: number;
}

/**
 * The contract's error bodies: 'error' `{ success: false, error: "…" }` (400 validation: a Zod object), the default;
 * 'code' (newer docs) `{ success: false, code: "validation_error", message: "…" }`.
 */
export type ErrorShape = 'error' | 'code';

export interface FakeApiOptions {
	/** A live account from the start (see FakeApi.setLive). Default false. */
	live?: boolean;
	/** Off unless given. */
	throttle?: ThrottleOptions;
	/** Default 'error'; see ErrorShape. */
	errorShape?: ErrorShape;
	/** Default 'test-api-key'. */
	apiKey?: string;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default 0 (random free port). */
	port?: number;
	/** Delay added before every response. Default 0. */
	latencyMs?: number;
	/** Default { received: 12, sent: 6, connections: 15, strangers: 40, secondAccount: {2, 1, 3} }. */
	seed?: SeedOptions;
	/** Clock for quota weeks, holds, per-minute windows and new connection dates. Default real time. */
	now?: () => Date;
	/** Connection requests per week per account. Default 90. */
	connectQuota?: number;
	/** Messages per day (00:00 UTC) per account. Default 100. */
	messageQuota?: number;
	/** Daily limits of the finders' actions. Default PROFILE_VIEW 120, SEARCH_PEOPLE 1000, GROUP_MEMBERS 1000, FOLLOW 100. */
	finderQuotas?: Partial<Record<FinderAction, number>>;
	/**
	 * Headers the contract says *may* come on a quota or hold 429 (Retry-After, X-RateLimit-*): 'vary' (default) leaves
	 * them out in turn, the n-th such 429 since reset() having [no Retry-After, every header, none]; 'always' keeps them.
	 */
	optionalHeaders?: 'vary' | 'always';
}

/** One quota of GET /account/:accountId/quota (200: `{ accountId, quotas }`, no `success`). */
export interface Quota {
	feature: 'CONNECT' | 'MESSAGE' | 'FOLLOW' | 'PROFILE_VIEW' | 'SEARCH_PEOPLE';
	window: 'weekly' | 'daily';
	used: number;
	limit: number;
	linkedinLimit: number;
	remaining: number;
	/** A quota or hold 429 was answered for it in this window. */
	limitReached: boolean;
	limitReachedAt: string | null;
	resetAt: string;
}

/** The request a function body or `match` sees: its JSON body parsed (undefined when empty or invalid). */
export type FaultRequest = RecordedRequest;

/** A body, or a function computing it per request (e.g. the same page whatever `startIndex` is). */
export type FaultBody = unknown | ((request: FaultRequest) => unknown);

/**
 * What a rule does instead of the normal handler:
 * - omitted: answer `status` with `body`;
 * - 'reset': destroy the socket; 'truncate': send half of the JSON body then destroy; 'hang': never answer;
 * - 'redirect': `status` (default 302) with `Location: location` and an empty body;
 * - 'echo': the normal handler's status, headers and body as `{ success: true, ...body, debug: { authorization,
 *   apiKey } }` (the request's Authorization header and the key the server expects; an array body goes under `data`);
 * - 'drip': headers at once (Content-Length of the whole `body`), then `chunkBytes` every `intervalMs`;
 * - 'endless': `{"success":true,"invitations":[` then `{"id":"x"},` repeated, chunked, never finished: the socket is
 *   destroyed at `maxBytes`;
 * - 'large': a valid JSON object of exactly `bytes` bytes (at least 46) with Content-Length:
 *   `{"success":true,"invitations":[],"padding":"xx…"}`.
 * - 'throttle': a throttling 429 in `style` (default 'full'; Retry-After: `retryAfter`, default 1) with the
 *   X-RateLimit-* counts the route would report (e.g. CONNECT 20/90 used, 70 remaining).
 * drip, endless and large stop as soon as the client disconnects or the server closes, and count record.bytesSent.
 */
export type FaultAction =
	| 'reset'
	| 'truncate'
	| 'hang'
	| 'redirect'
	| 'echo'
	| 'drip'
	| 'endless'
	| 'large'
	| 'throttle';

/** Answers matching requests instead of the normal handler (`times` times, default 1). */
export interface FaultRule {
	method?: string;
	/** Path without /linkedin, or a pattern. */
	path?: string | RegExp;
	/** Query values that must match. */
	query?: Record<string, string | number>;
	/** Further condition on the request (its JSON body is parsed), e.g. `(r) => r.body?.profileId === 'x'`. */
	match?: (request: FaultRequest) => boolean;
	/** How many matching requests the rule answers. Default 1. */
	times?: number;
	/** Default 500 for a plain rule and truncate; 302 for redirect (301, 302, 303, 307 or 308); 200 for drip, endless, large. Ignored by echo. */
	status?: number;
	/**
	 * Plain rule, truncate and drip: a string is sent as is (text/html unless contentType says otherwise); anything
	 * else as JSON; omitted: empty body. A function is called per request with the request (JSON body parsed).
	 */
	body?: FaultBody;
	contentType?: string;
	/** Extra response headers (override the defaults). */
	headers?: Record<string, string>;
	/** Wait before answering (cut short when the client disconnects or the server closes). */
	delayMs?: number;
	action?: FaultAction;
	/** redirect: the Location header, e.g. `${recorder.url}/linkedin/connect`. */
	location?: string;
	/** drip: bytes per write, default 1. endless: bytes per write (whole items), default 65536. */
	chunkBytes?: number;
	/** drip: pause between writes, default 100. endless: default 0 (as fast as the client reads). */
	intervalMs?: number;
	/** endless: bytes after which the socket is destroyed. Default 256 MiB. */
	maxBytes?: number;
	/** large: total body size. */
	bytes?: number;
	/** throttle: how the 429 looks. */
	style?: ThrottleStyle;
	/** throttle: Retry-After seconds when the style sends it. Default 1. */
	retryAfter?: number;
}

export interface FakeApi {
	/** Queues a fault rule; reset() clears them. The first queued rule that matches and has turns left answers. */
	fault(rule: FaultRule): void;
	/** Base URL, e.g. 'http://127.0.0.1:41234/linkedin'. */
	url: string;
	port: number;
	apiKey: string;
	/** Every request in arrival order (same array for the server's lifetime). */
	requests: RecordedRequest[];
	/** Live mutable data (same object for the server's lifetime; reset() refills it). */
	state: FakeState;
	/** Restores seeded data (the given seed, else the last one), clears quotas, holds and requests. */
	reset(seed?: SeedOptions): void;
	/** The shape of every error the API itself answers from now on (faults answer their own bodies). */
	setErrorShape(shape: ErrorShape): void;
	clearRequests(): void;
	/** Prepends (newest first) a new received invitation (receivedAt '1 minute ago' unless given) and returns it. */
	addReceived(partial?: Partial<ReceivedInvitation>, accountId?: string): ReceivedInvitation;
	/** Prepends a new pending sent invitation (sentAt '1 minute ago' unless given). */
	addSent(partial?: Partial<SentInvitation>, accountId?: string): SentInvitation;
	/** Prepends a new connection (connected today by `now()` unless given). */
	addConnection(partial?: Partial<Connection>, accountId?: string): Connection;
	removeReceived(invitationId: string, accountId?: string): void;
	/** Sets the connection requests used this week. */
	setConnectUsed(n: number, accountId?: string): void;
	/** Sets the messages sent today. */
	setMessageUsed(n: number, accountId?: string): void;
	/** Sets what an account spent today of a finder's action (PROFILE_VIEW, SEARCH_PEOPLE, GROUP_MEMBERS, FOLLOW). */
	setFinderUsed(action: FinderAction, n: number, accountId?: string): void;
	/** Looks a profile up by slug, ACoA… member id or urn:li:fsd_profile:…. */
	findProfile(id: string): FakeProfile | undefined;
	/** What GET /relationship would say (undefined for an unknown profile). */
	relationship(profileId: string, accountId?: string): Relationship | undefined;
	/** Stops listening and ends every open connection (hang, drip and endless answers included). */
	close(): Promise<void>;
	/** A live account (the demo's; off by default): before a list is read, its items are topped up (dev/fake-api/live.js). */
	setLive(on: boolean): void;
}

export function startFakeApi(options?: FakeApiOptions): Promise<FakeApi>;

/** A request that reached the recorder. */
export interface RecorderRequest {
	method: string;
	/** Path as received, percent-decoded, without the query (no prefix is stripped). */
	path: string;
	/** Path and query exactly as received. */
	url: string;
	query: Record<string, string>;
	/** Lower-case header names. */
	headers: Record<string, string>;
	/** Raw body text, '' when none. */
	body: string;
	/** Arrival time, ms since epoch. */
	at: number;
}

export interface RecorderOptions {
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default 0 (random free port). */
	port?: number;
	/** Default 200. */
	status?: number;
	/** Default RECORDER_BODY. */
	body?: unknown;
}

/** A second, foreign server: records every request and answers 200 RECORDER_BODY (a plausible "success"). */
export interface Recorder {
	/** e.g. 'http://127.0.0.1:41235' (no /linkedin). */
	url: string;
	port: number;
	/** Every request in arrival order (same array for the recorder's lifetime). */
	requests: RecorderRequest[];
	clear(): void;
	/** Stops listening and ends every open connection. */
	close(): Promise<void>;
}

export function startRecorder(options?: RecorderOptions): Promise<Recorder>;

/** What the recorder answers by default. */
export const RECORDER_BODY: {
	success: true;
	connected: false;
	invitationSent: false;
	invitationReceived: false;
	invitations: [];
	connections: [];
};

/** Received invitation number i (0 = newest): id 7401234567890123456+i, person makeProfile(10000+i). */
export function makeReceived(
	i: number,
	overrides?: Partial<ReceivedInvitation>,
): ReceivedInvitation;
/** Sent invitation number i (0 = newest): id 7402234567890123456+i, person makeProfile(20000+i). */
export function makeSent(i: number, overrides?: Partial<SentInvitation>): SentInvitation;
/** Connection number i (0 = newest): person makeProfile(30000+i). */
export function makeConnection(i: number, overrides?: Partial<Connection>): Connection;
/** Person number i; 0…39 are the default strangers. */
export function makeProfile(i: number): ProfileData;
/** The deterministic ACoA… member id of a vanity slug. */
export function memberIdFor(slug: string): string;
/** Monday 00:00 UTC (ms) of the week containing ms. */
export function weekStart(ms: number): number;
/** Next Monday 00:00 UTC (ms) after ms: when the weekly connect quota resets. */
export function nextWeekReset(ms: number): number;

export const DEFAULT_ACCOUNT_ID: '64f1a2b3c4d5e6f7a8b9c0d1';
export const SECOND_ACCOUNT_ID: '64f1a2b3c4d5e6f7a8b9c0d2';
export const DEFAULT_API_KEY: 'test-api-key';
/** Invitations per page of GET /invitations/received and /invitations/sent. */
export const PAGE_SIZE: 10;
/** Maximum (and default) `limit` of GET /connections. */
export const CONNECTIONS_MAX_LIMIT: 12;
export const DEFAULT_CONNECT_QUOTA: 90;
export const DEFAULT_MESSAGE_QUOTA: 100;
export const DEFAULT_SEED: Required<SeedOptions>;
/** Index offset of the second account's generated items. */
export const SECOND_ACCOUNT_OFFSET: 5000;
export const INVITATION_TYPES: Record<InvitationCategory, LinkedInInvitationType>;
export const PROFILE_BASE: { received: number; sent: number; connection: number };

/** The finders' fake data and quotas (dev/fake-api/finders.js). */
export const finders: {
	POST_URL: string;
	GROUP_ID: string;
	GROUP_URL: string;
	FOREIGN_GROUP_ID: string;
	DAILY_QUOTAS: Record<FinderAction, number>;
	PREMIUM_TEXT: string;
	GEOS: Array<{ name: string; geoId: string; countryCode: string }>;
	/** What an account spent today of an action (state.finders.used). */
	usedToday(state: FakeState, action: FinderAction, accountId?: string): number;
};
// The inbox (conversations.js). Declared apart: TypeScript merges these into FakeApi and FakeApiOptions above.

/** A message of a thread, as GET /conversations/{urn}/messages lists it. */
export interface ThreadMessage {
	messageUrn: string;
	text: string;
	/** Epoch ms; strictly increasing per account. */
	sentAt: number;
	/** The sender's ACoA… member id (the account's own for its messages). */
	senderProfileId: string;
	senderName: string;
	isSentByOwner: boolean;
	hasAttachment: boolean;
}

/** A thread of the fake's inbox: one other person, its messages oldest first. */
export interface Thread {
	conversationUrn: string;
	conversationId: string;
	person: FakeProfile;
	messages: ThreadMessage[];
	unreadCount: number;
}

export interface FakeApiOptions {
	/** New conversations per day (00:00 UTC) per account through POST /conversations/send. Default 150. */
	conversationQuota?: number;
}

export interface FakeApi {
	/**
	 * The account's threads (created on first use with three: its three oldest connections, messaged 3, 2 and 1 days
	 * ago; the first and last answered, the last unread).
	 */
	conversations(accountId?: string): Thread[];
	/** Opens (or finds) the thread with a person and adds messages (from them unless `fromOwner`; `at` default now). */
	addConversation(
		profileId: string,
		messages?: Array<{ text: string; fromOwner?: boolean; at?: number }>,
		accountId?: string,
	): Thread;
	/** A reply arrives: a message from that person in their thread (opened if none), unread. */
	replyArrives(profileId: string, text: string, accountId?: string): ThreadMessage;
	/** Sets the new conversations started today. */
	setConversationUsed(n: number, accountId?: string): void;
	/** Fault: from now on every inbox page asked with a cursor answers that same cursor again (hasMore: true). */
	repeatInboxCursor(accountId?: string): void;
}

export const DEFAULT_CONVERSATION_QUOTA: 150;
