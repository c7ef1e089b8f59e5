// What the items of one node run share (as an AI tool: one call), and an item's turn in input order: none after a
// failure under On Error → Stop, none after Stop. Writes and reads that spend a quota take their turns here.
import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { TOOL_SUFFIX } from '../values/tool';
import { Cancelled } from './pacing';
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
	/** As a tool: what this tool's calls in one agent run share. */
	agent?: AgentRun;
	/** What is looked up once per run, or, as a tool, once per agent run for all its tools. */
	shared: RunShared;
}

/** Looked up once and shared: the default account's scope per API key (quota.ts keeps the read-outs by it). */
export interface RunShared {
	defaultScopes: Map<string, Promise<string>>;
}

/** A tool's calls in one agent run: the writes sent (or maybe sent), the last write. */
export interface AgentRun {
	writes: Set<string>;
	lastWriteAt?: number;
}

interface AgentMemory {
	shared: RunShared;
	tools: Map<string, AgentRun>;
}

// Keyed by the node run's execute data, shared by all its items and dropped with it.
const runs = new WeakMap<object, NodeRun>();

// Agent runs: in-process by the agent's execute data; as node executions of their own by execution, agent and its
// run (a few kept, like the people store).
const agentsInProcess = new WeakMap<object, AgentMemory>();
const agentsByName = new Map<string, AgentMemory>();
export const MAX_AGENT_RUNS = 100;

const shared = (): RunShared => ({ defaultScopes: new Map() });

function agentMemory(ctx: IExecuteSingleFunctions, inProcess: boolean): AgentMemory {
	const data = ctx.getExecuteData();
	if (inProcess) {
		const memory = agentsInProcess.get(data) ?? { shared: shared(), tools: new Map() };
		agentsInProcess.set(data, memory);
		return memory;
	}
	const agent = data.source?.main?.[0];
	const key = `${ctx.getExecutionId()}|${agent?.previousNode ?? ''}|${agent?.previousNodeRun ?? 0}`;
	const memory = agentsByName.get(key) ?? { shared: shared(), tools: new Map() };
	agentsByName.delete(key);
	agentsByName.set(key, memory);
	while (agentsByName.size > MAX_AGENT_RUNS)
		agentsByName.delete(agentsByName.keys().next().value as string);
	return memory;
}

/** A tool's share of its agent run: its own writes, and what all the run's tools look up once. */
function agentRun(ctx: IExecuteSingleFunctions, inProcess: boolean) {
	const memory = agentMemory(ctx, inProcess);
	const tool = ctx.getNode().name;
	const agent = memory.tools.get(tool) ?? { writes: new Set<string>() };
	memory.tools.set(tool, agent);
	return { agent, shared: memory.shared };
}

/**
 * The run an item belongs to. A node run is keyed by its execute data; an older agent calls its tools in-process
 * with its own execute data, one call at a time with the model's arguments as the one item: that item is the run.
 */
export function nodeRun(ctx: IExecuteSingleFunctions): NodeRun {
	const data = ctx.getExecuteData();
	const inProcess = data.node.name !== ctx.getNode().name;
	const key = (inProcess ? ctx.getInputData(0, NodeConnectionTypes.AiTool) : data) as object;
	const found = runs.get(key);
	if (found) return found;
	const tool = ctx.getNode().type.endsWith(TOOL_SUFFIX) ? agentRun(ctx, inProcess) : undefined;
	const run: NodeRun = {
		last: Promise.resolve(),
		blocked: new Map(),
		cancelled: 0,
		people: new Set(),
		agent: tool?.agent,
		shared: tool?.shared ?? shared(),
	};
	runs.set(key, run);
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
