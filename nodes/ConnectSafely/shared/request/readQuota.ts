// A read that spends a daily quota (profile views, searches, group members): once ConnectSafely says the quota is
// used up (a quota 429, or X-RateLimit-Remaining: 0 on the action), no further request of it goes out in this node
// run, and On Quota Exhausted decides between an error and a skip, as for a write. Never retried.
import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ApiError } from '../errors/classify';
import { rateLimitFromHeaders } from '../errors/rateLimit';
import type { ApiAnswer } from './transport';

export interface ReadBlock {
	action: string;
	resumeAfter?: string;
	message: string;
}

interface ReadRun {
	stops: Map<string, ReadBlock>;
	/** Settles when the last item that took a turn has ended it. */
	last: Promise<void>;
}

// Keyed by the node run's execute data: the run's items share it, and it goes with the run.
const runs = new WeakMap<object, ReadRun>();

function runOf(ctx: IExecuteSingleFunctions): ReadRun {
	const key = ctx.getExecuteData() as unknown as object;
	let run = runs.get(key);
	if (!run) runs.set(key, (run = { stops: new Map(), last: Promise.resolve() }));
	return run;
}

function stopsOf(ctx: IExecuteSingleFunctions): Map<string, ReadBlock> {
	return runOf(ctx).stops;
}

/**
 * A read that spends a quota takes its turn in input order, so that the answer saying the quota is spent is known
 * before the next item asks. Called before the item's first await; returns the wait and the end of the turn.
 */
export function readTurn(ctx: IExecuteSingleFunctions): { ready: Promise<void>; end: () => void } {
	const run = runOf(ctx);
	const ready = run.last;
	let end = (): void => {};
	const mine = new Promise<void>((resolve) => (end = resolve));
	run.last = ready.then(async () => await mine);
	return { ready, end };
}

export function readBlock(
	ctx: IExecuteSingleFunctions,
	action: string,
	account: string,
): ReadBlock | undefined {
	return stopsOf(ctx).get(`${account.toLowerCase()}|${action}`);
}

function remember(ctx: IExecuteSingleFunctions, account: string, stop: ReadBlock): ReadBlock {
	stopsOf(ctx).set(`${account.toLowerCase()}|${stop.action}`, stop);
	return stop;
}

/** The stop an answer of the action announces (X-RateLimit-Remaining: 0), remembered; else undefined. */
export function blockFromAnswer(
	ctx: IExecuteSingleFunctions,
	action: string,
	account: string,
	answer: ApiAnswer,
): ReadBlock | undefined {
	const state = rateLimitFromHeaders(answer.headers);
	if (state?.remaining !== 0 || (state.action !== undefined && state.action !== action))
		return undefined;
	return remember(ctx, account, {
		action,
		resumeAfter: state.reset,
		message: `the ${action} quota is used up (${String(state.used)}/${String(state.limit)})${state.reset ? `; it resets at ${state.reset}` : ''}`,
	});
}

/** The stop a quota 429 means, remembered; undefined for any other error. */
export function blockFromError(
	ctx: IExecuteSingleFunctions,
	action: string,
	account: string,
	error: unknown,
): ReadBlock | undefined {
	const limit = error instanceof ApiError ? error.verdict.rateLimit : undefined;
	if (!limit || limit.throttled) return undefined;
	const resumeAfter = limit.holdUntil ?? limit.resetAt;
	return remember(ctx, account, {
		action,
		resumeAfter,
		message: limit.holdUntil
			? `LinkedIn put the account on hold for ${action} until ${limit.holdUntil}`
			: `the ${action} quota is used up${resumeAfter ? `; it resets at ${resumeAfter}` : ''}`,
	});
}

export type QuotaPolicy = 'fail' | 'skipRemaining';

export function quotaPolicy(ctx: IExecuteSingleFunctions): QuotaPolicy {
	const { onQuotaExhausted } = ctx.getNodeParameter('options', {}) as IDataObject;
	return onQuotaExhausted === 'skipRemaining' ? 'skipRemaining' : 'fail';
}

/** The error of a read stopped by a spent quota (On Quota Exhausted → Fail). */
export function quotaError(ctx: IExecuteSingleFunctions, label: string, stop: ReadBlock) {
	return new NodeOperationError(ctx.getNode(), `${label} stopped: ${stop.message}`, {
		description: `ConnectSafely counts this quota per LinkedIn account and day, for every client of the account. Nothing more of it is asked before the reset: asking again can put the account on a hold. To let the workflow go on with what was read, set Options → On Quota Exhausted to Skip Remaining Items.`,
		itemIndex: ctx.getItemIndex(),
	});
}

/** A single read's item stopped by a spent quota (Skip Remaining Items): the input, skipped, with when to resume. */
export function quotaSkipped(ctx: IExecuteSingleFunctions, stop: ReadBlock): INodeExecutionData[] {
	return [
		{
			json: {
				...ctx.getInputData().json,
				status: 'skipped',
				reason: 'quota',
				resumeAfter: stop.resumeAfter ?? null,
			},
			pairedItem: { item: ctx.getItemIndex() },
		},
	];
}

/** What a read stopped by a spent quota gives: the skipped item, or (On Quota Exhausted → Fail) the error. */
export function blockedRead(
	ctx: IExecuteSingleFunctions,
	label: string,
	stop: ReadBlock,
	skipped: INodeExecutionData[],
): INodeExecutionData[] {
	if (quotaPolicy(ctx) === 'skipRemaining') return skipped;
	throw quotaError(ctx, label, stop);
}
