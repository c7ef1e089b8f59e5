import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { clock } from './clock';
import { rateLimitFromHeaders, type RateLimitRejection } from './errors';
import {
	bucketsFor,
	fingerprint,
	MAX_RETRIES,
	MAX_RETRY_AFTER_MS,
	randomDelayMs,
	SlidingWindowScheduler,
	type RequestKind,
	type Ticket,
} from './pacing';
import { isProfileProblem, parseProfile, profileBody, type ProfileRef } from './profile';
import { placeAccountId, relationshipPath } from './request';
import {
	callApi,
	checkAnswer,
	type AnswerShape,
	type ApiAnswer,
	type ApiCall,
	type ApiRequest,
} from './transport';
import {
	accountKey,
	activeStop,
	claimPerson,
	defaultAccountOf,
	keepPerson,
	knownDefaultAccount,
	personIds,
	releasePerson,
	rememberStop,
	type PersonClaim,
} from './accountState';
import {
	asNodeError,
	endTurn,
	failTurn,
	forgetItem,
	itemParameter,
	perItem,
	runState,
	type QuotaStop,
	type RunState,
} from './writeGate';

const scheduler = new SlidingWindowScheduler();

export type QuotaPolicy = 'fail' | 'skipRemaining';

interface Paced {
	waitedMs: number;
	ticket?: Ticket;
}

/** The credential's fingerprint (key and Base URL), read once per node run: pacing, holds and duplicates key on it. */
export async function keyIdOf(ctx: IExecuteSingleFunctions): Promise<string> {
	const state = runState(ctx);
	state.keyId ??= ctx
		.getCredentials('connectSafelyApi')
		.then((credentials) =>
			fingerprint(`${String(credentials.apiKey)}@${String(credentials.baseUrl)}`),
		);
	return await state.keyId;
}

function accountParameter(ctx: IExecuteSingleFunctions): string {
	return accountKey(String(itemParameter(ctx, 'accountId', '', { extractValue: true }) ?? ''));
}

async function pace(ctx: IExecuteSingleFunctions, kind: RequestKind): Promise<Paced> {
	const time = clock();
	// Scale 0 (an infinitely fast clock, tests only): every window is zero long, nothing to wait for or count.
	if (time.scale === 0) return { waitedMs: 0 };
	const keyId = await keyIdOf(ctx);
	const raw = accountParameter(ctx);
	const buckets = bucketsFor(kind, keyId, raw === '' ? (knownDefaultAccount(keyId) ?? '') : raw);
	let waitedMs = 0;
	for (;;) {
		const now = time.now();
		const wait = scheduler.waitFor(buckets, now, time.scale);
		if (wait <= 0) return { waitedMs, ticket: scheduler.record(buckets, now) };
		await time.sleep(wait);
		waitedMs += wait;
	}
}

async function paced<T>(
	ctx: IExecuteSingleFunctions,
	kind: RequestKind,
	request: () => Promise<T>,
): Promise<{ result: T; waitedMs: number }> {
	const { waitedMs, ticket } = await pace(ctx, kind);
	try {
		return { result: await request(), waitedMs };
	} finally {
		if (ticket) scheduler.settle(ticket, clock().now());
	}
}

function rateLimitRejection(error: unknown): RateLimitRejection | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	return error.context.rateLimit as RateLimitRejection | undefined;
}

/** The operation's label, whether it writes, and the deadline: the node's Request Options → Timeout, else the default. */
export function apiCall(ctx: IExecuteSingleFunctions, label: string, write: boolean): ApiCall {
	const { timeout } = itemParameter(ctx, 'requestOptions', {}) as IDataObject;
	return {
		label,
		write,
		timeoutMs: typeof timeout === 'number' ? timeout : undefined,
		itemIndex: ctx.getItemIndex(),
	};
}

export interface PacedResult {
	answer: ApiAnswer;
	waitedMs: number;
	retries: number;
}

