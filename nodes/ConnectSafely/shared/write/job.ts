// An item of a write: its turn in input order (none after a failure under Stop, none after Stop), and its job: its
// input read and checked once, its account resolved, the reads it may make in its turn.
import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AnswerShape } from '../errors/classify';
import type { AnswerRule } from '../errors/messages';
import { scopeOf, send } from '../request/api';
import { Cancelled, clock } from '../request/pacing';
import { itemSettings } from '../request/operation';
import type { ApiAnswer, ApiRequest } from '../request/transport';
import { CREDENTIAL_TYPE } from '../values/credential';
import type { Claim } from './people';
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

export interface WriteInput {
	/** What the routing built, completed from the item's checked fields (the account is added by the run). */
	request: ApiRequest;
	/** Who the write acts on, as output fields (also on a skipped item). */
	who?: IDataObject;
	/** Further output fields of an item that was carried out. */
	output?: IDataObject;
	/** Spread Over Week: keep within the day's share of the weekly quota. */
	spread?: boolean;
	/** The operation's reading of ConnectSafely's 400 texts for this item (else the spec's `rules`). */
	rules?: AnswerRule[];
}

export interface Job<I extends WriteInput> {
	ctx: IExecutePaginationFunctions;
	input: I;
	options: IDataObject;
	/** The account as the request names it ('' for the workspace default). */
	account: string;
	/** Key and resolved account: what holds, quotas and the people store are kept under. */
	scope: string;
	/** When the item's turn began, on the clock holds, quotas and the people store read. */
	now: number;
	/** Request Options → Timeout, if set. */
	timeoutMs?: number;
	credentials: IDataObject;
	/** People this item claimed (see people.ts): the run settles the claim by the write's outcome. */
	claim?: Claim;
	/** Whether none of `ids` (forms of one person) came up before in this node run; records them. */
	firstInRun(ids: string[]): boolean;
	/** A read in the item's turn (a status check), paced and classified like every request. */
	read(label: string, request: ApiRequest, shape: AnswerShape): Promise<ApiAnswer>;
}

export interface WriteSpec<I extends WriteInput> {
	/** Names the operation in errors: "Accept invitation failed: …". */
	label: string;
	/** ConnectSafely's rate-limit action (X-RateLimit-Action) a quota stop applies to. */
	action: string;
	/** The output's `status` when it was carried out. */
	status: string;
	/** What ConnectSafely's 400 texts mean for this operation (skip or error). */
	rules?: AnswerRule[];
	input(ctx: IExecuteSingleFunctions, request: ApiRequest, options: IDataObject): I;
	/** In the item's turn, before the write: skip details, or nothing to send. */
	before?(job: Job<I>): Promise<IDataObject | undefined>;
	/** After the write was carried out. */
	after?(job: Job<I>, answer: ApiAnswer): void;
}

/** The body without empty values: a field left empty is not sent. */
function withoutEmpty(request: ApiRequest): ApiRequest {
	const body = request.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return request;
	const kept = Object.entries(body).filter(
		([, value]) =>
			value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === ''),
	);
	return { ...request, body: Object.fromEntries(kept) };
}

/** The item's job: its checked input, the account resolved (for a default account, once per run), the scope. */
export async function startJob<I extends WriteInput>(
	ctx: IExecutePaginationFunctions,
	spec: WriteSpec<I>,
	request: ApiRequest,
	run: NodeRun,
): Promise<Job<I>> {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const input = spec.input(ctx, withoutEmpty(request), options);
	const { account, timeoutMs, wire, placed } = itemSettings(ctx, input.request);
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	const itemIndex = ctx.getItemIndex();
	const lookup = { timeoutMs, itemIndex, wire };
	const scope = await (account !== ''
		? scopeOf(ctx, credentials, account, lookup)
		: (run.defaultScope ??= scopeOf(ctx, credentials, '', lookup)));
	const call = { write: false, kind: 'read' as const, account, timeoutMs, wire, itemIndex };
	return {
		ctx,
		input: { ...input, request: placed },
		options,
		account,
		scope,
		timeoutMs,
		credentials,
		now: clock.now(),
		firstInRun(ids) {
			const first = ids.every((id) => !run.people.has(`${scope}|${id}`));
			for (const id of ids) run.people.add(`${scope}|${id}`);
			return first;
		},
		read: async (label, readRequest, shape) =>
			(await send(ctx, readRequest, { ...call, label, shape }, credentials)).answer,
	};
}
