import type { IDataObject } from 'n8n-workflow';

import { listFieldsWith, listRouting, type Operation } from '../../shared/descriptions/operations';
import type { Paging } from '../../shared/request/pager';
import { personOf } from '../../shared/values/person';
import { includeNonPeople, postOptionsField, postBody, postUrlField } from './fields';

/** `count` per page; the next one by `paginationToken` only (`start` is ignored there). */
const paging: Paging = {
	list: 'reactions',
	pageSize: 50,
	scheme: { kind: 'token', token: 'paginationToken', size: 'count' },
};

const REACTION_TYPES = [
	'APPRECIATION',
	'CELEBRATE',
	'EMPATHY',
	'ENTERTAINMENT',
	'INTEREST',
	'LIKE',
	'PRAISE',
	'SUPPORT',
];

function reactor(entry: IDataObject, postUrl: IDataObject[string]): IDataObject {
	const company = entry.actorType === 'company';
	return {
		...personOf({
			slug: company ? null : entry.actorPublicIdentifier,
			name: entry.actorName,
			headline: entry.actorHeadline,
			profileUrl: entry.actorProfileUrl,
			degree: entry.connectionDegree,
		}),
		reactionType: entry.reactionType ?? null,
		actorType: entry.actorType ?? null,
		postUrl,
	};
}

export const operation: Operation = {
	option: {
		name: 'Get Many Reactors',
		value: 'getReactors',
		action: 'Get many reactors of a post',
		description:
			'List the people who reacted to a post (by vanity name: ConnectSafely gives no URN here)',
		routing: listRouting(
			{ method: 'POST', url: '/posts/reactions' },
			{
				label: 'Get post reactors',
				paging,
				idOf: (entry) =>
					`${String(entry.actorPublicIdentifier ?? entry.actorName ?? '')}|${String(entry.reactionType ?? '')}`,
				once: (item) => String(item.profileId ?? item.name ?? ''),
				check: postBody,
				prepare: (ctx, request) => ({
					...request,
					body: { ...(request.body as IDataObject), ...postBody(ctx) },
				}),
				select(ctx, entries) {
					const { reactionTypes } = ctx.getNodeParameter('filters', {}) as IDataObject;
					const types = Array.isArray(reactionTypes) ? reactionTypes.map(String) : [];
					const all = includeNonPeople(ctx);
					return entries
						.map((entry) => reactor(entry, postBody(ctx).postUrl))
						.filter((item) => all || item.profileId !== null)
						.filter((item) => types.length === 0 || types.includes(String(item.reactionType)));
				},
			},
		),
	},
	fields: [
		postUrlField,
		...listFieldsWith([
			{
				displayName: 'Reaction Types',
				name: 'reactionTypes',
				type: 'multiOptions',
				options: REACTION_TYPES.map((type) => ({
					name: type.charAt(0) + type.slice(1).toLowerCase(),
					value: type,
				})),
				default: [],
				description:
					'Only people who reacted in one of these ways (LinkedIn’s names vary; others pass when none is chosen)',
			},
		]),
		postOptionsField,
	],
};
