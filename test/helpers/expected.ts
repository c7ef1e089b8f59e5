// What tests in several files expect, said once: contract texts and the node's shapes.
import type { IDataObject } from 'n8n-workflow';

import type { ProfileData } from '../../dev/fake-api';
import type { Fixture } from './fixture';

/** The contract's 400 for Accept without `validationToken`: ConnectSafely's Zod error object, exactly. */
export const ZOD_TOKEN_REQUIRED = {
	success: false,
	error: {
		name: 'ZodError',
		issues: [
			{
				code: 'invalid_type',
				expected: 'string',
				received: 'undefined',
				path: ['validationToken'],
				message: 'Required',
			},
		],
	},
};

/** The contract's quota 429 of an action (body only, as a gateway may strip the headers), with its reset. */
export function quota429(path: string, action: string, used: string, resetAt: string) {
	return {
		path,
		status: 429,
		body: {
			success: false,
			error: `Rate limit exceeded for ${action}: ${used} used. Resets at ${resetAt}`,
		},
	};
}

/** A 1st-degree connection in the node's one person shape (the inbox, the New Message trigger). */
export function connectionFields(person: ProfileData): IDataObject {
	return {
		profileId: person.slug,
		profileUrn: person.memberUrn,
		name: `${person.firstName} ${person.lastName}`,
		firstName: person.firstName,
		lastName: person.lastName,
		headline: person.headline,
		profileUrl: person.profileUrl,
		connectionDegree: '1st',
	};
}

/** Withdraw with no invitation pending: ConnectSafely's 400 quoted, and the node's word that nothing needs doing. */
export async function expectNothingToWithdraw(f: Fixture, profile: string): Promise<void> {
	const { error } = await f.run({ resource: 'invitation', operation: 'withdraw', profile });
	expect(error?.message).toBe(
		'Withdraw invitation failed: ConnectSafely rejected the request (400): No pending invitation found for this profile',
	);
	expect(error?.description).toMatch(/Nothing needs doing/);
}