/** One request under pacing, its answer checked; throttling 429s are waited out and retried. */
export async function sendPaced(
	ctx: IExecuteSingleFunctions,
	kind: RequestKind,
	options: ApiRequest,
	call: ApiCall,
	shape: AnswerShape,
): Promise<PacedResult> {
	let waitedMs = 0;
	for (let retries = 0; ; retries++) {
		try {
			const credentials = await perItem(ctx, 'credentials', async () =>
				ctx.getCredentials('connectSafelyApi'),
			);
			const { result: answer, waitedMs: waited } = await paced(
				ctx,
				kind,
				async () => await callApi(ctx, options, call, credentials),
			);
			checkAnswer(ctx, answer, call, shape);
			return { answer, waitedMs: waitedMs + waited, retries };
		} catch (error) {
			const rejection = rateLimitRejection(error);
			const wait = rejection?.retryAfterMs;
			if (
				!rejection?.throttled ||
				wait === undefined ||
				wait > MAX_RETRY_AFTER_MS ||
				retries >= MAX_RETRIES
			) {
				throw asNodeError(ctx, error);
			}
			await clock().sleep(wait);
			waitedMs += wait;
		}
	}
}

/**
 * The account a write acts through, lower-cased: empty means the workspace default, whose ID is asked once per key
 * and process (GET /account/status). If that fails the item goes on as '' (the default account, counted apart).
 */
export async function resolvedAccount(
	ctx: IExecuteSingleFunctions,
	keyId: string,
): Promise<string> {
	const raw = accountParameter(ctx);
	if (raw !== '') return raw;
	const known = knownDefaultAccount(keyId);
	if (known !== undefined) return known;
	const state = runState(ctx);
	const call = apiCall(ctx, 'Find the default LinkedIn account', false);
	state.defaultAccount ??= defaultAccountOf(keyId, async () => {
		const { answer } = await sendPaced(
			ctx,
			'account',
			{ method: 'GET', url: '/account/status' },
			call,
			'account',
		);
		return (answer.body as IDataObject).id;
	});
	return await state.defaultAccount;
}

export interface Prepared {
	skip?: IDataObject;
	claim?: PersonClaim;
	/** Set once the write request itself was started. */
	attempted?: boolean;
	ids?: string[];
	relationship?: IDataObject;
	who?: IDataObject;
}

export interface WriteSpec {
	/** Names the operation in errors: "Accept invitation failed: …". */
	label: string;
	/** ConnectSafely's rate-limit action (X-RateLimit-Action) a quota stop applies to. */
	action: string;
	/** The output's `status` when it was carried out. */
	status: string;
	/** Runs in the item's turn, before deciding (reads only). */
	prepare?: (
		ctx: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
		state: RunState,
		scope: string,
	) => Promise<Prepared>;
	/** The skip reason for an error that means nothing needed doing. */
	already?: (error: unknown) => string | undefined;
	/** Extra fields of the output of an item that was carried out. */
	output?: (ctx: IExecuteSingleFunctions) => IDataObject;
	/** Returns skip details, or nothing to send. */
	decide?: (prepared: Prepared, state: RunState) => IDataObject | undefined;
}

function skipped(ctx: IExecuteSingleFunctions, details: IDataObject): INodeExecutionData[] {
	return [
		{
			json: { ...ctx.getInputData().json, status: 'skipped', ...details },
			pairedItem: { item: ctx.getItemIndex() },
		},
	];
}

function quotaStop(error: unknown, rejection: RateLimitRejection, action: string): QuotaStop {
	const apiError = error as NodeApiError;
	const resumeAfter = rejection.holdUntil ?? rejection.resetAt;
	return {
		resumeAfter,
		holdUntil: rejection.holdUntil,
		message: rejection.holdUntil
			? `LinkedIn put the account on hold for ${action} until ${rejection.holdUntil}`
			: `the ${action} quota is used up${resumeAfter ? `; it resets at ${resumeAfter}` : ''}`,
		description: apiError.description ?? '',
	};
}

function stoppedItem(
	ctx: IExecuteSingleFunctions,
	stop: QuotaStop,
	policy: QuotaPolicy,
): INodeExecutionData[] {
	if (policy === 'skipRemaining') {
		return skipped(ctx, {
			reason: stop.holdUntil ? 'hold' : 'quota',
			resumeAfter: stop.resumeAfter ?? null,
			...(stop.holdUntil ? { holdUntil: stop.holdUntil } : {}),
		});
	}
	throw new NodeOperationError(ctx.getNode(), `Not sent: ${stop.message}`, {
		description: `${stop.description} To let the workflow finish and pick these items up on the next run, set Options → On Quota Exhausted to Skip Remaining Items.`,
		itemIndex: ctx.getItemIndex(),
	});
}

