// May a write of this action go out on this account? A hold or spent quota stops it until it ends. ConnectSafely says
// what it knows (GET /account/{id}/quota, read once per account and node run: it counts every client of the account,
// so every process and worker agrees); this process adds the holds and quota 429s it saw itself. Spread Over Week
// keeps a weekly quota within the day's share, by the same counts. Nothing is kept in the workflow's static data.
import type { RateLimitState } from '../errors/rateLimit';
import { send } from '../request/api';
import { Cancelled } from '../request/pacing';
import { quotaEntries, quotaPath, type QuotaEntry } from '../values/quota';
import type { Job, NodeRun, WriteInput } from './job';

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

const readouts = new WeakMap<NodeRun, Map<string, Promise<Counts>>>();
/** The read-out waits at most this long (or the node's shorter Timeout): without it the write goes on. */
export const QUOTA_TIMEOUT_MS = 10_000;

async function readQuota(job: Job<WriteInput>, accountId: string): Promise<Counts> {
	const { ctx } = job;
	const timeoutMs = Math.min(job.timeoutMs || QUOTA_TIMEOUT_MS, QUOTA_TIMEOUT_MS);
	const call = { label: 'Read the account’s quotas', write: false, shape: { list: 'quotas' } };
	try {
		const { answer } = await send(
			ctx,
			{ method: 'GET', url: quotaPath(accountId) },
			// Never waits for the 10 /account/* calls a minute: without a free slot the write goes on without it.
			{
				...call,
				kind: 'account',
				account: accountId,
				timeoutMs,
				noWait: true,
				itemIndex: ctx.getItemIndex(),
			},
			job.credentials,
		);
		return new Map(
			quotaEntries(answer.body).map((q) => [q.feature, { ...q, reset: Date.parse(q.resetAt) }]),
		);
	} catch (error) {
		// After a Stop the item's next step ends it; otherwise the write goes on without the read-out.
		if (!(error instanceof Cancelled))
			ctx.logger.warn(
				`ConnectSafely: the quotas of account ${accountId} could not be read (${(error as Error).message}); writes go on with what this process knows`,
			);
		return new Map();
	}
}

/** The account's quotas, read once per account and node run at its first write of an action that has a quota. */
export async function quotaCounts(
	job: Job<WriteInput>,
	run: NodeRun,
	action: string,
): Promise<Counts> {
	// The scope is "<key id>:<account ID>", '' when the default account's ID could not be found.
	const accountId = job.scope.slice(job.scope.indexOf(':') + 1);
	if (accountId === '' || featureOf(action) === undefined) return new Map();
	let perRun = readouts.get(run);
	if (!perRun) readouts.set(run, (perRun = new Map()));
	let pending = perRun.get(job.scope);
	if (!pending) perRun.set(job.scope, (pending = readQuota(job, accountId)));
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
				'ConnectSafely reports that LinkedIn answered with a rate limit or hold for this action in this window (from this or another workflow, n8n instance or the ConnectSafely dashboard). Sending before the reset can put the account on hold or extend a hold.',
		};
	}
	if (quota.remaining > 0 && quota.used < quota.limit) return undefined;
	return {
		resumeAfter,
		message: `the ${action} quota is used up (${quota.used}/${quota.limit}); it resets at ${resumeAfter}`,
		description:
			'ConnectSafely counts no requests of this kind left for this LinkedIn account, from any client of the account. Sending more before the reset can put the account on a 24-hour hold.',
	};
}

/** The hold or spent quota a write meets: its run's, this process's, or what ConnectSafely's read-out says. */
export function blockFor(
	run: NodeRun,
	key: string,
	action: string,
	counts: Counts,
	now: number,
): QuotaBlock | undefined {
	return run.blocked.get(key) ?? activeBlock(key, now) ?? readOutBlock(action, counts, now);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A write was carried out: its quota counts one more, or what its X-RateLimit-* headers say if more. */
export function countWrite(
	counts: Counts,
	action: string,
	rateLimit: RateLimitState | undefined,
	now: number,
): void {
	const feature = featureOf(action);
	if (feature === undefined) return;
	const quota = counts.get(feature);
	if (quota) {
		quota.used += 1;
		quota.remaining = Math.max(quota.remaining - 1, 0);
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

export interface ShareBlock {
	/** The start of the next quota day. */
	resumeAfter: string;
	/** Day of the quota week (1–7), the share of it, and what ConnectSafely counted. */
	day: number;
	share: number;
	used: number;
}

/**
 * Spread Over Week: on day d of a weekly quota's week (its reset minus 7 days; d = 1 on the first day) at most
 * ⌈limit × d / 7⌉ of the week's requests, by ConnectSafely's count. Unknown counts, a daily quota or a new week: no stop.
 */
export function shareBlock(counts: Counts, action: string, now: number): ShareBlock | undefined {
	const seen = counts.get(featureOf(action) ?? '');
	if (!seen || seen.window !== 'weekly' || now >= seen.reset || seen.limit <= 0) return undefined;
	const weekStart = seen.reset - 7 * DAY_MS;
	const day = Math.min(7, Math.max(1, Math.floor((now - weekStart) / DAY_MS) + 1));
	const share = Math.ceil((seen.limit * day) / 7);
	if (seen.used < share) return undefined;
	const resumeAfter = new Date(weekStart + day * DAY_MS).toISOString();
	return { resumeAfter, day, share, used: seen.used };
}
