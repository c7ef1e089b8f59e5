import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { listFieldsWith, listRouting, type Operation } from '../../shared/descriptions/operations';
import { inputError } from '../../shared/errors/input';
import type { Paging } from '../../shared/request/pager';
import { isPerson, personOf } from '../../shared/values/person';

const paging: Paging = {
	list: 'visitors',
	pageSize: 20,
	scheme: { kind: 'offset', offset: 'start', size: 'count' },
};

/** `maxVisitors` (required by ConnectSafely) for Return All: more than LinkedIn shows for a year. */
const ALL_VISITORS = 10_000;

const TIME_RANGES = ['past_7_days', 'past_30_days', 'past_90_days', 'past_1_year'];

function timeRange(ctx: IExecuteSingleFunctions): IDataObject {
	const { timeRange: range } = ctx.getNodeParameter('filters', {}) as IDataObject;
	if (range === undefined) return {};
	if (typeof range !== 'string' || !TIME_RANGES.includes(range)) {
		throw inputError(
			ctx,
			`"Time Range" must be one of ${TIME_RANGES.join(', ')}, got ${JSON.stringify(range)}`,
			'Pick a time range from the list, or remove the filter (the last 90 days).',
		);
	}
	return { timeRange: range };
}

export const operation: Operation = {
	option: {
		name: 'Get Many Visitors',
		value: 'getVisitors',
		action: 'Get many profile visitors',
		description: 'List people who viewed the account’s profile (anonymous viewers left out)',
		routing: listRouting(
			{ method: 'POST', url: '/profile/visitors' },
			{
				label: 'Get profile visitors',
				paging,
				rules: [
					{
						when: (text) => /premium/i.test(text),
						description:
							'LinkedIn shows the full list of profile visitors to Premium accounts only. Upgrade the LinkedIn account to Premium (or use one that has it) under LinkedIn Account.',
					},
				],
				idOf: (entry) => String(entry.entityUrn ?? entry.publicIdentifier ?? ''),
				check: timeRange,
				prepare: (ctx, request, limit) => ({
					...request,
					body: {
						...(request.body as IDataObject),
						maxVisitors: Number.isFinite(limit) ? limit : ALL_VISITORS,
						...timeRange(ctx),
					},
				}),
				select: (_ctx, entries) =>
					entries
						.map((entry) => ({
							...personOf({
								slug: entry.publicIdentifier,
								urn: entry.entityUrn,
								name: entry.name,
								headline: entry.headline,
								profileUrl: entry.profileUrl,
								degree: entry.connectionDegree,
							}),
							viewedAt: entry.viewedAt ?? null,
						}))
						.filter(isPerson),
			},
		),
	},
	fields: listFieldsWith([
		{
			displayName: 'Time Range',
			name: 'timeRange',
			type: 'options',
			options: [
				{ name: 'Past 7 Days', value: 'past_7_days' },
				{ name: 'Past 30 Days', value: 'past_30_days' },
				{ name: 'Past 90 Days', value: 'past_90_days' },
				{ name: 'Past Year', value: 'past_1_year' },
			],
			default: 'past_7_days',
			description: 'Only visitors who viewed the profile within this time',
		},
	]),
};
