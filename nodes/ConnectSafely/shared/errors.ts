import { isObject, shorten } from './text';

export interface ApiResponseLike {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

export interface ErrorDescription {
	message: string;
	description: string;
	httpCode: string;
}

type Json = Record<string, unknown>;

interface ParsedBody {
	json?: Json;
	nonJson: boolean;
	text?: string;
}

const MAX_TEXT = 300;

function tryJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function looksLikeMarkup(text: string): boolean {
	return /<\s*(?:!doctype|\/?[a-z][a-z0-9-]*(?:\s|>|\/))/i.test(text);
}

function parseBody(body: unknown): ParsedBody {
	if (isObject(body)) return { json: body, nonJson: false };
	if (typeof body !== 'string') return { nonJson: false };
	const trimmed = body.trim();
	if (trimmed === '') return { nonJson: false };
	const parsed = tryJson(trimmed);
	if (isObject(parsed)) return { json: parsed, nonJson: false };
	const text = typeof parsed === 'string' ? parsed.trim() : trimmed;
	// Short plain-text bodies (e.g. "Unauthorized") are safe to quote; markup never is.
	if (text !== '' && !looksLikeMarkup(text) && Array.from(text).length <= 120 && !/\n/.test(text)) {
		return { nonJson: false, text };
	}
	return { nonJson: text !== '' };
}

function issuesOf(json: Json): unknown[] | undefined {
	if (Array.isArray(json.issues)) return json.issues;
	const error = json.error;
	if (isObject(error)) {
		if (Array.isArray(error.issues)) return error.issues;
		if (typeof error.message === 'string') {
			const fromMessage = tryJson(error.message);
			if (Array.isArray(fromMessage)) return fromMessage;
		}
	}
	return undefined;
}

function issuePath(issue: unknown): string {
	if (!isObject(issue) || !Array.isArray(issue.path)) return '';
	return issue.path
		.filter((part) => typeof part === 'string' || typeof part === 'number')
		.map(String)
		.join('.');
}

export function zodIssueFields(body: unknown): string[] {
	const { json } = parseBody(body);
	const issues = json ? issuesOf(json) : undefined;
	if (!issues) return [];
	const fields: string[] = [];
	for (const issue of issues) {
		const path = issuePath(issue);
		if (path !== '' && !fields.includes(path)) fields.push(path);
	}
	return fields;
}

function zodText(json: Json): string | undefined {
	const issues = issuesOf(json);
	if (!issues || issues.length === 0) return undefined;
	const parts = issues.slice(0, 5).map((issue) => {
		const path = issuePath(issue);
		const message =
			isObject(issue) && typeof issue.message === 'string' ? issue.message : 'invalid';
		return path === '' ? message : `${path} – ${message}`;
	});
	if (issues.length > 5) parts.push(`and ${issues.length - 5} more`);
	return parts.join('; ');
}

function apiText(json: Json): string | undefined {
	const fromZod = zodText(json);
	if (fromZod !== undefined) return fromZod;
	const error = json.error;
	if (typeof error === 'string' && error.trim() !== '') return error.trim();
	if (isObject(error) && typeof error.message === 'string' && error.message.trim() !== '') {
		return error.message.trim();
	}
	if (typeof json.message === 'string' && json.message.trim() !== '') return json.message.trim();
	if (typeof json.code === 'string' && json.code.trim() !== '') return json.code.trim();
	return undefined;
}

/** ConnectSafely's own error text in a body (its error/message fields or Zod issues), never markup. */
export function apiErrorText(body: unknown): string | undefined {
	const parsed = parseBody(body);
	const text = parsed.json ? apiText(parsed.json) : parsed.text;
	return text !== undefined && !looksLikeMarkup(text) ? text : undefined;
}

function clean(text: string): string {
	const redacted = text.replace(/bearer\s+[^\s"',;]+/gi, 'Bearer [redacted]').replace(/\s+/g, ' ');
	return shorten(redacted, MAX_TEXT);
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	const first = Array.isArray(value) ? value[0] : value;
	if (typeof first === 'number') return String(first);
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function normalizeInstant(value: string): string {
	if (/^\d+(?:\.\d+)?$/.test(value)) {
		const number = Number(value);
		const ms = number >= 1e12 ? number : number * 1000;
		const date = new Date(ms);
		return Number.isNaN(date.getTime()) || number < 1e9 ? value : date.toISOString();
	}
	return value;
}

function statusSummary(statusCode: number): string {
	if (statusCode >= 200 && statusCode < 300) return 'ConnectSafely reported a failure';
	if (statusCode === 400) return 'ConnectSafely rejected the request';
	if (statusCode === 401) return 'ConnectSafely did not accept the API key';
	if (statusCode === 403) return 'ConnectSafely refused access';
	if (statusCode === 404) return 'ConnectSafely could not find what the request refers to';
	if (statusCode === 429) return 'the rate limit was reached';
	if (statusCode >= 500) return 'ConnectSafely had a server error';
	return 'ConnectSafely answered with an unexpected status';
}

const NO_PENDING =
	/\bno (?:such |matching )?pending\b|\bnot pending\b|\bno (?:such |matching )?invitation\b|\binvitation (?:was )?not found\b|\bnothing to withdraw\b/i;
const ALREADY = /\balready\b/i;

function requestProblem(text: string | undefined, fields: string[]): string {
	if (text !== undefined && NO_PENDING.test(text)) {
		return 'There is no pending invitation for this person: it was probably already accepted, ignored or withdrawn. Nothing needs doing; to let the workflow go on for such items, turn on the node setting On Error → Continue.';
	}
	if (text !== undefined && ALREADY.test(text)) {
		return 'Nothing needed doing: the person is already connected, or an invitation is already pending. Check with Connection → Get Status first, or turn on the node setting On Error → Continue to skip such items.';
	}
	if (fields.length > 0) {
		const list = fields.join(', ');
		return `ConnectSafely says ${fields.length === 1 ? 'this field is' : 'these fields are'} missing or invalid: ${list}. Check the node parameter that fills ${fields.length === 1 ? 'it' : 'them'}; an expression pointing at a field the input item does not have gives an empty value.`;
	}
	return 'ConnectSafely considered the request invalid. Check the node parameters, especially values that come from expressions.';
}

function notFound(text: string | undefined): string {
	const quoted = text !== undefined ? `ConnectSafely says: "${text}". ` : '';
	if (text !== undefined && /\baccount\b/i.test(text) && !/\bprofile\b/i.test(text)) {
		return `${quoted}Check the LinkedIn Account parameter, or connect a LinkedIn account in the ConnectSafely dashboard.`;
	}
	return `${quoted}Check the profile: use the public profile URL or the vanity name (the part after linkedin.com/in/) of an existing person, and the LinkedIn Account the request should go through.`;
}

interface RateLimitInfo {
	resetAt?: string;
	holdUntil?: string;
	retryAfter?: string;
	action?: string;
}

function rateLimitInfo(
	json: Json | undefined,
	text: string | undefined,
	headers: Record<string, unknown>,
): RateLimitInfo {
	const info: RateLimitInfo = {};
	const reset = header(headers, 'x-ratelimit-reset');
	if (reset !== undefined) info.resetAt = normalizeInstant(reset);
	else if (json && typeof json.resetAt === 'string') info.resetAt = json.resetAt;
	else {
		const fromText =
			text !== undefined
				? /resets? at (\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)/i.exec(text)
				: null;
		if (fromText) info.resetAt = fromText[1];
	}
	if (json && typeof json.holdUntil === 'string' && json.holdUntil.trim() !== '')
		info.holdUntil = json.holdUntil.trim();
	info.retryAfter = header(headers, 'retry-after');
	info.action = header(headers, 'x-ratelimit-action');
	return info;
}

function rateLimitAdvice(info: RateLimitInfo): string {
	const parts: string[] = [];
	if (info.holdUntil !== undefined) {
		parts.push(
			`LinkedIn put the account on hold until ${info.holdUntil}. Do not retry before then: retrying earlier extends LinkedIn holds.`,
		);
	}
	if (info.resetAt !== undefined) parts.push(`The limit resets at ${info.resetAt}.`);
	if (info.retryAfter !== undefined) {
		parts.push(
			/^\d+$/.test(info.retryAfter)
				? `ConnectSafely asks to wait ${info.retryAfter} seconds before the next request.`
				: `ConnectSafely asks not to retry before ${info.retryAfter}.`,
		);
	}
	if (info.holdUntil === undefined) {
		parts.push(
			info.resetAt !== undefined
				? 'Do not retry before the reset: retrying earlier can make LinkedIn put the account on hold or extend a hold.'
				: 'Wait before retrying: retrying too early can make LinkedIn put the account on hold or extend a hold.',
		);
	}
	parts.push(
		"n8n's Retry On Fail waits at most 5 seconds, which does not help here: run the workflow again after that time instead.",
	);
	return parts.join(' ');
}

export function isApiFailure(response: ApiResponseLike): boolean {
	if (response.statusCode < 200 || response.statusCode >= 300) return true;
	const { json } = parseBody(response.body);
	return json !== undefined && json.success === false;
}

export function describeApiError(operation: string, response: ApiResponseLike): ErrorDescription {
	const { statusCode } = response;
	const headers = response.headers ?? {};
	const parsed = parseBody(response.body);
	const candidate = parsed.json ? apiText(parsed.json) : parsed.text;
	const nonJson = parsed.nonJson || (candidate !== undefined && looksLikeMarkup(candidate));
	const rawText = candidate !== undefined && !looksLikeMarkup(candidate) ? candidate : undefined;
	const text = rawText !== undefined ? clean(rawText) : undefined;
	const fields = parsed.json ? zodIssueFields(parsed.json) : [];

	let detail = text;
	if (detail === undefined && nonJson) {
		detail = 'the server answered with a non-JSON page (probably from a proxy or gateway)';
	}
	let summary = statusSummary(statusCode);
	let description: string;

	if (statusCode === 429) {
		const info = rateLimitInfo(parsed.json, rawText, headers);
		if (info.action !== undefined) summary = `the rate limit for ${info.action} was reached`;
		description = rateLimitAdvice(info);
	} else if (statusCode === 401) {
		description =
			'The API key is missing or invalid. Check the "ConnectSafely API" credential: copy a current key from Settings → API keys in the ConnectSafely dashboard.';
	} else if (statusCode === 403) {
		description =
			'The ConnectSafely trial has expired or the workspace has no active subscription. The subscription, not the workflow, must change: renew it in the ConnectSafely dashboard, then run the workflow again.';
	} else if (statusCode === 404) {
		description = notFound(text);
	} else if (statusCode >= 500) {
		description =
			'This is usually transient (ConnectSafely or LinkedIn had a temporary problem). One retry a few minutes later may help; if it keeps failing, contact ConnectSafely support.';
		const retryAfter = header(headers, 'retry-after');
		if (retryAfter !== undefined) {
			description += /^\d+$/.test(retryAfter)
				? ` ConnectSafely asks to wait ${retryAfter} seconds before trying again.`
				: ` ConnectSafely asks not to retry before ${clean(retryAfter)}.`;
		}
	} else if (statusCode === 400 || (statusCode >= 200 && statusCode < 300)) {
		description = requestProblem(text, fields);
	} else {
		description = `ConnectSafely answered with HTTP status ${statusCode}, which this node does not expect. Check the Base URL of the "ConnectSafely API" credential and try again later.`;
	}

	return {
		message: `${operation} failed: ${summary} (${statusCode})${detail !== undefined ? `: ${detail}` : ''}`,
		description,
		httpCode: String(statusCode),
	};
}

export interface RateLimitState {
	action?: string;
	limit?: number;
	used?: number;
	remaining?: number;
	reset?: string;
}

function headerNumber(headers: Record<string, unknown>, name: string): number | undefined {
	const value = header(headers, name);
	return value === undefined || Number.isNaN(Number(value)) ? undefined : Number(value);
}

export function rateLimitFromHeaders(headers: Record<string, unknown>): RateLimitState | undefined {
	const state: RateLimitState = {
		action: header(headers, 'x-ratelimit-action'),
		limit: headerNumber(headers, 'x-ratelimit-limit'),
		used: headerNumber(headers, 'x-ratelimit-used'),
		remaining: headerNumber(headers, 'x-ratelimit-remaining'),
		reset: header(headers, 'x-ratelimit-reset'),
	};
	if (state.reset !== undefined) state.reset = normalizeInstant(state.reset);
	return Object.values(state).some((value) => value !== undefined) ? state : undefined;
}

export interface RateLimitRejection {
	/** A short throttle worth waiting out, as opposed to a quota or a LinkedIn hold, which must never be retried. */
	throttled: boolean;
	retryAfterMs?: number;
	holdUntil?: string;
	resetAt?: string;
	action?: string;
}

const QUOTA_TEXT = /rate limit exceeded for \w+: \d+\s*\/\s*\d+/i;

export function classifyRateLimit(response: ApiResponseLike): RateLimitRejection | undefined {
	if (response.statusCode !== 429) return undefined;
	const parsed = parseBody(response.body);
	const text = parsed.json ? apiText(parsed.json) : parsed.text;
	const info = rateLimitInfo(parsed.json, text, response.headers ?? {});
	const seconds =
		info.retryAfter !== undefined && /^\d+(?:\.\d+)?$/.test(info.retryAfter)
			? Number(info.retryAfter)
			: undefined;
	const quota = info.holdUntil !== undefined || (text !== undefined && QUOTA_TEXT.test(text));
	return {
		throttled: !quota && seconds !== undefined,
		retryAfterMs: seconds === undefined ? undefined : seconds * 1000,
		holdUntil: info.holdUntil,
		resetAt: info.resetAt,
		action: info.action,
	};
}

const UNKNOWN_OUTCOME =
	'The request may have reached ConnectSafely and been carried out before the answer was lost. The node did not send it again; before running this item again, check whether it took effect (Connection → Get Status, or Invitation → Get Many Sent / Get Many Received).';

/**
 * What is wrong with a 2xx answer that is not the JSON object ConnectSafely always sends (`success: true` plus fields):
 * 'empty' (no body, e.g. a 204), 'notJson' (HTML, plain text, broken or cut-off JSON, a bare array or value),
 * or undefined when the body is a JSON object.
 */
export function malformedSuccess(response: ApiResponseLike): 'empty' | 'notJson' | undefined {
	if (response.statusCode < 200 || response.statusCode >= 300) return undefined;
	const { body } = response;
	if (isObject(body)) return undefined;
	if (body === undefined || body === null || (typeof body === 'string' && body.trim() === ''))
		return 'empty';
	if (typeof body === 'string' && isObject(tryJson(body.trim()))) return undefined;
	return 'notJson';
}

export function describeMalformedSuccess(
	operation: string,
	response: ApiResponseLike,
	options: { write: boolean; problem?: string },
): ErrorDescription {
	const kind = malformedSuccess(response) ?? 'notJson';
	const what =
		options.problem !== undefined
			? `an answer that is not what it promises (${options.problem})`
			: kind === 'empty'
				? 'an empty answer'
				: 'an answer that is not the expected JSON';
	const outcome = options.write ? `${UNKNOWN_OUTCOME} ` : 'Nothing was changed. ';
	return {
		message: `${operation} failed: ConnectSafely sent ${what} (${response.statusCode})`,
		description: `${outcome}ConnectSafely always answers with a JSON object, so something else probably answered (a proxy, gateway or captive portal), or the API had a temporary problem. Check the Base URL of the "ConnectSafely API" credential; if it keeps happening, contact ConnectSafely support.`,
		httpCode: String(response.statusCode),
	};
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const UNREACHABLE_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** The network error code (ECONNRESET, ECONNABORTED, …) of a request that got no complete answer, else undefined. */
export function transportErrorCode(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const { httpCode, code } = error as { httpCode?: unknown; code?: unknown };
	const candidate = typeof httpCode === 'string' && httpCode !== '' ? httpCode : code;
	return typeof candidate === 'string' && /^E[A-Z0-9_]+$/.test(candidate) ? candidate : undefined;
}

/** A request that got no (complete) answer: a timeout, a reset or cut-off connection, an unreachable server. */
export function describeTransportError(
	operation: string,
	code: string,
	options: { write: boolean; timeoutMs?: number },
): ErrorDescription {
	const unreachable = UNREACHABLE_CODES.has(code);
	let what: string;
	if (TIMEOUT_CODES.has(code)) {
		what = `ConnectSafely did not answer within ${options.timeoutMs !== undefined ? `the request timeout of ${options.timeoutMs} ms` : 'the request timeout'}`;
	} else if (unreachable) {
		what = 'ConnectSafely could not be reached';
	} else {
		what = 'the connection was closed before the whole answer arrived';
	}
	let description: string;
	if (unreachable) {
		description =
			'Nothing was sent. Check the Base URL of the "ConnectSafely API" credential and the network connection of the n8n server, then run the workflow again.';
	} else if (options.write) {
		description = `${UNKNOWN_OUTCOME} This is usually a temporary network or server problem.`;
	} else {
		description =
			'Nothing was changed. This is usually a temporary network or server problem: run the workflow again later.';
	}
	if (TIMEOUT_CODES.has(code)) {
		description += ' If ConnectSafely is just slow, raise Request Options → Timeout on the node.';
	}
	return { message: `${operation} failed: ${what} (${code})`, description, httpCode: code };
}

const REDACTED = '[redacted]';
/** Any piece of the key this long is redacted, so a key cut or wrapped by an echo does not show either. */
export const SECRET_PIECE = 8;

const patterns = new Map<string, RegExp>();

function secretPattern(secrets: string[]): RegExp | undefined {
	const cacheKey = secrets.join('\u0000');
	let pattern = patterns.get(cacheKey);
	if (pattern === undefined) {
		const pieces = new Set<string>();
		for (const secret of secrets) {
			for (let i = 0; i + SECRET_PIECE <= secret.length; i++)
				pieces.add(secret.slice(i, i + SECRET_PIECE));
		}
		if (pieces.size === 0) return undefined;
		// Longest runs first: a whole key becomes one marker, not several.
		const escaped = [...secrets, ...pieces]
			.sort((a, b) => b.length - a.length)
			.map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		pattern = new RegExp(`(?:${escaped.join('|')})+`, 'g');
		if (patterns.size > 20) patterns.clear();
		patterns.set(cacheKey, pattern);
	}
	return pattern;
}

function redactText(text: string, pattern: RegExp | undefined): string {
	const result = pattern === undefined ? text : text.replace(pattern, REDACTED);
	return result.replace(/(bearer\s+)(?!\[redacted\])[^\s"',;]+/gi, `$1${REDACTED}`);
}

/**
 * A copy of `value` (an API response body) with the secrets (the API key, as stored and trimmed), any
 * SECRET_PIECE-character piece of them, and any bearer token replaced by "[redacted]", in strings and keys at any depth.
 */
export function redactSecrets<T>(value: T, secrets: unknown[]): T {
	const texts = secrets
		.filter((secret): secret is string => typeof secret === 'string')
		.map((secret) => secret.trim())
		.filter((secret) => secret.length >= SECRET_PIECE);
	const pattern = secretPattern([...new Set(texts)]);
	const walk = (item: unknown): unknown => {
		if (typeof item === 'string') return redactText(item, pattern);
		if (Array.isArray(item)) return item.map(walk);
		if (isObject(item))
			return Object.fromEntries(
				Object.entries(item).map(([key, entry]) => [redactText(key, pattern), walk(entry)]),
			);
		return item;
	};
	return walk(value) as T;
}
