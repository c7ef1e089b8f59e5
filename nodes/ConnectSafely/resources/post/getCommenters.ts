import type { IDataObject } from 'n8n-workflow';

import { listFields } from '../../shared/descriptions/fields';
import { listRouting, type Operation } from '../../shared/descriptions/operations';
import type { Paging } from '../../shared/request/pager';
import { isPerson, personOf } from '../../shared/values/person';
import { includeNonPeople, postOptionsField, postBody, postUrlField } from './fields';

/** `commentCount` per page (it turns paging on), then `start` and `paginationToken` as the answer gives them. */
const paging: Paging = {
	list: 'comments',
	pageSize: 50,
	scheme: { kind: 'token', token: 'paginationToken', size: 'commentCount', offset: 'start' },
};

function commenter(entry: IDataObject, postUrl: IDataObject[string]): IDataObject {
	const created = typeof entry.createdAt === 'number' ? new Date(entry.createdAt) : undefined;
	return {
		...personOf({
			slug: entry.hasProfile === false ? null : entry.publicIdentifier,
			urn: entry.hasProfile === false ? null : entry.commenterUrn,
			name: entry.authorName,
			headline: entry.authorDesignation,
			profileUrl: entry.profileUrl,
		}),
		commentId: entry.commentId ?? null,
		commentText: entry.commentText ?? null,
		commentedAt: created && !Number.isNaN(created.getTime()) ? created.toISOString() : null,
		postUrl,
	};
}

export const operation: Operation = {
	option: {
		name: 'Get Many Commenters',
		value: 'getCommenters',
		action: 'Get many commenters of a post',
		description: 'List the people who commented on a post, each once, with their first comment',
		routing: listRouting(
			{ method: 'POST', url: '/posts/comments' },
			{
				label: 'Get post commenters',
				paging,
				idOf: (entry) => String(entry.commentId ?? ''),
				once: (item) => String(item.profileUrn ?? item.profileId ?? item.commentId ?? ''),
				check: postBody,
				prepare: (ctx, request) => ({
					...request,
					body: { ...(request.body as IDataObject), ...postBody(ctx) },
				}),
				select(ctx, entries) {
					const items = entries.map((entry) => commenter(entry, postBody(ctx).postUrl));
					return includeNonPeople(ctx) ? items : items.filter(isPerson);
				},
			},
		),
	},
	fields: [postUrlField, ...listFields, postOptionsField],
};
