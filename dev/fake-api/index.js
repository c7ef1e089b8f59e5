'use strict';
// Fake ConnectSafely API: a real HTTP server (Node built-in `http` only) that follows ConnectSafely's public API
// documentation, as summarised in the README and pinned by test/fake-api.test.ts, closely enough for the node's
// tests, demo and benchmarks.
// Everything is served under /linkedin. See index.d.ts for the public interface.

const http = require('http');
const data = require('./data');
const live = require('./live');
const conversations = require('./conversations');
const finders = require('./finders');
const {
	ACCOUNT_ID,
	invalidType,
	custom,
	checkObject,
	checkString,
	checkQueryInt,
} = require('./validation');

const DEFAULT_ACCOUNT_ID = '64f1a2b3c4d5e6f7a8b9c0d1';
const SECOND_ACCOUNT_ID = '64f1a2b3c4d5e6f7a8b9c0d2';
const DEFAULT_API_KEY = 'test-api-key';
const PAGE_SIZE = 10;
const CONNECTIONS_MAX_LIMIT = 12;
const DEFAULT_CONNECT_QUOTA = 90;
const DEFAULT_MESSAGE_QUOTA = 100;
const MESSAGE_MAX = 300;

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const HOLD_MS = DAY_MS;
const REINVITE_BLOCK_MS = 21 * DAY_MS;

/** Documented per-account, per-minute limits, reported (not enforced) in the X-RateLimit-* headers. */
const MINUTE_LIMITS = { READ: 30, ACCOUNT: 10, INVITATION_RESPOND: 15, WITHDRAW: 15 };

const DEFAULT_SEED = {
	received: 12,
	sent: 6,
	connections: 15,
	strangers: 40,
	secondAccount: { received: 2, sent: 1, connections: 3 },
};
/** The second account's generated items use these indexes (makeReceived(5000), …) so they never clash. */
const SECOND_ACCOUNT_OFFSET = 5000;
/** Items added after seeding (addReceived, /connect, …) continue at this index when the seed was an array. */
const ADDED_OFFSET = 1000;

const RECENT_TEXT = '1 minute ago';
const CONNECTION_TYPE = data.INVITATION_TYPES.CONNECTION;

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

