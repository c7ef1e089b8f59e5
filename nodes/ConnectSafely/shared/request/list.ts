// A list: read by the one pager until it ends or Limit is reached; a list that spends a daily quota (searches, group
// members) takes its turn and meets blocks as a write does.
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { AnswerRule } from '../errors/messages';
import { asNodeError, errorItem, inputError } from '../errors/input';
import { typeName } from '../values/text';
import type { Call } from './api';
import { guardRead, itemSettings, withAccount } from './operation';
import { brokenSchemeNote, oversizeError, walk, type Paging, type Walked } from './pager';
import { blockedDetails, noteAnswer, noteRefusal, type QuotaBlock, type QuotaGuard } from './quota';
import { takeTurn } from './run';
import type { ApiRequest } from './transport';

export interface ListSpec {
	label: string;
	/** How the list goes on from page to page (see pager.ts). */
	paging: Paging;
	/** The id entries are told apart by: an entry already read is dropped, a page of only those ends the list. */
	idOf: (entry: IDataObject) => string;
	/** What an output item is kept once by (a person commenting twice is one lead), if anything. */
	once?: (item: IDataObject) => string;
	/** What a page's entries become (filtered, enriched), in the item's context; `page`: the page's whole answer. */
	select: (
		ctx: IExecuteSingleFunctions,
		entries: IDataObject[],
		page: IDataObject,
	) => IDataObject[];
	/** Checks the item's filters before the first page is read (throws an input error). */
	check?: (ctx: IExecuteSingleFunctions) => void;
	/** Whether a later page may still hold wanted entries (a filter on a sorted list can end it early). */
	more?: (ctx: IExecuteSingleFunctions, entries: IDataObject[]) => boolean;
	/** The daily quota the list spends (its X-RateLimit-Action), checked and counted as a write's (quota.ts). */
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

/** A list that met a block: nothing more (On Quota Exhausted → Skip Remaining Items), or the error. */
function blockedList(ctx: IExecuteSingleFunctions, label: string, block: QuotaBlock): void {
	blockedDetails(ctx, block, `${label} stopped`);
}

/**
 * Reads the list up to Limit (or all of it) with the one pager. Where the API breaks its scheme the list ends with
 * what was read (said in the log); only a first page longer than promised, with nothing read, is an error.
 */
async function pages(
	ctx: IExecuteSingleFunctions,
	spec: ListSpec,
	base: ApiRequest,
	call: Call,
	limit: number,
	guard: QuotaGuard | undefined,
) {
	const request = spec.prepare?.(ctx, base, limit) ?? base;
	const collected: IDataObject[] = [];
	const kept = new Set<string>();
	const isNew = (item: IDataObject) => {
		const key = spec.once?.(item) ?? '';
		if (key === '') return true;
		if (kept.has(key)) return false;
		kept.add(key);
		return true;
	};
	let block: QuotaBlock | undefined;
	let walked: Walked | undefined;
	try {
		walked = await walk(ctx, request, spec.paging, call, {
			idOf: spec.idOf,
			want: limit,
			onPage({ fresh, answer }) {
				collected.push(...spec.select(ctx, fresh, answer.body as IDataObject).filter(isNew));
				if (guard) block = noteAnswer(guard, answer.headers, 0).block;
				if (block || (spec.more && !spec.more(ctx, fresh))) return 0;
				return Math.max(0, limit - collected.length);
			},
		});
	} catch (error) {
		block = guard ? noteRefusal(guard, error) : undefined;
		if (!block) throw asNodeError(ctx, error);
	}
	if (block && (walked === undefined || walked.ended === 'enough') && collected.length < limit)
		blockedList(ctx, spec.label, block);
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
		const turn = spec.action !== undefined ? takeTurn(this) : undefined;
		try {
			const settings = itemSettings(this, requestData.options);
			const limit = resultLimit(this);
			spec.check?.(this);
			let guard: QuotaGuard | undefined;
			if (turn && spec.action !== undefined) {
				const guarded = await guardRead(this, turn, spec.action, settings);
				if (guarded.block) {
					blockedList(this, spec.label, guarded.block);
					turn.end();
					return [];
				}
				guard = guarded.guard;
			}
			const call: Call = {
				label: spec.label,
				rules: spec.rules,
				shape: { list: spec.paging.list },
				write: false,
				kind: 'read',
				account: settings.account,
				timeoutMs: settings.timeoutMs,
				wire: settings.wire,
				itemIndex: item,
			};
			const base = withAccount(requestData.options, settings.account);
			const entries = await pages(this, spec, base, call, limit, guard);
			turn?.end();
			return entries.map((json) => ({ json, pairedItem: { item } }));
		} catch (error) {
			turn?.fail();
			if (!this.continueOnFail()) throw asNodeError(this, error);
			return [errorItem(this, error)];
		}
	};
}
