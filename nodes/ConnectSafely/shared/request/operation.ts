// What every operation reads per item besides its own fields (account, timeout), and the two ways a read runs:
// one request, or a list paged until it ends or Limit is reached.
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { AnswerShape } from '../errors/classify';
import { asNodeError, errorItem, inputError, textParameter } from '../errors/input';
import { accountIdProblem } from '../values/account';
import { THE_CREDENTIAL } from '../values/credential';
import { isObject, typeName } from '../values/text';
import { send, type Call } from './api';
import { wireOf, type ApiRequest, type Wire } from './transport';

/** Return All stops with an error past this many pages, rather than read without end. */
export const MAX_LIST_PAGES = 500;

/** The LinkedIn Account parameter: '' for the workspace default account, else a checked 24-hex ID. */
function accountOf(ctx: IExecuteSingleFunctions): string {
	const raw = ctx.getNodeParameter('accountId', '', { extractValue: true });
	const accountId = textParameter(ctx, 'LinkedIn Account', raw);
	const problem = accountIdProblem(accountId);
	if (problem) throw inputError(ctx, problem.message, problem.description);
	return accountId;
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
	/** The request from what the routing built and the item's account; and fields added to the answer. */
	prepare?: (
		ctx: IExecuteSingleFunctions,
		request: ApiRequest,
		account: string,
	) => { request: ApiRequest; add?: IDataObject };
}

/** A single read: the answer body as the item, paired to its input. */
export function readOne(spec: ReadSpec) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			const { account, timeoutMs, wire } = itemSettings(this, requestData.options);
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
			const { answer } = await send(this, prepared.request, call);
			return [
				{
					json: { ...(answer.body as IDataObject), ...prepared.add },
					pairedItem: { item: this.getItemIndex() },
				},
			];
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error);
			return [errorItem(this, error)];
		}
	};
}

export interface ListSpec {
	label: string;
	/** The answer's property that holds the page. */
	listField: string;
	/** Entries per page ConnectSafely promises; a longer page is refused, a shorter one ends the list. */
	pageSize: number;
	/** The id entries are told apart by: a page repeating ids already read ends the listing. */
	idOf: (entry: IDataObject) => string;
	/** What a page's entries become (filtered, enriched), in the item's context. */
	select: (ctx: IExecuteSingleFunctions, entries: IDataObject[]) => IDataObject[];
	/** Checks the item's filters before the first page is read (throws an input error). */
	check?: (ctx: IExecuteSingleFunctions) => void;
	/** Whether a later page may still hold wanted entries (a filter on a sorted list can end it early). */
	more?: (ctx: IExecuteSingleFunctions, entries: IDataObject[]) => boolean;
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

function listError(
	ctx: IExecuteSingleFunctions,
	message: string,
	description: string,
	httpCode?: number,
) {
	return new NodeApiError(
		ctx.getNode(),
		{},
		{
			message,
			description,
			httpCode: httpCode === undefined ? undefined : String(httpCode),
			itemIndex: ctx.getItemIndex(),
		},
	);
}

/**
 * Pages through a list. `startIndex` advances by the entries received; entries already read in this listing are
 * dropped, and a page bringing none new ends it. A page longer than the promised size is an error, and so is Return
 * All reaching MAX_LIST_PAGES.
 */
async function pages(ctx: IExecuteSingleFunctions, spec: ListSpec, base: ApiRequest, call: Call) {
	const limit = resultLimit(ctx);
	spec.check?.(ctx);
	const collected: IDataObject[] = [];
	const seen = new Set<string>();
	let startIndex = 0;
	for (let page = 0; collected.length < limit; page++) {
		if (page === MAX_LIST_PAGES) {
			const most = MAX_LIST_PAGES * spec.pageSize;
			throw listError(
				ctx,
				`${spec.label} failed: more than ${most} entries`,
				`Return All reads at most ${MAX_LIST_PAGES} pages (${most} entries), so that a list that never ends cannot run forever. Turn off Return All and set Limit, or filter the list.`,
			);
		}
		const request = { ...base, qs: { ...base.qs, startIndex } };
		const { answer } = await send(ctx, request, call);
		const entries = (answer.body as IDataObject)[spec.listField] as unknown[];
		if (entries.length > spec.pageSize) {
			throw listError(
				ctx,
				`${spec.label} failed: ConnectSafely sent ${entries.length} entries in one page, more than the ${spec.pageSize} it promises`,
				`Nothing was changed. The answer is not what ConnectSafely promises, so something else probably answered. Check the Base URL of ${THE_CREDENTIAL}.`,
				answer.statusCode,
			);
		}
		const fresh = entries.filter(isObject).filter((entry) => {
			const id = spec.idOf(entry);
			if (id !== '' && seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		collected.push(...spec.select(ctx, fresh));
		startIndex += entries.length;
		if (entries.length < spec.pageSize || fresh.length === 0) break;
		if (spec.more && !spec.more(ctx, fresh)) break;
	}
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
			const call: Call = {
				label: spec.label,
				shape: { list: spec.listField },
				write: false,
				kind: 'read',
				account,
				timeoutMs,
				wire,
				itemIndex: item,
			};
			const entries = await pages(this, spec, withAccount(requestData.options, account), call);
			return entries.map((json) => ({ json, pairedItem: { item } }));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error);
			return [errorItem(this, error)];
		}
	};
}
