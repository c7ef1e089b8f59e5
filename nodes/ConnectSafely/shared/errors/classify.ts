// The one classifier of ConnectSafely's answers: for one operation, whether an answer is its success, nothing to do
// (a skip), a rate limit, or an error, and what the user is told. Everything that reads an answer asks this file.
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { THE_CREDENTIAL } from '../values/credential';
import { isObject } from '../values/text';
import { apiErrorText, type ApiResponseLike } from './answer';
import {
	describeApiError,
	describeMalformedSuccess,
	describeTransportError,
	GATEWAY_STATUSES,
	isApiFailure,
	malformedSuccess,
	ruleFor,
	UNREACHABLE_CODES,
	type AnswerRule,
} from './messages';
import { classifyRateLimit, type RateLimitRejection } from './rateLimit';

/** What a successful answer must hold: a write's `success: true`, a status check's flags, a list, the account array. */
export type AnswerShape =
	| 'write'
	| 'relationship'
	| 'conversationExists'
	| 'accounts'
	| 'account'
	| { list: string };

/** What the operation expects of the answer. */
export interface Expectation {
	/** Names the operation in messages: "Accept invitation failed: …". */
	label: string;
	/** Whether the request changes something: a lost answer then means the outcome is unknown. */
	write: boolean;
	shape: AnswerShape;
	/** The operation's own reading of ConnectSafely's 400 texts. */
	rules?: AnswerRule[];
}

/** Why a request did not succeed, decided once. */
export interface Verdict {
	message: string;
	description: string;
	httpCode: string;
	/** A write that may have been carried out although its answer was lost or garbled. */
	maybeDone: boolean;
	/** ConnectSafely says nothing needed doing: the item is skipped with this reason. */
	skip?: { reason: string; details: IDataObject };
	/** A 429, read: a throttle to wait out, or a quota or hold that must not be retried. */
	rateLimit?: RateLimitRejection;
	/** The body, as n8n shows it under the error. */
	body?: unknown;
}

function shapeProblem(answerBody: unknown, shape: AnswerShape): string | undefined {
	if (shape === 'accounts') return Array.isArray(answerBody) ? undefined : 'no list of accounts';
	if (typeof answerBody !== 'object' || answerBody === null || Array.isArray(answerBody))
		return 'no JSON object';
	const body = answerBody as IDataObject;
	if (shape === 'write')
		return body.success === true
			? undefined
			: `"success" is ${JSON.stringify(body.success) ?? 'missing'}, not true`;
	if (shape === 'relationship') {
		const missing = ['connected', 'invitationSent', 'invitationReceived'].filter(
			(flag) => typeof body[flag] !== 'boolean',
		);
		return missing.length === 0 ? undefined : `no true/false ${missing.join(', ')}`;
	}
	if (shape === 'conversationExists')
		return typeof body.hasConversation === 'boolean' ? undefined : 'no true/false hasConversation';
	if (shape === 'account') return undefined;
	return Array.isArray(body[shape.list]) ? undefined : `no "${shape.list}" list`;
}

function refusal(answer: ApiResponseLike, expected: Expectation): Verdict {
	const rules = expected.rules ?? [];
	const described = describeApiError(expected.label, answer, { write: expected.write, rules });
	const text = answer.statusCode === 400 ? apiErrorText(answer.body) : undefined;
	const rule = ruleFor(text, rules);
	return {
		...described,
		maybeDone: expected.write && GATEWAY_STATUSES.includes(answer.statusCode),
		skip:
			rule?.skip !== undefined && text !== undefined
				? { reason: rule.skip, details: rule.details?.(text) ?? {} }
				: undefined,
		rateLimit: classifyRateLimit(answer),
		body: answer.body,
	};
}

/** The usual answer: a 2xx JSON body in the promised shape, not `success: false` (decided without a look further). */
function isPlainSuccess({ statusCode, body }: ApiResponseLike, shape: AnswerShape): boolean {
	if (statusCode < 200 || statusCode >= 300) return false;
	if (shape !== 'accounts' && (body as IDataObject | undefined)?.success === false) return false;
	return shapeProblem(body, shape) === undefined;
}

/** Undefined for the success the operation expects; otherwise why not. */
export function classifyAnswer(
	answer: ApiResponseLike,
	expected: Expectation,
): Verdict | undefined {
	const { shape } = expected;
	if (isPlainSuccess(answer, shape)) return undefined;
	const malformed =
		shape === 'accounts' && Array.isArray(answer.body) ? undefined : malformedSuccess(answer);
	if (malformed === undefined && isApiFailure(answer)) return refusal(answer, expected);
	const problem = malformed === undefined ? shapeProblem(answer.body, shape) : undefined;
	if (malformed === undefined && problem === undefined) return undefined;
	const described = describeMalformedSuccess(expected.label, answer, {
		write: expected.write,
		problem,
	});
	const message =
		typeof shape === 'object' && malformed === undefined
			? `${expected.label} failed: ConnectSafely answered without an "${shape.list}" list (${answer.statusCode})`
			: described.message;
	return { ...described, message, maybeDone: expected.write };
}

/** A request that got no complete answer (`code`: ETIMEDOUT, ECONNRESET, ECONNREFUSED, …). */
export function classifyLost(
	code: string,
	expected: Expectation,
	options: { timeoutMs: number; shownBase: string },
): Verdict {
	const described = describeTransportError(expected.label, code, {
		write: expected.write,
		timeoutMs: options.timeoutMs,
	});
	return {
		...described,
		description: described.description.replace(
			THE_CREDENTIAL,
			`${THE_CREDENTIAL} (${options.shownBase})`,
		),
		maybeDone: expected.write && !UNREACHABLE_CODES.has(code),
	};
}

/** An n8n error that carries the classification, so that callers read it typed. */
export class ApiError extends NodeApiError {
	readonly verdict: Verdict;

	constructor(node: INode, verdict: Verdict, itemIndex?: number) {
		const cause = isObject(verdict.body)
			? (verdict.body as JsonObject)
			: { code: verdict.httpCode };
		super(node, cause, {
			message: verdict.message,
			description: verdict.description,
			httpCode: verdict.httpCode,
			itemIndex,
		});
		// NodeApiError swaps in generic text when a message names a network code: keep ours.
		this.name = 'NodeApiError';
		this.message = verdict.message;
		this.description = verdict.description;
		this.verdict = verdict;
	}
}
