// ConnectSafely Trigger through n8n-core's real PollContext (workflow static data included), against the fake API.
import type { IDataObject, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';

import {
	SECOND_ACCOUNT_ID,
	startFakeApi,
	type Connection,
	type FakeApi,
	type ReceivedInvitation,
	type RecordedRequest,
} from '../dev/fake-api';
import { nodeType, runNode, runPoll, type TestCredentials } from './helpers/engine';
import { FAST_PACING, useTimeScale } from './helpers/fixture';
import { ConnectSafelyTrigger } from '../nodes/ConnectSafelyTrigger/ConnectSafelyTrigger.node';

const INVITATIONS: INodeParameters = { event: 'invitationReceived', filters: { categories: [] } };
const CONNECTION_INVITATIONS: INodeParameters = { event: 'invitationReceived' };
const CONNECTIONS: INodeParameters = { event: 'connectionAdded' };
const NODE_KEY = 'node:ConnectSafely Trigger';

let api: FakeApi;
let credentials: TestCredentials;

beforeAll(async () => {
	// The trigger's polls are paced like every request: a ConnectSafely minute of 30 ms here.
	useTimeScale(FAST_PACING);
	api = await startFakeApi({ seed: { received: 30, connections: 30 } });
	credentials = { apiKey: api.apiKey, baseUrl: api.url };
});
beforeEach(() => api.reset({ received: 30, connections: 30 }));
afterAll(async () => api.close());

interface Polled {
	items: IDataObject[];
	ids: string[];
	requests: RecordedRequest[];
	/** The workflow static data as n8n would persist it (JSON). */
	saved: IDataObject;
	logs: string[];
}

/** One poll; `saved` is the persisted static data of the previous poll (undefined: never activated). */
async function poll(
	parameters: INodeParameters,
	saved?: IDataObject,
	mode: WorkflowExecuteMode = 'trigger',
): Promise<Polled> {
	const start = api.requests.length;
	const result = await runPoll({
		parameters,
		credentials,
		staticData:
			saved === undefined ? undefined : (JSON.parse(JSON.stringify(saved)) as IDataObject),
		mode,
		activation: saved === undefined ? 'activate' : 'init',
	});
	const items = (result.items ?? []).map((item) => item.json);
	return {
		items,
		ids: items.map((item) => String(item.invitationId ?? item.vanityName)),
		requests: api.requests.slice(start),
		saved: JSON.parse(JSON.stringify(result.staticData)) as IDataObject,
		logs: result.logs,
	};
}

function addInvitations(count: number, partial: Partial<ReceivedInvitation> = {}): string[] {
	// Arrive one after the other: the last one is the newest (first in the list).
	return Array.from({ length: count }, () => api.addReceived(partial).invitationId);
}

function addConnections(count: number): string[] {
	return Array.from({ length: count }, () => api.addConnection().vanityName);
}

function startIndexes(requests: RecordedRequest[]): number[] {
	return requests.map((request) => Number(request.query.startIndex));
}

function seenOf(saved: IDataObject): string[] {
	return (saved[NODE_KEY] as IDataObject).seen as string[];
}

function listedIds(): string[] {
	return api.state.received.map((invitation) => invitation.invitationId);
}

describe('node description', () => {
	test('is a polling trigger with the shared credential and account picker', async () => {
		const type = await nodeType('connectSafelyTrigger');
		const { description } = type;
		expect(description.name).toBe('connectSafelyTrigger');
		expect(description.displayName).toBe('ConnectSafely Trigger');
		expect(description.polling).toBe(true);
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials).toEqual([{ name: 'connectSafelyOutreachApi', required: true }]);
		// The loader turns the class's `icon` into served URLs of the package's two icon files.
		expect(new ConnectSafelyTrigger().description.icon).toEqual({
			light: 'file:../../icons/connectSafely.svg',
			dark: 'file:../../icons/connectSafely.dark.svg',
		});
		expect(description.iconUrl).toEqual({
			light: 'icons/n8n-nodes-connectsafely/dist/icons/connectSafely.svg',
			dark: 'icons/n8n-nodes-connectsafely/dist/icons/connectSafely.dark.svg',
		});
		const names = description.properties.map((property) => property.name);
		// The loader adds n8n's Poll Times parameter to polling nodes.
		expect(names).toEqual(['pollTimes', 'event', 'accountId', 'filters', 'firstPollNotice']);
		const event = description.properties.find((property) => property.name === 'event');
		expect(event?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(
			['connectionAdded', 'newMessage', 'invitationReceived'],
		);
		const filters = description.properties.find((property) => property.name === 'filters');
		expect(filters?.displayOptions).toEqual({ show: { event: ['invitationReceived'] } });
		const categories = (filters?.options as unknown as IDataObject[])[0];
		expect(categories.default).toEqual(['CONNECTION']);
		expect((categories.options as IDataObject[]).map((option) => option.value)).toEqual([
			'CONNECTION',
			'EVENT',
			'MEMBER_FOLLOW',
			'NEWSLETTER',
			'ORGANIZATION',
		]);
		expect(type.methods?.listSearch?.searchAccounts).toBeDefined();
	});
});

describe('New Received Invitation', () => {
	test('first activation records what exists, emits nothing', async () => {
		const first = await poll(INVITATIONS);
		expect(first.items).toEqual([]);
		// 30 invitations: three full pages, then an empty one ends the list.
		expect(startIndexes(first.requests)).toEqual([0, 10, 20, 30]);
		expect(first.requests.every((request) => request.path === '/invitations/received')).toBe(true);
		expect(first.saved).toEqual({
			[NODE_KEY]: { version: 1, key: 'invitationReceived:default', seen: listedIds() },
		});
	});

	test('nothing new: one request, nothing emitted, state unchanged', async () => {
		const { saved } = await poll(INVITATIONS);
		const next = await poll(INVITATIONS, saved);
		expect(next.items).toEqual([]);
		expect(startIndexes(next.requests)).toEqual([0]);
		expect(next.saved).toEqual(saved);
	});

	test('one new invitation: one request, emitted exactly as Get Many Received emits it', async () => {
		const { saved } = await poll(INVITATIONS);
		const [added] = addInvitations(1, { invitationCategory: 'CONNECTION' });
		const next = await poll(INVITATIONS, saved);
		expect(next.ids).toEqual([added]);
		expect(startIndexes(next.requests)).toEqual([0]);

		const listed = await runNode({
			credentials,
			parameters: { resource: 'invitation', operation: 'getReceived', returnAll: true },
		});
		expect(listed.error).toBeUndefined();
		expect(next.items[0]).toEqual(listed.items[0].json);
		expect(next.items[0]).toEqual(api.state.received[0]);

		const again = await poll(INVITATIONS, next.saved);
		expect(again.items).toEqual([]);
		expect(startIndexes(again.requests)).toEqual([0]);
	});

	test('exactly a page of new invitations: two requests, oldest first', async () => {
		const { saved } = await poll(INVITATIONS);
		const added = addInvitations(10);
		const next = await poll(INVITATIONS, saved);
		expect(next.ids).toEqual(added);
		expect(startIndexes(next.requests)).toEqual([0, 10]);
	});

	test('25 new invitations between polls: three requests, all emitted oldest first', async () => {
		const { saved } = await poll(INVITATIONS);
		const added = addInvitations(25);
		const next = await poll(INVITATIONS, saved);
		expect(next.ids).toEqual(added);
		expect(startIndexes(next.requests)).toEqual([0, 10, 20]);
		const again = await poll(INVITATIONS, next.saved);
		expect(again.items).toEqual([]);
		expect(startIndexes(again.requests)).toEqual([0]);
	});

	test('invitations accepted elsewhere between polls: only the new ones are emitted', async () => {
		const { saved } = await poll(INVITATIONS);
		const [a, b, c] = listedIds();
		for (const id of [a, b, c]) api.removeReceived(id);
		const added = addInvitations(2);
		const next = await poll(INVITATIONS, saved);
		expect(next.ids).toEqual(added);
		expect(startIndexes(next.requests)).toEqual([0]);

		// The whole first page handled elsewhere: still nothing re-emitted, still one request.
		for (const id of listedIds().slice(0, 10)) api.removeReceived(id);
		const after = await poll(INVITATIONS, next.saved);
		expect(after.items).toEqual([]);
		expect(startIndexes(after.requests)).toEqual([0]);
	});

	test('a failure on the second page emits and records nothing; the next poll emits everything', async () => {
		const { saved } = await poll(INVITATIONS);
		const added = addInvitations(15);
		api.fault({
			method: 'GET',
			path: '/invitations/received',
			query: { startIndex: 10 },
			status: 500,
			body: { success: false, error: 'LinkedIn session expired, retrying' },
		});
		const start = api.requests.length;
		const failure = runPoll({
			parameters: INVITATIONS,
			credentials,
			staticData: JSON.parse(JSON.stringify(saved)),
		});
		await expect(failure).rejects.toMatchObject({
			name: 'NodeApiError',
			message:
				'Checking for new invitations failed: ConnectSafely had a server error (500): LinkedIn session expired, retrying',
			httpCode: '500',
		});
		expect(startIndexes(api.requests.slice(start))).toEqual([0, 10]);

		// The failed poll left the saved state alone, so the next one finds all 15.
		const next = await poll(INVITATIONS, saved);
		expect(next.ids).toEqual(added);
		expect(startIndexes(next.requests)).toEqual([0, 10]);
	});

	test('a failed poll does not touch the static data object it was given', async () => {
		const { saved } = await poll(INVITATIONS);
		addInvitations(3);
		api.fault({
			path: '/invitations/received',
			status: 502,
			body: '<html><body>Bad gateway</body></html>',
		});
		const staticData = JSON.parse(JSON.stringify(saved)) as IDataObject;
		await expect(
			runPoll({ parameters: INVITATIONS, credentials, staticData }),
		).rejects.toMatchObject({
			name: 'NodeApiError',
			httpCode: '502',
		});
		expect(staticData).toEqual(saved);
	});

	test('restart: static data serialized to JSON and loaded into a new workflow continues exactly', async () => {
		const first = await poll(INVITATIONS);
		const one = addInvitations(1);
		const beforeRestart = await poll(INVITATIONS, first.saved);
		expect(beforeRestart.ids).toEqual(one);

		// n8n stops; invitations keep arriving; n8n starts again with the persisted static data (activation 'init').
		const persisted = JSON.stringify(beforeRestart.saved);
		const whileDown = addInvitations(4);
		const restarted = await runPoll({
			parameters: INVITATIONS,
			credentials,
			staticData: JSON.parse(persisted) as IDataObject,
			activation: 'init',
		});
		expect((restarted.items ?? []).map((item) => item.json.invitationId)).toEqual(whileDown);
		const after = await poll(
			INVITATIONS,
			JSON.parse(JSON.stringify(restarted.staticData)) as IDataObject,
		);
		expect(after.items).toEqual([]);
	});

	test('default filter emits connection invitations only; other kinds are remembered, never emitted later', async () => {
		const { saved } = await poll(CONNECTION_INVITATIONS);
		const organization = api.addReceived({ invitationCategory: 'ORGANIZATION' }).invitationId;
		const connection = api.addReceived({ invitationCategory: 'CONNECTION' }).invitationId;
		const event = api.addReceived({ invitationCategory: 'EVENT' }).invitationId;
		const next = await poll(CONNECTION_INVITATIONS, saved);
		expect(next.ids).toEqual([connection]);
		expect(seenOf(next.saved).slice(0, 3)).toEqual([event, connection, organization]);

		// Widening the filter later does not re-emit what was already seen.
		const widened = await poll(INVITATIONS, next.saved);
		expect(widened.items).toEqual([]);
		const newsletter = api.addReceived({ invitationCategory: 'NEWSLETTER' }).invitationId;
		const later = await poll(
			{ event: 'invitationReceived', filters: { categories: ['NEWSLETTER', 'EVENT'] } },
			widened.saved,
		);
		expect(later.ids).toEqual([newsletter]);
	});

	test('no matching new invitation returns null (nothing to start) but still records the arrivals', async () => {
		const { saved } = await poll(CONNECTION_INVITATIONS);
		const organization = api.addReceived({ invitationCategory: 'ORGANIZATION' }).invitationId;
		const result = await runPoll({
			parameters: CONNECTION_INVITATIONS,
			credentials,
			staticData: saved,
		});
		expect(result.items).toBeNull();
		expect(result.nodeStaticData.seen).toEqual(listedIds());
		expect((result.nodeStaticData.seen as string[])[0]).toBe(organization);
	});

	test('another LinkedIn account: accountId is sent and the state is kept apart', async () => {
		const parameters = {
			...INVITATIONS,
			accountId: { __rl: true, mode: 'id', value: SECOND_ACCOUNT_ID },
		};
		const first = await poll(parameters);
		expect(first.requests.map((request) => request.query)).toEqual([
			{ startIndex: '0', accountId: SECOND_ACCOUNT_ID },
		]);
		expect((first.saved[NODE_KEY] as IDataObject).key).toBe(
			`invitationReceived:${SECOND_ACCOUNT_ID}`,
		);
		const added = api.addReceived({}, SECOND_ACCOUNT_ID).invitationId;
		const next = await poll(parameters, first.saved);
		expect(next.ids).toEqual([added]);

		// Switching the node to the default account starts over: a first poll that emits nothing.
		const switched = await poll(INVITATIONS, next.saved);
		expect(switched.items).toEqual([]);
		expect((switched.saved[NODE_KEY] as IDataObject).key).toBe('invitationReceived:default');
	});

	test('an invalid account id is refused before any request', async () => {
		const parameters = {
			...INVITATIONS,
			accountId: { __rl: true, mode: 'id', value: 'not-an-id' },
		};
		const start = api.requests.length;
		await expect(runPoll({ parameters, credentials })).rejects.toMatchObject({
			message: '"LinkedIn Account" must be a 24-character hexadecimal account ID, got "not-an-id"',
		});
		expect(api.requests.length).toBe(start);
	});
});

describe('errors', () => {
	test('a 401 at activation tells the user to fix the credential', async () => {
		const activation = runPoll({
			parameters: INVITATIONS,
			credentials: { ...credentials, apiKey: 'wrong-key' },
			activation: 'activate',
		});
		await expect(activation).rejects.toMatchObject({
			name: 'NodeApiError',
			message:
				'Checking for new invitations failed: ConnectSafely did not accept the API key (401): Unauthorized - Invalid credentials',
			description:
				'The API key is missing or invalid. Check the "ConnectSafely Outreach API" credential: copy a current key from Settings → API keys in the ConnectSafely dashboard.',
			httpCode: '401',
		});
	});

	test('a 429 explains the reset time', async () => {
		const { saved } = await poll(CONNECTIONS);
		api.fault({
			path: '/connections',
			status: 429,
			headers: { 'X-RateLimit-Reset': '2026-11-26T13:00:00Z' },
			body: { success: false, error: 'Rate limit exceeded for READ: 30/30 used' },
		});
		await expect(
			runPoll({ parameters: CONNECTIONS, credentials, staticData: saved }),
		).rejects.toMatchObject({
			name: 'NodeApiError',
			message:
				'Checking for new connections failed: the rate limit was reached (429): Rate limit exceeded for READ: 30/30 used',
			httpCode: '429',
			description: expect.stringContaining('The limit resets at 2026-11-26T13:00:00Z.'),
		});
	});

	test('a 200 answer without the list is an error, not an empty poll', async () => {
		const { saved } = await poll(INVITATIONS);
		api.fault({ path: '/invitations/received', status: 200, body: { success: true } });
		await expect(
			runPoll({ parameters: INVITATIONS, credentials, staticData: saved }),
		).rejects.toMatchObject({
			name: 'NodeApiError',
			message:
				'Checking for new invitations failed: ConnectSafely answered without an "invitations" list (200)',
		});
	});

	test('an unreachable server is reported with the base URL to check', async () => {
		await expect(
			runPoll({
				parameters: INVITATIONS,
				credentials: { ...credentials, baseUrl: 'http://127.0.0.1:9/linkedin/' },
			}),
		).rejects.toMatchObject({
			name: 'NodeApiError',
			message:
				'Checking for new invitations failed: ConnectSafely could not be reached (ECONNREFUSED)',
			description:
				'Nothing was sent. Check the Base URL of the "ConnectSafely Outreach API" credential (http://127.0.0.1:9/linkedin) and the network connection of the n8n server, then run the workflow again.',
		});
	});
});

describe('Fetch Test Event (manual mode)', () => {
	test('returns the newest matching invitation and leaves the saved state alone', async () => {
		const { saved } = await poll(CONNECTION_INVITATIONS);
		addInvitations(3);
		api.addReceived({ invitationCategory: 'EVENT' });
		const manual = await poll(CONNECTION_INVITATIONS, saved, 'manual');
		// The newest one is an EVENT invitation; the filter keeps connection invitations.
		expect(manual.items).toEqual([
			api.state.received.find((item) => item.invitationCategory === 'CONNECTION'),
		]);
		expect(startIndexes(manual.requests)).toEqual([0]);
		expect(manual.saved).toEqual(saved);

		// The real poll still emits the arrivals.
		const real = await poll(CONNECTION_INVITATIONS, saved);
		expect(real.ids.length).toBeGreaterThan(0);
	});

	test('does not create a state when there is none', async () => {
		const manual = await poll(INVITATIONS, {}, 'manual');
		expect(manual.ids).toEqual([listedIds()[0]]);
		expect(manual.saved).toEqual({});
	});

	test('nothing yet: a helpful error', async () => {
		api.reset({ received: 0, connections: 0 });
		await expect(
			runPoll({ parameters: CONNECTION_INVITATIONS, credentials, mode: 'manual' }),
		).rejects.toMatchObject({
			message: 'There is no received invitation of the selected kinds yet',
			description: expect.stringContaining('Have someone invite the LinkedIn account'),
		});
		await expect(
			runPoll({ parameters: CONNECTIONS, credentials, mode: 'manual' }),
		).rejects.toMatchObject({
			message: 'The LinkedIn account has no connections yet',
			description: expect.stringContaining('then fetch again'),
		});
	});

	test('reads further pages for an older matching invitation', async () => {
		api.reset({ received: 0, connections: 0 });
		const connection = api.addReceived({ invitationCategory: 'CONNECTION' });
		for (let i = 0; i < 12; i++) api.addReceived({ invitationCategory: 'ORGANIZATION' });
		const manual = await poll(CONNECTION_INVITATIONS, undefined, 'manual');
		expect(manual.items).toEqual([connection]);
		expect(startIndexes(manual.requests)).toEqual([0, 10]);
	});
});

describe('New Connection', () => {
	test('first activation, then 0 / 1 / 10 / 12 / 25 new connections', async () => {
		const first = await poll(CONNECTIONS);
		expect(first.items).toEqual([]);
		// 30 connections, 12 per page: 12 + 12 + 6 (short page ends the list).
		expect(startIndexes(first.requests)).toEqual([0, 12, 24]);
		expect(first.requests[0].query).toEqual({
			sortBy: 'recentlyAdded',
			limit: '12',
			startIndex: '0',
		});
		let saved = first.saved;

		const measured: Record<number, number> = {};
		for (const k of [0, 1, 10, 12, 25]) {
			const added = addConnections(k);
			const next = await poll(CONNECTIONS, saved);
			expect(next.ids).toEqual(added);
			measured[k] = next.requests.length;
			expect(next.requests.length).toBeLessThanOrEqual(Math.ceil((k + 1) / 12));
			saved = next.saved;
		}
		expect(measured).toEqual({ 0: 1, 1: 1, 10: 1, 12: 2, 25: 3 });
	});

	test('emits the API item plus profileId (the vanity name)', async () => {
		const { saved } = await poll(CONNECTIONS);
		const added: Connection = api.addConnection();
		const next = await poll(CONNECTIONS, saved);
		expect(next.items).toEqual([{ ...added, profileId: added.vanityName }]);
	});

	test('accepting an invitation makes a new connection appear', async () => {
		const { saved } = await poll(CONNECTIONS);
		const invitation = api.state.received.find((item) => item.invitationCategory === 'CONNECTION')!;
		const accepted = await runNode({
			credentials,
			parameters: { resource: 'invitation', operation: 'accept' },
			input: [invitation as unknown as IDataObject],
		});
		expect(accepted.error).toBeUndefined();
		const next = await poll(CONNECTIONS, saved);
		expect(next.ids).toEqual([invitation.profile.publicIdentifier]);
		expect(next.items[0].profileId).toBe(invitation.profile.publicIdentifier);
	});
});

describe('requests per poll (page size 10)', () => {
	test.each([
		[0, 1],
		[1, 1],
		[10, 2],
		[25, 3],
	])('%i new invitations cost %i requests', async (k, expected) => {
		const { saved } = await poll(INVITATIONS);
		const added = addInvitations(k);
		const next = await poll(INVITATIONS, saved);
		expect(next.ids).toEqual(added);
		expect(next.requests.length).toBe(expected);
		expect(next.requests.length).toBeLessThanOrEqual(Math.ceil((k + 1) / 10));
	});
});

describe('long run', () => {
	test('1,000 polls with arrivals and removals: every invitation exactly once, in order, bounded state', async () => {
		const emitted: string[] = [];
		const arrived: string[] = [];
		let saved = (await poll(INVITATIONS)).saved;
		const requestCounts: number[] = [];
		const sizes: number[] = [];
		for (let i = 1; i <= 1000; i++) {
			// A deterministic mix: quiet polls, single arrivals, bursts of 12 and 25 now and then.
			const count = i % 97 === 0 ? 25 : i % 31 === 0 ? 12 : i % 3 === 0 ? 1 : i % 7 === 0 ? 2 : 0;
			arrived.push(...addInvitations(count));
			const next = await poll(INVITATIONS, saved);
			emitted.push(...next.ids);
			requestCounts.push(next.requests.length);
			expect(next.requests.length).toBeLessThanOrEqual(Math.ceil((count + 1) / 10));
			saved = next.saved;
			sizes.push(JSON.stringify(saved).length);
			// Like a workflow (or a person) handling invitations: every fifth poll the two newest are accepted.
			if (i % 5 === 0) {
				for (const id of listedIds().slice(0, 2)) api.removeReceived(id);
			}
		}
		expect(arrived.length).toBeGreaterThan(600);
		expect(emitted).toEqual(arrived);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(requestCounts.filter((n) => n === 1).length).toBeGreaterThan(900);

		const seen = seenOf(saved);
		expect(seen.length).toBe(200);
		// 200 ids of 19 digits plus the version and key: 4,488 characters, reached after a few hundred polls and
		// never exceeded afterwards.
		const capped = {
			[NODE_KEY]: {
				version: 1,
				key: 'invitationReceived:default',
				seen: Array(200).fill('7'.repeat(19)),
			},
		};
		expect(JSON.stringify(capped).length).toBe(4488);
		expect(sizes[299]).toBe(4488);
		expect(Math.max(...sizes)).toBe(4488);
		expect(JSON.stringify(saved).length).toBe(4488);
	}, 180_000);
});

describe('end to end', () => {
	test('trigger output → Accept with default parameters → the exact respond request', async () => {
		const { saved } = await poll(CONNECTION_INVITATIONS);
		const invitation = api.addReceived({ invitationCategory: 'CONNECTION' });
		const triggered = await runPoll({
			parameters: CONNECTION_INVITATIONS,
			credentials,
			staticData: saved,
		});
		expect(triggered.items).toHaveLength(1);

		const start = api.requests.length;
		const accepted = await runNode({
			credentials,
			parameters: { resource: 'invitation', operation: 'accept' },
			input: triggered.items!,
		});
		expect(accepted.error).toBeUndefined();
		// The default account's ID is looked up once per node run, then the one write.
		const [lookup, ...respond] = api.requests.slice(start);
		expect([lookup.method, lookup.path]).toEqual(['GET', '/account/status']);
		expect(respond.map((request) => [request.method, request.path, request.status])).toEqual([
			['POST', '/invitations/received/respond', 200],
		]);
		expect(respond[0].body).toEqual({
			action: 'ACCEPT',
			invitationId: invitation.invitationId,
			validationToken: invitation.validationToken,
			linkedInInvitationType: 'GenericInvitationType_CONNECTION',
			firstName: invitation.profile.firstName,
			lastName: invitation.profile.lastName,
			profileId: invitation.memberId,
		});
		expect(accepted.items.map((item) => item.json.message)).toEqual([
			`Invitation from ${invitation.profile.firstName} ${invitation.profile.lastName} accepted`,
		]);
		expect(api.state.received.some((item) => item.invitationId === invitation.invitationId)).toBe(
			false,
		);
	});
});
