import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions/fields';
import { listFieldsWith, listRouting, type Operation } from '../../shared/descriptions/operations';
import { inputError } from '../../shared/errors/input';
import { clock } from '../../shared/request/pacing';
import { ageInDays, estimateDate } from '../../shared/values/dates';

/** ConnectSafely's largest page of connections. */
const PAGE = 12;

function withinDays(ctx: IExecuteSingleFunctions): number | undefined {
	const { connectedWithinDays } = ctx.getNodeParameter('filters', {}) as IDataObject;
	if (connectedWithinDays === undefined) return undefined;
	if (typeof connectedWithinDays !== 'number' || connectedWithinDays < 0) {
		throw inputError(
			ctx,
			`"Connected Within (Days)" must be a number of at least 0, got ${JSON.stringify(connectedWithinDays)}`,
			'Set it to how many days back connections count as recent, or remove the filter.',
		);
	}
	return connectedWithinDays;
}

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
				listField: 'connections',
				pageSize: PAGE,
				idOf: (entry) => String(entry.vanityName ?? entry.profileUrl ?? ''),
				check: withinDays,
				select(ctx, entries) {
					const days = withinDays(ctx);
					const items = enriched(entries);
					return days === undefined ? items : items.filter((entry) => recent(entry, days));
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
