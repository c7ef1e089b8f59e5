// A read that spends a daily quota (profile views, searches, group members): once ConnectSafely says the quota is
// used up (a quota 429, or X-RateLimit-Remaining: 0 on the action), no further request of it goes out in this node
// run, and On Quota Exhausted decides between an error and a skip, as for a write. Never retried.
import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ApiError } from '../errors/classify';
import { rateLimitFromHeaders } from '../errors/rateLimit';
import type { ApiAnswer } from './transport';

export interface ReadStop {
	action: string;
	resumeAfter?: string;
	message: string;
}

// Keyed by the node run's execute data: the run's items share it, and it goes with the run.
const runs = new WeakMap<object, Map<string, ReadStop>>();

function stopsOf(ctx: IExecuteSingleFunctions): Map<string, ReadStop> {
	const key = ctx.getExecuteData() as unknown as object;
	let stops = runs.get(key);
	if (!stops) runs.set(key, (stops = new Map()));
	return stops;
}

export function readStop(
	ctx: IExecuteSingleFunctions,
	action: string,
	account: string,
): ReadStop | undefined {
	return stopsOf(ctx).get(`${account.toLowerCase()}|${action}`);
}

function remember(ctx: IExecuteSingleFunctions, account: string, stop: ReadStop): ReadStop {
	stopsOf(ctx).set(`${account.toLowerCase()}|${stop.action}`, stop);
	return stop;
}

/** The stop an answer of the action announces (X-RateLimit-Remaining: 0), remembered; else undefined. */
export function stopFromAnswer(
	ctx: IExecuteSingleFunctions,
	action: string,
	account: string,
	answer: ApiAnswer,
): ReadStop | undefined {
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
export function stopFromError(
	ctx: IExecuteSingleFunctions,
	action: string,
	account: string,
	error: unknown,
): ReadStop | undefined {
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
export function quotaError(ctx: IExecuteSingleFunctions, label: string, stop: ReadStop) {
	return new NodeOperationError(ctx.getNode(), `${label} stopped: ${stop.message}`, {
		description: `ConnectSafely counts this quota per LinkedIn account and day, for every client of the account. Nothing more of it is asked before the reset: asking again can put the account on a hold. To let the workflow go on with what was read, set Options → On Quota Exhausted to Skip Remaining Items.`,
		itemIndex: ctx.getItemIndex(),
	});
}

/** A single read's item stopped by a spent quota (Skip Remaining Items): the input, skipped, with when to resume. */
export function quotaSkipped(ctx: IExecuteSingleFunctions, stop: ReadStop): INodeExecutionData[] {
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
export function stoppedRead(
	ctx: IExecuteSingleFunctions,
	label: string,
	stop: ReadStop,
	skipped: INodeExecutionData[],
): INodeExecutionData[] {
	if (quotaPolicy(ctx) === 'skipRemaining') return skipped;
	throw quotaError(ctx, label, stop);
}
