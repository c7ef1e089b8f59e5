import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { optionsCollection, quotaExhaustedOption } from '../../shared/descriptions/fields';
import { listFieldsWith, listRouting, type Operation } from '../../shared/descriptions/operations';
import { inputError, textParameter } from '../../shared/errors/input';
import type { Paging } from '../../shared/request/pager';
import type { ApiRequest } from '../../shared/request/transport';
import { personOf } from '../../shared/values/person';

/** 50 a page (ConnectSafely's default; its examples say 50 at most), `hasMore` exact. */
const paging: Paging = {
	list: 'members',
	pageSize: 50,
	scheme: { kind: 'offset', offset: 'start', size: 'count' },
};

const ROLES = ['OWNER', 'MANAGER', 'MEMBER'];
const GROUP_URL = /^https?:\/\/(?:[a-z0-9-]+\.)*linkedin\.com\/groups\/(\d{1,20})(?:[/?#]|$)/i;

/** A group URL goes to /groups/members-by-url, a numeric ID to /groups/members; filters by their documented keys. */
function groupRequest(ctx: IExecuteSingleFunctions, request: ApiRequest): ApiRequest {
	const group = textParameter(ctx, 'Group', ctx.getNodeParameter('group', ''));
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const roles = filters.roles ?? [];
	if (!Array.isArray(roles) || roles.some((role) => !ROLES.includes(String(role)))) {
		throw inputError(
			ctx,
			`"Roles" must be a list of ${ROLES.join(', ')}, got ${JSON.stringify(roles)}`,
			'Pick the roles from the list, or remove the filter.',
		);
	}
	const name = textParameter(ctx, 'Name', filters.name ?? '');
	const body: IDataObject = {
		...(request.body as IDataObject),
		...(roles.length > 0 ? { membershipStatuses: roles } : {}),
		...(name !== '' ? { typeaheadQuery: name } : {}),
	};
	if (/^\d{1,20}$/.test(group))
		return { ...request, url: '/groups/members', body: { ...body, groupId: group } };
	if (GROUP_URL.test(group))
		return { ...request, url: '/groups/members-by-url', body: { ...body, groupUrl: group } };
	throw inputError(
		ctx,
		group === ''
			? '"Group" is empty'
			: `"Group" is not a LinkedIn group URL or ID: "${group.slice(0, 80)}"`,
		'Give the group’s URL (https://www.linkedin.com/groups/1234567/) or its numeric ID (1234567). The account must be a member of the group.',
	);
}

export const operation: Operation = {
	option: {
		name: 'Get Many Members',
		value: 'getMembers',
		action: 'Get many members of a group',
		description: 'List the members of a LinkedIn group the account belongs to (1,000 a day)',
		routing: listRouting(
			{ method: 'POST', url: '/groups/members' },
			{
				label: 'Get group members',
				paging,
				action: 'GROUP_MEMBERS',
				rules: [
					{
						when: (text) => /member of (?:this|the) group/i.test(text),
						description:
							'Only members of a group see its members. Join the group with the LinkedIn account first, or choose another LinkedIn Account.',
					},
				],
				idOf: (entry) => String(entry.entityUrn ?? entry.publicIdentifier ?? ''),
				check: (ctx) => void groupRequest(ctx, {}),
				prepare: (ctx, request) => groupRequest(ctx, request),
				select: (_ctx, entries) =>
					entries.map((entry) => ({
						...personOf({
							slug: entry.publicIdentifier,
							urn: entry.entityUrn,
							firstName: entry.firstName,
							lastName: entry.lastName,
							headline: entry.headline,
						}),
						role: entry.membershipStatus ?? null,
					})),
			},
		),
	},
	fields: [
		{
			displayName: 'Group',
			name: 'group',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://www.linkedin.com/groups/1234567/',
			description: 'The group’s URL or numeric ID; the LinkedIn account must be a member',
		},
		...listFieldsWith([
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Jane',
				description: 'Only members whose name starts with or contains this text',
			},
			{
				displayName: 'Roles',
				name: 'roles',
				type: 'multiOptions',
				options: [
					{ name: 'Manager', value: 'MANAGER' },
					{ name: 'Member', value: 'MEMBER' },
					{ name: 'Owner', value: 'OWNER' },
				],
				default: [],
				description: 'Only members with one of these roles',
			},
		]),
		optionsCollection([quotaExhaustedOption]),
	],
};