class HttpError extends Error {
	/** `answer.exact`: these headers only (no X-RateLimit-* added); `answer.raw`: a non-JSON body with `contentType`. */
	constructor(status, body, headers = {}, answer = {}) {
		super(body && typeof body.error === 'string' ? body.error : `HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
		this.answer = answer;
	}
}

function fail(status, error, extra = {}) {
	return new HttpError(status, { success: false, error, ...extra });
}

function zodFail(issues) {
	return new HttpError(400, { success: false, error: { name: 'ZodError', issues } });
}

function assertNoIssues(issues) {
	if (issues.length > 0) throw zodFail(issues);
}

/** ISO-8601 without milliseconds, as in the contract's examples (`2026-04-28T00:00:00Z`). */
function isoSeconds(ms) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Monday 00:00 UTC of the week containing `ms`. */
function weekStart(ms) {
	const d = new Date(ms);
	const daysSinceMonday = (d.getUTCDay() + 6) % 7;
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - daysSinceMonday);
}

function nextWeekReset(ms) {
	return weekStart(ms) + 7 * DAY_MS;
}

/** 00:00 UTC of the day containing `ms`. */
function dayStart(ms) {
	return Math.floor(ms / DAY_MS) * DAY_MS;
}

function normalizeId(id) {
	return String(id).normalize('NFC').toLowerCase();
}

function clone(value) {
	return structuredClone(value);
}

function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------------------------
// State: accounts, per-account lists, profile directory, quotas

function makeAccounts() {
	return [
		{
			id: DEFAULT_ACCOUNT_ID,
			firstName: 'Sarah',
			lastName: 'Whitfield',
			publicId: 'sarah-whitfield-growth',
			picture:
				'https://media.licdn.com/dms/image/v2/D4E03AQHs8x2Kq1mN7g/profile-displayphoto-shrink_200_200/0/1700000000000',
			platform: 'LINKEDIN',
			status: 'ACTIVE',
			enabled: true,
			isDefault: true,
			lastUsed: '2025-05-14T09:12:44.000Z',
			hasTokens: true,
			linkedinPlan: 'SALES_NAVIGATOR',
			apiSeatAllocated: true,
		},
		{
			id: SECOND_ACCOUNT_ID,
			firstName: 'Marcus',
			lastName: 'Lindqvist',
			publicId: 'marcus-lindqvist',
			picture:
				'https://media.licdn.com/dms/image/v2/C5603AQF0pZr3Yw9uLw/profile-displayphoto-shrink_200_200/0/1650000000000',
			platform: 'LINKEDIN',
			status: 'ACTIVE',
			enabled: true,
			isDefault: false,
			lastUsed: '2025-05-02T16:40:03.000Z',
			hasTokens: true,
			linkedinPlan: 'FREE',
			apiSeatAllocated: true,
		},
	];
}

/** A seed entry is a count (generate that many) or an array of ready items (copied). */
function seedList(spec, fallbackCount, generate, offset) {
	if (Array.isArray(spec)) return clone(spec);
	const count = spec === undefined ? fallbackCount : spec;
	return Array.from({ length: count }, (_, i) => generate(offset + i));
}

function seedAccountData(spec, fallback, offset) {
	return {
		received: seedList(spec.received, fallback.received, data.makeReceived, offset),
		sent: seedList(spec.sent, fallback.sent, data.makeSent, offset),
		connections: seedList(spec.connections, fallback.connections, data.makeConnection, offset),
	};
}

function nextIndex(spec, fallbackCount) {
	if (Array.isArray(spec)) return ADDED_OFFSET + spec.length;
	return spec === undefined ? fallbackCount : spec;
}

/** Profile directory entries derived from list items (people who appear in the lists). */
function personFromInvitation(item) {
	const slug = item.profile.publicIdentifier;
	return {
		slug,
		memberId: item.memberId || data.memberIdFor(slug),
		firstName: item.profile.firstName,
		lastName: item.profile.lastName,
		headline: item.profile.headline || '',
		profileUrl: item.profile.profileUrl,
	};
}

const personFromReceived = personFromInvitation;
const personFromSent = personFromInvitation;

function personFromConnection(item) {
	const slug = item.vanityName;
	return {
		slug,
		memberId: data.memberIdFor(slug),
		firstName: item.firstName,
		lastName: item.lastName,
		headline: item.headline || '',
		profileUrl: item.profileUrl,
	};
}

function createState() {
	const state = {};
	// received / sent / connections are the default account's lists (aliases of state.data[defaultAccountId]).
	for (const key of ['received', 'sent', 'connections']) {
		Object.defineProperty(state, key, {
			enumerable: true,
			get: () => state.data[state.defaultAccountId][key],
			set: (value) => {
				state.data[state.defaultAccountId][key] = value;
			},
		});
	}
	return state;
}

function fillState(state, seed) {
	const second = seed.secondAccount || {};
	Object.assign(state, {
		defaultAccountId: DEFAULT_ACCOUNT_ID,
		accounts: makeAccounts(),
		data: {
			[DEFAULT_ACCOUNT_ID]: seedAccountData(seed, DEFAULT_SEED, 0),
			[SECOND_ACCOUNT_ID]: seedAccountData(
				second,
				DEFAULT_SEED.secondAccount,
				SECOND_ACCOUNT_OFFSET,
			),
		},
		profiles: {},
		connectUsed: { [DEFAULT_ACCOUNT_ID]: 0, [SECOND_ACCOUNT_ID]: 0 },
		connectWeekStart: {},
		messageUsed: { [DEFAULT_ACCOUNT_ID]: 0, [SECOND_ACCOUNT_ID]: 0 },
		messageDayStart: {},
		messages: [],
		holdUntil: { [DEFAULT_ACCOUNT_ID]: null, [SECOND_ACCOUNT_ID]: null },
		limitReachedAt: { [DEFAULT_ACCOUNT_ID]: {}, [SECOND_ACCOUNT_ID]: {} },
		featureUsed: {},
		answered429: 0,
		withdrawnAt: { [DEFAULT_ACCOUNT_ID]: {}, [SECOND_ACCOUNT_ID]: {} },
		profileFetches: 0,
		minuteUsage: {},
		nextIndex: {
			received: nextIndex(seed.received, DEFAULT_SEED.received),
			sent: nextIndex(seed.sent, DEFAULT_SEED.sent),
			connections: nextIndex(seed.connections, DEFAULT_SEED.connections),
		},
	});
	const strangers = seed.strangers === undefined ? DEFAULT_SEED.strangers : seed.strangers;
	for (let i = 0; i < strangers; i++) registerProfile(state, data.makeProfile(i));
	for (const lists of Object.values(state.data)) registerListProfiles(state, lists);
	finders.fill(state, seed, registerProfile);
}

function registerListProfiles(state, lists) {
	lists.received.forEach((item) => registerProfile(state, personFromReceived(item)));
	lists.sent.forEach((item) => registerProfile(state, personFromSent(item)));
	lists.connections.forEach((item) => registerProfile(state, personFromConnection(item)));
}

/** Adds a person to the directory (first registration wins). Relationship flags are live, for the default account. */
function registerProfile(state, person) {
	const key = normalizeId(person.slug);
	if (state.profiles[key]) return state.profiles[key];
	const profile = {
		slug: person.slug,
		publicIdentifier: person.slug,
		memberId: person.memberId,
		memberUrn: data.memberUrnFor(person.memberId),
		firstName: person.firstName,
		lastName: person.lastName,
		headline: person.headline,
		location: person.location || '',
		profileUrl: person.profileUrl,
	};
	for (const flag of ['connected', 'invitationSent', 'invitationReceived']) {
		Object.defineProperty(profile, flag, {
			enumerable: true,
			get: () => relationshipOf(state, state.defaultAccountId, profile)[flag],
		});
	}
	state.profiles[key] = profile;
	return profile;
}

/** Finds a profile by vanity slug, ACoA… member id or `urn:li:fsd_profile:ACoA…`. */
function findProfile(state, id) {
	const raw = String(id);
	const memberId = raw.startsWith('urn:li:fsd_profile:')
		? raw.slice('urn:li:fsd_profile:'.length)
		: raw;
	if (memberId.startsWith('ACoA')) {
		return Object.values(state.profiles).find((p) => p.memberId === memberId);
	}
	return state.profiles[normalizeId(raw)];
}

function isSameProfile(profile, item) {
	return (
		(item.memberId && item.memberId === profile.memberId) ||
		normalizeId(item.profile.publicIdentifier) === normalizeId(profile.slug)
	);
}

function relationshipOf(state, accountId, profile) {
	const lists = state.data[accountId];
	const connected = lists.connections.some(
		(c) => normalizeId(c.vanityName) === normalizeId(profile.slug),
	);
	const invitationSent = lists.sent.some((s) => isSameProfile(profile, s));
	const invitationReceived = lists.received.some(
		(r) => r.invitationCategory === 'CONNECTION' && isSameProfile(profile, r),
	);
	let status = 'NOT_CONNECTED';
	if (connected) status = 'CONNECTED';
	else if (invitationSent) status = 'INVITATION_SENT';
	else if (invitationReceived) status = 'INVITATION_RECEIVED';
	return {
		connected,
		invitationSent,
		invitationReceived,
		status,
		profileUrn: profile.memberUrn,
		accountId,
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Quotas

/** Connection requests used this week by an account (the counter restarts on Monday 00:00 UTC). */
function connectUsed(ctx, accountId) {
	const { state } = ctx;
	const thisWeek = weekStart(ctx.now().getTime());
	if (state.connectWeekStart[accountId] !== thisWeek) {
		if (state.connectWeekStart[accountId] !== undefined) state.connectUsed[accountId] = 0;
		state.connectWeekStart[accountId] = thisWeek;
	}
	return state.connectUsed[accountId] || 0;
}

/** Messages sent today by an account (the counter restarts at 00:00 UTC). */
function messageUsed(ctx, accountId) {
	const { state } = ctx;
	const today = dayStart(ctx.now().getTime());
	if (state.messageDayStart[accountId] !== today) {
		state.messageUsed[accountId] = 0;
		state.messageDayStart[accountId] = today;
	}
	return state.messageUsed[accountId] || 0;
}

function activeHold(ctx, accountId) {
	const until = ctx.state.holdUntil[accountId];
	return until && Date.parse(until) > ctx.now().getTime() ? until : null;
}

function connectRateLimited(ctx, accountId, holdUntil) {
	const nowMs = ctx.now().getTime();
	markLimitReached(ctx, accountId, 'CONNECT');
	const used = connectUsed(ctx, accountId);
	const error = `Rate limit exceeded for CONNECT: ${used}/${ctx.connectQuota} used. Resets at ${isoSeconds(nextWeekReset(nowMs))}`;
	const retryAfter = Math.max(1, Math.ceil((Date.parse(holdUntil) - nowMs) / 1000));
	return new HttpError(
		429,
		{ success: false, error, holdUntil },
		{ 'Retry-After': String(retryAfter) },
	);
}

/** Counts a request against the per-minute window of its action and returns the header values. */
function minuteWindow(ctx, accountId, action) {
	const nowMs = ctx.now().getTime();
	const start = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
	const perAccount = (ctx.state.minuteUsage[accountId] ||= {});
	const usage =
		perAccount[action] && perAccount[action].start === start
			? perAccount[action]
			: { start, used: 0 };
	usage.used += 1;
	perAccount[action] = usage;
	return { limit: MINUTE_LIMITS[action], used: usage.used, reset: start + MINUTE_MS };
}

function rateLimitHeaders(ctx, action, accountId) {
	if (action === 'NEW_CONVERSATION')
		return conversations.quotaHeaders(routeHelpers, ctx, accountId);
	const nowMs = ctx.now().getTime();
	const window =
		action === 'CONNECT'
			? { limit: ctx.connectQuota, used: connectUsed(ctx, accountId), reset: nextWeekReset(nowMs) }
			: action === 'MESSAGE'
				? {
						limit: ctx.messageQuota,
						used: messageUsed(ctx, accountId),
						reset: dayStart(nowMs) + DAY_MS,
					}
				: finders.quotaWindow(ctx, action, accountId) || minuteWindow(ctx, accountId, action);
	return {
		'X-RateLimit-Action': action,
		'X-RateLimit-Limit': String(window.limit),
		'X-RateLimit-Used': String(window.used),
		'X-RateLimit-Remaining': String(Math.max(0, window.limit - window.used)),
		'X-RateLimit-Reset': isoSeconds(window.reset),
	};
}

// ---------------------------------------------------------------------------------------------------------------
// The account's quotas (GET /account/:accountId/quota): database-only, counts every client of the account (here:
// the fake's own counters), `limitReached` once a quota or hold 429 was answered in the window.

/** Quotas other than CONNECT and MESSAGE: daily, counted by spendFeature() from the handlers that use them. */
const DAILY_FEATURES = { FOLLOW: 100, PROFILE_VIEW: 120, SEARCH_PEOPLE: 1000 };

function markLimitReached(ctx, accountId, feature) {
	(ctx.state.limitReachedAt[accountId] ||= {})[feature] = ctx.now().getTime();
}

/** Used today of a daily feature (FOLLOW, PROFILE_VIEW, …) by an account. */
function featureUsed(ctx, accountId, feature) {
	const today = dayStart(ctx.now().getTime());
	const counter = ((ctx.state.featureUsed[feature] ||= {})[accountId] ||= { day: today, used: 0 });
	if (counter.day !== today) Object.assign(counter, { day: today, used: 0 });
	return counter;
}

/** Counts one use of a daily feature; over its limit: the contract's quota 429. */
function spendFeature(ctx, accountId, feature) {
	const counter = featureUsed(ctx, accountId, feature);
	const limit = DAILY_FEATURES[feature];
	if (counter.used >= limit) {
		markLimitReached(ctx, accountId, feature);
		const reset = isoSeconds(dayStart(ctx.now().getTime()) + DAY_MS);
		throw fail(
			429,
			`Rate limit exceeded for ${feature}: ${counter.used}/${limit} used. Resets at ${reset}`,
		);
	}
	counter.used += 1;
}

function quotaEntry(ctx, accountId, feature, window, used, limit) {
	const nowMs = ctx.now().getTime();
	const start = window === 'weekly' ? weekStart(nowMs) : dayStart(nowMs);
	const reachedAt = (ctx.state.limitReachedAt[accountId] || {})[feature];
	const reached = reachedAt !== undefined && reachedAt >= start;
	return {
		feature,
		window,
		used,
		limit,
		linkedinLimit: limit,
		remaining: Math.max(0, limit - used),
		limitReached: reached,
		limitReachedAt: reached ? isoSeconds(reachedAt) : null,
		resetAt: isoSeconds(start + (window === 'weekly' ? 7 : 1) * DAY_MS),
	};
}

function getAccountQuota(ctx, { params }) {
	const id = String(params.accountId).toLowerCase();
	const account = ACCOUNT_ID.test(id) && ctx.state.accounts.find((a) => a.id === id);
	if (!account) throw fail(404, 'LinkedIn account not found');
	const quotas = [
		quotaEntry(ctx, id, 'CONNECT', 'weekly', connectUsed(ctx, id), ctx.connectQuota),
		quotaEntry(ctx, id, 'MESSAGE', 'daily', messageUsed(ctx, id), ctx.messageQuota),
		quotaEntry(
			ctx,
			id,
			'NEW_CONVERSATION',
			'daily',
			Number(conversations.quotaHeaders(routeHelpers, ctx, id)['X-RateLimit-Used']),
			ctx.conversationQuota,
		),
		...Object.entries(DAILY_FEATURES).map(([feature, limit]) => {
			// The finders count their own (finders.js): the read-out shows the same numbers as their headers.
			const own = finders.quotaWindow(ctx, feature, id);
			const used = own ? own.used : featureUsed(ctx, id, feature).used;
			return quotaEntry(ctx, id, feature, 'daily', used, own ? own.limit : limit);
		}),
	];
	return ok({ accountId: id, quotas });
}

const ERROR_CODES = {
	400: 'validation_error',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	429: 'rate_limited',
	500: 'internal_error',
};

/** The newer error shape some endpoints answer with: `{ success: false, code, message }`. */
function codedError(result) {
	const text = typeof result.body.error === 'string' ? result.body.error : `HTTP ${result.status}`;
	const code = ERROR_CODES[result.status] || 'error';
	return { ...result, body: { success: false, code, message: text } };
}

// ---------------------------------------------------------------------------------------------------------------
// How 429s look. The contract: Retry-After and the X-RateLimit-* headers *may* come; a 429 can miss any of them or
// all (a gateway answers with no headers and a page of its own). Quota and hold 429s keep their body (it says what
// they are); their headers vary in turn with `optionalHeaders: 'vary'` (the default). Throttles take a style.

/** The n-th quota or hold 429 since reset() gets: 0 no Retry-After, 1 every header, 2 no header at all. */
function varyQuota429(ctx, headers) {
	if (ctx.optionalHeaders !== 'vary') return headers;
	const turn = ctx.state.answered429++ % 3;
	if (turn === 1) return headers;
	if (turn === 2) return {};
	const { 'Retry-After': _retryAfter, ...rest } = headers;
	return rest;
}

const THROTTLE_STYLES = ['full', 'noRetryAfter', 'partial', 'bare'];
const GATEWAY_429 =
	'<html><head><title>429 Too Many Requests</title></head><body><h1>429 Too Many Requests</h1></body></html>';

/**
 * A throttling 429 in `style`: 'full' (Retry-After and X-RateLimit-*), 'noRetryAfter', 'partial' (only
 * X-RateLimit-Action and -Limit), 'bare' (a gateway's HTML page, no headers); 'vary' takes them in turn.
 */
function throttled(ctx, style, { retryAfter, limitHeaders, text }) {
	const chosen =
		style === 'vary' ? THROTTLE_STYLES[ctx.state.answered429++ % THROTTLE_STYLES.length] : style;
	if (chosen === 'bare')
		return new HttpError(
			429,
			undefined,
			{},
			{ exact: true, raw: GATEWAY_429, contentType: 'text/html' },
		);
	const headers =
		chosen === 'partial'
			? {
					'X-RateLimit-Action': limitHeaders['X-RateLimit-Action'],
					'X-RateLimit-Limit': limitHeaders['X-RateLimit-Limit'],
				}
			: { ...limitHeaders };
	if (chosen === 'full' || chosen === undefined) headers['Retry-After'] = String(retryAfter);
	return new HttpError(429, { success: false, error: text }, headers, { exact: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Request pieces shared by handlers

function findAccount(ctx, accountId) {
	const id = accountId === undefined ? ctx.state.defaultAccountId : accountId.toLowerCase();
	const account = ctx.state.accounts.find((a) => a.id === id);
	if (!account) throw fail(404, 'LinkedIn account not found');
	return account;
}

/** Validates `accountId` (query, body or path) and returns the account. */
function accountFrom(ctx, source, issues = []) {
	assertNoIssues([...checkString(source, 'accountId', { accountId: true }), ...issues]);
	return findAccount(ctx, source.accountId);
}

function requireBodyObject(body) {
	if (!isPlainObject(body)) throw zodFail([invalidType([], 'object', body)]);
	return body;
}

function profileOrNotFound(ctx, id) {
	const profile = findProfile(ctx.state, id);
	if (!profile) throw fail(404, `LinkedIn profile not found: ${id}`);
	return profile;
}

function eitherProfileIssue(body) {
	return body.profileId === undefined && body.profileUrn === undefined
		? [custom(['profileId'], 'Either profileId or profileUrn is required')]
		: [];
}

function listsOf(ctx, account) {
	return ctx.state.data[account.id];
}

function ok(body) {
	return { status: 200, body };
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers: (ctx, { query, body, params }) => { status, body } or throw HttpError

function getAccountStatus(ctx, { query }) {
	return ok(accountFrom(ctx, query));
}

function accountMatches(account, q) {
	const text = q.trim().toLowerCase();
	if (text === '') return true;
	const url = /linkedin\.com\/in\/([^/?#]+)/i.exec(text);
	if (url) return normalizeId(decodeURIComponent(url[1])) === account.publicId;
	if (ACCOUNT_ID.test(text)) return account.id === text;
	const fullName = `${account.firstName} ${account.lastName}`.toLowerCase();
	return fullName.includes(text) || account.publicId.includes(text);
}

function listAccounts(ctx, { query }) {
	const q = query.q || '';
	return ok(ctx.state.accounts.filter((a) => accountMatches(a, q)));
}

function readListQuery(ctx, query) {
	const startIndex = checkQueryInt(query, 'startIndex', { min: 0, fallback: 0 });
	const account = accountFrom(ctx, query, startIndex.issues);
	return { account, startIndex: startIndex.value };
}

function invitationPage(ctx, query, listName) {
	const { account, startIndex } = readListQuery(ctx, query);
	const invitations = listsOf(ctx, account)[listName].slice(startIndex, startIndex + PAGE_SIZE);
	return {
		success: true,
		invitations,
		count: invitations.length,
		startIndex,
		accountId: account.id,
	};
}

function listReceived(ctx, { query }) {
	return ok(invitationPage(ctx, query, 'received'));
}

function listSent(ctx, { query }) {
	const page = invitationPage(ctx, query, 'sent');
	if (query.debug === 'true')
		page.rawResponse = { elements: page.invitations.map((i) => ({ entityUrn: i.invitationUrn })) };
	return ok(page);
}

const RESPOND_SCHEMA = {
	action: { required: true, oneOf: ['ACCEPT', 'IGNORE'] },
	invitationId: { required: true, min: 1 },
	validationToken: { required: true, min: 1 },
	linkedInInvitationType: { required: true, min: 1 },
	firstName: { required: true, min: 1 },
	lastName: { required: true, min: 1 },
	profileId: { min: 1 },
	accountId: { accountId: true },
};

const PROFILE_ID_REQUIRED = 'profileId is required for connection invitations';

function respondToInvitation(ctx, { body: rawBody }) {
	const body = requireBodyObject(rawBody);
	const issues = checkObject(body, RESPOND_SCHEMA);
	if (body.linkedInInvitationType === CONNECTION_TYPE && body.profileId === undefined) {
		issues.push(custom(['profileId'], PROFILE_ID_REQUIRED));
	}
	assertNoIssues(issues);
	const account = findAccount(ctx, body.accountId);
	const lists = listsOf(ctx, account);
	const index = lists.received.findIndex((inv) => inv.invitationId === body.invitationId);
	if (index < 0) throw fail(400, 'Invitation not found or already handled');
	const invitation = lists.received[index];
	checkRespondMatches(invitation, body);

	lists.received.splice(index, 1);
	if (body.action === 'ACCEPT' && invitation.invitationCategory === 'CONNECTION') {
		const person = registerProfile(ctx.state, personFromReceived(invitation));
		lists.connections.unshift(data.connectionFromProfile(person, ctx.now().getTime()));
	}
	const verb = body.action === 'ACCEPT' ? 'accepted' : 'ignored';
	return ok({
		success: true,
		message: `Invitation from ${body.firstName} ${body.lastName} ${verb}`,
		accountId: account.id,
	});
}

/** The body must describe the stored invitation: token, type and (for people) the inviter's member id. */
function checkRespondMatches(invitation, body) {
	if (invitation.validationToken !== body.validationToken)
		throw fail(400, 'Invalid validation token');
	if (invitation.linkedInInvitationType !== body.linkedInInvitationType) {
		throw fail(400, 'linkedInInvitationType does not match the invitation');
	}
	if (invitation.invitationCategory === 'CONNECTION' && body.profileId === undefined) {
		throw zodFail([custom(['profileId'], PROFILE_ID_REQUIRED)]);
	}
	if (
		invitation.memberId &&
		body.profileId !== undefined &&
		body.profileId !== invitation.memberId
	) {
		throw fail(
			400,
			"profileId does not match the invitation sender (expected the inviter's ACoA… member id)",
		);
	}
}

const WITHDRAW_SCHEMA = {
	profileId: { min: 1 },
	profileUrn: { min: 1 },
	memberId: { min: 1 },
	firstName: { min: 1 },
	lastName: { min: 1 },
	invitationId: { min: 1 },
	accountId: { accountId: true },
};

function withdrawInvitation(ctx, { body: rawBody }) {
	const body = requireBodyObject(rawBody);
	assertNoIssues([...checkObject(body, WITHDRAW_SCHEMA), ...eitherProfileIssue(body)]);
	const account = findAccount(ctx, body.accountId);
	const profile = profileOrNotFound(
		ctx,
		body.profileId !== undefined ? body.profileId : body.profileUrn,
	);
	// ConnectSafely looks missing details up with an extra profile fetch; count those.
	if (['memberId', 'firstName', 'lastName', 'invitationId'].some((k) => body[k] === undefined)) {
		ctx.state.profileFetches += 1;
	}
	const lists = listsOf(ctx, account);
	const index = lists.sent.findIndex((inv) => isSameProfile(profile, inv));
	if (index < 0) throw fail(400, 'No pending invitation found for this profile');
	const invitation = lists.sent[index];
	if (body.invitationId !== undefined && body.invitationId !== invitation.invitationId) {
		throw fail(400, 'invitationId does not match the pending invitation for this profile');
	}
	if (body.memberId !== undefined && body.memberId !== profile.memberId) {
		throw fail(400, 'memberId does not match this profile');
	}
	lists.sent.splice(index, 1);
	ctx.state.withdrawnAt[account.id][normalizeId(profile.slug)] = isoSeconds(ctx.now().getTime());
	return ok({
		success: true,
		message: `Invitation to ${profile.firstName} ${profile.lastName} withdrawn`,
		profileId: profile.slug,
		accountId: account.id,
	});
}

const CONNECT_SCHEMA = {
	profileId: { min: 1 },
	profileUrn: { min: 1 },
	customMessage: { max: MESSAGE_MAX },
	accountId: { accountId: true },
};

function sendConnectionRequest(ctx, { body: rawBody }) {
	const body = requireBodyObject(rawBody);
	assertNoIssues([...checkObject(body, CONNECT_SCHEMA), ...eitherProfileIssue(body)]);
	const account = findAccount(ctx, body.accountId);
	checkConnectQuota(ctx, account.id);
	const profileId = body.profileId !== undefined ? body.profileId : body.profileUrn;
	const profile = profileOrNotFound(ctx, profileId);
	if (body.profileId !== undefined) finders.countResolve(ctx, account.id, profile);
	const relationship = relationshipOf(ctx.state, account.id, profile);
	if (relationship.status !== 'NOT_CONNECTED')
		throw fail(400, 'Already connected or invitation already sent');
	checkReinviteBlock(ctx, account.id, profile);

	ctx.state.connectUsed[account.id] = connectUsed(ctx, account.id) + 1;
	const id = data.sentId(ctx.state.nextIndex.sent++);
	listsOf(ctx, account).sent.unshift(data.sentFromProfile(profile, id, RECENT_TEXT));
	return ok({
		success: true,
		message: 'Connection request sent',
		profileId: body.profileId || profile.slug,
		accountId: account.id,
	});
}

/** Weekly quota: the request that finds it used up puts the account on hold for 24 h. */
function checkConnectQuota(ctx, accountId) {
	const hold = activeHold(ctx, accountId);
	if (hold) throw connectRateLimited(ctx, accountId, hold);
	if (connectUsed(ctx, accountId) >= ctx.connectQuota) {
		const holdUntil = isoSeconds(ctx.now().getTime() + HOLD_MS);
		ctx.state.holdUntil[accountId] = holdUntil;
		throw connectRateLimited(ctx, accountId, holdUntil);
	}
}

function checkReinviteBlock(ctx, accountId, profile) {
	const withdrawnAt = ctx.state.withdrawnAt[accountId][normalizeId(profile.slug)];
	if (!withdrawnAt) return;
	const until = Date.parse(withdrawnAt) + REINVITE_BLOCK_MS;
	if (until > ctx.now().getTime()) {
		throw fail(
			400,
			`Invitation to this profile was withdrawn recently; LinkedIn blocks re-inviting until ${isoSeconds(until)}`,
		);
	}
}

const MESSAGE_SCHEMA = {
	recipientProfileId: { min: 1 },
	recipientProfileUrn: { min: 1 },
	message: { required: true, min: 1 },
	subject: { min: 1 },
	messageType: { oneOf: ['normal', 'inmail'] },
	groupId: { min: 1 },
	accountId: { accountId: true },
};

/** A normal message goes to 1st-degree connections only (or to a fellow member of `groupId`); InMail to anyone. */
function sendMessage(ctx, { body: rawBody }) {
	const body = requireBodyObject(rawBody);
	const either =
		body.recipientProfileId === undefined && body.recipientProfileUrn === undefined
			? [
					custom(
						['recipientProfileId'],
						'Either recipientProfileId or recipientProfileUrn is required',
					),
				]
			: [];
	assertNoIssues([...checkObject(body, MESSAGE_SCHEMA), ...either]);
	const account = findAccount(ctx, body.accountId);
	const recipient =
		body.recipientProfileId !== undefined ? body.recipientProfileId : body.recipientProfileUrn;
	const profile = profileOrNotFound(ctx, recipient);
	if (body.recipientProfileId !== undefined) finders.countResolve(ctx, account.id, profile);
	const type = body.messageType || 'normal';
	const connected = relationshipOf(ctx.state, account.id, profile).status === 'CONNECTED';
	if (type === 'normal' && !connected && body.groupId === undefined) {
		throw fail(
			400,
			`Cannot send a normal message: ${profile.firstName} ${profile.lastName} is not a 1st-degree connection. Use messageType inmail to message people outside your network.`,
		);
	}
	countMessage(ctx, account.id);
	ctx.state.messages.push({
		accountId: account.id,
		recipient: profile.slug,
		messageType: type,
		message: body.message,
		subject: body.subject,
		groupId: body.groupId,
		at: ctx.now().getTime(),
	});
	return ok({
		success: true,
		message: 'Message sent successfully',
		recipientProfileUrn: profile.memberUrn,
		accountId: account.id,
		_deprecated: DEPRECATED_MESSAGE,
	});
}

const DEPRECATED_MESSAGE =
	'POST /message is deprecated. Use POST /conversations/send instead. This endpoint still works.';

/** A message counts against the day's MESSAGE quota (100); the one that finds it spent gets a 429. */
function countMessage(ctx, accountId) {
	const used = messageUsed(ctx, accountId);
	if (used >= ctx.messageQuota) {
		markLimitReached(ctx, accountId, 'MESSAGE');
		const reset = isoSeconds(dayStart(ctx.now().getTime()) + DAY_MS);
		throw fail(
			429,
			`Rate limit exceeded for MESSAGE: ${used}/${ctx.messageQuota} used. Resets at ${reset}`,
		);
	}
	ctx.state.messageUsed[accountId] = used + 1;
}

function getRelationship(ctx, { query, params }) {
	const source = params.accountId !== undefined ? { accountId: params.accountId } : query;
	const account = accountFrom(ctx, source);
	// By vanity slug only, as the contract says: a URN or member ID finds no profile.
	const profile = ctx.state.profiles[normalizeId(String(params.profileId))];
	if (!profile) throw fail(404, `LinkedIn profile not found: ${params.profileId}`);
	return ok({ success: true, ...relationshipOf(ctx.state, account.id, profile) });
}

const SORTERS = {
	recentlyAdded: null,
	firstName: (a, b) =>
		a.firstName.localeCompare(b.firstName) || a.lastName.localeCompare(b.lastName),
	lastName: (a, b) =>
		a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName),
};

function listConnections(ctx, { query }) {
	const startIndex = checkQueryInt(query, 'startIndex', { min: 0, fallback: 0 });
	const limit = checkQueryInt(query, 'limit', {
		min: 1,
		max: CONNECTIONS_MAX_LIMIT,
		fallback: CONNECTIONS_MAX_LIMIT,
	});
	const sortIssues = checkString(query, 'sortBy', { oneOf: Object.keys(SORTERS) });
	const account = accountFrom(ctx, query, [...startIndex.issues, ...limit.issues, ...sortIssues]);
	const sortBy = query.sortBy || 'recentlyAdded';
	const all = listsOf(ctx, account).connections;
	const sorted = SORTERS[sortBy] ? [...all].sort(SORTERS[sortBy]) : all;
	const connections = sorted.slice(startIndex.value, startIndex.value + limit.value);
	return ok({
		success: true,
		connections,
		startIndex: startIndex.value,
		limit: limit.value,
		sortBy,
		accountId: account.id,
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Routing

// What conversations.js uses of this file.
const routeHelpers = {
	...{ fail, ok, isoSeconds, assertNoIssues, requireBodyObject, findAccount, accountFrom },
	...{ findProfile, profileOrNotFound, relationshipOf, countMessage, HttpError, markLimitReached },
};

/** The route table. Paths are relative to /linkedin. `action` names the X-RateLimit-Action of the response. */
const ROUTES = [
	{ method: 'GET', path: '/account/status', action: 'ACCOUNT', handler: getAccountStatus },
	{
		method: 'GET',
		path: '/account/:accountId/quota',
		action: 'ACCOUNT',
		handler: getAccountQuota,
		codedErrors: true,
	},
	{ method: 'GET', path: '/accounts', action: 'ACCOUNT', handler: listAccounts },
	{ method: 'GET', path: '/invitations/received', action: 'READ', handler: listReceived },
	{ method: 'GET', path: '/invitations/sent', action: 'READ', handler: listSent },
	{
		method: 'POST',
		path: '/invitations/received/respond',
		action: 'INVITATION_RESPOND',
		handler: respondToInvitation,
	},
	{
		method: 'POST',
		path: '/invitations/withdraw',
		action: 'WITHDRAW',
		handler: withdrawInvitation,
	},
	{ method: 'POST', path: '/connect', action: 'CONNECT', handler: sendConnectionRequest },
	{ method: 'POST', path: '/message', action: 'MESSAGE', handler: sendMessage },
	{ method: 'GET', path: '/relationship/:profileId', action: 'READ', handler: getRelationship },
	{
		method: 'GET',
		path: '/relationship/:accountId/:profileId',
		action: 'READ',
		handler: getRelationship,
	},
	{ method: 'GET', path: '/connections', action: 'READ', handler: listConnections },
	...conversations.routes(routeHelpers),
	...finders.routes({
		markLimitReached,
		fail,
		zodFail,
		assertNoIssues,
		isoSeconds,
		requireBodyObject,
		findAccount,
		findProfile,
		relationshipOf,
		profileOrNotFound,
		ok,
	}),
].map((route) => ({ ...route, segments: route.path.split('/').filter(Boolean) }));

const PREFIX = '/linkedin';
/** A chat webhook stand-in (outside the API, no key): the demo's and e2e's examples post here, not to Slack. */
const CHAT_WEBHOOK_PATH = '/chat-webhook';

function splitPath(pathname) {
	if (pathname !== PREFIX && !pathname.startsWith(PREFIX + '/')) return null;
	return pathname.slice(PREFIX.length).split('/').filter(Boolean);
}

function matchSegments(pattern, segments) {
	if (pattern.length !== segments.length) return null;
	const params = {};
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = decodeSegment(segments[i]);
		else if (pattern[i] !== segments[i]) return null;
	}
	return params;
}

function decodeSegment(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw fail(400, 'Malformed URL');
	}
}

/** Finds the route for a request; null when none (also when the path is outside /linkedin). */
function findRoute(method, pathname) {
	const segments = splitPath(pathname);
	if (!segments) return null;
	for (const route of ROUTES) {
		if (route.method !== method) continue;
		const params = matchSegments(route.segments, segments);
		if (params) return { route, params };
	}
	return null;
}

function parseJsonBody(text) {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw fail(400, 'Invalid JSON body');
	}
}

function isAuthorized(ctx, headers) {
	return headers.authorization === `Bearer ${ctx.apiKey}`;
}

/** The account the rate-limit headers are counted for: the requested one when known, else the default. */
function headerAccountId(ctx, record, params) {
	const candidates = [
		params && params.accountId,
		record.query.accountId,
		isPlainObject(record.body) && record.body.accountId,
	];
	const known = candidates.find((id) => typeof id === 'string' && ctx.state.data[id.toLowerCase()]);
	return known ? known.toLowerCase() : ctx.state.defaultAccountId;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-minute throttling (off unless options.throttle is given): sliding windows over real arrival times, scaled.

const THROTTLE_CLASS = {
	CONNECT: 'write',
	MESSAGE: 'write',
	NEW_CONVERSATION: 'write',
	INVITATION_RESPOND: 'write',
	WITHDRAW: 'write',
	READ: 'read',
	ACCOUNT: 'account',
};

function throttleLimits(throttle) {
	const minute = throttle.windowMs || MINUTE_MS;
	return {
		write: { limit: throttle.writes || 15, windowMs: minute },
		read: { limit: throttle.reads || 30, windowMs: minute },
		account: { limit: throttle.account || 10, windowMs: minute },
		key: { limit: throttle.perKey || 60, windowMs: minute },
		burst: { limit: throttle.burst || 100, windowMs: minute / 6 },
	};
}

function checkThrottle(ctx, action, accountId) {
	if (!ctx.throttle) return;
	const limits = throttleLimits(ctx.throttle);
	const now = Date.now();
	const windows = [
		[`${THROTTLE_CLASS[action] || 'read'}:${accountId}`, limits[THROTTLE_CLASS[action] || 'read']],
		['key', limits.key],
		['burst', limits.burst],
	];
	for (const [id, { limit, windowMs }] of windows) {
		const arrivals = (ctx.arrivals[id] ||= []).filter((at) => at > now - windowMs);
		ctx.arrivals[id] = arrivals;
		if (arrivals.length >= limit) {
			const retryAfter = Math.max(1, Math.ceil((arrivals[0] + windowMs - now) / 1000));
			throw throttled(ctx, ctx.throttle.style || 'full', {
				retryAfter,
				limitHeaders: rateLimitHeaders(ctx, action, accountId),
				text: `Too many requests: ${limit} per ${windowMs} ms (${id.split(':')[0]})`,
			});
		}
	}
	for (const [id] of windows) ctx.arrivals[id].push(now);
}

/** Runs one request through auth, routing, body parsing, throttling and the handler. Never throws. */
function dispatch(ctx, record, rawBody) {
	let found = null;
	let result;
	try {
		if (!isAuthorized(ctx, record.headers)) throw fail(401, 'Unauthorized - Invalid credentials');
		found = findRoute(record.method, record.fullPath);
		if (!found) throw fail(404, `Not found: ${record.method} ${record.fullPath}`);
		if (record.method !== 'GET') record.body = parseJsonBody(rawBody);
		checkThrottle(ctx, found.route.action, headerAccountId(ctx, record, found.params));
		result = found.route.handler(ctx, {
			query: record.query,
			body: record.body,
			params: found.params,
		});
	} catch (error) {
		result = errorResult(ctx, error);
	}
	const route = found ? found.route : routeOrNull(record);
	if (route && route.codedErrors && result.status >= 400 && result.body)
		result = codedError(result);
	if (result.exact) return result;
	const action = found ? found.route.action : 'READ';
	const accountId = headerAccountId(ctx, record, found && found.params);
	const headers = { ...rateLimitHeaders(ctx, action, accountId), ...(result.headers || {}) };
	return { ...result, headers: result.status === 429 ? varyQuota429(ctx, headers) : headers };
}

function routeOrNull(record) {
	try {
		const found = findRoute(record.method, record.fullPath);
		return found && found.route;
	} catch {
		return null;
	}
}

// The contract's newer error shape (ERROR_CODES above) for every route when errorShape is 'code' (a validation
// error's Zod issues folded into the message). The older `{ success: false, error }` (Zod object on 400s) is the default.

function zodMessage(error) {
	return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

function shaped(ctx, status, body) {
	if (ctx.errorShape !== 'code' || !body || body.success !== false) return body;
	const { error, ...rest } = body;
	const message = typeof error === 'string' ? error : zodMessage(error);
	return { ...rest, code: ERROR_CODES[status] || 'error', message };
}

function errorResult(ctx, error) {
	if (error instanceof HttpError)
		return {
			status: error.status,
			body: shaped(ctx, error.status, error.body),
			headers: error.headers,
			...error.answer,
		};
	return {
		status: 500,
		body: { success: false, error: `Internal server error: ${error.message}` },
	};
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP server

function readText(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function lowerCaseHeaders(headers) {
	return Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [
			name.toLowerCase(),
			Array.isArray(value) ? value.join(', ') : value,
		]),
	);
}

function newRecord(req) {
	const url = new URL(req.url, 'http://fake.local');
	const segments = splitPath(url.pathname);
	const path = segments ? url.pathname.slice(PREFIX.length) || '/' : url.pathname;
	return {
		method: req.method,
		path: safeDecode(path),
		fullPath: url.pathname,
		query: Object.fromEntries(url.searchParams),
		body: undefined,
		headers: lowerCaseHeaders(req.headers),
		status: 0,
		at: Date.now(),
	};
}

function tryParse(text) {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------------------------
// Fault injection: a rule answers matching requests instead of the normal handler, `times` times.

function matchesFault(rule, record) {
	if (rule.method && rule.method !== record.method) return false;
	if (
		rule.path instanceof RegExp
			? !rule.path.test(record.path)
			: rule.path && rule.path !== record.path
	)
		return false;
	if (
		rule.match &&
		!rule.match({
			...record,
			body: record.rawBody === undefined ? undefined : tryParse(record.rawBody),
		})
	)
		return false;
	return Object.entries(rule.query || {}).every(
		([key, value]) => record.query[key] === String(value),
	);
}

function takeFault(ctx, record) {
	const rule = ctx.faults.find(
		(candidate) => candidate.remaining > 0 && matchesFault(candidate, record),
	);
	if (rule) rule.remaining--;
	return rule;
}

const FAULT_STATUS = { redirect: 302, drip: 200, endless: 200, large: 200, throttle: 429 };
const ENDLESS_PREFIX = '{"success":true,"invitations":[';
const ENDLESS_ITEM = '{"id":"x"},';
const ENDLESS_MAX_BYTES = 256 * 1024 * 1024;
const STREAM_CHUNK = 65536;

/** The rule's body for this request: a function is called with the request (JSON body parsed). */
function faultBody(rule, record) {
	return typeof rule.body === 'function' ? rule.body({ ...record }) : rule.body;
}

function bodyText(body) {
	return typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
}

/**
 * Watches a response for its end ('close': finished, client gone, or the server closing its connections) so that
 * slow faults stop at once. `pause` and `drain` resolve early when the response closes.
 */
function watchResponse(res) {
	const waiters = new Set();
	const watch = {
		gone: Boolean(res.destroyed),
		wait(register) {
			if (watch.gone) return Promise.resolve();
			return new Promise((resolve) => {
				let cleanup = () => {};
				const wake = () => {
					waiters.delete(wake);
					cleanup();
					resolve();
				};
				waiters.add(wake);
				cleanup = register(wake);
			});
		},
		pause(ms) {
			return watch.wait((wake) => {
				const timer = setTimeout(wake, ms);
				return () => clearTimeout(timer);
			});
		},
		drain() {
			return watch.wait((wake) => {
				res.once('drain', wake);
				return () => res.off('drain', wake);
			});
		},
	};
	res.once('close', () => {
		watch.gone = true;
		for (const wake of [...waiters]) wake();
	});
	return watch;
}

/**
 * Writes the chunks `next()` returns (null: done) with backpressure, `intervalMs` apart, counting
 * record.bytesSent. Stops when the response closes. Returns whether every chunk was written.
 */
async function pump(watch, res, record, next, intervalMs) {
	record.bytesSent = record.bytesSent || 0;
	for (let chunk = next(); chunk !== null; chunk = next()) {
		if (intervalMs > 0) await watch.pause(intervalMs);
		if (watch.gone) return false;
		const flushed = res.write(chunk);
		record.bytesSent += chunk.length;
		if (!flushed) await watch.drain();
	}
	return !watch.gone;
}

/** Splits a buffer into chunks of `size` bytes, one per call, then null. */
function chunksOf(buffer, size) {
	let offset = 0;
	return () => {
		if (offset >= buffer.length) return null;
		const chunk = buffer.subarray(offset, offset + size);
		offset += chunk.length;
		return chunk;
	};
}

function positive(value, fallback) {
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function answerDrip(watch, rule, record, res) {
	const body = faultBody(rule, record);
	const whole = Buffer.from(bodyText(body));
	const contentType =
		rule.contentType ||
		(typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8');
	res.writeHead(record.status, {
		'Content-Type': contentType,
		'Content-Length': whole.length,
		...rule.headers,
	});
	res.flushHeaders();
	record.bytesSent = 0;
	const chunkBytes = Math.floor(positive(rule.chunkBytes, 1)) || 1;
	const intervalMs = rule.intervalMs === undefined ? 100 : Math.max(0, rule.intervalMs);
	if (await pump(watch, res, record, chunksOf(whole, chunkBytes), intervalMs)) res.end();
}

async function answerEndless(watch, rule, record, res) {
	const chunkBytes = Math.floor(positive(rule.chunkBytes, STREAM_CHUNK));
	const maxBytes = positive(rule.maxBytes, ENDLESS_MAX_BYTES);
	const intervalMs = Math.max(0, rule.intervalMs || 0);
	const chunk = Buffer.from(
		ENDLESS_ITEM.repeat(Math.max(1, Math.floor(chunkBytes / ENDLESS_ITEM.length))),
	);
	res.writeHead(record.status, {
		'Content-Type': 'application/json; charset=utf-8',
		...rule.headers,
	});
	res.flushHeaders();
	record.bytesSent = 0;
	let first = true;
	const next = () => {
		if (record.bytesSent >= maxBytes) return null;
		if (first) {
			first = false;
			return Buffer.from(ENDLESS_PREFIX);
		}
		return chunk;
	};
	await pump(watch, res, record, next, intervalMs);
	// Never a valid end: the cap (or a closed response) ends it by destroying the connection.
	res.destroy();
}

async function answerLarge(watch, rule, record, res) {
	const head = Buffer.from('{"success":true,"invitations":[],"padding":"');
	const tail = Buffer.from('"}');
	const padding = Math.max(0, Math.floor(rule.bytes || 0) - head.length - tail.length);
	const filler = Buffer.alloc(Math.min(STREAM_CHUNK, Math.max(padding, 1)), 'x');
	res.writeHead(record.status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': head.length + padding + tail.length,
		...rule.headers,
	});
	record.bytesSent = 0;
	let left = padding;
	let stage = 0;
	const next = () => {
		if (stage === 0) {
			stage = 1;
			return head;
		}
		if (left > 0) {
			const piece = filler.subarray(0, Math.min(left, filler.length));
			left -= piece.length;
			return piece;
		}
		if (stage === 1) {
			stage = 2;
			return tail;
		}
		return null;
	};
	if (await pump(watch, res, record, next, 0)) res.end();
}

/** The normal handler's answer plus the request's Authorization header and the key the server expects. */
function answerEcho(ctx, record, res) {
	const result = dispatch(ctx, record, record.rawBody || '');
	record.status = result.status;
	const base = isPlainObject(result.body) ? result.body : { data: result.body };
	const body = {
		success: true,
		...base,
		debug: { authorization: record.headers.authorization, apiKey: ctx.apiKey },
	};
	const payload = JSON.stringify(body);
	res.writeHead(result.status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
		...result.headers,
	});
	res.end(payload);
}

/** A throttling 429 in the rule's `style`, with the X-RateLimit-* counts the route would report. */
function answerThrottle(ctx, rule, record, res) {
	const found = routeOrNull(record);
	const action = found ? found.action : 'READ';
	const error = throttled(ctx, rule.style || 'full', {
		retryAfter: rule.retryAfter === undefined ? 1 : rule.retryAfter,
		limitHeaders: rateLimitHeaders(ctx, action, headerAccountId(ctx, record, {})),
		text: 'Too many requests',
	});
	const payload = error.answer.raw !== undefined ? error.answer.raw : JSON.stringify(error.body);
	res.writeHead(429, {
		'Content-Type': `${error.answer.contentType || 'application/json'}; charset=utf-8`,
		'Content-Length': Buffer.byteLength(payload),
		...error.headers,
	});
	res.end(payload);
}

async function answerWithFault(ctx, rule, record, res) {
	const watch = watchResponse(res);
	const action = rule.action;
	record.status =
		action === 'reset' || action === 'hang' || action === 'echo'
			? 0
			: rule.status || FAULT_STATUS[action] || 500;
	record.fault = action || 'status';
	if (rule.delayMs) await watch.pause(rule.delayMs);
	if (watch.gone || action === 'hang') return;
	if (action === 'reset') {
		res.socket.destroy();
		return;
	}
	if (action === 'echo') return answerEcho(ctx, record, res);
	if (action === 'throttle') return answerThrottle(ctx, rule, record, res);
	if (action === 'drip') return answerDrip(watch, rule, record, res);
	if (action === 'endless') return answerEndless(watch, rule, record, res);
	if (action === 'large') return answerLarge(watch, rule, record, res);
	if (action === 'redirect') {
		res.writeHead(record.status, { Location: rule.location, 'Content-Length': 0, ...rule.headers });
		res.end();
		return;
	}
	const body = faultBody(rule, record);
	const text = bodyText(body);
	const contentType =
		rule.contentType ||
		(typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8');
	if (action === 'truncate') {
		const whole = Buffer.from(
			JSON.stringify(body === undefined ? { success: true, invitations: [] } : body),
		);
		res.writeHead(record.status, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': whole.length,
			...rule.headers,
		});
		res.write(whole.subarray(0, Math.floor(whole.length / 2)));
		res.socket.destroy();
		return;
	}
	res.writeHead(record.status, {
		...(text === '' ? {} : { 'Content-Type': contentType }),
		'Content-Length': Buffer.byteLength(text),
		...rule.headers,
	});
	res.end(text);
}

async function handleHttp(ctx, req, res) {
	const record = newRecord(req);
	ctx.requests.push(record);
	res.once('close', () => {
		record.closedAt = Date.now();
		record.completed = res.writableFinished;
	});
	const rawBody = await readText(req);
	if (rawBody !== '') record.rawBody = rawBody;
	if (record.method === 'POST' && record.fullPath === CHAT_WEBHOOK_PATH) {
		record.status = 200;
		res.writeHead(record.status, { 'Content-Type': 'application/json; charset=utf-8' });
		res.end('{"ok":true}');
		return;
	}
	const fault = takeFault(ctx, record);
	if (fault) {
		if (record.rawBody !== undefined) record.body = tryParse(record.rawBody);
		await answerWithFault(ctx, fault, record, res);
		return;
	}
	if (ctx.live && isAuthorized(ctx, record.headers))
		live.topUp(ctx.api, record, DEFAULT_ACCOUNT_ID);
	const result = dispatch(ctx, record, rawBody);
	record.status = result.status;
	if (ctx.latencyMs > 0) await delay(ctx.latencyMs);
	const payload = result.raw !== undefined ? result.raw : JSON.stringify(result.body);
	res.writeHead(result.status, {
		'Content-Type': `${result.contentType || 'application/json'}; charset=utf-8`,
		'Content-Length': Buffer.byteLength(payload),
		...result.headers,
	});
	res.end(payload);
}

function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address().port);
		});
	});
}

/** Remembers the server's sockets so that close() can end them all, open drip / endless / hang answers included. */
function trackSockets(server) {
	const sockets = new Set();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	return sockets;
}

function closeServer(server, sockets) {
	return new Promise((resolve, reject) => {
		server.close((error) => (error ? reject(error) : resolve()));
		server.closeAllConnections();
		for (const socket of sockets) socket.destroy();
	});
}

function urlOf(host, port) {
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Recorder: a second, foreign host that records whatever reaches it (e.g. a followed redirect) and answers "success".

const RECORDER_BODY = {
	success: true,
	connected: false,
	invitationSent: false,
	invitationReceived: false,
	invitations: [],
	connections: [],
};

async function startRecorder(options = {}) {
	const requests = [];
	const status = options.status || 200;
	const payload = JSON.stringify(options.body === undefined ? RECORDER_BODY : options.body);
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://recorder.local');
		const record = {
			method: req.method,
			path: safeDecode(url.pathname),
			url: req.url,
			query: Object.fromEntries(url.searchParams),
			headers: lowerCaseHeaders(req.headers),
			body: '',
			at: Date.now(),
		};
		requests.push(record);
		readText(req)
			.then((text) => {
				record.body = text;
			})
			.catch(() => {})
			.finally(() => {
				if (res.destroyed) return;
				res.writeHead(status, {
					'Content-Type': 'application/json; charset=utf-8',
					'Content-Length': Buffer.byteLength(payload),
				});
				res.end(payload);
			});
	});
	const sockets = trackSockets(server);
	const host = options.host || '127.0.0.1';
	const port = await listen(server, options.port || 0, host);
	return {
		url: urlOf(host, port),
		port,
		requests,
		clear() {
			requests.length = 0;
		},
		close() {
			return closeServer(server, sockets);
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

async function startFakeApi(options = {}) {
	const ctx = {
		apiKey: options.apiKey || DEFAULT_API_KEY,
		latencyMs: options.latencyMs || 0,
		connectQuota: options.connectQuota === undefined ? DEFAULT_CONNECT_QUOTA : options.connectQuota,
		messageQuota: options.messageQuota === undefined ? DEFAULT_MESSAGE_QUOTA : options.messageQuota,
		conversationQuota: options.conversationQuota ?? conversations.DEFAULT_CONVERSATION_QUOTA,
		now: options.now || (() => new Date()),
		seed: options.seed || {},
		state: createState(),
		requests: [],
		faults: [],
		throttle: options.throttle,
		finderQuotas: options.finderQuotas,
		optionalHeaders: options.optionalHeaders || 'vary',
		arrivals: {},
		live: Boolean(options.live),
		errorShape: options.errorShape || 'error',
	};
	fillState(ctx.state, ctx.seed);

	const server = http.createServer((req, res) => {
		handleHttp(ctx, req, res).catch((error) => {
			if (!res.headersSent)
				res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify({ success: false, error: `Internal server error: ${error.message}` }));
		});
	});
	const sockets = trackSockets(server);
	const host = options.host || '127.0.0.1';
	const port = await listen(server, options.port || 0, host);

	ctx.api = {
		url: `${urlOf(host, port)}${PREFIX}`,
		chatWebhookUrl: `${urlOf(host, port)}${CHAT_WEBHOOK_PATH}`,
		port,
		apiKey: ctx.apiKey,
		requests: ctx.requests,
		state: ctx.state,
		reset(seed) {
			if (seed !== undefined) ctx.seed = seed;
			for (const key of Object.keys(ctx.state)) {
				if (!['received', 'sent', 'connections'].includes(key)) delete ctx.state[key];
			}
			fillState(ctx.state, ctx.seed);
			ctx.requests.length = 0;
			ctx.faults.length = 0;
			ctx.arrivals = {};
			ctx.errorShape = options.errorShape || 'error';
		},
		setErrorShape(shape) {
			ctx.errorShape = shape;
		},
		fault(rule) {
			ctx.faults.push({ ...rule, remaining: rule.times === undefined ? 1 : rule.times });
		},
		clearRequests() {
			ctx.requests.length = 0;
		},
		addReceived(partial = {}, accountId = DEFAULT_ACCOUNT_ID) {
			const item = data.makeReceived(ctx.state.nextIndex.received++, {
				receivedAt: RECENT_TEXT,
				...partial,
			});
			ctx.state.data[accountId].received.unshift(item);
			registerProfile(ctx.state, personFromReceived(item));
			return item;
		},
		addSent(partial = {}, accountId = DEFAULT_ACCOUNT_ID) {
			const item = data.makeSent(ctx.state.nextIndex.sent++, { sentAt: RECENT_TEXT, ...partial });
			ctx.state.data[accountId].sent.unshift(item);
			registerProfile(ctx.state, personFromSent(item));
			return item;
		},
		addConnection(partial = {}, accountId = DEFAULT_ACCOUNT_ID) {
			const connectedDate = data.formatConnectedDate(ctx.now().getTime());
			const item = data.makeConnection(ctx.state.nextIndex.connections++, {
				connectedDate,
				...partial,
			});
			ctx.state.data[accountId].connections.unshift(item);
			registerProfile(ctx.state, personFromConnection(item));
			return item;
		},
		removeReceived(invitationId, accountId = DEFAULT_ACCOUNT_ID) {
			const list = ctx.state.data[accountId].received;
			const index = list.findIndex((inv) => inv.invitationId === String(invitationId));
			if (index >= 0) list.splice(index, 1);
		},
		setConnectUsed(n, accountId = DEFAULT_ACCOUNT_ID) {
			connectUsed(ctx, accountId); // roll the week window first
			ctx.state.connectUsed[accountId] = n;
		},
		setMessageUsed(n, accountId = DEFAULT_ACCOUNT_ID) {
			messageUsed(ctx, accountId); // roll the day window first
			ctx.state.messageUsed[accountId] = n;
		},
		setFinderUsed(action, n, accountId = DEFAULT_ACCOUNT_ID) {
			finders.usage(ctx, accountId, action).used = n;
		},
		addProfile(person) {
			return registerProfile(ctx.state, person);
		},
		findProfile(id) {
			return findProfile(ctx.state, id);
		},
		relationship(profileId, accountId = DEFAULT_ACCOUNT_ID) {
			const profile = findProfile(ctx.state, profileId);
			return profile ? relationshipOf(ctx.state, accountId, profile) : undefined;
		},
		...conversations.helpers(routeHelpers, ctx),
		close() {
			return closeServer(server, sockets);
		},
		setLive(on) {
			ctx.live = Boolean(on);
		},
	};
	return ctx.api;
}

module.exports = {
	startFakeApi,
	startRecorder,
	RECORDER_BODY,
	makeReceived: data.makeReceived,
	makeSent: data.makeSent,
	makeConnection: data.makeConnection,
	makeProfile: data.makeProfile,
	memberIdFor: data.memberIdFor,
	weekStart,
	nextWeekReset,
	DEFAULT_ACCOUNT_ID,
	SECOND_ACCOUNT_ID,
	DEFAULT_API_KEY,
	PAGE_SIZE,
	CONNECTIONS_MAX_LIMIT,
	DEFAULT_CONNECT_QUOTA,
	DEFAULT_MESSAGE_QUOTA,
	DEFAULT_CONVERSATION_QUOTA: conversations.DEFAULT_CONVERSATION_QUOTA,
	DEFAULT_SEED,
	SECOND_ACCOUNT_OFFSET,
	INVITATION_TYPES: data.INVITATION_TYPES,
	finders,
	PROFILE_BASE: data.PROFILE_BASE,
};