function remember(
	ctx: IExecuteSingleFunctions,
	state: RunState,
	key: string,
	stop: QuotaStop,
): QuotaStop {
	state.stopped.set(key, stop);
	return rememberStop(ctx, key, stop);
}

function quotaPolicy(ctx: IExecuteSingleFunctions): QuotaPolicy {
	const options = itemParameter(ctx, 'options', {}) as IDataObject;
	return (options.onQuotaExhausted as QuotaPolicy | undefined) ?? 'fail';
}

/** Whether the write may have been carried out although it failed: its answer was lost or garbled. */
function maybeDone(error: unknown): boolean {
	return !(error instanceof NodeApiError && /^[45]\d\d$/.test(String(error.httpCode)));
}

export function writeOne(spec: WriteSpec) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const state = runState(this);
		let prepared: Prepared = {};
		let outcome: 'kept' | 'released' = 'released';
		try {
			const keyId = await keyIdOf(this);
			const scope = `${keyId}:${await resolvedAccount(this, keyId)}`;
			const stopKey = `${scope}:${spec.action}`;
			const stop = state.stopped.get(stopKey) ?? activeStop(this, stopKey);
			if (stop) return stoppedItem(this, stop, quotaPolicy(this));
			prepared = spec.prepare ? await spec.prepare(this, requestData, state, scope) : {};
			const result = await write(this, spec, requestData, state, prepared, stopKey);
			if (result[0]?.json.status !== 'skipped' || prepared.attempted) outcome = 'kept';
			return result;
		} catch (error) {
			if (prepared.attempted && maybeDone(error)) outcome = 'kept';
			failTurn(this);
			throw asNodeError(this, error);
		} finally {
			if (prepared.claim) (outcome === 'kept' ? keepPerson : releasePerson)(prepared.claim);
			endTurn(this);
			forgetItem(this);
		}
	};
}

async function write(
	ctx: IExecutePaginationFunctions,
	spec: WriteSpec,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	state: RunState,
	prepared: Prepared,
	stopKey: string,
): Promise<INodeExecutionData[]> {
	const options = itemParameter(ctx, 'options', {}) as IDataObject;
	const policy = quotaPolicy(ctx);
	const skip = spec.decide ? spec.decide(prepared, state) : undefined;
	if (skip) return skipped(ctx, skip);

	let waitedMs = 0;
	const delay = randomDelayMs(
		(options.delayBetweenRequests as IDataObject | undefined)?.values as IDataObject,
		Math.random(),
	);
	if (state.lastWriteAt !== undefined && delay > 0) {
		const wait = state.lastWriteAt + delay * clock().scale - clock().now();
		if (wait > 0) {
			await clock().sleep(wait);
			waitedMs += wait;
		}
	}

	let result: PacedResult;
	prepared.attempted = true;
	try {
		result = await sendPaced(
			ctx,
			'write',
			requestData.options,
			apiCall(ctx, spec.label, true),
			'write',
		);
	} catch (error) {
		const rejection = rateLimitRejection(error);
		if (rejection && !rejection.throttled) {
			prepared.attempted = false;
			const newStop = remember(ctx, state, stopKey, quotaStop(error, rejection, spec.action));
			if (policy === 'skipRemaining') return stoppedItem(ctx, newStop, policy);
		}
		const already = spec.already?.(error);
		if (already) return skipped(ctx, { reason: already });
		throw asNodeError(ctx, error);
	} finally {
		state.lastWriteAt = clock().now();
	}
	waitedMs += result.waitedMs;
	const rateLimit = rateLimitFromHeaders(result.answer.headers) as IDataObject | undefined;
	if (rateLimit?.remaining === 0) {
		remember(ctx, state, stopKey, {
			resumeAfter: rateLimit.reset as string | undefined,
			message: `the ${String(rateLimit.action ?? spec.action)} quota is used up (${String(rateLimit.used)}/${String(rateLimit.limit)})${rateLimit.reset ? `; it resets at ${String(rateLimit.reset)}` : ''}`,
			description:
				'ConnectSafely reported no requests of this kind left for this LinkedIn account. Sending more before the reset can put the account on a 24-hour hold.',
		});
	}
	return [
		{
			json: {
				status: spec.status,
				...prepared.who,
				...spec.output?.(ctx),
				...(result.answer.body as IDataObject),
				...(rateLimit ? { rateLimit } : {}),
				pacing: { waitedMs: Math.round(waitedMs), retries: result.retries },
			},
			pairedItem: { item: ctx.getItemIndex() },
		},
	];
}

