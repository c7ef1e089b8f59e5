// What every operation reads per item besides its own fields (account, timeout), and the two ways a read runs:
// one request, or a list read by the one pager until it ends or Limit is reached.
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
import { typeName } from '../values/text';
import { accountIdOf, send, type Call } from './api';
import { brokenSchemeNote, oversizeError, walk, type Paging, type Walked } from './pager';
import {
	quotaSkipped,
	readBlock,
	readTurn,
	blockFromAnswer,
	blockFromError,
	blockedRead,
	type ReadBlock,
} from './readQuota';
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
	/** The daily quota the read spends (its X-RateLimit-Action), stopped as readQuota.ts says. */
	action?: string;
	rules?: AnswerRule[];
	/** The item from the answer's body (may throw: a profile not found). */
	output?: (ctx: IExecuteSingleFunctions, body: IDataObject) => IDataObject;
	/** The request from what the routing built and the item's account; and fields added to the answer. */
	prepare?: (
		ctx: IExecuteSingleFunctions,
		request: ApiRequest,
		account: string,
	) => { request: ApiRequest; add?: IDataObject };
	/** The request names the account's ID (in its path): the workspace default's is looked up. */
	accountInPath?: boolean;
	/** The answer as items (default: its body, one item). */
	items?: (body: IDataObject) => IDataObject[];
}

async function accountOfRead(
	ctx: IExecutePaginationFunctions,
	spec: ReadSpec,
	account: string,
	timeoutMs: number | undefined,
): Promise<string> {
	if (!spec.accountInPath || account !== '') return account;
	const found = await accountIdOf(ctx, '', { timeoutMs, itemIndex: ctx.getItemIndex() });
	if (found !== '') return found;
	throw inputError(
		ctx,
		'The workspace default LinkedIn account could not be found',
		'ConnectSafely did not name a default account (GET /account/status). Pick the account in LinkedIn Account, or connect a LinkedIn account in the ConnectSafely dashboard.',
	);
}

/** A single read: the answer body as the item, paired to its input. */
export function readOne(spec: ReadSpec) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			const settings = itemSettings(this, requestData.options);
			const { timeoutMs, wire } = settings;
			const account = await accountOfRead(this, spec, settings.account, timeoutMs);
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
			const { action } = spec;
			const turn = action !== undefined ? readTurn(this) : undefined;
			let answer;
			try {
				await turn?.ready;
				const stopped = action !== undefined ? readBlock(this, action, account) : undefined;
				if (stopped) return blockedRead(this, spec.label, stopped, quotaSkipped(this, stopped));
				({ answer } = await send(this, prepared.request, call));
			} catch (error) {
				const stop =
					action !== undefined ? blockFromError(this, action, account, error) : undefined;
				if (stop) return blockedRead(this, spec.label, stop, quotaSkipped(this, stop));
				throw asNodeError(this, error);
			} finally {
				turn?.end();
			}
			if (action !== undefined) blockFromAnswer(this, action, account, answer);
			const body = answer.body as IDataObject;
			const items = spec.output
				? [spec.output(this, body)]
				: (spec.items?.(body) ?? [body]).map((json) => ({ ...json, ...prepared.add }));
			return items.map((json) => ({ json, pairedItem: { item: this.getItemIndex() } }));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error);
			return [errorItem(this, error)];
		}
	};
}

export interface ListSpec {
	label: string;
	/** How the list goes on from page to page (see pager.ts). */
	paging: Paging;
	/** The id entries are told apart by: an entry already read is dropped, a page of only those ends the list. */
	idOf: (entry: IDataObject) => string;
	/** What an output item is kept once by (a person commenting twice is one lead), if anything. */
	once?: (item: IDataObject) => string;
	/** What a page's entries become (filtered, enriched), in the item's context. */
	select: (ctx: IExecuteSingleFunctions, entries: IDataObject[]) => IDataObject[];
	/** Checks the item's filters before the first page is read (throws an input error). */
	check?: (ctx: IExecuteSingleFunctions) => void;
	/** Whether a later page may still hold wanted entries (a filter on a sorted list can end it early). */
	more?: (ctx: IExecuteSingleFunctions, entries: IDataObject[]) => boolean;
	/** The daily quota the list spends (its X-RateLimit-Action), stopped as readQuota.ts says. */
	action?: string;
	rules?: AnswerRule[];
	/** The request from what the routing built (the account already placed) and the number of results wanted. */
	prepare?: (ctx: IExecuteSingleFunctions, request: ApiRequest, limit: number) => ApiRequest;
}

