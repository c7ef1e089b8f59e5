// Fault injection: every operation through n8n's real engine against the fake API, with one fault aimed at the
// middle of three input items, with On Error → Continue on and off. For each fault: a clear error naming the
// operation and the status, no item lost, duplicated or reordered, the neighbours unaffected, and no request
// repeated (in particular no POST /connect twice for one person).
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	makeConnection,
	makeProfile,
	makeReceived,
	makeSent,
	SECOND_ACCOUNT_ID,
	type FaultRule,
	type RecordedRequest,
} from '../dev/fake-api';
import { freshPackage } from './helpers/engine';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const TIMEOUT_MS = 1000;

// ---------------------------------------------------------------------------------------------------------------
// Operations: three input items; `target` picks the request of the middle item (index 1) that the fault answers.

interface Operation {
	name: string;
	/** How error messages name the operation. */
	label: string;
	write: boolean;
	parameters: INodeParameters;
	input: () => IDataObject[];
	target: (request: RecordedRequest) => boolean;
	/** Every request the three items make when nothing fails ("METHOD path" plus the query when relevant). */
	requests: () => string[];
	/** Requests the middle item no longer makes because the faulted one failed. */
	skippedAfterFault?: () => string[];
	/** With On Error → Stop: the requests of the item after the failed one, which are then not sent. */
	stoppedAfterFault?: () => string[];
	/** The output of a successful input item, reduced to what identifies it. */
	ok: (json: IDataObject) => string;
	/** What ok() gives for input item i. */
	expectedOk: (i: number) => string;
	/** List operations: the ids one successful input item yields (the default account's list). */
	list?: string[];
	/** List operations: the answer's property that holds the page. */
	listField?: string;
}

function range(n: number): number[] {
	return Array.from({ length: n }, (_, i) => i);
}

const people = [makeProfile(1), makeProfile(2), makeProfile(5)];
const received = [makeReceived(0), makeReceived(1), makeReceived(3)];
const sent = [makeSent(0), makeSent(1), makeSent(2)];
const byAccount = [{ account: '' }, { account: SECOND_ACCOUNT_ID }, { account: '' }];
const accountParameter = { __rl: true, mode: 'list', value: '={{ $json.account }}' };

const key = (r: RecordedRequest) => {
	const query = new URLSearchParams(
		Object.entries(r.query).sort(([a], [b]) => a.localeCompare(b)),
	).toString();
	return `${r.method} ${r.path}${query ? ` ${query}` : ''}`;
};

const respond = (operation: 'accept' | 'ignore', label: string, status: string): Operation => ({
	name: operation,
	label,
	write: true,
	parameters: { resource: 'invitation', operation },
	input: () => received.map((inv) => ({ ...inv })),
	target: (r) => r.body?.invitationId === received[1].invitationId,
	requests: () => received.map(() => 'POST /invitations/received/respond'),
	stoppedAfterFault: () => ['POST /invitations/received/respond'],
	ok: (json) => `${json.status}: ${String(json.message)}`,
	expectedOk: (i) =>
		`${status}: Invitation from ${received[i].profile.firstName} ${received[i].profile.lastName} ${status}`,
});

const list = (
	[resource, operation]: ['invitation' | 'connection', string],
	label: string,
	path: string,
	ids: string[],
	page = { size: 10, query: '', listField: 'invitations', id: 'invitationId' },
): Operation => ({
	name: operation,
	label,
	write: false,
	list: ids,
	listField: page.listField,
	parameters: { resource, operation, returnAll: true, accountId: accountParameter },
	input: () => byAccount.map((item) => ({ ...item })),
	target: (r) => r.path === path && r.query.accountId === SECOND_ACCOUNT_ID,
	requests: () => {
		const pages = range(Math.floor(ids.length / page.size) + 1).map(
			(n) => `GET ${path} ${page.query}startIndex=${n * page.size}`,
		);
		return [
			...pages,
			`GET ${path} accountId=${SECOND_ACCOUNT_ID}&${page.query}startIndex=0`,
			...pages,
		];
	},
	ok: (json) => String(json[page.id]),
	expectedOk: () => '',
});

