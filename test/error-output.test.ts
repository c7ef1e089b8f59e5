// "Continue (using error output)" as users wire it: the node behind another node, a bad item first, in the middle or
// last. n8n merges the input item into an error item only when the item is paired to it: every operation's error
// items are, so the error branch can tell which input failed; the other items leave on the success branch.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { makeConnection, makeProfile, makeReceived, makeSent } from '../dev/fake-api';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

/** Received connection invitations (the others need Allow Non-Connection Invitations). */
const invitation = (i: number) => makeReceived([0, 1, 3][i]);

const BAD_ACCOUNT = 'not-an-account';
const ACCOUNT_HINT =
	'Pick the account from the list, or leave the field empty to use the workspace default account.';
const ACCOUNT_ERROR = `"LinkedIn Account" must be a 24-character hexadecimal account ID, got "${BAD_ACCOUNT}"`;

const OPERATIONS: Array<[string, INodeParameters, (i: number) => object]> = [
	[
		'Invitation → Get Many Received',
		{ resource: 'invitation', operation: 'getReceived', limit: 1 },
		() => ({}),
	],
	[
		'Invitation → Get Many Sent',
		{ resource: 'invitation', operation: 'getSent', limit: 1 },
		() => ({}),
	],
	['Invitation → Accept', { resource: 'invitation', operation: 'accept' }, invitation],
	['Invitation → Ignore', { resource: 'invitation', operation: 'ignore' }, invitation],
	['Invitation → Withdraw', { resource: 'invitation', operation: 'withdraw' }, (i) => makeSent(i)],
	[
		'Connection → Send Request',
		{ resource: 'connection', operation: 'sendRequest', profile: '={{ $json.slug }}' },
		(i) => ({ slug: makeProfile(20 + i).slug }),
	],
	[
		'Connection → Get Status',
		{ resource: 'connection', operation: 'getStatus', profile: '={{ $json.slug }}' },
		(i) => ({ slug: makeProfile(20 + i).slug }),
	],
	['Connection → Get Many', { resource: 'connection', operation: 'getMany', limit: 1 }, () => ({})],
	[
		'Message → Send',
		{ resource: 'message', operation: 'send', text: 'Hello' },
		(i) => makeConnection(i),
	],
];

/** Three input rows, each with the lead's own fields; the one at `bad` names an account that is not an ID. */
function rows(make: (i: number) => object, bad: number): IDataObject[] {
	return [0, 1, 2].map((i) => ({
		...make(i),
		row: i + 1,
		status: 'lead',
		account: i === bad ? BAD_ACCOUNT : '',
	}));
}

const paired = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;

describe.each(OPERATIONS)('%s behind another node', (_name, operation, make) => {
	const parameters = {
		...operation,
		accountId: { __rl: true, mode: 'id', value: '={{ $json.account }}' },
	};

	test.each([
		['first', 0],
		['middle', 1],
		['last', 2],
	])(
		'On Error → Continue (using error output): a bad %s item leaves on the error branch with its row',
		async (_at, bad) => {
			const input = rows(make, bad);
			const { outputs, error } = await f.run(parameters, input, {
				wiring: { predecessor: true, onError: 'continueErrorOutput' },
			});
			expect(error).toBeUndefined();
			expect(outputs).toHaveLength(2);
			const [success, failed] = outputs;
			expect(failed.map((item) => ({ at: paired(item), json: item.json }))).toEqual([
				{
					at: bad,
					// `error` and `message` (what to do) over the row: the only keys n8n 1.x and 2.x both take for an error.
					json: expect.objectContaining({
						...input[bad],
						error: ACCOUNT_ERROR,
						message: ACCOUNT_HINT,
					}) as unknown,
				},
			]);
			expect([...new Set(success.map(paired))]).toEqual([0, 1, 2].filter((i) => i !== bad));
			for (const item of success) expect(item.json.error).toBeUndefined();
		},
	);

	test('On Error → Continue: one output, the bad item in place, paired to its input', async () => {
		const input = rows(make, 1);
		const { outputs, error } = await f.run(parameters, input, {
			wiring: { predecessor: true, onError: 'continueRegularOutput' },
		});
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(1);
		const [items] = outputs;
		expect(items.filter((item) => item.json.error !== undefined).map(paired)).toEqual([1]);
		expect([...new Set(items.map(paired))]).toEqual([0, 1, 2]);
	});

	test('On Error → Stop: the bad item fails the node, naming the account', async () => {
		const { error } = await f.run(parameters, rows(make, 1), {
			wiring: { predecessor: true, onError: 'stopWorkflow' },
		});
		expect(error?.message).toBe(ACCOUNT_ERROR);
	});
});

describe('one output shape for every outcome of a write', () => {
	test('sent and skipped items: status, the person, what ConnectSafely said; no input field overwritten', async () => {
		const [newcomer, again] = [makeProfile(30), makeProfile(31)];
		const input = [
			{ slug: newcomer.slug, status: 'lead', row: 1 },
			{ slug: again.slug, status: 'lead', row: 2 },
			{ slug: again.slug, status: 'lead', row: 3 },
		];
		const { outputs, error } = await f.run(
			{ resource: 'connection', operation: 'sendRequest', profile: '={{ $json.slug }}' },
			input,
			{ wiring: { predecessor: true, onError: 'continueErrorOutput' } },
		);
		expect(error).toBeUndefined();
		const [items, failed] = outputs;
		expect(failed).toEqual([]);
		expect(items.map((item) => [paired(item), item.json.status, item.json.reason])).toEqual([
			[0, 'sent', undefined],
			[1, 'sent', undefined],
			[2, 'skipped', 'duplicate'],
		]);
		for (const [i, item] of items.entries()) {
			expect(item.json.profileId).toBe(input[i].slug);
			expect(item.json.row).toBeUndefined();
		}
		expect(input.map((row) => row.status)).toEqual(['lead', 'lead', 'lead']);
	});
});
