// May an action of this account go out? A hold or spent quota blocks it until it ends, for writes and for reads that
// spend a daily quota alike. ConnectSafely says what it knows (GET /account/{id}/quota, read once per account and node
// run: it counts every client of the account, so every process and worker agrees); this process adds the holds and
// spent quotas it saw itself (429s, X-RateLimit-Remaining: 0). Nothing is kept in the workflow's static data.
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ApiError } from '../errors/classify';
import { rateLimitFromHeaders, type RateLimitState } from '../errors/rateLimit';
import { DAY_MS } from '../values/dates';
import { quotaEntries, quotaPath, type QuotaEntry } from '../values/quota';
import { sendPatiently } from './api';
import { Cancelled, clock } from './pacing';
import type { NodeRun } from './run';
import type { Wire } from './transport';

export interface QuotaBlock {
	resumeAfter?: string;
	holdUntil?: string;
	message: string;
	description: string;
}

// Process-wide on purpose, like pacing: every execution and workflow on an account shares them.
const stops = new Map<string, QuotaBlock & { until: number }>();

/** A hold or spent quota this process saw for this key, account and action, still in force. */
export function activeBlock(key: string, now: number): QuotaBlock | undefined {
	const local = stops.get(key);
	if (local && local.until > now) return local;
	if (local) stops.delete(key);
	return undefined;
}

/** Kept in this process until it ends; one that names no end only for its run (the next asks ConnectSafely). */
export function rememberBlock(key: string, stop: QuotaBlock, now: number): void {
	const until = Date.parse(stop.holdUntil ?? stop.resumeAfter ?? '');
	if (Number.isNaN(until) || until <= now) return;
	const previous = stops.get(key);
	if (!previous || previous.until < until) stops.set(key, { ...stop, until });
}

/**
 * The quota feature of a write's rate-limit action (WriteSpec.action): CONNECT, MESSAGE, FOLLOW, PROFILE_VIEW,
 * SEARCH_PEOPLE… are their own; these have none in ConnectSafely's read-out (their writes do not read it).
 */
const WITHOUT_QUOTA = new Set(['INVITATION_RESPOND', 'WITHDRAW']);

export function featureOf(action: string): string | undefined {
	return WITHOUT_QUOTA.has(action) ? undefined : action;
}

/** What a node run knows of an account's quotas, per feature; counted on by its own writes. */
export type Counts = Map<string, QuotaEntry & { reset: number }>;

/** What asks for an account's quotas: the item, its scope ("<key id>:<account ID>"), key, Request Options. */
export interface QuotaAsk {
	ctx: IExecuteSingleFunctions;
	scope: string;
	credentials: IDataObject;
	timeoutMs?: number;
	wire?: Wire;
}

const readouts = new WeakMap<object, Map<string, Promise<Counts>>>();
/** The read-out waits at most this long (or the node's shorter Timeout): without it the action goes on. */
export const QUOTA_TIMEOUT_MS = 10_000;

function countsOf(body: unknown): Counts {
	return new Map(
		quotaEntries(body).map((q) => [q.feature, { ...q, reset: Date.parse(q.resetAt) }]),
	);
}

/**
 * Waits for one of the 10 /account/* calls a minute, and past a throttle (sendPatiently): an action is not sent blind
 * because the read-out was throttled. Any other failure (an error, no answer within the timeout): the action goes on
 * with what this process knows, said in the log.
 */
async function readQuota(ask: QuotaAsk, accountId: string): Promise<Counts> {
	const { ctx } = ask;
	const timeoutMs = Math.min(ask.timeoutMs || QUOTA_TIMEOUT_MS, QUOTA_TIMEOUT_MS);
	const call = { label: 'Read the account’s quotas', write: false, shape: { list: 'quotas' } };
	const request = { method: 'GET' as const, url: quotaPath(accountId) };
	try {
		const { answer } = await sendPatiently(
			ctx,
			request,
			{
				...call,
				kind: 'account',
				account: accountId,
				timeoutMs,
				wire: ask.wire,
				itemIndex: ctx.getItemIndex(),
			},
			ask.credentials,
		);
		return countsOf(answer.body);
	} catch (error) {
		// After a Stop the item's next step ends it.
		if (!(error instanceof Cancelled))
			ctx.logger.warn(
				`ConnectSafely: the quotas of account ${accountId} could not be read (${(error as Error).message}); the node goes on with what this process knows`,
			);
		return new Map();
	}
}

