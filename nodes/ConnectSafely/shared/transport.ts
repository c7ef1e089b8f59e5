import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	apiErrorText,
	classifyRateLimit,
	describeApiError,
	describeMalformedSuccess,
	describeTransportError,
	isApiFailure,
	malformedSuccess,
	redactSecrets,
	transportErrorCode,
} from './errors';
import { isObject } from './text';

/** Deadline for a whole answer (headers and body) when the node has no Timeout option of its own. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Largest answer read; ConnectSafely's biggest page is a few kilobytes. */
export const MAX_ANSWER_BYTES = 5 * 1024 * 1024;

export type ApiContext =
	| IExecuteSingleFunctions
	| IExecuteFunctions
	| IPollFunctions
	| ILoadOptionsFunctions;

export interface ApiCall {
	/** The operation, as error messages name it ("Accept invitation failed: …"). */
	label: string;
	/** Whether the request changes something (errors then say the outcome is unknown). */
	write: boolean;
	/** Deadline for the whole answer in ms; DEFAULT_TIMEOUT_MS when not set. */
	timeoutMs?: number;
	itemIndex?: number;
}

/** A request as the node's description builds it (url relative to the Base URL). */
export type ApiRequest = DeclarativeRestApiSettings.HttpRequestOptions;

export interface ApiAnswer {
	statusCode: number;
	headers: IDataObject;
	/** The parsed JSON, else the text; already redacted. */
	body: unknown;
}

interface Readable extends AsyncIterable<Uint8Array> {
	destroy(error?: Error): void;
}

