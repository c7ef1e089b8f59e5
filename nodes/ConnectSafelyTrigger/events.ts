import type { IDataObject } from 'n8n-workflow';

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