/**
 * The account's quotas, read once per account and node run (as a tool: agent run) at its first action that has a
 * quota, and counted on by the run's own actions.
 */
export async function quotaCounts(ask: QuotaAsk, run: NodeRun, action: string): Promise<Counts> {
	const accountId = ask.scope.slice(ask.scope.indexOf(':') + 1);
	if (accountId === '' || featureOf(action) === undefined) return new Map();
	let perRun = readouts.get(run.shared);
	if (!perRun) readouts.set(run.shared, (perRun = new Map()));
	let pending = perRun.get(ask.scope);
	if (!pending) perRun.set(ask.scope, (pending = readQuota(ask, accountId)));
	return await pending;
}

function readOutBlock(action: string, counts: Counts, now: number): QuotaBlock | undefined {
	const quota = counts.get(featureOf(action) ?? '');
	if (!quota || quota.reset <= now) return undefined;
	const resumeAfter = quota.resetAt;
	if (quota.limitReached) {
		return {
			resumeAfter,
			message: `LinkedIn refused ${action} on this account in the current quota window${quota.limitReachedAt ? ` (at ${quota.limitReachedAt})` : ''}; it resets at ${resumeAfter}`,
			description:
				'ConnectSafely reports that LinkedIn answered with a rate limit or hold for this action in this window (from this or another workflow, n8n instance or the ConnectSafely dashboard). More of it before the reset can put the account on hold or extend a hold.',
		};
	}
	if (quota.remaining > 0 && quota.used < quota.limit) return undefined;
	return {
		resumeAfter,
		message: `the ${action} quota is used up (${quota.used}/${quota.limit}); it resets at ${resumeAfter}`,
		description:
			'ConnectSafely counts none of this quota left for this LinkedIn account, from any client of the account. More of it before the reset can put the account on a 24-hour hold.',
	};
}

/** A hold or spent quota this run or this process already knows for the key, in force. */
export function blockFor(run: NodeRun, key: string, now: number): QuotaBlock | undefined {
	return run.blocked.get(key) ?? activeBlock(key, now);
}

/** One action of one account, as a node run checks and counts it. */
export interface QuotaGuard {
	run: NodeRun;
	/** "<key id>:<account ID>": blocks are kept under "<scope>:<action>". */
	scope: string;
	action: string;
	counts: Counts;
}

/**
 * In the item's turn, before its request: the guard of its action, and the block in force, if any: one this run or
 * process knows (then ConnectSafely is not asked), else what the read-out says. Unchecked (a reply into a thread,
 * which no quota stops) reads no quotas and meets no block, but still learns from its answer.
 */
export async function guardAction(
	ask: QuotaAsk,
	run: NodeRun,
	action: string,
	{ now, checked = true }: { now: number; checked?: boolean },
): Promise<{ guard: QuotaGuard; block?: QuotaBlock }> {
	const guard = { run, scope: ask.scope, action, counts: new Map() as Counts };
	const known = checked ? blockFor(run, `${ask.scope}:${action}`, now) : undefined;
	if (!checked || known) return { guard, block: known };
	guard.counts = await quotaCounts(ask, run, action);
	return { guard, block: readOutBlock(action, guard.counts, now) };
}

function remember(guard: QuotaGuard, action: string, block: QuotaBlock): QuotaBlock {
	const key = `${guard.scope}:${action}`;
	guard.run.blocked.set(key, block);
	rememberBlock(key, block, clock.now());
	return block;
}

/**
 * An answer of the action: counted (`spent`, or its headers); the block its headers announce (X-RateLimit-Remaining:
 * 0), remembered under the action they name, if any.
 */
