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
	/** A short throttle worth waiting out, as opposed to a quota or a LinkedIn hold, which must never be retried. */
	throttled: boolean;
	retryAfterMs?: number;
	holdUntil?: string;
	resetAt?: string;
	action?: string;
}

interface RateLimitInfo {
	resetAt?: string;
	holdUntil?: string;
	retryAfter?: string;
	action?: string;
}

const RESETS_AT = /resets? at (\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)/i;

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
	return info;
}

/** What a 429's error description says: when it ends, and not to retry before. */
export function rateLimitAdvice(response: ApiResponseLike): { action?: string; advice: string } {
	const parsed = parseBody(response.body);
	const text = parsed.json ? apiText(parsed.json) : parsed.text;
	const info = rateLimitInfo(parsed.json, text, response.headers ?? {});
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
	return { action: info.action, advice: parts.join(' ') };
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
