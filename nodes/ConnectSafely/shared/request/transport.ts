// The wire: the key only to the credential's Base URL (redirects are never followed), one deadline for the whole
// answer, a size cap, Stop honoured, and the key redacted from whatever comes back. Non-2xx answers are returned.
import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	DeclarativeRestApiSettings,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ApiError, classifyLost, type Expectation, type Verdict } from '../errors/classify';
import { transportErrorCode, UNKNOWN_OUTCOME } from '../errors/messages';
import { redactSecrets } from '../errors/redact';
import { parseBaseUrl, type ApiBase } from '../values/baseUrl';
import { CREDENTIAL_TYPE, THE_CREDENTIAL } from '../values/credential';
import type { CancelSignal } from './clock';
import { isStream, MAX_ANSWER_BYTES, readBody, Watch } from './watch';

// Node's WHATWG global, typed here because the package compiles without DOM or Node types.
declare const AbortSignal: { timeout(ms: number): CancelSignal };

/** Deadline for a whole answer (headers and body) when the node has no Timeout option of its own. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export type ApiContext =
	| IExecuteSingleFunctions
	| IExecuteFunctions
	| IPollFunctions
	| ILoadOptionsFunctions;

/** A request as the node's description builds it (url relative to the Base URL). */
export type ApiRequest = DeclarativeRestApiSettings.HttpRequestOptions;

export interface ApiAnswer {
	statusCode: number;
	headers: IDataObject;
	/** The parsed JSON, else the text; already redacted. */
	body: unknown;
}

/** One request: what is expected of it, its deadline, and the execution's Stop. */
export interface Exchange extends Expectation {
	timeoutMs: number;
	signal?: CancelSignal;
	itemIndex?: number;
}

function parse(text: string, contentType: string): unknown {
	if (text.trim() === '') return '';
	if (/json/i.test(contentType) || /^\s*[[{]/.test(text)) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

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

function endedError(ctx: ApiContext, exchange: Exchange, watch: Watch, base: ApiBase) {
	if (watch.stopped || exchange.signal?.aborted) {
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

function requestError(
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
		description: `${exchange.write ? 'It may or may not have been carried out; the node did not send it again. Check whether it took effect before running this item again.' : 'Nothing was changed.'} Check the Base URL of ${THE_CREDENTIAL} (${context.base.shown}) and the network connection of the n8n server.`,
		httpCode: 'EUNKNOWN',
	});
}

function baseOf(ctx: ApiContext, credentials: IDataObject, exchange: Exchange): ApiBase {
	const base = parseBaseUrl(credentials.baseUrl);
	if (!('problem' in base)) return base;
	throw new NodeOperationError(ctx.getNode(), `${exchange.label} failed: ${base.problem}`, {
		description: base.hint,
		itemIndex: exchange.itemIndex,
	});
}

/** The key as the Authorization header sends it, and every form of it that must never be shown. */
export function secretsOf(credentials: IDataObject): string[] {
	const raw = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	return [raw, raw.trim()];
}

function wireRequest(request: ApiRequest, base: ApiBase, timeoutMs: number): IHttpRequestOptions {
	return {
		...request,
		url: request.url ?? '',
		baseURL: base.url,
		json: true,
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		encoding: 'stream',
		// Only a backstop that closes a socket left hanging: the deadline ends the call first.
		timeout: timeoutMs + 1000,
	} as IHttpRequestOptions;
}

async function exchangeText(
	ctx: ApiContext,
	request: IHttpRequestOptions,
	watch: Watch,
): Promise<{ response: IN8nHttpFullResponse; text?: string }> {
	const pending = ctx.helpers.httpRequestWithAuthentication.call(
		ctx,
		CREDENTIAL_TYPE,
		request,
	) as Promise<IN8nHttpFullResponse>;
	// A late answer after the deadline or Stop is dropped unread.
	pending.then(
		(late) => watch.over && isStream(late.body) && late.body.destroy(),
		() => undefined,
	);
	const response = await watch.race(pending);
	const stream = isStream(response.body) ? response.body : undefined;
	if (stream) watch.hold(stream);
	if (response.statusCode >= 300 && response.statusCode < 400) {
		stream?.destroy();
		return { response };
	}
	if (stream) return { response, text: await readBody(stream) };
	const text =
		typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	return { response, text };
}

/** Every request of the package goes out here. */
export async function callApi(
	ctx: ApiContext,
	request: ApiRequest,
	exchange: Exchange,
	credentials: IDataObject,
): Promise<ApiAnswer> {
	const secrets = secretsOf(credentials);
	const base = baseOf(ctx, credentials, exchange);
	const watch = new Watch(AbortSignal.timeout(exchange.timeoutMs), exchange.signal);
	let result: { response: IN8nHttpFullResponse; text?: string };
	try {
		result = await exchangeText(ctx, wireRequest(request, base, exchange.timeoutMs), watch);
	} catch (error) {
		if (watch.over) throw endedError(ctx, exchange, watch, base);
		throw requestError(ctx, exchange, error, { base, secrets });
	} finally {
		watch.close();
	}
	if (watch.over) throw endedError(ctx, exchange, watch, base);
	return answerOf(ctx, exchange, result, { base, secrets });
}

function answerOf(
	ctx: ApiContext,
	exchange: Exchange,
	{ response, text }: { response: IN8nHttpFullResponse; text?: string },
	{ base, secrets }: { base: ApiBase; secrets: string[] },
): ApiAnswer {
	const headers = (response.headers ?? {}) as IDataObject;
	const { statusCode } = response;
	if (statusCode >= 300 && statusCode < 400) {
		throw failed(ctx, exchange, {
			message: `${exchange.label} failed: ConnectSafely answered with a redirect (${statusCode}) to ${hostOf(headers.location, base.origin)}`,
			description: `ConnectSafely's API does not redirect, so the node did not follow it and sent the API key nowhere else.${exchange.write ? ' The request was not sent again.' : ''} Check the Base URL of ${THE_CREDENTIAL} (${base.shown}).`,
			httpCode: String(statusCode),
		});
	}
	if (text === undefined) {
		throw failed(ctx, exchange, {
			message: `${exchange.label} failed: ConnectSafely's answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`,
			description: `${exchange.write ? 'It may or may not have been carried out; the node did not send it again. Check whether it took effect before running this item again.' : 'Nothing was changed.'} ConnectSafely's answers are a few kilobytes, so something else probably answered. Check the Base URL of ${THE_CREDENTIAL} (${base.shown}).`,
			httpCode: String(statusCode),
		});
	}
	return {
		statusCode,
		headers,
		body: redactSecrets(parse(text, String(headers['content-type'] ?? '')), secrets),
	};
}
