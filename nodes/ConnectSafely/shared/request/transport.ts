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

import type { Expectation } from '../errors/classify';
import { redactSecrets } from '../errors/redact';
import {
	CREDENTIAL_TYPE,
	parseBaseUrl,
	type ApiBase,
	type BaseUrlProblem,
} from '../values/credential';
import { baseUrlError, endedError, oversizeError, redirectError, requestError } from './failures';
import type { CancelSignal } from './pacing';

// Node's WHATWG global, typed here because the package compiles without DOM or Node types.
declare const AbortSignal: { timeout(ms: number): CancelSignal };

/** Largest answer read; ConnectSafely's biggest page is a few kilobytes. */
export const MAX_ANSWER_BYTES = 5 * 1024 * 1024;
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

/**
 * The node's Request Options as n8n's RoutingNode placed them on the operation's request (proxy, Ignore SSL Issues) and
 * the credential's allowed domains: every request of an item carries them, its reads as much as its write.
 */
export interface Wire {
	proxy?: IHttpRequestOptions['proxy'];
	skipSslCertificateValidation?: boolean;
	allowedDomains?: unknown;
}

/** Wire of a request RoutingNode built (see Wire). */
export function wireOf(request: ApiRequest): Wire {
	const { proxy, skipSslCertificateValidation, allowedDomains } = request as ApiRequest & Wire;
	return {
		...(proxy ? { proxy } : {}),
		...(skipSslCertificateValidation ? { skipSslCertificateValidation } : {}),
		...(allowedDomains !== undefined ? { allowedDomains } : {}),
	};
}

/** One request: what is expected of it, its deadline, its wire options, and the execution's Stop. */
export interface Exchange extends Expectation {
	timeoutMs: number;
	wire?: Wire;
	signal?: CancelSignal;
	itemIndex?: number;
}

interface Readable extends AsyncIterable<Uint8Array> {
	destroy(error?: Error): void;
}

// Node's WHATWG globals, typed here because the package compiles without DOM or Node types.
declare class TextDecoder {
	decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

function isStream(value: unknown): value is Readable {
	return (
		typeof value === 'object' &&
		value !== null &&
		Symbol.asyncIterator in value &&
		typeof (value as Readable).destroy === 'function'
	);
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

/** Ends the call (and the stream of its answer) at the deadline or at Stop, whichever comes first. */
export class Watch {
	expired = false;
	stopped = false;
	private stream?: Readable;
	private readonly ended: Array<() => void> = [];
	private readonly listeners: Array<[CancelSignal, () => void]> = [];

	constructor(
		private readonly deadline: CancelSignal,
		private readonly signal?: CancelSignal,
	) {
		this.on(deadline, () => (this.expired = true));
		if (signal) this.on(signal, () => (this.stopped = true));
	}

	private on(target: CancelSignal, mark: () => void): void {
		const end = () => {
			mark();
			this.stream?.destroy();
			for (const reject of this.ended) reject();
		};
		target.addEventListener('abort', end, { once: true });
		this.listeners.push([target, end]);
	}

	get over(): boolean {
		return this.expired || this.stopped || this.deadline.aborted || !!this.signal?.aborted;
	}

	hold(stream: Readable): void {
		this.stream = stream;
		if (this.over) stream.destroy();
	}

	async race<T>(pending: Promise<T>): Promise<T> {
		return await new Promise<T>((resolve, reject) => {
			this.ended.push(() => reject(new Error('ended')));
			if (this.over) reject(new Error('ended'));
			pending.then(resolve, reject);
		});
	}

	close(): void {
		for (const [target, end] of this.listeners) target.removeEventListener('abort', end);
	}
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

/** The key as the Authorization header sends it, and every form of it that must never be shown. */
export function secretsOf(credentials: IDataObject): string[] {
	const raw = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	return [raw, raw.trim()];
}

function wireRequest(request: ApiRequest, base: ApiBase, exchange: Exchange): IHttpRequestOptions {
	const { timeoutMs } = exchange;
	return {
		...request,
		...exchange.wire,
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

// The Base URL parsed once per credentials object (n8n hands a fresh one to each item).
const bases = new WeakMap<IDataObject, ApiBase | BaseUrlProblem>();

/** Every request of the package goes out here. */
export async function callApi(
	ctx: ApiContext,
	request: ApiRequest,
	exchange: Exchange,
	credentials: IDataObject,
): Promise<ApiAnswer> {
	const secrets = secretsOf(credentials);
	const base = bases.get(credentials) ?? parseBaseUrl(credentials.baseUrl);
	bases.set(credentials, base);
	if ('problem' in base) throw baseUrlError(ctx, exchange, base);
	const watch = new Watch(AbortSignal.timeout(exchange.timeoutMs), exchange.signal);
	let result: { response: IN8nHttpFullResponse; text?: string };
	try {
		result = await exchangeText(ctx, wireRequest(request, base, exchange), watch);
	} catch (error) {
		if (watch.over) throw endedError(ctx, exchange, watch.stopped, base);
		throw requestError(ctx, exchange, error, { base, secrets });
	} finally {
		watch.close();
	}
	if (watch.over) throw endedError(ctx, exchange, watch.stopped, base);
	const { response, text } = result;
	const headers = (response.headers ?? {}) as IDataObject;
	const { statusCode } = response;
	if (statusCode >= 300 && statusCode < 400)
		throw redirectError(ctx, exchange, { statusCode, location: headers.location, base });
	if (text === undefined)
		throw oversizeError(ctx, exchange, { statusCode, base, maxBytes: MAX_ANSWER_BYTES });
	return {
		statusCode,
		headers,
		body: redactSecrets(parse(text, String(headers['content-type'] ?? '')), secrets),
	};
}