function resultLimit(ctx: IExecuteSingleFunctions): number {
	const returnAll = ctx.getNodeParameter('returnAll', false);
	if (typeof returnAll !== 'boolean') {
		throw inputError(
			ctx,
			`"Return All" expects true or false, got ${typeName(returnAll)}`,
			'Switch Return All on or off, or give it an expression that results in a boolean (true/false), not text.',
		);
	}
	if (returnAll) return Infinity;
	const raw = ctx.getNodeParameter('limit', 50);
	if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
		throw inputError(
			ctx,
			`"Limit" must be a whole number of at least 1, got ${JSON.stringify(raw) ?? typeName(raw)}`,
			'Set Limit to how many results you want, or turn on Return All.',
		);
	}
	return raw;
}

/**
 * Reads the list up to Limit (or all of it) with the one pager. Where the API breaks its scheme the list ends with
 * what was read (said in the log); only a first page longer than promised, with nothing read, is an error.
 */
async function pages(ctx: IExecuteSingleFunctions, spec: ListSpec, base: ApiRequest, call: Call) {
	const limit = resultLimit(ctx);
	spec.check?.(ctx);
	const request = spec.prepare?.(ctx, base, limit) ?? base;
	const { action } = spec;
	const collected: IDataObject[] = [];
	const kept = new Set<string>();
	const isNew = (item: IDataObject) => {
		const key = spec.once?.(item) ?? '';
		if (key === '') return true;
		if (kept.has(key)) return false;
		kept.add(key);
		return true;
	};
	let stop: ReadBlock | undefined;
	let walked: Walked | undefined;
	try {
		walked = await walk(ctx, request, spec.paging, call, {
			idOf: spec.idOf,
			want: limit,
			onPage({ fresh, answer }) {
				collected.push(...spec.select(ctx, fresh).filter(isNew));
				if (action !== undefined) stop = blockFromAnswer(ctx, action, call.account, answer);
				if (stop || (spec.more && !spec.more(ctx, fresh))) return 0;
				return Math.max(0, limit - collected.length);
			},
		});
	} catch (error) {
		stop = action !== undefined ? blockFromError(ctx, action, call.account, error) : undefined;
		if (!stop) throw asNodeError(ctx, error);
	}
	if (stop && (walked === undefined || walked.ended === 'enough') && collected.length < limit)
		blockedRead(ctx, spec.label, stop, []);
	if (walked?.ended === 'oversize' && collected.length === 0) {
		throw oversizeError(ctx.getNode(), spec.label, walked, {
			then: 'Nothing was changed.',
			itemIndex: ctx.getItemIndex(),
		});
	}
	if (walked?.ended === 'repeated' || walked?.ended === 'oversize')
		ctx.logger.warn(brokenSchemeNote(spec.label, walked, Math.min(limit, collected.length)));
	return collected.slice(0, limit);
}

/** A list: its entries as items, each paired to the input item that asked for it. */
export function readList(spec: ListSpec) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const item = this.getItemIndex();
		try {
			const { account, timeoutMs, wire } = itemSettings(this, requestData.options);
			const turn = spec.action !== undefined ? readTurn(this) : undefined;
			await turn?.ready.catch(() => undefined);
			const stopped = spec.action !== undefined ? readBlock(this, spec.action, account) : undefined;
			if (stopped) {
				turn?.end();
				return blockedRead(this, spec.label, stopped, []);
			}
			const call: Call = {
				label: spec.label,
				rules: spec.rules,
				shape: { list: spec.paging.list },
				write: false,
				kind: 'read',
				account,
				timeoutMs,
				wire,
				itemIndex: item,
			};
			const entries = await pages(
				this,
				spec,
				withAccount(requestData.options, account),
				call,
			).finally(() => turn?.end());
			return entries.map((json) => ({ json, pairedItem: { item } }));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error);
			return [errorItem(this, error)];
		}
	};
}
