// What each event reads (its list and how it is paged) and the reader of its pages, through the one request path.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { send } from '../ConnectSafely/shared/request/api';
import { THE_CREDENTIAL } from '../ConnectSafely/shared/values/credential';
import { accountIdProblem } from '../ConnectSafely/shared/values/account';
import { isObject } from '../ConnectSafely/shared/values/text';

export type TriggerEvent = 'invitationReceived' | 'connectionAdded';

export interface EventSource {
	/** Path under the base URL. */
	path: string;
	/** Fixed query parameters (besides startIndex and accountId). */
	query: IDataObject;
	/** Items per page the API returns. */
	pageSize: number;
	/** Property of the response body holding the list. */
	listField: string;
	/** Used in error messages: "<action> failed: …". */
	action: string;
	/** The id the trigger remembers an item by ('' when the item has none). */
	idOf: (item: IDataObject) => string;
	/** The item the trigger emits. */
	toOutput: (item: IDataObject) => IDataObject;
}

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** Invitation categories the trigger emits when the user has not chosen any. */
export const DEFAULT_CATEGORIES = ['CONNECTION'];

export const EVENT_SOURCES: Record<TriggerEvent, EventSource> = {
	invitationReceived: {
		path: '/invitations/received',
		query: {},
		pageSize: 10,
		listField: 'invitations',
		action: 'Checking for new invitations',
		idOf: (item) => text(item.invitationId) || text(item.id),
		// Exactly what Get Many Received emits, so Accept and Ignore work on it without changes.
		toOutput: (item) => item,
	},
	connectionAdded: {
		path: '/connections',
		query: { sortBy: 'recentlyAdded', limit: 12 },
		pageSize: 12,
		listField: 'connections',
		action: 'Checking for new connections',
		idOf: (item) => text(item.vanityName) || text(item.profileUrl),
		toOutput: (item) => ({ ...item, profileId: item.vanityName }),
	},
};

export function isTriggerEvent(value: unknown): value is TriggerEvent {
	return typeof value === 'string' && Object.hasOwn(EVENT_SOURCES, value);
}

/**
 * Whether an invitation passes the category filter: without a filter only connection invitations do,
 * an empty selection lets every kind through.
 */
export function matchesCategories(item: IDataObject, categories: string[] | undefined): boolean {
	const wanted = categories ?? DEFAULT_CATEGORIES;
	return wanted.length === 0 || wanted.includes(text(item.invitationCategory));
}

export interface PageReader {
	(startIndex: number): Promise<IDataObject[]>;
}

/** The LinkedIn account chosen on the node ('' for the workspace default account). */
export function accountIdOf(ctx: IPollFunctions): string {
	const raw = ctx.getNodeParameter('accountId', '', { extractValue: true });
	const accountId =
		typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : raw;
	const problem = accountIdProblem(accountId);
	if (problem)
		throw new NodeOperationError(ctx.getNode(), problem.message, {
			description: problem.description,
		});
	return accountId as string;
}

/** Returns a function reading one page of the event's list through the package's one request path (paced). */
export function pageReader(
	ctx: IPollFunctions,
	source: EventSource,
	accountId: string,
): PageReader {
	return async (startIndex: number) => {
		const qs = { ...source.query, startIndex, ...(accountId !== '' ? { accountId } : {}) };
		const { answer } = await send(
			ctx,
			{ method: 'GET', url: source.path, qs },
			{
				label: source.action,
				write: false,
				shape: { list: source.listField },
				kind: 'read',
				account: accountId,
			},
		);
		const list = (answer.body as IDataObject)[source.listField] as unknown[];
		if (list.length > source.pageSize) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${source.action} failed: ConnectSafely sent ${list.length} entries in one page, more than the ${source.pageSize} it promises`,
				{
					description: `The answer is not what ConnectSafely promises, so something else probably answered. Check the Base URL of ${THE_CREDENTIAL}. The next poll tries again.`,
				},
			);
		}
		return list.filter(isObject);
	};
}
