import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { listFieldsWith, listRouting, type Operation } from '../../shared/descriptions/operations';
import type { Paging } from '../../shared/request/pager';
import { inputError } from '../../shared/errors/input';
import { clock } from '../../shared/request/pacing';
import { ageInDays, estimateDate } from '../../shared/values/dates';
import { invitationId } from './getReceived';

function olderThan(ctx: IExecuteSingleFunctions): number | undefined {
	const { olderThanDays } = ctx.getNodeParameter('filters', {}) as IDataObject;
	if (olderThanDays !== undefined && (typeof olderThanDays !== 'number' || olderThanDays < 0)) {
		throw inputError(
			ctx,
			`"Older Than (Days)" must be a number of at least 0, got ${JSON.stringify(olderThanDays)}`,
			'Set it to the minimum age in days of the invitations to return, or remove the filter.',
		);
	}
	return olderThanDays;
}

const paging: Paging = {
	list: 'invitations',
	pageSize: 10,
	scheme: { kind: 'fixedPage', offset: 'startIndex' },
};

export const operation: Operation = {
	option: {
		name: 'Get Many Sent',
		value: 'getSent',
		action: 'Get many sent invitations',
		description: 'List pending connection invitations the account sent',
		routing: listRouting(
			{ method: 'GET', url: '/invitations/sent' },
			{
				label: 'Get sent invitations',
				paging,
				idOf: invitationId,
				check: olderThan,
				select(ctx, entries) {
					const olderThanDays = olderThan(ctx);
					const now = new Date(clock.now());
					const enriched = entries.map((entry) => ({
						...entry,
						sentAtEstimate: estimateDate(entry.sentAt, now) ?? null,
					}));
					if (olderThanDays === undefined) return enriched;
					return enriched.filter(
						(entry) =>
							typeof entry.sentAtEstimate === 'string' &&
							ageInDays(entry.sentAtEstimate, now) >= olderThanDays,
					);
				},
			},
		),
	},
	fields: listFieldsWith([
		{
			displayName: 'Older Than (Days)',
			name: 'olderThanDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 21,
			description:
				'Only return invitations sent at least this many calendar days ago (UTC dates), estimated from LinkedIn’s relative "sent" text',
		},
	]),
};
