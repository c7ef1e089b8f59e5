// How a list goes on from page to page (each list declares its scheme as data) and the one pager that walks them all,
// for the node's lists and the trigger alike. A list ends where the API says so, or where it breaks its own scheme.
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { THE_CREDENTIAL } from '../values/credential';
import { isObject } from '../values/text';
import { send, type Call } from './api';
import type { ApiAnswer, ApiContext, ApiRequest } from './transport';

/** The parameters a scheme sends: their names as the endpoint spells them. */
export type Scheme =
	/** `offset` advances by the entries received; a page shorter than the page size is the last. */
	| { kind: 'fixedPage'; offset: string }
	/** `size` entries asked from `offset`, which advances by the entries received; `hasMore: false` is the end. */
	| { kind: 'offset'; offset: string; size: string }
	/**
	 * `token` = `pagination.nextPaginationToken` (and `offset` = `pagination.nextStart`, if given);
	 * `pagination.hasNextPage: false` is the end.
	 */
	| { kind: 'token'; token: string; size: string; offset?: string }
	/** `cursor` = the answer's `next`; `hasMore: false` is the end. */
	| { kind: 'cursor'; cursor: string; next: string; size?: string };

export interface Paging {
	/** The answer's property that holds the page. */
	list: string;
	/** Entries per page: asked for where the scheme sends a size; a longer page breaks the scheme. */
	pageSize: number;
	scheme: Scheme;
}

/**
 * How a walk ended: `end` (the API said so), `enough` (the caller has what it wants), `repeated` (the API sent a
 * token, cursor or offset again, or a page of entries already read), `oversize` (a page longer than asked).
 */
export type Ending = 'end' | 'enough' | 'repeated' | 'oversize';

export interface Page {
	/** Every entry of the page (JSON objects only). */
	entries: IDataObject[];
	/** The entries not read before in this walk. */
	fresh: IDataObject[];
	/** The page's answer (its headers: the quota left). */
	answer: ApiAnswer;
}

export interface Walked {
	ended: Ending;
	pages: number;
	/** The length of the page that broke the promised size, and the size asked. */
	oversize?: { received: number; asked: number };
}

export interface WalkOptions {
	/** The id entries are told apart by ('' for none). */
	idOf: (entry: IDataObject) => string;
	/** How many entries are still wanted before the first page (Infinity for all). */
	want: number;
	/** Takes a page; returns how many entries are still wanted (0 ends the walk). */
	onPage: (page: Page) => number;
}

interface Position {
	params: IDataObject;
	/** What must never come twice: the offset, token or cursor. */
	mark?: string;
}

function sizeOf(scheme: Scheme): string | undefined {
	return scheme.kind === 'fixedPage' ? undefined : scheme.size;
}

function first(scheme: Scheme): Position {
	if (scheme.kind === 'fixedPage' || scheme.kind === 'offset')
		return { params: { [scheme.offset]: 0 }, mark: '0' };
	return { params: {} };
}

function nonEmpty(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The next page's position from this one's answer, or undefined at the end. */
function next(
	scheme: Scheme,
	at: Position,
	body: IDataObject,
	received: number,
	asked: number,
): Position | undefined {
	const offset = (name: string) => Number(at.params[name] ?? 0) + received;
	switch (scheme.kind) {
		case 'fixedPage': {
			if (received < asked) return undefined;
			const start = offset(scheme.offset);
			return { params: { [scheme.offset]: start }, mark: String(start) };
		}
		case 'offset': {
			if (body.hasMore !== true) return undefined;
			const start = offset(scheme.offset);
			return { params: { [scheme.offset]: start }, mark: String(start) };
		}
		case 'token': {
			const pagination = isObject(body.pagination) ? body.pagination : {};
			const token = nonEmpty(pagination.nextPaginationToken);
			if (pagination.hasNextPage !== true || token === undefined) return undefined;
			const params: IDataObject = { [scheme.token]: token };
			if (scheme.offset !== undefined) {
				const nextStart = pagination.nextStart;
				params[scheme.offset] = typeof nextStart === 'number' ? nextStart : offset(scheme.offset);
			}
			return { params, mark: token };
		}
		case 'cursor': {
			const cursor = nonEmpty(body[scheme.next]);
			if (body.hasMore !== true || cursor === undefined) return undefined;
			return { params: { [scheme.cursor]: cursor }, mark: cursor };
		}
	}
}

/** The request for one page: the paging parameters in the query of a GET, in the body of anything else. */
function pageRequest(base: ApiRequest, params: IDataObject): ApiRequest {
	if ((base.method ?? 'GET') === 'GET') return { ...base, qs: { ...base.qs, ...params } };
	return { ...base, body: { ...(base.body as IDataObject), ...params } };
}

/**
 * Reads a list page by page through the one request path until the API says it ended, the caller wants no more, or
 * the API breaks its scheme. Never throws for a broken scheme: the caller keeps what it read and decides.
 */
export async function walk(
	ctx: ApiContext,
	base: ApiRequest,
	paging: Paging,
	call: Call,
	options: WalkOptions,
): Promise<Walked> {
	const { scheme } = paging;
	const seen = new Set<string>();
	const marks = new Set<string>();
	let at = first(scheme);
	let want = options.want;
	for (let pages = 1; ; pages++) {
		const size = sizeOf(scheme);
		const asked = size === undefined ? paging.pageSize : Math.min(paging.pageSize, want);
		const params = size === undefined ? at.params : { ...at.params, [size]: asked };
		const { answer } = await send(ctx, pageRequest(base, params), call);
		const body = answer.body as IDataObject;
		const list = body[paging.list] as unknown[];
		if (list.length > asked)
			return { ended: 'oversize', pages, oversize: { received: list.length, asked } };
		if (at.mark !== undefined) marks.add(at.mark);
		const entries = list.filter(isObject);
		const fresh = entries.filter((entry) => {
			const id = options.idOf(entry);
			if (id !== '' && seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		want = options.onPage({ entries, fresh, answer });
		if (entries.length > 0 && fresh.length === 0) return { ended: 'repeated', pages };
		const after = next(scheme, at, body, list.length, asked);
		if (after === undefined) return { ended: 'end', pages };
		if (want <= 0) return { ended: 'enough', pages };
		if (after.mark !== undefined && marks.has(after.mark)) return { ended: 'repeated', pages };
		at = after;
	}
}

/** The one error for a page longer than the list promises (`then`: what happens next, e.g. the next poll). */
export function oversizeError(
	node: INode,
	label: string,
	walked: Walked,
	options: { then: string; httpCode?: number; itemIndex?: number },
): NodeApiError {
	return new NodeApiError(
		node,
		{},
		{
			message: `${label} failed: ConnectSafely sent ${walked.oversize?.received} entries in one page, more than the ${walked.oversize?.asked} it promises`,
			description: `The answer is not what ConnectSafely promises, so something else probably answered. Check the Base URL of ${THE_CREDENTIAL}. ${options.then}`,
			httpCode: options.httpCode === undefined ? undefined : String(options.httpCode),
			itemIndex: options.itemIndex,
		},
	);
}

/** How a list that the API broke ended, for the log: the entries read are kept. */
export function brokenSchemeNote(label: string, walked: Walked, kept: number): string {
	const how =
		walked.ended === 'oversize'
			? `a page of ${walked.oversize?.received} entries, longer than promised`
			: 'a page, token or cursor it had already sent';
	return `${label}: after ${walked.pages} pages ConnectSafely sent ${how}; the list ends there with the ${kept} entries read`;
}