const friends = [makeConnection(0), makeConnection(1), makeConnection(2)];

const OPERATIONS: Operation[] = [
	{
		name: 'getStatus',
		label: 'Get connection status',
		write: false,
		parameters: { resource: 'connection', operation: 'getStatus', profile: '={{ $json.slug }}' },
		input: () => people.map((p) => ({ slug: p.slug })),
		target: (r) => r.path === `/relationship/${people[1].slug}`,
		requests: () => people.map((p) => `GET /relationship/${p.slug}`),
		ok: (json) => `${json.profileId}: ${json.status}`,
		expectedOk: (i) => `${people[i].slug}: NOT_CONNECTED`,
	},
	{
		name: 'sendRequest',
		label: 'Send connection request',
		write: true,
		parameters: { resource: 'connection', operation: 'sendRequest', profile: '={{ $json.slug }}' },
		input: () => people.map((p) => ({ slug: p.slug })),
		target: (r) => r.path === '/connect' && r.body?.profileId === people[1].slug,
		requests: () => people.flatMap((p) => [`GET /relationship/${p.slug}`, 'POST /connect']),
		stoppedAfterFault: () => [`GET /relationship/${people[2].slug}`, 'POST /connect'],
		ok: (json) => `${json.status}: ${json.profileId}`,
		expectedOk: (i) => `sent: ${people[i].slug}`,
	},
	{
		name: 'sendRequest (status check)',
		label: 'Send connection request (status check)',
		write: false,
		parameters: { resource: 'connection', operation: 'sendRequest', profile: '={{ $json.slug }}' },
		input: () => people.map((p) => ({ slug: p.slug })),
		target: (r) => r.path === `/relationship/${people[1].slug}`,
		requests: () => people.flatMap((p) => [`GET /relationship/${p.slug}`, 'POST /connect']),
		skippedAfterFault: () => ['POST /connect'],
		stoppedAfterFault: () => [`GET /relationship/${people[2].slug}`, 'POST /connect'],
		ok: (json) => `${json.status}: ${json.profileId}`,
		expectedOk: (i) => `sent: ${people[i].slug}`,
	},
	respond('accept', 'Accept invitation', 'accepted'),
	respond('ignore', 'Ignore invitation', 'ignored'),
	{
		name: 'withdraw',
		label: 'Withdraw invitation',
		write: true,
		parameters: { resource: 'invitation', operation: 'withdraw' },
		input: () => sent.map((inv) => ({ ...inv })),
		target: (r) => r.body?.profileId === sent[1].profile.publicIdentifier,
		requests: () => sent.map(() => 'POST /invitations/withdraw'),
		stoppedAfterFault: () => ['POST /invitations/withdraw'],
		ok: (json) => `${json.status}: ${json.profileId}`,
		expectedOk: (i) => `withdrawn: ${sent[i].profile.publicIdentifier}`,
	},
	{
		name: 'message send',
		label: 'Send message',
		write: true,
		parameters: { resource: 'message', operation: 'send', text: 'Hi' },
		input: () => friends.map((c) => ({ ...c })),
		target: (r) =>
			r.path === '/conversations/send' && r.body?.recipientProfileId === friends[1].vanityName,
		requests: () => friends.map(() => 'POST /conversations/send'),
		stoppedAfterFault: () => ['POST /conversations/send'],
		ok: (json) => `${json.status}: ${json.profileId}`,
		expectedOk: (i) => `sent: ${friends[i].vanityName}`,
	},
	list(
		['connection', 'getMany'],
		'Get connections',
		'/connections',
		range(15).map((i) => makeConnection(i).vanityName),
		{ size: 12, query: 'limit=12&', listField: 'connections', id: 'vanityName' },
	),
	list(
		['invitation', 'getReceived'],
		'Get received invitations',
		'/invitations/received',
		range(12).map((i) => makeReceived(i).invitationId),
	),
	list(
		['invitation', 'getSent'],
		'Get sent invitations',
		'/invitations/sent',
		range(6).map((i) => makeSent(i).invitationId),
	),
];

