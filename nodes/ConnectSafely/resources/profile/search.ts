import type {
	IDataObject,
	IExecuteSingleFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
} from 'n8n-workflow';

import { optionsCollection, quotaExhaustedOption } from '../../shared/descriptions/fields';
import { listFieldsWith, listRouting, type Operation } from '../../shared/descriptions/operations';
import { inputError, textParameter } from '../../shared/errors/input';
import { send } from '../../shared/request/api';
import type { Paging } from '../../shared/request/pager';
import { personOf } from '../../shared/values/person';
import { isObject } from '../../shared/values/text';

/** `start` advances by what came, `count` asked; `hasMore` is exact (ConnectSafely reads one row ahead). */
const paging: Paging = {
	list: 'people',
	pageSize: 50,
	scheme: { kind: 'offset', offset: 'start', size: 'count' },
};

const GEO = /^(?:urn:li:fsd_geo:)?(\d{1,20})$/;

/** Only the documented filter key goes out: ConnectSafely silently ignores any other and searches unfiltered. */
function body(ctx: IExecuteSingleFunctions): IDataObject {
	const keywords = textParameter(ctx, 'Keywords', ctx.getNodeParameter('keywords', ''));
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const url = textParameter(ctx, 'Sales Navigator URL', options.salesNavigatorUrl ?? '');
	if (url !== '' && !url.includes('/sales/search/')) {
		throw inputError(
			ctx,
			'"Sales Navigator URL" is not a Sales Navigator search',
			'Copy the address of a Sales Navigator people search; it contains /sales/search/. Or remove the option and search by Keywords.',
		);
	}
	if (keywords === '' && url === '') {
		throw inputError(
			ctx,
			'"Keywords" is empty',
			'Give words to search people by (e.g. "head of growth"), or a Sales Navigator URL under Options.',
		);
	}
	const raw = ctx.getNodeParameter('filters.location', '', { extractValue: true });
	const location = textParameter(ctx, 'Location', raw);
	if (location !== '' && !GEO.test(location)) {
		throw inputError(
			ctx,
			`"Location" must be a LinkedIn geo ID, got "${location.slice(0, 40)}"`,
			'Pick the location from the list, or give its geo ID (e.g. 102257491 for London).',
		);
	}
	return {
		...(keywords !== '' ? { keywords } : {}),
		...(url !== '' ? { url } : {}),
		...(location !== '' ? { filters: { locationId: GEO.exec(location)![1] } } : {}),
	};
}

/** The Location picker: ConnectSafely's location search (no quota). */
export async function searchLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	if (!filter || filter.trim() === '') return { results: [] };
	const { answer } = await send(
		this,
		{ method: 'POST', url: '/search/geo', body: { keywords: filter.trim() } },
		{
			label: 'Searching locations',
			write: false,
			shape: { list: 'locations' },
			kind: 'read',
			account: '',
		},
	);
	return {
		results: ((answer.body as IDataObject).locations as unknown[]).filter(isObject).map((geo) => ({
			name: String(geo.name),
			value: String(geo.geoId),
		})),
	};
}

export const operation: Operation = {
	option: {
		name: 'Search',
		value: 'search',
		action: 'Search people',
		description: 'Find people by keywords and location (1,000 searches a day, per page read)',
		routing: listRouting(
			{ method: 'POST', url: '/search/people' },
			{
				label: 'Search people',
				paging,
				action: 'SEARCH_PEOPLE',
				idOf: (entry) => String(entry.profileUrn ?? entry.profileId ?? ''),
				check: body,
				prepare: (ctx, request) => ({
					...request,
					body: { ...(request.body as IDataObject), ...body(ctx) },
				}),
				select: (_ctx, entries) =>
					entries.map((entry) => ({
						...personOf({
							slug: entry.profileId,
							urn: entry.profileUrn,
							firstName: entry.firstName,
							lastName: entry.lastName,
							headline: entry.headline,
							profileUrl: entry.profileUrl,
							degree: entry.connectionDegree,
						}),
						location: entry.location ?? null,
						currentPosition: entry.currentPosition ?? null,
						isPremium: entry.isPremium ?? null,
						isOpenToWork: entry.isOpenToWork ?? null,
					})),
			},
		),
	},
	fields: [
		{
			displayName: 'Keywords',
			name: 'keywords',
			type: 'string',
			default: '',
			placeholder: 'e.g. head of growth',
			description: 'Words to find people by: name, title, company, as in LinkedIn’s search box',
		},
		...listFieldsWith([
			{
				displayName: 'Location',
				name: 'location',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description: 'Only people in this location (a LinkedIn geo ID)',
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						placeholder: 'Type a city or country',
						typeOptions: {
							searchListMethod: 'searchLocations',
							searchable: true,
							searchFilterRequired: true,
						},
					},
					{
						displayName: 'By Geo ID',
						name: 'id',
						type: 'string',
						placeholder: 'e.g. 102257491',
					},
				],
			},
		]),
		optionsCollection([
			{
				displayName: 'Sales Navigator URL',
				name: 'salesNavigatorUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://www.linkedin.com/sales/search/people?savedSearchId=123',
				description: 'Run this saved Sales Navigator people search instead of the keywords',
			},
			quotaExhaustedOption,
		]),
	],
};