/** ConnectSafely's own text of a 400, never the message n8n builds around it. */
function apiText400(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return undefined;
	const text = error.context.apiText;
	return typeof text === 'string' ? text : undefined;
}

const CONNECTED =
	/\balready (?:connected|a connection|in (?:your|the) network)\b|\bare (?:already )?connected\b/i;
const PENDING =
	/\bpending\b|\balready (?:been )?(?:invited|sent)\b|\binvitation (?:was |has )?already\b/i;

/** Send Request: a 400 saying the person is already connected or invited is nothing to do. */
export function alreadyConnected(error: unknown): string | undefined {
	const text = apiText400(error);
	if (text === undefined) return undefined;
	const connected = CONNECTED.test(text);
	const pending = PENDING.test(text);
	if (connected && pending) return 'connectedOrPending';
	return connected ? 'connected' : pending ? 'pending' : undefined;
}

const HANDLED = /\balready (?:been )?(?:handled|accepted|ignored|declined|withdrawn|responded)\b/i;
const UNCLEAR = /\bor\b|\bnot found\b|\bno longer\b|\bdoes not exist\b/i;

/** Accept, Ignore, Withdraw: skipped only when ConnectSafely clearly says the invitation was already handled. */
export function alreadyHandled(error: unknown): string | undefined {
	const text = apiText400(error);
	return text !== undefined && HANDLED.test(text) && !UNCLEAR.test(text)
		? 'alreadyHandled'
		: undefined;
}

export async function prepareConnect(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	state: RunState,
	scope: string,
): Promise<Prepared> {
	const body = requestData.options.body as IDataObject;
	const parsed = parseProfile(body.profileId ?? body.profileUrn);
	if (isProfileProblem(parsed)) return {};
	const who = profileBody(parsed);
	const [id] = personIds(parsed);
	if (state.claimed.has(id)) return { skip: { reason: 'duplicate', ...who } };
	state.claimed.add(id);
	const claim: PersonClaim = { scope, owner: {}, ids: [] };
	if (!claimPerson(claim, [id])) return { skip: { reason: 'duplicate', ...who } };
	const options = itemParameter(ctx, 'options', {}) as IDataObject;
	if (options.skipIfConnectedOrPending === false) return { ids: [id], who, claim };
	const relationship = await relationshipOf(ctx, requestData, parsed);
	const memberId =
		typeof relationship.profileUrn === 'string'
			? relationship.profileUrn.split(':').pop()
			: undefined;
	if (memberId && !claimPerson(claim, [`member:${memberId}`]))
		return { skip: { reason: 'duplicate', ...who }, claim };
	return { ids: memberId ? [id, `member:${memberId}`] : [id], relationship, who, claim };
}

export function decideConnect(prepared: Prepared, state: RunState): IDataObject | undefined {
	if (prepared.skip) return prepared.skip;
	const ids = prepared.ids ?? [];
	if (ids.some((id) => state.sentTo.has(id))) return { reason: 'duplicate', ...prepared.who };
	ids.forEach((id) => state.sentTo.add(id));
	const relationship = prepared.relationship ?? {};
	if (relationship.connected === true) return { reason: 'connected', ...prepared.who };
	if (relationship.invitationSent === true) return { reason: 'pending', ...prepared.who };
	if (relationship.invitationReceived === true)
		return { reason: 'theyInvitedYou', ...prepared.who };
	return undefined;
}

async function relationshipOf(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	profile: ProfileRef,
): Promise<IDataObject> {
	const accountId = (requestData.options.body as IDataObject).accountId;
	const { url } = placeAccountId(
		{ url: relationshipPath(profile) },
		typeof accountId === 'string' ? accountId : '',
	);
	const call = apiCall(ctx, 'Send connection request (status check)', false);
	const { answer } = await sendPaced(ctx, 'read', { method: 'GET', url }, call, 'relationship');
	return answer.body as IDataObject;
}
