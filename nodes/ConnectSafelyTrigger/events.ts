// What each event reads (its list and how it is paged, as the node's own list does) and the walk over its pages.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { paging as connectionPaging } from '../ConnectSafely/resources/connection/getMany';
import { paging as receivedPaging } from '../ConnectSafely/resources/invitation/getReceived';
import { oversizeError, walk, type Paging } from '../ConnectSafely/shared/request/pager';
import { accountIdFrom } from '../ConnectSafely/shared/values/account';

export type TriggerEvent = 'invitationReceived' | 'connectionAdded';

export interface EventSource {
	/** Path under the base URL. */
	path: string;
	/** Fixed query parameters (besides the paging ones and accountId). */
	query: IDataObject;
	/** How the list pages: the same as the node's operation that lists it. */
	paging: Paging;
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
		paging: receivedPaging,
		action: 'Checking for new invitations',
		idOf: (item) => text(item.invitationId) || text(item.id),
		// Exactly what Get Many Received emits, so Accept and Ignore work on it without changes.
		toOutput: (item) => item,
	},
	connectionAdded: {
		path: '/connections',
		query: { sortBy: 'recentlyAdded', limit: connectionPaging.pageSize },
		paging: connectionPaging,
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

/** The LinkedIn account chosen on the node ('' for the workspace default account). */
export function accountIdOf(ctx: IPollFunctions): string {
	const checked = accountIdFrom(ctx.getNodeParameter('accountId', '', { extractValue: true }));
	if ('problem' in checked)
		throw new NodeOperationError(ctx.getNode(), checked.problem.message, {
			description: checked.problem.description,
		});
	return checked.accountId;
}

/**
 * Reads the event's list through the one pager (paced, one request path) while `onPage` asks for more; a page longer
 * than promised fails the poll before anything is remembered.
 */
export async function walkEvent(
	ctx: IPollFunctions,
	source: EventSource,
	accountId: string,
	onPage: (entries: IDataObject[]) => boolean,
): Promise<void> {
	const qs = { ...source.query, ...(accountId !== '' ? { accountId } : {}) };
	const walked = await walk(
		ctx,
		{ method: 'GET', url: source.path, qs },
		source.paging,
		{
			label: source.action,
			write: false,
			shape: { list: source.paging.list },
			kind: 'read',
			account: accountId,
		},
		{
			idOf: source.idOf,
			want: Infinity,
			onPage: ({ entries }) => (onPage(entries) ? Infinity : 0),
		},
	);
	if (walked.ended === 'oversize')
		throw oversizeError(ctx.getNode(), source.action, walked, {
			then: 'The next poll tries again.',
		});
}
