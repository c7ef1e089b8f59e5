import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiCall, sendPaced } from './execution';
import { asNodeError, forgetItem, itemParameter } from './writeGate';
import { isProfileProblem, parseProfile, type ProfileRef } from './profile';
import { accountIdProblem, placeAccountId, pruneEmpty } from './request';
import { isObject, typeName } from './text';
import type { AnswerShape } from './transport';

export const PAGE_SIZE = 10;
/** Return All stops with an error past this many pages (5,000 entries) rather than read without end. */
export const MAX_LIST_PAGES = 500;
/** LinkedIn IDs are longer than a JavaScript number holds exactly: a number above this has lost digits. */
const MAX_EXACT = 2 ** 53;

export interface RequiredField {
	key: string;
	label: string;
	source: string;
}

export function inputError(
	ctx: IExecuteSingleFunctions,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, {
		description,
		itemIndex: ctx.getItemIndex(),
	});
}

/**
 * A text parameter's value: strings as they are (trimmed), small whole numbers as text; anything else is refused
 * with an error naming the parameter. `undefined`/`null` read as ''.
 */
export function textParameter(ctx: IExecuteSingleFunctions, label: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_EXACT)
		return String(value);
	if (typeof value === 'number' || typeof value === 'bigint') {
		throw inputError(
			ctx,
			`"${label}" arrived as the number ${String(value)}, which has lost digits`,
			`LinkedIn IDs are longer than a JavaScript number holds exactly, so this value may address a different item. Keep the column or field as text (in a spreadsheet, format it as plain text; in a Code node, use a string), then run again.`,
		);
	}
	throw inputError(
		ctx,
		`"${label}" expects text, got ${typeName(value)}`,
		`Map "${label}" to a text field of the incoming item (an expression such as {{ $json.field }} that gives a single value), not to a whole object, list or true/false value.`,
	);
}

export async function applyAccount(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const accountId = accountIdParameter(this);
	return placeAccountId(requestOptions, accountId);
}

/** The LinkedIn Account parameter: '' for the workspace default account, else a checked 24-hex ID. */
export function accountIdParameter(ctx: IExecuteSingleFunctions): string {
	const accountId = textParameter(
		ctx,
		'LinkedIn Account',
		itemParameter(ctx, 'accountId', '', { extractValue: true }),
	);
	const problem = accountIdProblem(accountId);
	if (problem) throw inputError(ctx, problem.message, problem.description);
	return accountId;
}

export function requireFields(fields: RequiredField[]): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const body = (requestOptions.body ?? {}) as IDataObject;
		for (const field of fields) {
			const value = textParameter(this, field.label, body[field.key]);
			if (value === '') {
				throw inputError(
					this,
					`"${field.label}" is empty`,
					`It usually comes from ${field.source}. Connect this node after that node, or set "${field.label}" yourself.`,
				);
			}
			body[field.key] = value;
		}
		return requestOptions;
	};
}

export async function dropEmptyValues(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return pruneEmpty(requestOptions);
}

/** A body value that must be text: refused under its label when it is anything else, sent trimmed. */
export function textInBody(label: string, property: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const body = requestOptions.body as IDataObject | undefined;
		if (body && body[property] !== undefined)
			body[property] = textParameter(this, label, body[property]);
		return requestOptions;
	};
}

export type ItemSelector = (
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
) => INodeExecutionData[];

export interface ListSpec {
	label: string;
	/** The answer's property that holds the page. */
	listField: string;
	/** The id entries are told apart by: a page repeating ids already read ends the listing. */
	idOf: (entry: IDataObject) => string;
	select: ItemSelector;
}

/**
 * Pages through a list. `startIndex` advances by the entries received; entries already read in this listing are
 * dropped, and a page bringing none new ends it. A page longer than PAGE_SIZE is an error, and so is Return All
 * reaching MAX_LIST_PAGES.
 */
export function pagedList(spec: ListSpec) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const item = this.getItemIndex();
		try {
			const limit = resultLimit(this);
			const call = apiCall(this, spec.label, false);
			const collected: INodeExecutionData[] = [];
			const seen = new Set<string>();
			let startIndex = 0;
			for (let page = 0; collected.length < limit; page++) {
				if (page === MAX_LIST_PAGES) {
					throw new NodeApiError(
						this.getNode(),
						{},
						{
							message: `${spec.label} failed: more than ${MAX_LIST_PAGES * PAGE_SIZE} entries`,
							description: `Return All reads at most ${MAX_LIST_PAGES} pages (${MAX_LIST_PAGES * PAGE_SIZE} entries), so that a list that never ends cannot run forever. Turn off Return All and set Limit, or filter the list.`,
							itemIndex: item,
						},
					);
				}
				const options = { ...requestData.options, qs: { ...requestData.options.qs, startIndex } };
				const { answer } = await sendPaced(this, 'read', options, call, { list: spec.listField });
				const entries = (answer.body as IDataObject)[spec.listField] as unknown[];
				if (entries.length > PAGE_SIZE) {
					throw new NodeApiError(
						this.getNode(),
						{},
						{
							message: `${spec.label} failed: ConnectSafely sent ${entries.length} entries in one page, more than the ${PAGE_SIZE} it promises`,
							description:
								'Nothing was changed. The answer is not what ConnectSafely promises, so something else probably answered. Check the Base URL of the "ConnectSafely API" credential.',
							httpCode: String(answer.statusCode),
							itemIndex: item,
						},
					);
				}
				const fresh = entries.filter(isObject).filter((entry) => {
					const id = spec.idOf(entry);
					if (id === '') return true;
					if (seen.has(id)) return false;
					seen.add(id);
					return true;
				});
				collected.push(
					...spec.select.call(
						this,
						fresh.map((json) => ({ json })),
					),
				);
				startIndex += entries.length;
				if (entries.length < PAGE_SIZE || fresh.length === 0) break;
			}
			return collected.slice(0, limit).map((entry) => ({ json: entry.json, pairedItem: { item } }));
		} catch (error) {
			// n8n pairs error items to their input only when a node outputs one item per input: a list does not.
			if (!this.continueOnFail()) throw asNodeError(this, error);
			return [{ json: {}, error: asNodeError(this, error), pairedItem: { item } }];
		} finally {
			forgetItem(this);
		}
	};
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

export function profileFromParameter(ctx: IExecuteSingleFunctions): ProfileRef {
	const parsed = parseProfile(ctx.getNodeParameter('profile', ''));
	if (isProfileProblem(parsed)) {
		throw inputError(ctx, `Invalid "Profile": ${parsed.problem}`, parsed.hint);
	}
	return parsed;
}

/** A single read: the answer body as the item, paired to its input. */
export function readOne(label: string, shape: AnswerShape) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			const { answer } = await sendPaced(
				this,
				'read',
				requestData.options,
				apiCall(this, label, false),
				shape,
			);
			return [{ json: answer.body as IDataObject, pairedItem: { item: this.getItemIndex() } }];
		} finally {
			forgetItem(this);
		}
	};
}
