import type {
	IExecuteSingleFunctions,
	IGetNodeParameterOptions,
	IHttpRequestOptions,
	JsonObject,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export interface QuotaStop {
	resumeAfter?: string;
	holdUntil?: string;
	message: string;
	description: string;
}

export interface RunState {
	/** Settles when the last item that entered the gate has released its turn. */
	writeTurn: Promise<void>;
	turns: Map<number, () => void>;
	lastWriteAt?: number;
	/** Holds and spent quotas seen in this run, kept for its remaining items even if their end has passed. */
	stopped: Map<string, QuotaStop>;
	claimed: Set<string>;
	sentTo: Set<string>;
	/** Lowest index of an item that failed while On Error is Stop: later items send nothing. */
	failedAt?: number;
	/** The pacing key of the node's credential, read once per run. */
	keyId?: Promise<string>;
	/** The default account's ID while it is being looked up ('' if that failed). */
	defaultAccount?: Promise<string>;
	/** What an item's steps share (see perItem), by item index. */
	items: Map<number, Map<string, unknown>>;
}

export function asNodeError(
	ctx: IExecuteSingleFunctions,
	error: unknown,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: ctx.getItemIndex() });
}

// Keyed by the node run's execute data, shared by all its items and dropped with it.
const runs = new WeakMap<object, RunState>();

export function runState(ctx: IExecuteSingleFunctions): RunState {
	const key = ctx.getExecuteData() as unknown as object;
	let state = runs.get(key);
	if (!state) {
		state = {
			writeTurn: Promise.resolve(),
			turns: new Map(),
			stopped: new Map(),
			claimed: new Set(),
			sentTo: new Set(),
			items: new Map(),
		};
		runs.set(key, state);
	}
	return state;
}

/**
 * `read()` once per item: its preSend steps and its requests run in different contexts, and each
 * `getNodeParameter` evaluates the parameter's expression again.
 */
export function perItem<T>(ctx: IExecuteSingleFunctions, name: string, read: () => T): T {
	const { items } = runState(ctx);
	const index = ctx.getItemIndex();
	let values = items.get(index);
	if (!values) items.set(index, (values = new Map()));
	if (!values.has(name)) values.set(name, read());
	return values.get(name) as T;
}

/** A node parameter, evaluated once per item however many steps read it. */
export function itemParameter(
	ctx: IExecuteSingleFunctions,
	name: string,
	fallback: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	return perItem(ctx, name, () => ctx.getNodeParameter(name, fallback, options));
}

/** The item has its output: what its steps shared is dropped. */
export function forgetItem(ctx: IExecuteSingleFunctions): void {
	runState(ctx).items.delete(ctx.getItemIndex());
}

function release(ctx: IExecuteSingleFunctions, state: RunState): void {
	const index = ctx.getItemIndex();
	state.turns.get(index)?.();
	state.turns.delete(index);
}

/** Records a failure of an item holding a turn (under Stop, later items then send nothing) and ends its turn. */
export function failTurn(ctx: IExecuteSingleFunctions): void {
	const state = runState(ctx);
	if (!state.turns.has(ctx.getItemIndex())) return;
	if (!ctx.continueOnFail())
		state.failedAt = Math.min(state.failedAt ?? Infinity, ctx.getItemIndex());
	release(ctx, state);
}

export function endTurn(ctx: IExecuteSingleFunctions): void {
	release(ctx, runState(ctx));
}

/**
 * The first step of every write item. RoutingNode starts items in input order and runs this synchronously up to the
 * first await, so turns are taken in input order; the item then waits for the one before it to finish or fail.
 */
export async function enterWriteGate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const state = runState(this);
	const index = this.getItemIndex();
	const previous = state.writeTurn;
	let done = (): void => {};
	const mine = new Promise<void>((resolve) => (done = resolve));
	state.writeTurn = previous.then(async () => await mine);
	state.turns.set(index, done);
	await previous;
	if (state.failedAt !== undefined && state.failedAt < index) {
		const failedAt = state.failedAt;
		failTurn(this);
		throw new NodeOperationError(
			this.getNode(),
			`Not sent: item ${failedAt + 1} failed before it`,
			{
				description:
					'On Error is set to Stop, so no further request was sent after the first failure.',
				itemIndex: index,
			},
		);
	}
	return requestOptions;
}

/** A preSend step of a write item: a throw records the failure and ends the item's turn. */
export function guarded(step: PreSendAction): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		try {
			return await step.call(this, requestOptions);
		} catch (error) {
			failTurn(this);
			throw asNodeError(this, error);
		}
	};
}

/** The preSend list of a write operation: the gate first, then its own steps, each guarded. */
export function writeSteps(...steps: PreSendAction[]): PreSendAction[] {
	return [enterWriteGate, ...steps.map(guarded)];
}
