import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions/fields';
import { listFieldsWith, listRouting, type Operation } from '../../shared/descriptions/operations';
import type { Paging } from '../../shared/request/pager';
import { inputError } from '../../shared/errors/input';
import { clock } from '../../shared/request/pacing';
import { ageInDays, estimateDate } from '../../shared/values/dates';

/** ConnectSafely's largest page of connections (`limit`), from `startIndex`. */
const PAGE = 12;
export const paging: Paging = {
	list: 'connections',
	pageSize: PAGE,
	scheme: { kind: 'fixedPage', offset: 'startIndex' },
};

/** A days filter: undefined when not set, else a number of at least 0 (else an error naming it). */
function daysFilter(ctx: IExecuteSingleFunctions, name: string, label: string): number | undefined {
	const value = (ctx.getNodeParameter('filters', {}) as IDataObject)[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || value < 0) {
		throw inputError(
			ctx,
			`"${label}" must be a number of at least 0, got ${JSON.stringify(value)}`,
			'Set it to a number of days, or remove the filter.',
		);
	}
	return value;
}

const withinDays = (ctx: IExecuteSingleFunctions) =>
	daysFilter(ctx, 'connectedWithinDays', 'Connected Within (Days)');
const atLeastDays = (ctx: IExecuteSingleFunctions) =>
	daysFilter(ctx, 'connectedAtLeastDaysAgo', 'Connected At Least (Days Ago)');

function sortedByDate(ctx: IExecuteSingleFunctions): boolean {
	const { sortBy } = ctx.getNodeParameter('options', {}) as IDataObject;
	return sortBy === undefined || sortBy === 'recentlyAdded';
}

/** Each connection as Message → Send and the trigger's New Connection name it, with its estimated date. */
function enriched(entries: IDataObject[]): IDataObject[] {
	const now = new Date(clock.now());
	return entries.map((entry) => ({
		...entry,
		profileId: entry.vanityName,
		connectedAtEstimate: estimateDate(entry.connectedDate, now) ?? null,
	}));
}

const recent = (entry: IDataObject, days: number) =>
	typeof entry.connectedAtEstimate === 'string' &&
	ageInDays(entry.connectedAtEstimate, new Date(clock.now())) <= days;

const oldEnough = (entry: IDataObject, days: number) =>
	typeof entry.connectedAtEstimate === 'string' &&
	ageInDays(entry.connectedAtEstimate, new Date()) >= days;

export const operation: Operation = {
	option: {
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many connections',
		description: 'List the account’s 1st-degree connections',
		routing: listRouting(
			{ method: 'GET', url: '/connections', qs: { limit: PAGE } },
			{
				label: 'Get connections',
				paging,
				idOf: (entry) => String(entry.vanityName ?? entry.profileUrl ?? ''),
				check(ctx) {
					withinDays(ctx);
					atLeastDays(ctx);
				},
				select(ctx, entries) {
					const days = withinDays(ctx);
					const least = atLeastDays(ctx);
					const items = enriched(entries);
					return items.filter(
						(entry) =>
							(days === undefined || recent(entry, days)) &&
							(least === undefined || oldEnough(entry, least)),
					);
				},
				// Newest first: once a page reaches an older connection, no later page holds a recent one.
				more(ctx, entries) {
					const days = withinDays(ctx);
					if (days === undefined || !sortedByDate(ctx)) return true;
					return enriched(entries).every((entry) => recent(entry, days));
				},
			},
		),
	},
	fields: [
		...listFieldsWith([
			{
				displayName: 'Connected Within (Days)',
				name: 'connectedWithinDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description:
					'Only return connections made this many calendar days ago or less (UTC dates: 7 on a Monday reaches back to the previous Monday), from LinkedIn’s "Connected on …" date',
			},
			{
				displayName: 'Connected At Least (Days Ago)',
				name: 'connectedAtLeastDaysAgo',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 3,
				description:
					'Only return connections made at least this many days ago; with Connected Within (Days) a window, e.g. 3 to 10 days ago for a follow-up',
			},
		]),
		optionsCollection([
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'First Name', value: 'firstName' },
					{ name: 'Last Name', value: 'lastName' },
					{ name: 'Recently Added', value: 'recentlyAdded' },
				],
				default: 'recentlyAdded',
				description: 'The order ConnectSafely lists the connections in',
				routing: { send: { type: 'query', property: 'sortBy' } },
			},
		]),
	],
};
