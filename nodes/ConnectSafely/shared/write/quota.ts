// May a write of this action go out on this account? Holds and spent quotas (a quota 429, a LinkedIn hold or
// X-RateLimit-Remaining: 0) stop it until they end, in this process and, through the workflow's static data, in its
// next executions; Spread Over Week keeps it within the day's share of the weekly quota, by ConnectSafely's counts.
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import type { RateLimitState } from '../errors/rateLimit';
import { clock } from '../request/pacing';

export interface QuotaStop {
	resumeAfter?: string;
	holdUntil?: string;
	message: string;
	description: string;
}

export interface RememberedStop extends QuotaStop {
	until: number;
}

// Process-wide on purpose, like pacing: every execution and workflow on an account shares them.
const stops = new Map<string, RememberedStop>();

export const MAX_STORED_STOPS = 50;
export const STATIC_KEY = 'connectSafelyStops';
/** A quota 429 that names no end: ConnectSafely blocks connection requests for 24 h. */
export const UNKNOWN_END_MS = 24 * 60 * 60 * 1000;

function storedStops(ctx: IExecuteSingleFunctions): IDataObject {
	const stored = ctx.getWorkflowStaticData('global')[STATIC_KEY];
	return typeof stored === 'object' && stored !== null && !Array.isArray(stored)
		? (stored as IDataObject)
		: {};
}

function untilOf(value: unknown): number | undefined {
	const until = (value as IDataObject | undefined)?.until;
	return typeof until === 'number' ? until : undefined;
}

function pruned(stored: IDataObject, now: number): IDataObject {
	const live = Object.entries(stored).filter(([, value]) => (untilOf(value) ?? 0) > now);
	live.sort(([, a], [, b]) => (untilOf(b) ?? 0) - (untilOf(a) ?? 0));
	return Object.fromEntries(live.slice(0, MAX_STORED_STOPS));
}

/** A hold or spent quota still in force for this key, account and action: this process's, else the workflow's. */
export function activeStop(
	ctx: IExecuteSingleFunctions,
	key: string,
	now = clock.now(),
): RememberedStop | undefined {
	const local = stops.get(key);
	if (local && local.until > now) return local;
	if (local) stops.delete(key);
	const entry = storedStops(ctx)[key];
	const until = untilOf(entry);
	if (until === undefined || until <= now) return undefined;
	const stop = entry as unknown as RememberedStop;
	stops.set(key, stop);
	return stop;
}

export function rememberStop(
	ctx: IExecuteSingleFunctions,
	key: string,
	stop: QuotaStop,
	now = clock.now(),
): RememberedStop {
	const end = Date.parse(stop.holdUntil ?? stop.resumeAfter ?? '');
	const entry: RememberedStop = { ...stop, until: Number.isNaN(end) ? now + UNKNOWN_END_MS : end };
	if (entry.until <= now) return entry;
	const previous = stops.get(key);
	if (!previous || previous.until < entry.until) stops.set(key, entry);
	const stored = { ...storedStops(ctx) };
	if ((untilOf(stored[key]) ?? 0) < entry.until) stored[key] = { ...entry };
	// Assigned whole: n8n notices changes of the static data's own properties, and saves it after the execution.
	ctx.getWorkflowStaticData('global')[STATIC_KEY] = pruned(stored, now);
	return entry;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last counts ConnectSafely reported per key, account and action (X-RateLimit-Limit, -Used, -Reset). */
const counts = new Map<string, { limit: number; used: number; reset: number }>();

export function observeCounts(key: string, rateLimit: RateLimitState | undefined): void {
	const reset = Date.parse(rateLimit?.reset ?? '');
	const { limit, used } = rateLimit ?? {};
	if (typeof limit !== 'number' || typeof used !== 'number' || Number.isNaN(reset) || limit <= 0)
		return;
	counts.set(key, { limit, used, reset });
}

export interface ShareStop {
	/** The start of the next quota day. */
	resumeAfter: string;
	/** Day of the quota week (1–7), the share of it, and what ConnectSafely counted. */
	day: number;
	share: number;
	used: number;
}

/**
 * Spread Over Week: on day d of the quota week (its reset minus 7 days; d = 1 on the first day) at most
 * ⌈limit × d / 7⌉ of the week's requests, as ConnectSafely last counted them. Unknown counts or a new week: no stop.
 */
export function shareStop(key: string, now = clock.now()): ShareStop | undefined {
	const seen = counts.get(key);
	if (!seen || now >= seen.reset) return undefined;
	const weekStart = seen.reset - 7 * DAY_MS;
	const day = Math.min(7, Math.max(1, Math.floor((now - weekStart) / DAY_MS) + 1));
	const share = Math.ceil((seen.limit * day) / 7);
	if (seen.used < share) return undefined;
	const resumeAfter = new Date(weekStart + day * DAY_MS).toISOString();
	return { resumeAfter, day, share, used: seen.used };
}
