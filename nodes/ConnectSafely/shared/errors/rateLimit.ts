// ConnectSafely's rate-limit signals: the X-RateLimit-* headers of every answer and what a 429 means.
import {
	apiText,
	header,
	normalizeInstant,
	parseBody,
	type ApiResponseLike,
	type Json,
} from './answer';

/** What the X-RateLimit-* headers of an answer say. */
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

/** A 429, read. */
export interface RateLimitRejection {
	/**
	 * A throttle (ConnectSafely's per-minute limits, shared with every client of the key and account): worth waiting
	 * out, never remembered. Otherwise a spent quota or a LinkedIn hold, which must not be retried before it ends.
	 */
	throttled: boolean;
	/** Retry-After in seconds, as ms. */
	retryAfterMs?: number;
	/** Retry-After as a date. */
	retryAt?: string;
	holdUntil?: string;
	resetAt?: string;
	action?: string;
}

interface RateLimitInfo {
	resetAt?: string;
	holdUntil?: string;
	retryAfter?: string;
	action?: string;
	remaining?: number;
}

const RESETS_AT = /resets? at (\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)/i;
const QUOTA_TEXT = /rate limit exceeded for \w+: \d+\s*\/\s*\d+/i;

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
		const fromText = text !== undefined ? RESETS_AT.exec(text) : null;
		if (fromText) info.resetAt = fromText[1];
	}
	if (json && typeof json.holdUntil === 'string' && json.holdUntil.trim() !== '')
		info.holdUntil = json.holdUntil.trim();
	info.retryAfter = header(headers, 'retry-after');
	info.action = header(headers, 'x-ratelimit-action');
	info.remaining = headerNumber(headers, 'x-ratelimit-remaining');
	return info;
}

function read429(response: ApiResponseLike): RateLimitInfo & { text?: string; spent: boolean } {
	const parsed = parseBody(response.body);
	const text = parsed.json ? apiText(parsed.json) : parsed.text;
	const info = rateLimitInfo(parsed.json, text, response.headers ?? {});
	// The contract's rule: a quota or hold only when the body or X-RateLimit-Remaining: 0 says so.
	const spent =
		info.holdUntil !== undefined ||
		(text !== undefined && QUOTA_TEXT.test(text)) ||
		info.remaining === 0;
	return { ...info, text, spent };
}

function retryAdvice(retryAfter: string | undefined): string[] {
	if (retryAfter === undefined) return [];
	return [
		/^\d+$/.test(retryAfter)
			? `ConnectSafely asks to wait ${retryAfter} seconds before the next request.`
			: `ConnectSafely asks not to retry before ${retryAfter}.`,
	];
}

/** What a 429's error description says: a throttle may be retried; a quota or hold says when it ends. */
export function rateLimitAdvice(response: ApiResponseLike): {
	action?: string;
	throttled: boolean;
	advice: string;
} {
	const info = read429(response);
	if (!info.spent) {
		return {
			action: info.action,
			throttled: true,
			advice: [
				'ConnectSafely throttled this request: too many requests a minute on this API key or LinkedIn account, which other workflows, other n8n instances and the ConnectSafely dashboard share. It was not carried out and used no quota; this item may be retried.',
				...retryAdvice(info.retryAfter),
				'Run the workflow again in a minute, or spread the items out with Options → Delay Between Requests.',
			].join(' '),
		};
	}
	const parts: string[] = [];
	if (info.holdUntil !== undefined) {
		parts.push(
			`LinkedIn put the account on hold until ${info.holdUntil}. Do not retry before then: retrying earlier extends LinkedIn holds.`,
		);
	}
	if (info.resetAt !== undefined) parts.push(`The limit resets at ${info.resetAt}.`);
	parts.push(...retryAdvice(info.retryAfter));
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
	return { action: info.action, throttled: false, advice: parts.join(' ') };
}

export function classifyRateLimit(response: ApiResponseLike): RateLimitRejection | undefined {
	if (response.statusCode !== 429) return undefined;
	const info = read429(response);
	const retry = info.retryAfter;
	const seconds = retry !== undefined && /^\d+(?:\.\d+)?$/.test(retry) ? Number(retry) : undefined;
	return {
		throttled: !info.spent,
		retryAfterMs: seconds === undefined ? undefined : seconds * 1000,
		retryAt: retry !== undefined && seconds === undefined ? retry : undefined,
		holdUntil: info.holdUntil,
		resetAt: info.resetAt,
		action: info.action,
	};
}
