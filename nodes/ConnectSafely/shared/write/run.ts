// The one write run: every write operation's items go through these steps, in input order, one at a time.
// turn → the operation's input → account → holds and quotas → the operation's own check → delay → the write →
// what its answer means. Each operation file says only what differs (WriteSpec).
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { ApiError } from '../errors/classify';
import { asNodeError, errorItem } from '../errors/input';
import { cancelSignalOf, send, type Sent } from '../request/api';
import { Cancelled, clock, pause, randomDelayMs } from '../request/pacing';
import {
	blockedDetails,
	guardAction,
	noteAnswer,
	noteRefusal,
	quotaPolicy,
	type QuotaBlock,
	type QuotaGuard,
} from '../request/quota';
import { takeTurn, type NodeRun } from '../request/run';
import { startJob, type Job, type WriteInput, type WriteSpec } from './job';
import { settleClaim } from './people';
import { shareBlock } from './spread';

/** An item's write, read and checked once from its parameters. */
type Outcome = 'invited' | 'withdrawn' | 'released';

function item(ctx: IExecuteSingleFunctions, json: IDataObject): INodeExecutionData[] {
	return [{ json, pairedItem: { item: ctx.getItemIndex() } }];
}

// Every outcome of a write has one shape: `status`, the person acted on and what ConnectSafely said (no input fields:
// they stay on the input item, which the output is paired to, so none is ever overwritten).
function skipped(ctx: IExecuteSingleFunctions, details: IDataObject): INodeExecutionData[] {
	return item(ctx, { ...details, status: 'skipped' });
}

function blockedItem(job: Job<WriteInput>, block: QuotaBlock) {
	const details = blockedDetails(job.ctx, block, 'Not sent');
	return skipped(job.ctx, { ...details, ...job.input.who });
}

async function delayBetween(job: Job<WriteInput>, run: NodeRun): Promise<number> {
	const range = (job.options.delayBetweenRequests as IDataObject | undefined)?.values;
	const delay = randomDelayMs(range as IDataObject | undefined, Math.random());
	const last = run.agent?.lastWriteAt ?? run.lastWriteAt;
	if (last === undefined || delay <= 0) return 0;
	const wait = last + delay - clock.now();
	await pause(wait, cancelSignalOf(job.ctx), job.ctx.getNode(), job.ctx.getItemIndex());
	return Math.max(wait, 0);
}

/** The quota an item counts against: its own, else the operation's. */
function actionOf<I extends WriteInput>(job: Job<I>, spec: WriteSpec<I>): string {
	return job.input.action ?? spec.action;
}

interface Written {
	items: INodeExecutionData[];
	outcome: Outcome;
}

/** A write ConnectSafely refused: a quota or hold (remembered), nothing to do (a skip), or the error (a throttle too). */
function refused<I extends WriteInput>(job: Job<I>, guard: QuotaGuard, error: ApiError): Written {
	const block = noteRefusal(guard, error);
	if (block && quotaPolicy(job.ctx) === 'skipRemaining')
		return { items: blockedItem(job, block), outcome: 'released' };
	if (error.verdict.skip) {
		const { reason, details } = error.verdict.skip;
		return {
			items: skipped(job.ctx, { reason, ...details, ...job.input.who }),
			outcome: reason === 'withdrawn' ? 'withdrawn' : 'invited',
		};
	}
	throw error;
}

function carriedOut<I extends WriteInput>(
	job: Job<I>,
	spec: WriteSpec<I>,
	guard: QuotaGuard,
	sent: Sent,
	waitedMs: number,
) {
	const { rateLimit } = noteAnswer(guard, sent.answer.headers, job.input.action === null ? 0 : 1);
	spec.after?.(job, sent.answer);
	return item(job.ctx, {
		...job.input.who,
		...job.input.output,
		...(sent.answer.body as IDataObject),
		status: spec.status,
		...(rateLimit ? { rateLimit: { ...rateLimit } } : {}),
		pacing: { waitedMs: Math.round(waitedMs + sent.waitedMs), retries: sent.retries },
	});
}

/** What an item's write got to: sent (or maybe), and, as a tool, the write it claimed in the agent run. */
interface Attempt {
	sent: boolean;
	agentWrite?: string;
}