// ---------------------------------------------------------------------------------------------------------------
// Faults: the rule (without its target) and the error the middle item must get.

interface Fault {
	name: string;
	rule: Omit<FaultRule, 'match' | 'times'>;
	message: (op: Operation) => string;
	/** Only for the list operations. */
	listOnly?: boolean;
	/** A network failure or a garbled success: for a write, the outcome is unknown and must be said so. */
	unknownOutcome?: boolean;
	description?: RegExp;
}

const NON_JSON = 'the server answered with a non-JSON page (probably from a proxy or gateway)';

const FAULTS: Fault[] = [
	{
		name: 'latency above the request timeout',
		rule: { delayMs: 3 * TIMEOUT_MS, status: 200, body: { success: true } },
		message: (op) =>
			`${op.label} failed: ConnectSafely did not answer within the request timeout of ${TIMEOUT_MS} ms (ETIMEDOUT)`,
		unknownOutcome: true,
		description: /Request Options → Timeout/,
	},
	{
		name: '500',
		rule: { status: 500, body: { success: false, error: 'Internal server error' } },
		message: (op) =>
			`${op.label} failed: ConnectSafely had a server error (500): Internal server error`,
		description: /transient/,
	},
	{
		name: '502 with an HTML body',
		rule: {
			status: 502,
			body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
		},
		message: (op) => `${op.label} failed: ConnectSafely had a server error (502): ${NON_JSON}`,
		description: /transient/,
		unknownOutcome: true,
	},
	{
		name: '502 whose error text names a network error code',
		rule: { status: 502, body: { success: false, error: 'upstream connect error: ECONNREFUSED' } },
		message: (op) =>
			`${op.label} failed: ConnectSafely had a server error (502): upstream connect error: ECONNREFUSED`,
		description: /transient/,
		unknownOutcome: true,
	},
	{
		name: '503 with Retry-After',
		rule: {
			status: 503,
			body: { success: false, error: 'Service unavailable' },
			headers: { 'Retry-After': '1' },
		},
		message: (op) =>
			`${op.label} failed: ConnectSafely had a server error (503): Service unavailable`,
		description: /asks to wait 1 seconds/,
	},
	{
		name: 'connection reset before the answer',
		rule: { action: 'reset' },
		message: (op) =>
			`${op.label} failed: the connection was closed before the whole answer arrived (ECONNRESET)`,
		unknownOutcome: true,
	},
	{
		name: 'connection reset mid-response',
		rule: {
			action: 'truncate',
			status: 200,
			body: { success: true, message: 'Done', invitations: [] },
		},
		message: (op) =>
			`${op.label} failed: the connection was closed before the whole answer arrived (ECONNRESET)`,
		unknownOutcome: true,
	},
	{
		name: 'truncated JSON',
		rule: {
			status: 200,
			body: '{"success":true,"message":"Invitation from Li',
			contentType: 'application/json; charset=utf-8',
		},
		message: (op) =>
			`${op.label} failed: ConnectSafely sent an answer that is not the expected JSON (200)`,
		unknownOutcome: true,
	},
	{
		name: 'a 200 whose body is not JSON',
		rule: { status: 200, body: '<html><body>Please sign in to the Wi-Fi</body></html>' },
		message: (op) =>
			`${op.label} failed: ConnectSafely sent an answer that is not the expected JSON (200)`,
		unknownOutcome: true,
	},
	{
		name: 'an empty 204',
		rule: { status: 204 },
		message: (op) => `${op.label} failed: ConnectSafely sent an empty answer (204)`,
		unknownOutcome: true,
	},
	{
		name: 'a 200 with success: false',
		rule: { status: 200, body: { success: false, error: 'LinkedIn session expired' } },
		message: (op) =>
			`${op.label} failed: ConnectSafely reported a failure (200): LinkedIn session expired`,
	},
	{
		name: 'a list page missing its list',
		rule: { status: 200, body: { success: true, count: 0, startIndex: 0 } },
		message: (op) =>
			`${op.label} failed: ConnectSafely answered without an "${op.listField}" list (200)`,
		listOnly: true,
	},
];