// Node's WHATWG globals, typed here because the package compiles without DOM or Node types.
declare const AbortSignal: { timeout(ms: number): EventTarget & { aborted: boolean } };
declare class TextDecoder {
	decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
interface EventTarget {
	addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
	removeEventListener(type: 'abort', listener: () => void): void;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export interface ApiBase {
	/** Origin and path, no trailing slash: what requests go to. */
	url: string;
	/** The same without user:password, for messages. */
	shown: string;
	origin: string;
}

function baseUrlProblem(message: string, description: string): Error {
	return Object.assign(new Error(message), { description, baseUrlProblem: true });
}

/** The credential's Base URL, checked: https (or http to this machine), no query, no fragment. */
export function parseBaseUrl(value: unknown): ApiBase {
	const text = typeof value === 'string' ? value.trim() : '';
	const fix =
		'Set Base URL in the "ConnectSafely API" credential to https://api.connectsafely.ai/linkedin (the default).';
	if (!/^https?:\/\//i.test(text)) {
		throw baseUrlProblem(
			text === ''
				? 'The Base URL of the credential is empty'
				: 'The Base URL of the credential must start with https://',
			fix,
		);
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw baseUrlProblem('The Base URL of the credential is not a valid URL', fix);
	}
	const shown = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
	if (url.search !== '' || url.hash !== '') {
		throw baseUrlProblem(
			`The Base URL of the credential must not have a query or fragment (${shown}…)`,
			fix,
		);
	}
	if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
		throw baseUrlProblem(
			`The Base URL of the credential uses plain http:// to ${url.hostname}: the API key would travel unencrypted`,
			`Use https://. Plain http:// is only accepted for a server on this machine (localhost, 127.0.0.1). ${fix}`,
		);
	}
	const credentials =
		url.username !== '' || url.password !== '' ? `${url.username}:${url.password}@` : '';
	return {
		url: `${url.protocol}//${credentials}${url.host}${url.pathname.replace(/\/+$/, '')}`,
		shown,
		origin: url.origin,
	};
}

/** The key as the Authorization header sends it, and every form of it that must never be shown. */
export function apiKeyOf(credentials: IDataObject): { key: string; secrets: string[] } {
	const raw = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	return { key: raw.trim(), secrets: [raw, raw.trim()] };
}

function failure(
	ctx: ApiContext,
	call: ApiCall,
	message: string,
	description: string,
	httpCode: string,
	response?: unknown,
): NodeApiError {
	const cause =
		typeof response === 'object' && response !== null
			? (response as JsonObject)
			: { code: httpCode };
	const error = new NodeApiError(ctx.getNode(), cause, {
		message,
		description,
		httpCode,
		itemIndex: call.itemIndex,
	});
	// NodeApiError swaps in generic text when a message names a network code: keep ours.
	error.message = message;
	error.description = description;
	return error;
}

const UNKNOWN_OUTCOME_SHORT =
	'It may or may not have been carried out; the node did not send it again. Check whether it took effect before running this item again.';

function hostOf(location: unknown, base: string): string {
	try {
		return new URL(String(location), base).host || 'an unknown host';
	} catch {
		return 'an unreadable address';
	}
}

/** The whole body as text, or undefined (and the connection closed) once it grows past MAX_ANSWER_BYTES. */
async function readBody(stream: Readable): Promise<string | undefined> {
	const decoder = new TextDecoder();
	let bytes = 0;
	let text = '';
	for await (const chunk of stream) {
		bytes += chunk.byteLength;
		if (bytes > MAX_ANSWER_BYTES) {
			stream.destroy();
			return undefined;
		}
		text += decoder.decode(chunk, { stream: true });
	}
	return text + decoder.decode();
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

function isStream(value: unknown): value is Readable {
	return (
		typeof value === 'object' &&
		value !== null &&
		Symbol.asyncIterator in value &&
		typeof (value as Readable).destroy === 'function'
	);
}

/**
 * Every request of the package goes through here: the key only to the credential's Base URL (redirects are never
 * followed), one deadline for the whole answer, a size cap, and the key redacted from whatever comes back.
 * Non-2xx answers are returned, not thrown: the caller decides what they mean. `known`: the context's credentials,
 * when the caller has read them already.
 */
export async function callApi(
	ctx: ApiContext,
	options: ApiRequest,
	call: ApiCall,
	known?: IDataObject,
): Promise<ApiAnswer> {
	const credentials = known ?? ((await ctx.getCredentials('connectSafelyApi')) as IDataObject);
	const { secrets } = apiKeyOf(credentials);
	let base: ApiBase;
	try {
		base = parseBaseUrl(credentials.baseUrl);
	} catch (error) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${call.label} failed: ${(error as Error).message}`,
			{
				description: (error as { description?: string }).description,
				itemIndex: call.itemIndex,
			},
		);
	}
	const timeoutMs =
		call.timeoutMs !== undefined && call.timeoutMs > 0 ? call.timeoutMs : DEFAULT_TIMEOUT_MS;
	const deadline = AbortSignal.timeout(timeoutMs);
	const timedOut = () => {
		const described = describeTransportError(call.label, 'ETIMEDOUT', {
			write: call.write,
			timeoutMs,
		});
		return failure(ctx, call, described.message, described.description, 'ETIMEDOUT');
	};

	const request = {
		...options,
		url: options.url ?? '',
		baseURL: base.url,
		json: true,
		headers: { Accept: 'application/json', ...(options.headers ?? {}) },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		encoding: 'stream',
		// Only a backstop that closes a socket left hanging: the deadline above ends the call first.
		timeout: timeoutMs + 1000,
	} as IHttpRequestOptions;

	let stream: Readable | undefined;
	let expired = false;
	const onDeadline = () => {
		expired = true;
		stream?.destroy();
	};
	deadline.addEventListener('abort', onDeadline, { once: true });
	let response: IN8nHttpFullResponse;
	let text: string | undefined;
	try {
		const pending = ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			'connectSafelyApi',
			request,
		) as Promise<IN8nHttpFullResponse>;
		// A late answer after the deadline is dropped unread.
		pending.then(
			(late) => expired && isStream(late.body) && late.body.destroy(),
			() => undefined,
		);
		response = await new Promise<IN8nHttpFullResponse>((resolve, reject) => {
			deadline.addEventListener('abort', () => reject(new Error('deadline')), { once: true });
			pending.then(resolve, reject);
		});
		if (isStream(response.body)) stream = response.body;
		const redirected = response.statusCode >= 300 && response.statusCode < 400;
		if (redirected) stream?.destroy();
		else
			text = stream
				? await readBody(stream)
				: typeof response.body === 'string'
					? response.body
					: JSON.stringify(response.body ?? '');
	} catch (error) {
		if (expired) throw timedOut();
		const code = transportErrorCode(error);
		if (code !== undefined) {
			const described = describeTransportError(call.label, code, { write: call.write, timeoutMs });
			const description = described.description.replace(
				'"ConnectSafely API" credential',
				`"ConnectSafely API" credential (${base.shown})`,
			);
			throw failure(ctx, call, described.message, description, code);
		}
		if (error instanceof NodeApiError || error instanceof NodeOperationError)
			throw redactError(error, secrets, base);
		throw failure(
			ctx,
			call,
			`${call.label} failed: the request could not be completed`,
			`${call.write ? UNKNOWN_OUTCOME_SHORT : 'Nothing was changed.'} Check the Base URL of the "ConnectSafely API" credential (${base.shown}) and the network connection of the n8n server.`,
			'EUNKNOWN',
		);
	} finally {
		deadline.removeEventListener('abort', onDeadline);
	}
	if (expired) throw timedOut();
	const headers = (response.headers ?? {}) as IDataObject;
	const { statusCode } = response;
	if (statusCode >= 300 && statusCode < 400) {
		throw failure(
			ctx,
			call,
			`${call.label} failed: ConnectSafely answered with a redirect (${statusCode}) to ${hostOf(headers.location, base.origin)}`,
			`ConnectSafely's API does not redirect, so the node did not follow it and sent the API key nowhere else.${call.write ? ' The request was not sent again.' : ''} Check the Base URL of the "ConnectSafely API" credential (${base.shown}).`,
			String(statusCode),
		);
	}
	if (text === undefined) {
		throw failure(
			ctx,
			call,
			`${call.label} failed: ConnectSafely's answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`,
			`${call.write ? UNKNOWN_OUTCOME_SHORT : 'Nothing was changed.'} ConnectSafely's answers are a few kilobytes, so something else probably answered. Check the Base URL of the "ConnectSafely API" credential (${base.shown}).`,
			String(statusCode),
		);
	}
	return {
		statusCode,
		headers,
		body: redactSecrets(parse(text, String(headers['content-type'] ?? '')), secrets),
	};
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

/** What a successful answer must hold: a write's `success: true`, a status check's flags, a list, the account array. */
export type AnswerShape = 'write' | 'relationship' | 'accounts' | 'account' | { list: string };

function shapeProblem(body: unknown, shape: AnswerShape): string | undefined {
	const object = isObject(body) ? body : undefined;
	if (shape === 'accounts') return Array.isArray(body) ? undefined : 'no list of accounts';
	if (object === undefined) return 'no JSON object';
	if (shape === 'write')
		return object.success === true
			? undefined
			: `"success" is ${JSON.stringify(object.success) ?? 'missing'}, not true`;
	if (shape === 'relationship') {
		const missing = ['connected', 'invitationSent', 'invitationReceived'].filter(
			(flag) => typeof object[flag] !== 'boolean',
		);
		return missing.length === 0 ? undefined : `no true/false ${missing.join(', ')}`;
	}
	if (shape === 'account') return undefined;
	return Array.isArray(object[shape.list]) ? undefined : `no "${shape.list}" list`;
}

/** Throws unless the answer is a 2xx in the shape ConnectSafely promises for this endpoint. */
export function checkAnswer(
	ctx: ApiContext,
	answer: ApiAnswer,
	call: ApiCall,
	shape: AnswerShape,
): void {
	const malformed =
		shape === 'accounts' && Array.isArray(answer.body) ? undefined : malformedSuccess(answer);
	if (malformed === undefined && isApiFailure(answer)) {
		const described = describeApiError(call.label, answer);
		const error = failure(
			ctx,
			call,
			described.message,
			described.description,
			described.httpCode,
			answer.body,
		);
		const apiText = apiErrorText(answer.body);
		if (apiText !== undefined) error.context.apiText = apiText;
		const rateLimit = classifyRateLimit(answer);
		if (rateLimit) error.context.rateLimit = rateLimit as unknown as IDataObject;
		throw error;
	}
	const problem = malformed === undefined ? shapeProblem(answer.body, shape) : undefined;
	if (malformed === undefined && problem === undefined) return;
	const described = describeMalformedSuccess(call.label, answer, { write: call.write, problem });
	const message =
		typeof shape === 'object' && malformed === undefined
			? `${call.label} failed: ConnectSafely answered without an "${shape.list}" list (${answer.statusCode})`
			: described.message;
	throw failure(ctx, call, message, described.description, described.httpCode);
}
