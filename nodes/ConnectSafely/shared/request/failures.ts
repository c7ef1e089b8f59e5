// The wire's failures: what a request that got no usable answer tells the user (only failure paths come here).
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ApiError, classifyLost, type Verdict } from '../errors/classify';
import { transportErrorCode, UNKNOWN_OUTCOME } from '../errors/messages';
import { redactSecrets } from '../errors/redact';
import { THE_CREDENTIAL, type ApiBase, type BaseUrlProblem } from '../values/credential';
import type { ApiContext, Exchange } from './transport';

function hostOf(location: unknown, base: string): string {
	try {
		return new URL(String(location), base).host || 'an unknown host';
	} catch {
		return 'an unreadable address';
	}
}

function failed(ctx: ApiContext, exchange: Exchange, verdict: Omit<Verdict, 'maybeDone'>) {
	return new ApiError(ctx.getNode(), { maybeDone: exchange.write, ...verdict }, exchange.itemIndex);
}

export function endedError(ctx: ApiContext, exchange: Exchange, stopped: boolean, base: ApiBase) {
	if (stopped || exchange.signal?.aborted) {
		return new NodeOperationError(
			ctx.getNode(),
			`${exchange.label}: stopped while waiting for ConnectSafely's answer`,
			{
				description: exchange.write
					? `The workflow was stopped. ${UNKNOWN_OUTCOME}`
					: 'The workflow was stopped. Nothing was changed.',
				itemIndex: exchange.itemIndex,
			},
		);
	}
	return new ApiError(
		ctx.getNode(),
		classifyLost('ETIMEDOUT', exchange, { timeoutMs: exchange.timeoutMs, shownBase: base.shown }),
		exchange.itemIndex,
	);
}

function redactError<T extends NodeApiError | NodeOperationError>(
	error: T,
	secrets: string[],
	base: ApiBase,
): T {
	const clean = (text: string) => redactSecrets(text.split(base.url).join(base.shown), secrets);
	error.message = clean(error.message);
	if (typeof error.description === 'string') error.description = clean(error.description);
	return error;
}

export function requestError(
	ctx: ApiContext,
	exchange: Exchange,
	error: unknown,
	context: { base: ApiBase; secrets: string[] },
) {
	const code = transportErrorCode(error);
	if (code !== undefined) {
		const verdict = classifyLost(code, exchange, {
			timeoutMs: exchange.timeoutMs,
			shownBase: context.base.shown,
		});
		return new ApiError(ctx.getNode(), verdict, exchange.itemIndex);
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError)
		return redactError(error, context.secrets, context.base);
	return failed(ctx, exchange, {
		message: `${exchange.label} failed: the request could not be completed`,
		description: `${exchange.write ? UNKNOWN_OUTCOME : 'Nothing was changed.'} Check the Base URL of ${THE_CREDENTIAL} (${context.base.shown}) and the network connection of the n8n server.`,
		httpCode: 'EUNKNOWN',
	});
}

export function baseUrlError(ctx: ApiContext, exchange: Exchange, problem: BaseUrlProblem) {
	return new NodeOperationError(ctx.getNode(), `${exchange.label} failed: ${problem.problem}`, {
		description: problem.hint,
		itemIndex: exchange.itemIndex,
	});
}

export function redirectError(
	ctx: ApiContext,
	exchange: Exchange,
	{ statusCode, location, base }: { statusCode: number; location: unknown; base: ApiBase },
) {
	return failed(ctx, exchange, {
		message: `${exchange.label} failed: ConnectSafely answered with a redirect (${statusCode}) to ${hostOf(location, base.origin)}`,
		description: `ConnectSafely's API does not redirect, so the node did not follow it and sent the API key nowhere else.${exchange.write ? ' The request was not sent again.' : ''} Check the Base URL of ${THE_CREDENTIAL} (${base.shown}).`,
		httpCode: String(statusCode),
	});
}

export function oversizeError(
	ctx: ApiContext,
	exchange: Exchange,
	{ statusCode, base, maxBytes }: { statusCode: number; base: ApiBase; maxBytes: number },
) {
	return failed(ctx, exchange, {
		message: `${exchange.label} failed: ConnectSafely's answer is larger than ${maxBytes / 1024 / 1024} MB`,
		description: `${exchange.write ? UNKNOWN_OUTCOME : 'Nothing was changed.'} ConnectSafely's answers are a few kilobytes, so something else probably answered. Check the Base URL of ${THE_CREDENTIAL} (${base.shown}).`,
		httpCode: String(statusCode),
	});
}
