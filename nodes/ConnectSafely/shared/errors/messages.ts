// What the user reads when ConnectSafely says no, or when no (usable) answer came back.
import type { IDataObject } from 'n8n-workflow';

import { THE_CREDENTIAL } from '../values/credential';
import { isObject } from '../values/text';
import {
	apiText,
	clean,
	header,
	looksLikeMarkup,
	parseBody,
	tryJson,
	zodIssueFields,
	type ApiResponseLike,
} from './answer';
import { rateLimitAdvice } from './rateLimit';

export interface ErrorDescription {
	message: string;
	description: string;
	httpCode: string;
}

/**
 * What one operation makes of a 400 whose text matches: nothing to do (the item is skipped with `skip` as its
 * reason), or an error explained by `description`. An operation lists its own; the first that matches wins.
 */
export interface AnswerRule {
	when: (text: string) => boolean;
	skip?: string;
	/** Extra output fields of a skipped item, read from the text. */
	details?: (text: string) => IDataObject;
	description?: string;
}

export const UNKNOWN_OUTCOME =
	'The request may have reached ConnectSafely and been carried out before the answer was lost. The node did not send it again; before running this item again, check whether it took effect (Connection → Get Status, or Invitation → Get Many Sent / Get Many Received).';

/** 502 and 504: a gateway gave up waiting, so the API may have done the work. */
export const GATEWAY_STATUSES = [502, 504];

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

/** The operation's rule for ConnectSafely's text of a 400, if one matches. */
export function ruleFor(text: string | undefined, rules: AnswerRule[]): AnswerRule | undefined {
	return text === undefined ? undefined : rules.find((rule) => rule.when(text));
}

function invalidRequest(text: string | undefined, fields: string[], rules: AnswerRule[]): string {
	const rule = ruleFor(text, rules);
	if (rule?.description !== undefined) return rule.description;
	if (fields.length > 0) {
		const one = fields.length === 1;
		return `ConnectSafely says ${one ? 'this field is' : 'these fields are'} missing or invalid: ${fields.join(', ')}. Check the node parameter that fills ${one ? 'it' : 'them'}; an expression pointing at a field the input item does not have gives an empty value.`;
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

function serverError(response: ApiResponseLike, write: boolean): string {
	const gateway = GATEWAY_STATUSES.includes(response.statusCode);
	const transient =
		'This is usually transient (ConnectSafely or LinkedIn had a temporary problem). One retry a few minutes later may help; if it keeps failing, contact ConnectSafely support.';
	let description = gateway
		? `${write ? UNKNOWN_OUTCOME : 'Nothing was changed.'} ${transient}`
		: transient;
	const retryAfter = header(response.headers ?? {}, 'retry-after');
	if (retryAfter !== undefined) {
		description += /^\d+$/.test(retryAfter)
			? ` ConnectSafely asks to wait ${retryAfter} seconds before trying again.`
			: ` ConnectSafely asks not to retry before ${clean(retryAfter)}.`;
	}
	return description;
}

function statusDescription(
	response: ApiResponseLike,
	text: string | undefined,
	options: { write: boolean; rules: AnswerRule[] },
): string {
	const { statusCode } = response;
	if (statusCode === 429) return rateLimitAdvice(response).advice;
	if (statusCode === 401)
		return `The API key is missing or invalid. Check ${THE_CREDENTIAL}: copy a current key from Settings → API keys in the ConnectSafely dashboard.`;
	if (statusCode === 403)
		return (
			ruleFor(text, options.rules)?.description ??
			'The ConnectSafely trial has expired or the workspace has no active subscription. The subscription, not the workflow, must change: renew it in the ConnectSafely dashboard, then run the workflow again.'
		);
	if (statusCode === 404) return notFound(text);
	if (statusCode >= 500) return serverError(response, options.write);
	if (statusCode === 400 || (statusCode >= 200 && statusCode < 300))
		return invalidRequest(text, zodIssueFields(response.body), options.rules);
	return `ConnectSafely answered with HTTP status ${statusCode}, which this node does not expect. Check the Base URL of ${THE_CREDENTIAL} and try again later.`;
}

/** An answer in which ConnectSafely said no (a non-2xx status, or `success: false`). */
export function describeApiError(
	operation: string,
	response: ApiResponseLike,
	options: { write?: boolean; rules?: AnswerRule[] } = {},
): ErrorDescription {
	const parsed = parseBody(response.body);
	const candidate = parsed.json ? apiText(parsed.json) : parsed.text;
	const nonJson = parsed.nonJson || (candidate !== undefined && looksLikeMarkup(candidate));
	const text =
		candidate !== undefined && !looksLikeMarkup(candidate) ? clean(candidate) : undefined;
	const detail =
		text ??
		(nonJson
			? 'the server answered with a non-JSON page (probably from a proxy or gateway)'
			: undefined);
	const action = response.statusCode === 429 ? rateLimitAdvice(response).action : undefined;
	const summary =
		action !== undefined
			? `the rate limit for ${action} was reached`
			: statusSummary(response.statusCode);
	return {
		message: `${operation} failed: ${summary} (${response.statusCode})${detail !== undefined ? `: ${detail}` : ''}`,
		description: statusDescription(response, text, {
			write: options.write ?? false,
			rules: options.rules ?? [],
		}),
		httpCode: String(response.statusCode),
	};
}

export function isApiFailure(response: ApiResponseLike): boolean {
	if (response.statusCode < 200 || response.statusCode >= 300) return true;
	const { json } = parseBody(response.body);
	return json !== undefined && json.success === false;
}

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
		description: `${outcome}ConnectSafely always answers with a JSON object, so something else probably answered (a proxy, gateway or captive portal), or the API had a temporary problem. Check the Base URL of ${THE_CREDENTIAL}; if it keeps happening, contact ConnectSafely support.`,
		httpCode: String(response.statusCode),
	};
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
/** Codes of a request that never reached the server: nothing was sent. */
export const UNREACHABLE_CODES = new Set([
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
	const timeout = TIMEOUT_CODES.has(code);
	const within =
		options.timeoutMs !== undefined
			? `the request timeout of ${options.timeoutMs} ms`
			: 'the request timeout';
	const what = timeout
		? `ConnectSafely did not answer within ${within}`
		: unreachable
			? 'ConnectSafely could not be reached'
			: 'the connection was closed before the whole answer arrived';
	let description = unreachable
		? `Nothing was sent. Check the Base URL of ${THE_CREDENTIAL} and the network connection of the n8n server, then run the workflow again.`
		: options.write
			? `${UNKNOWN_OUTCOME} This is usually a temporary network or server problem.`
			: 'Nothing was changed. This is usually a temporary network or server problem: run the workflow again later.';
	if (timeout)
		description += ' If ConnectSafely is just slow, raise Request Options → Timeout on the node.';
	return { message: `${operation} failed: ${what} (${code})`, description, httpCode: code };
}
