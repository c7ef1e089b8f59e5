import { personBySlugField } from '../../shared/descriptions/fields';
import { readRouting, type Operation } from '../../shared/descriptions/operations';
import { inputError, profileParameter } from '../../shared/errors/input';

/** GET /relationship takes only a vanity name; the account goes in the path: /relationship/{accountId}/{profileId}. */
export function relationshipPath(profileId: string, account: string): string {
	const id = encodeURIComponent(profileId);
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
					if (profile.kind !== 'slug') {
						throw inputError(
							ctx,
							'"Profile" must be a profile URL or vanity name for Get Status, got a member URN or ID',
							'ConnectSafely checks a relationship by the vanity name only (the part after linkedin.com/in/). Map Profile to the profile URL or public identifier of the incoming item.',
						);
					}
					return {
						request: { ...request, url: relationshipPath(profile.profileId, account) },
						add: { profileId: profile.profileId },
					};
				},
			},
		),
	},
	fields: [personBySlugField],
};
