// A write node run: its items take turns in input order from their first step, one request at a time. Under
// On Error → Stop nothing of an item after a failed one is sent; Stop (cancel) ends every turn still waiting.
import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Cancelled } from '../request/pacing';
import type { QuotaStop } from './quota';

/** What the items of one node run share. */
export interface NodeRun {
	/** Settles when the last item that took a turn has ended it. */
	last: Promise<void>;
	/** Lowest index of an item that failed while On Error is Stop: later items send nothing. */
	failedAt?: number;
	lastWriteAt?: number;
	/** Holds and spent quotas seen in this run, kept for its remaining items even if their end has passed. */
	stopped: Map<string, QuotaStop>;
	/** Every form of the people this run's items acted on (Message → Send sends once per person and run). */
	people: Set<string>;
	/** Items that ended unsent because the execution was stopped. */
	cancelled: number;
	/** The scope of the default account, looked up once for this run. */
	defaultScope?: Promise<string>;
}

// Keyed by the node run's execute data, shared by all its items and dropped with it.
const runs = new WeakMap<object, NodeRun>();

export function nodeRun(ctx: IExecuteSingleFunctions): NodeRun {
	const key = ctx.getExecuteData() as unknown as object;
	let run = runs.get(key);
	if (!run) {
		run = { last: Promise.resolve(), stopped: new Map(), cancelled: 0, people: new Set() };
		runs.set(key, run);
	}
	return run;
}

export interface Turn {
	run: NodeRun;
	/** Settles when the item before has ended its turn; rejects after a failure under Stop, or after Stop. */
	ready: Promise<void>;
	/** The item failed: under On Error → Stop, later items send nothing. */
	fail(): void;
	end(): void;
}

/**
 * Must be called before the item's first await: RoutingNode starts the items in input order, synchronously up to
 * their first await, so turns are taken in input order.
 */
export function takeTurn(ctx: IExecuteSingleFunctions): Turn {
	const run = nodeRun(ctx);
	const index = ctx.getItemIndex();
	const previous = run.last;
	let end = (): void => {};
	const mine = new Promise<void>((resolve) => (end = resolve));
	run.last = previous.then(async () => await mine);
	let ended = false;
	const ready = (async () => {
		await previous;
		if (ctx.getExecutionCancelSignal?.()?.aborted) throw new Cancelled(ctx.getNode(), index);
		if (run.failedAt !== undefined && run.failedAt < index) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Not sent: item ${run.failedAt + 1} failed before it`,
				{
					description:
						'On Error is set to Stop, so no further request was sent after the first failure.',
					itemIndex: index,
				},
			);
		}
	})();
	const turn: Turn = {
		run,
		ready,
		fail() {
			if (!ended && !ctx.continueOnFail()) run.failedAt = Math.min(run.failedAt ?? Infinity, index);
			turn.end();
		},
		end() {
			ended = true;
			end();
		},
	};
	return turn;
}
