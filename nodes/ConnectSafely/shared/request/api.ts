// The one request path: every request of the node, the trigger and the account picker is paced under ConnectSafely's
// limits, sent through the wire (transport.ts), and its answer classified once (errors/classify.ts). Throttling 429s
// are waited out and retried; Stop ends every wait.
import type { IDataObject } from 'n8n-workflow';

import { ApiError, classifyAnswer, type Expectation } from '../errors/classify';
import type { RateLimitRejection } from '../errors/rateLimit';
import { ACCOUNT_ID } from '../values/account';
import { CREDENTIAL_TYPE } from '../values/credential';
import {
	clock,
	pause,
	RATE_LIMITS,
	type CancelSignal,
	MAX_RETRIES,
	MAX_RETRY_AFTER_MS,
	settleSlot,
	takeSlot,
	type RequestKind,
} from './pacing';
import {
	callApi,
	DEFAULT_TIMEOUT_MS,
	type ApiAnswer,
	type ApiContext,
	type ApiRequest,
	type Wire,
} from './transport';
import type { NodeRun } from './run';

/** One request of an operation. */
export interface Call extends Expectation {
	/** Which of ConnectSafely's per-account limits it counts against. */
	kind: RequestKind;
	/** The LinkedIn account it acts through, '' for the workspace default. */
	account: string;
	/** The node's Request Options → Timeout in ms, if set. */
	timeoutMs?: number;
	/** The node's other Request Options (proxy, SSL) and allowed domains: see itemSettings. */
	wire?: Wire;
	itemIndex?: number;
	/** Fail at once rather than wait for a slot under the per-minute limits. */
	noWait?: boolean;
}

export interface Sent {
	answer: ApiAnswer;
	waitedMs: number;
	retries: number;
}

export function cancelSignalOf(ctx: ApiContext): CancelSignal | undefined {
	return 'getExecutionCancelSignal' in ctx
		? (ctx.getExecutionCancelSignal() as CancelSignal | undefined)
		: undefined;
}

/** A short, stable hash (FNV-1a): an id for the credential that does not contain the key. */
export function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

/** What pacing, holds and the people store key on: the credential (key and Base URL), never the key itself. */
export function keyIdOf(credentials: IDataObject): string {
	return fingerprint(`${String(credentials.apiKey)}@${String(credentials.baseUrl)}`);
}

// Per process: the default account's ID last seen per key (for pacing only), and the look-ups under way.
const defaultAccounts = new Map<string, string>();
const lookups = new Map<string, Promise<string>>();

function pacingAccount(keyId: string, account: string): string {
	const key = account.trim().toLowerCase();
	return key === '' ? (defaultAccounts.get(keyId) ?? '') : key;
}

/**
 * How long a throttling 429 asks to wait: its Retry-After, else until its X-RateLimit-Reset (at least a second);
 * undefined when it says neither, or is a quota or hold.
 */
export function throttleWait(rejection: RateLimitRejection | undefined, now: number) {
	if (!rejection?.throttled) return undefined;
	if (rejection.retryAfterMs !== undefined) return rejection.retryAfterMs;
	const at = Date.parse(rejection.retryAt ?? rejection.resetAt ?? '');
	return Number.isNaN(at) ? undefined : Math.max(at - now, 1000);
}

/** One request under pacing, its answer classified: the answer the operation expects, or an ApiError. */
export async function send(
	ctx: ApiContext,
	request: ApiRequest,
	call: Call,
	known?: IDataObject,
): Promise<Sent> {
	const credentials = known ?? ((await ctx.getCredentials(CREDENTIAL_TYPE)) as IDataObject);
	const keyId = keyIdOf(credentials);
	const signal = cancelSignalOf(ctx);
	const stop = { signal, node: ctx.getNode(), itemIndex: call.itemIndex, noWait: call.noWait };
	const timeoutMs =
		call.timeoutMs !== undefined && call.timeoutMs > 0 ? call.timeoutMs : DEFAULT_TIMEOUT_MS;
	let waitedMs = 0;
	for (let retries = 0; ; retries++) {
		const slot = await takeSlot(call.kind, keyId, pacingAccount(keyId, call.account), stop);
		waitedMs += slot.waitedMs;
		let answer: ApiAnswer;
		try {
			answer = await callApi(ctx, request, { ...call, timeoutMs, signal }, credentials);
		} finally {
			settleSlot(slot);
		}
		const verdict = classifyAnswer(answer, call);
		if (verdict === undefined) return { answer, waitedMs, retries };
		const wait = throttleWait(verdict.rateLimit, clock.now());
		if (wait === undefined || wait > MAX_RETRY_AFTER_MS || retries >= MAX_RETRIES)
			throw new ApiError(ctx.getNode(), verdict, call.itemIndex);
		await pause(wait, signal, stop.node, stop.itemIndex);
		waitedMs += wait;
	}
}

