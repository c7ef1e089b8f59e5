// An item of a write's job: its input read and checked once, its account resolved, the reads it may make in its turn
// (request/run.ts gives it the turn).
import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
} from 'n8n-workflow';

import type { AnswerShape } from '../errors/classify';
import type { AnswerRule } from '../errors/messages';
import { scopeOf, send } from '../request/api';
import { clock } from '../request/pacing';
import { itemSettings } from '../request/operation';
import type { NodeRun } from '../request/run';
import type { ApiAnswer, ApiRequest, Wire } from '../request/transport';
import { CREDENTIAL_TYPE } from '../values/credential';
import type { Claim } from './people';

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
	/** The rest of Request Options (proxy, SSL) and the allowed domains, for the item's other requests. */
	wire: Wire;
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
	const scope = await scopeOf(ctx, credentials, account, lookup, run);
	const call = { write: false, kind: 'read' as const, account, timeoutMs, wire, itemIndex };
	const claimed: string[] = [];
	return {
		ctx,
		input: { ...input, request: placed },
		options,
		account,
		scope,
		timeoutMs,
		wire,
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