// ---------------------------------------------------------------------------------------------------------------

function sorted(values: string[]): string[] {
	return [...values].sort();
}

function expectedRequests(op: Operation, stop = false): string[] {
	const all = op.requests();
	const missing = [
		...(op.skippedAfterFault?.() ?? []),
		...(stop ? (op.stoppedAfterFault?.() ?? []) : []),
	];
	for (const skipped of missing) all.splice(all.lastIndexOf(skipped), 1);
	return sorted(all);
}

function run(op: Operation, continueOnFail: boolean) {
	return f.run({ ...op.parameters, requestOptions: { timeout: TIMEOUT_MS } }, op.input(), {
		continueOnFail,
	});
}

/** The output reduced to one line per item: "<input index> ok <identity>" or "<input index> error <message>". */
function outline(op: Operation, items: INodeExecutionData[]): string[] {
	return items.map((item) => {
		const paired = (item.pairedItem as { item: number } | undefined)?.item;
		const at = paired === undefined ? '?' : String(paired);
		return item.json.error !== undefined
			? `${at} error ${String(item.json.error)}`
			: `${at} ok ${op.ok(item.json)}`;
	});
}

function expectedOutline(op: Operation, fault: Fault): string[] {
	if (op.list) {
		const results = (i: number) => op.list!.map(() => `${i} ok `);
		return [...results(0), `1 error ${fault.message(op)}`, ...results(2)];
	}
	return [`0 ok ${op.expectedOk(0)}`, `1 error ${fault.message(op)}`, `2 ok ${op.expectedOk(2)}`];
}

function connectsPerPerson(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const r of f.api.requests.filter((req) => req.path === '/connect')) {
		const who = String(r.body?.profileId ?? r.body?.profileUrn);
		counts[who] = (counts[who] ?? 0) + 1;
	}
	return counts;
}

