// An item of a write: its turn in input order (none after a failure under Stop, none after Stop), and its job: its
// input read and checked once, its account resolved, the reads it may make in its turn.
import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { AnswerShape } from '../errors/classify';
import type { AnswerRule } from '../errors/messages';
import { scopeOf, send } from '../request/api';
import { Cancelled, clock } from '../request/pacing';
import { itemSettings } from '../request/operation';
import type { ApiAnswer, ApiRequest } from '../request/transport';
import { CREDENTIAL_TYPE } from '../values/credential';
import { TOOL_SUFFIX } from '../values/tool';
import type { Claim } from './people';
import type { QuotaBlock } from './quota';

/** What the items of one node run share. As an AI agent's tool, each call is a run of its own. */
export interface NodeRun {
	/** Settles when the last item that took a turn has ended it. */
	last: Promise<void>;
	/** Lowest index of an item that failed while On Error is Stop: later items send nothing. */
	failedAt?: number;
	lastWriteAt?: number;
	/** Holds and spent quotas seen in this run, kept for its remaining items even if their end has passed. */
	blocked: Map<string, QuotaBlock>;
	/** Every form of the people this run's items acted on (Message → Send sends once per person and run). */
	people: Set<string>;
	/** Items that ended unsent because the execution was stopped. */
	cancelled: number;
	/** The scope of the default account, looked up once for this run. */
	defaultScope?: Promise<string>;
	/** As a tool: what this tool's calls in one agent run share. */
	agent?: AgentRun;
}

/** A tool's calls in one agent run: the writes sent (or maybe sent), once each; the last write, for the delay. */
export interface AgentRun {
	writes: Set<string>;
	lastWriteAt?: number;
}

// Keyed by the node run's execute data, shared by all its items and dropped with it.
const runs = new WeakMap<object, NodeRun>();

// Agent runs: in-process by the agent's execute data; as node executions of their own by execution, agent and its
// run (a few kept, like the people store). Per tool node.
const agentRuns = new WeakMap<object, Map<string, AgentRun>>();
const agentRunsByName = new Map<string, AgentRun>();
export const MAX_AGENT_RUNS = 100;

function agentRun(ctx: IExecuteSingleFunctions, inProcess: boolean): AgentRun {
	const data = ctx.getExecuteData();
	const tool = ctx.getNode().name;
	if (inProcess) {
		const tools = agentRuns.get(data) ?? new Map<string, AgentRun>();
		agentRuns.set(data, tools);
		if (!tools.has(tool)) tools.set(tool, { writes: new Set() });
		return tools.get(tool)!;
	}
	const agent = data.source?.main?.[0];
	const key = `${ctx.getExecutionId()}|${agent?.previousNode ?? ''}|${agent?.previousNodeRun ?? 0}|${tool}`;
	const found = agentRunsByName.get(key) ?? { writes: new Set<string>() };
	agentRunsByName.delete(key);
	agentRunsByName.set(key, found);
	while (agentRunsByName.size > MAX_AGENT_RUNS)
		agentRunsByName.delete(agentRunsByName.keys().next().value as string);
	return found;
}

/**
 * The run an item belongs to. A node run is keyed by its execute data; an older agent calls its tools in-process
 * with its own execute data, one call at a time with the model's arguments as the one item: that item is the run.
 */
export function nodeRun(ctx: IExecuteSingleFunctions): NodeRun {
	const data = ctx.getExecuteData();
	const inProcess = data.node.name !== ctx.getNode().name;
	const key = (inProcess ? ctx.getInputData(0, NodeConnectionTypes.AiTool) : data) as object;
	let run = runs.get(key);
	if (!run) {
		run = { last: Promise.resolve(), blocked: new Map(), cancelled: 0, people: new Set() };
		if (ctx.getNode().type.endsWith(TOOL_SUFFIX)) run.agent = agentRun(ctx, inProcess);
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
	/** The quota this item counts against, if not the spec's `action`; null: none stops it (a reply in a thread). */
	action?: string | null;
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
	/**
	 * Whether none of `ids` (forms of one person) came up before in this node run; claims them until the write's
	 * outcome: sent or unknown keeps them, not sent gives them up (`releaseRun`, called by the run).
	 */
	firstInRun(ids: string[]): boolean;
	releaseRun(): void;
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
	const claimed: string[] = [];
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
			const keys = ids.map((id) => `${scope}|${id}`);
			const fresh = keys.filter((key) => !run.people.has(key));
			for (const key of fresh) run.people.add(key);
			claimed.push(...fresh);
			return fresh.length === keys.length;
		},
		releaseRun() {
			for (const key of claimed.splice(0)) run.people.delete(key);
		},
		read: async (label, readRequest, shape) =>
			(await send(ctx, readRequest, { ...call, label, shape }, credentials)).answer,
	};
}
