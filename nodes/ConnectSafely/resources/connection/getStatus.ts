import { profileField } from '../../shared/descriptions/fields';
import { readRouting, type Operation } from '../../shared/descriptions/operations';
import { profileParameter } from '../../shared/errors/input';
import type { ProfileRef } from '../../shared/values/profile';

/** What GET /relationship takes: the vanity name, or the member ID of a URN. */
export function relationshipId(profile: ProfileRef): string {
	return profile.kind === 'slug' ? profile.profileId : profile.memberId;
}

/** The account goes in the path: /relationship/{accountId}/{profileId}. */
export function relationshipPath(profile: ProfileRef, account: string): string {
	const id = encodeURIComponent(relationshipId(profile));
	return account === '' ? `/relationship/${id}` : `/relationship/${account}/${id}`;
}

export const operation: Operation = {
	option: {
		name: 'Get Status',
		value: 'getStatus',
		action: 'Get connection status',
		description: 'Check whether the account is connected to a person or has an invitation pending',
		routing: readRouting(
			{ method: 'GET', url: '/relationship' },
			{
				label: 'Get connection status',
				shape: 'relationship',
				prepare(ctx, request, account) {
					const profile = profileParameter(ctx);
					return {
						request: { ...request, url: relationshipPath(profile, account) },
						add: { profileId: relationshipId(profile) },
					};
				},
			},
		),
	},
	fields: [profileField],
};