/** The item's turn, once it may go: stops, the operation's check, the delay, the write. */
async function writeItem<I extends WriteInput>(
	job: Job<I>,
	spec: WriteSpec<I>,
	run: NodeRun,
	attempt: Attempt,
): Promise<Written> {
	const { ctx } = job;
	// As a tool: the same write (account, request, body) goes once per agent run, claimed from here on (also against
	// a call made at the same time) and given back if it was not sent.
	const { method, url, body } = job.input.request;
	const write = `${job.scope}|${method ?? ''} ${url}|${JSON.stringify(body ?? null)}`;
	if (run.agent?.writes.has(write))
		return { items: skipped(ctx, { reason: 'duplicate', ...job.input.who }), outcome: 'released' };
	if (run.agent) attempt.agentWrite = write;
	run.agent?.writes.add(write);
	const { scope, credentials, timeoutMs, wire } = job;
	const ask = { ctx, scope, credentials, timeoutMs, wire };
	// A reply into an existing thread counts against no quota and is never stopped by one.
	const reply = job.input.action === null;
	const action = actionOf(job, spec);
	const { guard, block } = await guardAction(ask, run, action, { now: job.now, checked: !reply });
	if (block) return { items: blockedItem(job, block), outcome: 'released' };
	const share = job.input.spread ? shareBlock(guard.counts, action, job.now) : undefined;
	if (share) {
		const details = { reason: 'dailyShare', resumeAfter: share.resumeAfter, ...job.input.who };
		return { items: skipped(ctx, details), outcome: 'released' };
	}
	const skip = await spec.before?.(job);
	if (skip) return { items: skipped(ctx, { ...skip, ...job.input.who }), outcome: 'released' };
	const waitedMs = await delayBetween(job, run);
	attempt.sent = true;
	const call = {
		label: spec.label,
		write: true,
		shape: 'write' as const,
		rules: job.input.rules ?? spec.rules,
		kind: 'write' as const,
		account: job.account,
		timeoutMs: job.timeoutMs,
		itemIndex: ctx.getItemIndex(),
	};
	try {
		const sent = await send(ctx, job.input.request, call, job.credentials);
		return { items: carriedOut(job, spec, guard, sent, waitedMs), outcome: 'invited' };
	} catch (error) {
		if (!(error instanceof ApiError)) throw asNodeError(ctx, error);
		attempt.sent = error.verdict.maybeDone;
		return refused(job, guard, error);
	} finally {
		run.lastWriteAt = clock.now();
		if (run.agent) run.agent.lastWriteAt = run.lastWriteAt;
	}
}

/** Says once, when the node's last item has ended, how many were not sent because the execution was stopped. */
function stopped(ctx: IExecuteSingleFunctions, run: NodeRun): void {
	if (run.cancelled++ > 0) return;
	void run.last.then(() =>
		ctx.logger.info(
			`ConnectSafely: the execution was stopped; ${run.cancelled} item(s) of "${ctx.getNode().name}" were not sent`,
		),
	);
}

/** The pagination function of a write operation: RoutingNode calls it once per item, in input order. */
export function writeRun<I extends WriteInput>(spec: WriteSpec<I>) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const turn = takeTurn(this);
		const attempt: Attempt = { sent: false };
		let job: Job<I> | undefined;
		let outcome: Outcome = 'released';
		try {
			await turn.ready;
			job = await startJob(this, spec, requestData.options, turn.run);
			const written = await writeItem(job, spec, turn.run, attempt);
			outcome = written.outcome;
			return written.items;
		} catch (error) {
			// A write whose answer was lost may have been carried out: the person stays claimed.
			if (attempt.sent && !(error instanceof Cancelled)) outcome = 'invited';
			if (error instanceof Cancelled) stopped(this, turn.run);
			turn.fail();
			if (!this.continueOnFail()) throw asNodeError(this, error);
			return [errorItem(this, error)];
		} finally {
			if (job?.claim) settleClaim(job.claim, outcome);
			if (outcome === 'released') job?.releaseRun();
			if (attempt.agentWrite && !attempt.sent) turn.run.agent?.writes.delete(attempt.agentWrite);
			turn.end();
		}
	};
}