export function noteAnswer(
	guard: QuotaGuard,
	headers: Record<string, unknown>,
	spent: number,
): { rateLimit?: RateLimitState; block?: QuotaBlock } {
	const rateLimit = rateLimitFromHeaders(headers);
	countUse(guard.counts, guard.action, rateLimit, clock.now(), spent);
	if (rateLimit?.remaining !== 0) return { rateLimit };
	const action = rateLimit.action ?? guard.action;
	const block = remember(guard, action, {
		resumeAfter: rateLimit.reset,
		message: `the ${action} quota is used up (${String(rateLimit.used)}/${String(rateLimit.limit)})${rateLimit.reset ? `; it resets at ${rateLimit.reset}` : ''}`,
		description:
			'ConnectSafely reported none of this quota left for this LinkedIn account. More of it before the reset can put the account on a 24-hour hold.',
	});
	return { rateLimit, block: action === guard.action ? block : undefined };
}

/** The block a quota or hold 429 of the action means, remembered; undefined for any other error. */
export function noteRefusal(guard: QuotaGuard, error: unknown): QuotaBlock | undefined {
	const limit = error instanceof ApiError ? error.verdict.rateLimit : undefined;
	if (!limit || limit.throttled) return undefined;
	const { action } = guard;
	const resumeAfter = limit.holdUntil ?? limit.resetAt;
	return remember(guard, action, {
		resumeAfter,
		holdUntil: limit.holdUntil,
		message: limit.holdUntil
			? `LinkedIn put the account on hold for ${action} until ${limit.holdUntil}`
			: `the ${action} quota is used up${resumeAfter ? `; it resets at ${resumeAfter}` : ''}`,
		description: (error as ApiError).description ?? '',
	});
}

export type QuotaPolicy = 'fail' | 'skipRemaining';

/** Options → On Quota Exhausted. */
export function quotaPolicy(ctx: IExecuteSingleFunctions): QuotaPolicy {
	const { onQuotaExhausted } = ctx.getNodeParameter('options', {}) as IDataObject;
	return onQuotaExhausted === 'skipRemaining' ? 'skipRemaining' : 'fail';
}

/**
 * An item that met a block: its skip details (On Quota Exhausted → Skip Remaining Items), or the error saying so,
 * led by `lead` ("Not sent", "Get profile stopped").
 */
export function blockedDetails(
	ctx: IExecuteSingleFunctions,
	block: QuotaBlock,
	lead: string,
): IDataObject {
	if (quotaPolicy(ctx) === 'skipRemaining') {
		return {
			reason: block.holdUntil ? 'hold' : 'quota',
			resumeAfter: block.resumeAfter ?? null,
			...(block.holdUntil ? { holdUntil: block.holdUntil } : {}),
		};
	}
	throw new NodeOperationError(ctx.getNode(), `${lead}: ${block.message}`, {
		description: `${block.description} To let the workflow go on and pick the remaining items up on a later run, set Options → On Quota Exhausted to Skip Remaining Items.`,
		itemIndex: ctx.getItemIndex(),
	});
}

/**
 * An action was carried out: its quota counts `spent` more (a write 1; a read 0, its cost is ConnectSafely's to say),
 * or what its X-RateLimit-* headers say if more.
 */
export function countUse(
	counts: Counts,
	action: string,
	rateLimit: RateLimitState | undefined,
	now: number,
	spent = 1,
): void {
	const feature = featureOf(action);
	if (feature === undefined) return;
	const quota = counts.get(feature);
	if (quota) {
		quota.used += spent;
		quota.remaining = Math.max(quota.remaining - spent, 0);
	}
	const { limit, used } = rateLimit ?? {};
	const reset = Date.parse(rateLimit?.reset ?? '');
	if (typeof limit !== 'number' || typeof used !== 'number' || Number.isNaN(reset)) return;
	if (rateLimit?.action !== undefined && featureOf(rateLimit.action) !== feature) return;
	if (quota && quota.used >= used) return;
	const resetAt = new Date(reset).toISOString();
	counts.set(feature, {
		feature,
		window: quota?.window ?? (reset - now > DAY_MS ? 'weekly' : 'daily'),
		used,
		limit,
		remaining: Math.max(limit - used, 0),
		limitReached: quota?.limitReached ?? false,
		resetAt,
		reset,
	});
}
