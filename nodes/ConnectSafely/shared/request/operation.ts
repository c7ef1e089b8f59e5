// What every operation reads per item besides its own fields (account, timeout); a read that spends a daily quota
// (its turn and guard, as a write's); and a single read. Lists are in list.ts.
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { AnswerShape } from '../errors/classify';
import type { AnswerRule } from '../errors/messages';
import { asNodeError, errorItem, inputError } from '../errors/input';
import { accountIdFrom } from '../values/account';
import { CREDENTIAL_TYPE } from '../values/credential';
import { accountIdOf, scopeOf, send, type Call } from './api';
import {
	blockedDetails,
	guardAction,
	noteAnswer,
	noteRefusal,
	type QuotaBlock,
	type QuotaGuard,
} from './quota';
import { clock } from './pacing';
import { takeTurn, type Turn } from './run';
import { wireOf, type ApiRequest, type Wire } from './transport';

/** The LinkedIn Account parameter: '' for the workspace default account, else a checked 24-hex ID. */
function accountOf(ctx: IExecuteSingleFunctions): string {
	const checked = accountIdFrom(ctx.getNodeParameter('accountId', '', { extractValue: true }));
	if ('problem' in checked)
		throw inputError(ctx, checked.problem.message, checked.problem.description);
	return checked.accountId;
}

/**
 * What every request of an item needs besides its own fields: the account (also placed in `request`), Request Options
 * → Timeout, and the rest of Request Options with the allowed domains (`wire`, from the request RoutingNode built),
 * so the item's status check and account look-up go out as its main request does.
 */
export function itemSettings(
	ctx: IExecuteSingleFunctions,
	request: ApiRequest,
): { account: string; timeoutMs?: number; wire: Wire; placed: ApiRequest } {
	const account = accountOf(ctx);
	const { timeout } = ctx.getNodeParameter('requestOptions', {}) as IDataObject;
	const timeoutMs = typeof timeout === 'number' ? timeout : undefined;
	return { account, timeoutMs, wire: wireOf(request), placed: withAccount(request, account) };
}

/** The account goes in the query of a GET, in the body of anything else ('' adds nothing). */
export function withAccount(request: ApiRequest, account: string): ApiRequest {
	if (account === '') return request;
	if ((request.method ?? 'GET') === 'GET')
		return { ...request, qs: { ...request.qs, accountId: account } };
	return { ...request, body: { ...(request.body as IDataObject), accountId: account } };
}

export interface ReadSpec {
	label: string;
	shape: AnswerShape;
	/** The daily quota the read spends (its X-RateLimit-Action), checked and counted as a write's (quota.ts). */
	action?: string;
	rules?: AnswerRule[];
	/** The item from the answer's body (may throw: a profile not found). */
	output?: (ctx: IExecuteSingleFunctions, body: IDataObject) => IDataObject;
	/** The request from what the routing built and the item's account; fields added to the answer; who it reads (on a skip). */
	prepare?: (
		ctx: IExecuteSingleFunctions,
		request: ApiRequest,
		account: string,
	) => { request: ApiRequest; add?: IDataObject; who?: IDataObject };
	/** The request names the account's ID (in its path): the workspace default's is looked up. */
	accountInPath?: boolean;
	/** The answer as items (default: its body, one item). */
	items?: (body: IDataObject) => IDataObject[];
}

async function accountOfRead(
	ctx: IExecutePaginationFunctions,
	spec: ReadSpec,
	settings: { account: string; timeoutMs?: number; wire: Wire },
): Promise<string> {
	const { account, timeoutMs, wire } = settings;
	if (!spec.accountInPath || account !== '') return account;
	const found = await accountIdOf(ctx, '', { timeoutMs, wire, itemIndex: ctx.getItemIndex() });
	if (found !== '') return found;
	throw inputError(
		ctx,
		'The workspace default LinkedIn account could not be found',
		'ConnectSafely did not name a default account (GET /account/status). Pick the account in LinkedIn Account, or connect a LinkedIn account in the ConnectSafely dashboard.',
	);
}

/**
 * A read that spends a daily quota, in its turn (taken before the item's first await): the account resolved, the
 * quotas read once per run (as a write does), and the block in force, if any.
 */
export async function guardRead(
	ctx: IExecutePaginationFunctions,
	turn: Turn,
	action: string,
	settings: Pick<Call, 'account' | 'timeoutMs' | 'wire'>,
): Promise<{ guard: QuotaGuard; block?: QuotaBlock }> {
	await turn.ready;
	const { account, timeoutMs, wire } = settings;
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	const lookup = { timeoutMs, wire, itemIndex: ctx.getItemIndex() };
	const scope = await scopeOf(ctx, credentials, account, lookup, turn.run);
	const now = clock.now();
	const ask = { ctx, scope, credentials, timeoutMs, wire };
	return await guardAction(ask, turn.run, action, { now });
}

/** A read that met a block: skipped (On Quota Exhausted → Skip Remaining Items) with `who`, or the error. */
export function blockedRead(
	ctx: IExecuteSingleFunctions,
	label: string,
	block: QuotaBlock,
	who?: IDataObject,
): INodeExecutionData[] {
	const details = blockedDetails(ctx, block, `${label} stopped`);
	return [
		{ json: { ...who, ...details, status: 'skipped' }, pairedItem: { item: ctx.getItemIndex() } },
	];
}

async function readAnswer(
	ctx: IExecutePaginationFunctions,
	spec: ReadSpec,
	request: ApiRequest,
	call: Call,
	turn: Turn | undefined,
): Promise<{ body: IDataObject } | { blocked: QuotaBlock }> {
	let guard: QuotaGuard | undefined;
	if (turn && spec.action !== undefined) {
		const guarded = await guardRead(ctx, turn, spec.action, call);
		if (guarded.block) return { blocked: guarded.block };
		guard = guarded.guard;
	}
	try {
		const { answer } = await send(ctx, request, call);
		if (guard) noteAnswer(guard, answer.headers, 0);
		return { body: answer.body as IDataObject };
	} catch (error) {
		const blocked = guard ? noteRefusal(guard, error) : undefined;
		if (blocked) return { blocked };
		throw asNodeError(ctx, error);
	}
}

/** A single read: the answer body as the item, paired to its input. */
export function readOne(spec: ReadSpec) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const turn = spec.action !== undefined ? takeTurn(this) : undefined;
		try {
			const settings = itemSettings(this, requestData.options);
			const { timeoutMs, wire } = settings;
			const account = await accountOfRead(this, spec, settings);
			const prepared = spec.prepare?.(this, requestData.options, account) ?? {
				request: withAccount(requestData.options, account),
			};
			const call: Call = {
				...spec,
				write: false,
				kind: 'read',
				account,
				timeoutMs,
				wire,
				itemIndex: this.getItemIndex(),
			};
			const read = await readAnswer(this, spec, prepared.request, call, turn);
			turn?.end();
			if ('blocked' in read) return blockedRead(this, spec.label, read.blocked, prepared.who);
			const items = spec.output
				? [spec.output(this, read.body)]
				: (spec.items?.(read.body) ?? [read.body]).map((json) => ({ ...json, ...prepared.add }));
			return items.map((json) => ({ json, pairedItem: { item: this.getItemIndex() } }));
		} catch (error) {
			turn?.fail();
			if (!this.continueOnFail()) throw asNodeError(this, error);
			return [errorItem(this, error)];
		}
	};
}
