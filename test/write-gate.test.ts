// The ordered write gate: the items of a write operation take their turn in input order from their first step. Under
// On Error → Stop nothing of any item after a failed one is sent; under Continue the failed item gives its error
// item in place and the others go on.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { makeProfile, makeReceived, makeSent, type RecordedRequest } from '../dev/fake-api';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

interface WriteOp {
	name: string;
	parameters: INodeParameters;
	good: () => IDataObject[];
	bad: IDataObject;
	badMessage: string;
	/** The requests one good input item makes. */
	requestsOf: (item: IDataObject) => string[];
	okOf: (json: IDataObject) => string;
}

const people = [makeProfile(6), makeProfile(7), makeProfile(8)];
const received = [makeReceived(0), makeReceived(1), makeReceived(3)];
const sent = [makeSent(0), makeSent(1), makeSent(2)];
const { validationToken: _token, ...noToken } = makeReceived(4);
const { profile: _profile, memberId: _memberId, memberUrn: _memberUrn, ...nobody } = makeSent(3);

const respond = (operation: string, status: string): WriteOp => ({
	name: operation,
	parameters: { resource: 'invitation', operation },
	good: () => received.map((inv) => ({ ...inv })),
	bad: noToken,
	badMessage: '"Validation Token" is empty',
	requestsOf: (item) => [`POST /invitations/received/respond ${String(item.invitationId)}`],
	okOf: (json) => `${String(json.status)}` + (json.status === status ? '' : ' ?'),
});

const OPERATIONS: WriteOp[] = [
	respond('accept', 'accepted'),
	respond('ignore', 'ignored'),
	{
		name: 'withdraw',
		parameters: { resource: 'invitation', operation: 'withdraw' },
		good: () => sent.map((inv) => ({ ...inv })),
		bad: nobody,
		badMessage: '"Profile" is empty and there is no "Member ID" to fall back on',
		requestsOf: (item) => [
			`POST /invitations/withdraw ${String((item.profile as IDataObject).publicIdentifier)}`,
		],
		okOf: (json) => String(json.status),
	},
	{
		name: 'sendRequest',
		parameters: { resource: 'connection', operation: 'sendRequest', profile: '={{ $json.p }}' },
		good: () => people.map((p) => ({ p: p.slug })),
		bad: { p: 'https://www.linkedin.com/company/acme-corp/' },
		badMessage:
			'Invalid "Profile": "https://www.linkedin.com/company/acme-corp/" is a LinkedIn company page, not a person\'s profile.',
		requestsOf: (item) => [
			`GET /relationship/${String(item.p)}`,
			`POST /connect ${String(item.p)}`,
		],
		okOf: (json) => String(json.status),
	},
];

function sentRequests(): string[] {
	return f.api.requests.map((r: RecordedRequest) => {
		const id =
			r.path === '/invitations/received/respond'
				? r.body?.invitationId
				: (r.body?.profileId ?? r.body?.profileUrn);
		return `${r.method} ${r.path}${r.method === 'POST' && id !== undefined ? ` ${String(id)}` : ''}`;
	});
}

function outline(items: INodeExecutionData[], op: WriteOp): string[] {
	return items.map(
		(item) =>
			`${(item.pairedItem as { item: number }).item} ${item.json.error !== undefined ? `error ${String(item.json.error)}` : op.okOf(item.json)}`,
	);
}

const PLACES: Array<[string, number]> = [
	['first', 0],
	['in the middle', 1],
	['last', 2],
];

describe.each(OPERATIONS)('$name', (op) => {
	describe.each(PLACES)('a bad item %s', (_place, at) => {
		const input = () => {
			const good = op.good();
			return [...good.slice(0, at), op.bad, ...good.slice(at, 2)];
		};

		test('On Error → Stop: the items before it are sent, nothing after it', async () => {
			const items = input();
			const { error } = await f.run(op.parameters, items);
			expect(error?.message).toBe(op.badMessage);
			expect(error?.context?.itemIndex).toBe(at);
			expect(sentRequests()).toEqual(items.slice(0, at).flatMap(op.requestsOf));
		});

		test('On Error → Continue: its error item in place, the others sent in order', async () => {
			const items = input();
			const { items: out, error } = await f.run(op.parameters, items, { continueOnFail: true });
			expect(error).toBeUndefined();
			expect(outline(out, op)).toEqual(
				items.map((_item, i) =>
					i === at
						? `${i} error ${op.badMessage}`
						: `${i} ${op.okOf({ status: out[i].json.status })}`,
				),
			);
			expect(
				out.filter((item) => item.json.error === undefined).map((item) => item.json.status),
			).not.toContain('skipped');
			expect(sentRequests()).toEqual(items.filter((_item, i) => i !== at).flatMap(op.requestsOf));
		});
	});

	test('On Error → Stop: an API error at item 1 stops items 2 and 3 before any request', async () => {
		const items = [...op.good(), op.good()[0]].slice(0, 3);
		const last = op.requestsOf(items[0]).length - 1;
		let seen = 0;
		f.api.fault({
			status: 500,
			body: { success: false, error: 'Internal server error' },
			match: (r) => r.method === 'POST' && ++seen === 1,
		});
		const { error } = await f.run(op.parameters, items);
		expect(error?.message).toMatch(/failed: ConnectSafely had a server error \(500\)/);
		expect(error?.context?.itemIndex).toBe(0);
		expect(sentRequests()).toEqual(op.requestsOf(items[0]).slice(0, last + 1));
	});
});

describe('Send Request: a note over the limit on item 1', () => {
	test('On Error → Stop: item 2 is not sent', async () => {
		const { error } = await f.run(
			{
				resource: 'connection',
				operation: 'sendRequest',
				profile: '={{ $json.p }}',
				message: '={{ $json.note }}',
			},
			[
				{ p: people[0].slug, note: 'x'.repeat(301) },
				{ p: people[1].slug, note: '' },
			],
		);
		expect(error?.message).toBe('"Note": The note is 301 characters long; the limit is 300');
		expect(f.api.requests).toEqual([]);
	});
});

describe('Withdraw: an optional field of the wrong type in the middle (a field-level check) ends its turn too', () => {
	const items = () => [
		{ ...sent[0] },
		{ ...sent[1], profile: { ...sent[1].profile, firstName: { given: 'Ann' } } },
		{ ...sent[2] },
	];
	const parameters = { resource: 'invitation', operation: 'withdraw' };
	const withdrawn = (i: number) => `POST /invitations/withdraw ${sent[i].profile.publicIdentifier}`;

	test('On Error → Stop: item 1 is sent, nothing after the failed item', async () => {
		const { error } = await f.run(parameters, items());
		expect(error?.message).toBe('"First Name" expects text, got an object');
		expect(sentRequests()).toEqual([withdrawn(0)]);
	});

	test('On Error → Continue: its error item in place, items 1 and 3 sent in order', async () => {
		const { items: out } = await f.run(parameters, items(), { continueOnFail: true });
		expect(out.map((item) => item.json.error ?? item.json.status)).toEqual([
			'withdrawn',
			'"First Name" expects text, got an object',
			'withdrawn',
		]);
		expect(sentRequests()).toEqual([withdrawn(0), withdrawn(2)]);
	});
});
