// "Already" means what ConnectSafely said: only its own error text decides, never the message n8n builds around it.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { makeConnection, makeProfile, makeReceived, makeSent } from '../dev/fake-api';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const fault400 = (path: string, error: string) =>
	f.api.fault({ match: (r) => r.path === path, status: 400, body: { success: false, error } });

const RESPOND = '/invitations/received/respond';
const WRITES: Array<[string, INodeParameters, () => IDataObject, string, string]> = [
	[
		'Accept',
		{ resource: 'invitation', operation: 'accept' },
		() => ({ ...makeReceived(0) }),
		RESPOND,
		'Accept invitation',
	],
	[
		'Ignore',
		{ resource: 'invitation', operation: 'ignore' },
		() => ({ ...makeReceived(0) }),
		RESPOND,
		'Ignore invitation',
	],
	[
		'Withdraw',
		{ resource: 'invitation', operation: 'withdraw' },
		() => ({ ...makeSent(0) }),
		'/invitations/withdraw',
		'Withdraw invitation',
	],
];

describe.each(WRITES)(
	'%s: a 400 is an error with ConnectSafely’s text unless it clearly says already handled',
	(_name, parameters, item, path, label) => {
		test.each([
			'Invitation already handled or no longer exists',
			'Invitation not found or already handled',
			'No pending invitation found for this profile',
			'Invalid validation token',
		])('%p → an error, never pending', async (text) => {
			fault400(path, text);
			const { error } = await f.run(parameters, [item()]);
			expect(error?.message).toBe(
				`${label} failed: ConnectSafely rejected the request (400): ${text}`,
			);
			const continued = await f.run(parameters, [item()], { continueOnFail: true });
			expect(continued.items.map((i) => i.json.status ?? i.json.error)).not.toContain('skipped');
		});

		test.each([
			'Invitation already accepted',
			'This invitation has already been withdrawn',
			'Invitation was already handled',
		])('%p → skipped, reason alreadyHandled', async (text) => {
			fault400(path, text);
			const { items, error } = await f.run(parameters, [item()]);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ status: 'skipped', reason: 'alreadyHandled' });
		});

		test('an invitation that is not there (the fake API’s own "not found or already handled") is an error', async () => {
			const base = item();
			const missing = {
				...base,
				invitationId: '1',
				profile: { ...(base.profile as IDataObject), publicIdentifier: makeProfile(30).slug },
			};
			const { error } = await f.run(parameters, [missing]);
			expect(error?.message).toMatch(new RegExp(`^${label} failed: `));
			expect(error?.message).not.toMatch(/skipped/);
		});
	},
);

describe('Send Request with the status check off: connected or pending decided from ConnectSafely’s text', () => {
	const send = {
		resource: 'connection',
		operation: 'sendRequest',
		profile: '={{ $json.p }}',
		options: { skipIfConnectedOrPending: false },
	};
	const person = makeProfile(31);

	test.each([
		['You are already connected to this member', 'connected'],
		['Already connected', 'connected'],
		['Invitation already sent', 'pending'],
		['An invitation is pending for this profile', 'pending'],
		['Already connected or invitation already sent', 'connectedOrPending'],
	])('%p → skipped, reason %s', async (text, reason) => {
		fault400('/connect', text);
		const { items, error } = await f.run(send, [{ p: person.slug }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			status: 'skipped',
			reason,
			profileId: person.slug,
		});
	});

	test('a withdrawal ConnectSafely reports → skipped, reason withdrawn, with the end of the block', async () => {
		fault400(
			'/connect',
			'Invitation to this profile was withdrawn recently; LinkedIn blocks re-inviting until 2026-12-01T00:00:00Z',
		);
		const { items, error } = await f.run(send, [{ p: person.slug }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			status: 'skipped',
			reason: 'withdrawn',
			resumeAfter: '2026-12-01T00:00:00Z',
			profileId: person.slug,
		});
	});

	test.each(['Request already being processed'])('%p → an error', async (text) => {
		fault400('/connect', text);
		const { error } = await f.run(send, [{ p: person.slug }]);
		expect(error?.message).toBe(
			`Send connection request failed: ConnectSafely rejected the request (400): ${text}`,
		);
	});

	test('a connected person is never reported pending (the fake API answers "Already connected or invitation already sent")', async () => {
		const friend = makeConnection(4);
		const { items } = await f.run(send, [{ p: friend.vanityName }]);
		expect(items[0].json).toMatchObject({ status: 'skipped', reason: 'connectedOrPending' });
	});
});