/**
 * send(), and once more after the /account/* window when a throttle refused it beyond its retries (another worker may
 * have spent the account's 10 calls a minute): for the reads an action's guard needs, so that it is not sent blind.
 */
export async function sendPatiently(
	ctx: ApiContext,
	request: ApiRequest,
	call: Call,
	credentials: IDataObject,
): Promise<Sent> {
	const throttled = await send(ctx, request, call, credentials).then(
		(sent) => ({ sent }),
		(error: unknown) => {
			if (error instanceof ApiError && error.verdict.rateLimit?.throttled === true) return {};
			throw error;
		},
	);
	if ('sent' in throttled) return throttled.sent;
	const window = Math.max(...RATE_LIMITS.account.map((limit) => limit.windowMs));
	await pause(window, cancelSignalOf(ctx), ctx.getNode(), call.itemIndex);
	return await send(ctx, request, call, credentials);
}

/**
 * What blocks, quotas and the people store are kept under: "<key id>:<account ID>", lower-cased. An empty account is
 * the workspace default, whose ID is asked (GET /account/status) once per run and key (as a tool: once per agent run,
 * for all its tools): the workspace may switch its default between executions. If that fails (or no /account/* slot
 * is free) the item goes on with the default this process last saw, else as '' (counted apart).
 */
export async function scopeOf(
	ctx: ApiContext,
	credentials: IDataObject,
	account: string,
	call: Pick<Call, 'timeoutMs' | 'itemIndex' | 'wire'>,
	run?: NodeRun,
): Promise<string> {
	const keyId = keyIdOf(credentials);
	const scope = async () =>
		`${keyId}:${await resolvedAccount(ctx, credentials, keyId, account, call)}`;
	if (!run || account !== '') return await scope();
	const { defaultScopes } = run.shared;
	if (!defaultScopes.has(keyId)) defaultScopes.set(keyId, scope());
	return await defaultScopes.get(keyId)!;
}

export async function accountIdOf(
	ctx: ApiContext,
	account: string,
	call: Pick<Call, 'timeoutMs' | 'itemIndex' | 'wire'>,
): Promise<string> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	return await resolvedAccount(ctx, credentials, keyIdOf(credentials), account, call);
}

async function resolvedAccount(
	ctx: ApiContext,
	credentials: IDataObject,
	keyId: string,
	account: string,
	call: Pick<Call, 'timeoutMs' | 'itemIndex' | 'wire'>,
): Promise<string> {
	const key = account.trim().toLowerCase();
	if (key !== '') return key;
	let pending = lookups.get(keyId);
	if (!pending) {
		// Once this process knows the default, the look-up never waits for the 10 /account/* calls a minute.
		const known = defaultAccounts.get(keyId);
		const lookup = (known === undefined ? sendPatiently : send)(
			ctx,
			{ method: 'GET', url: '/account/status' },
			{
				...call,
				label: 'Find the default LinkedIn account',
				write: false,
				shape: 'account',
				kind: 'account',
				account: '',
				noWait: known !== undefined,
			},
			credentials,
		);
		pending = lookup
			.then(({ answer }) => {
				const id = (answer.body as IDataObject).id;
				if (typeof id !== 'string' || !ACCOUNT_ID.test(id)) throw new Error('no account ID');
				defaultAccounts.set(keyId, id.toLowerCase());
				return id.toLowerCase();
			})
			.catch(() => known ?? '')
			.finally(() => lookups.delete(keyId));
		lookups.set(keyId, pending);
	}
	return await pending;
}