describe.each(OPERATIONS)('$name', (op) => {
	const faults = FAULTS.filter((fault) => !fault.listOnly || op.list);

	describe.each(faults)('$name', (fault) => {
		beforeEach(() => f.api.fault({ ...fault.rule, match: op.target }));

		test('On Error → Continue: one error item in place, the other items complete', async () => {
			const { items, error } = await run(op, true);
			expect(error).toBeUndefined();
			const lines = outline(op, items);
			if (op.list) {
				// A list item's own results are checked for content and order; an error item from a list
				// operation carries no pairedItem (n8n's engine only fills it when input and output counts match).
				expect(lines.map((line) => line.replace(/ ok .*/, ' ok '))).toEqual(
					expectedOutline(op, fault),
				);
				const okIds = items
					.filter((item) => item.json.error === undefined)
					.map((item) => op.ok(item.json));
				expect(okIds).toEqual([...op.list, ...op.list]);
			} else {
				expect(lines).toEqual(expectedOutline(op, fault));
			}
			expect(sorted(f.api.requests.map(key))).toEqual(expectedRequests(op));
			expect(f.api.requests.filter(op.target)).toHaveLength(1);
			expect(Object.values(connectsPerPerson()).every((n) => n === 1)).toBe(true);
		});

		test('On Error → Stop: the node fails with the same clear error; nothing is sent twice', async () => {
			const { items, error } = await run(op, false);
			expect(items).toEqual([]);
			expect(error?.message).toBe(fault.message(op));
			expect(error?.context?.itemIndex).toBe(1);
			if (fault.description) expect(error?.description).toMatch(fault.description);
			if (op.write && fault.unknownOutcome) {
				expect(error?.description).toMatch(/may have reached ConnectSafely and been carried out/);
				expect(error?.description).toMatch(/did not send it again/);
			} else if (fault.unknownOutcome) {
				expect(error?.description).toMatch(/^Nothing was changed\./);
			}
			expect(error?.message).not.toMatch(/<|undefined|\[object/);
			// Nothing of an item after the failed one is sent, not even its status check.
			expect(sorted(f.api.requests.map(key))).toEqual(expectedRequests(op, true));
			expect(f.api.requests.filter(op.target)).toHaveLength(1);
			expect(Object.values(connectsPerPerson()).every((n) => n === 1)).toBe(true);
		});
	});
});

describe('after a transient failure', () => {
	const op = OPERATIONS.find((o) => o.name === 'sendRequest')!;

	test('500 then success: running the failed item again sends its connection request exactly once', async () => {
		f.api.fault({
			status: 500,
			body: { success: false, error: 'Internal server error' },
			match: op.target,
		});
		const first = await run(op, true);
		expect(outline(op, first.items)[1]).toBe(
			`1 error ${op.label} failed: ConnectSafely had a server error (500): Internal server error`,
		);

		const again = await f.run(op.parameters, [{ slug: people[1].slug }]);
		expect(again.error).toBeUndefined();
		expect(outline(op, again.items)).toEqual([`0 ok sent: ${people[1].slug}`]);
		expect(connectsPerPerson()).toEqual({
			[people[0].slug]: 1,
			[people[1].slug]: 2,
			[people[2].slug]: 1,
		});
		expect(
			f.api.requests
				.filter((r) => r.path === '/connect' && r.body?.profileId === people[1].slug)
				.map((r) => r.status),
		).toEqual([500, 200]);
	});

	test('a running-again after a lost answer does not send a second request: the same process skips it, another finds it pending', async () => {
		// The API carried the request out, but the answer was lost on the way back.
		f.api.fault({ status: 200, body: '<html>gateway</html>', match: op.target });
		const first = await run(op, true);
		expect(outline(op, first.items)[1]).toMatch(
			/^1 error Send connection request failed: ConnectSafely sent an answer that is not the expected JSON \(200\)$/,
		);
		// Simulate that the invitation did go out before the answer was garbled.
		const person = f.api.findProfile(people[1].slug)!;
		f.api.addSent({
			memberId: person.memberId,
			memberUrn: person.memberUrn,
			profile: {
				firstName: person.firstName,
				lastName: person.lastName,
				headline: person.headline,
				profileUrl: person.profileUrl,
				publicIdentifier: person.slug,
			},
		});

		f.api.clearRequests();
		const again = await f.run(op.parameters, [{ slug: people[1].slug }]);
		expect(again.items[0].json).toMatchObject({ status: 'skipped', reason: 'duplicate' });
		expect(f.api.requests).toEqual([]);

		const elsewhere = await f.run(op.parameters, [{ slug: people[1].slug }], {
			loader: await freshPackage(),
		});
		expect(elsewhere.items[0].json).toMatchObject({ status: 'skipped', reason: 'pending' });
		expect(f.api.requests.map((r) => r.path)).toEqual([`/relationship/${people[1].slug}`]);
	});

	test('503 with a short Retry-After is not retried for a write', async () => {
		f.api.fault({
			status: 503,
			body: { success: false, error: 'Service unavailable' },
			headers: { 'Retry-After': '1' },
			match: op.target,
			times: 5,
		});
		const { items } = await run(op, true);
		expect(outline(op, items)[1]).toBe(
			`1 error ${op.label} failed: ConnectSafely had a server error (503): Service unavailable`,
		);
		expect(connectsPerPerson()).toEqual({
			[people[0].slug]: 1,
			[people[1].slug]: 1,
			[people[2].slug]: 1,
		});
	});
});
