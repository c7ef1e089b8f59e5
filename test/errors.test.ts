import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { makeConnection, makeProfile, makeReceived } from '../dev/fake-api';
import { ZOD_TOKEN_REQUIRED } from './helpers/expected';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const send = (profile: unknown, extra = {}): INodeParameters => ({
	resource: 'connection',
	operation: 'sendRequest',
	profile: profile as NodeParameterValueType,
	...extra,
});
const stranger = makeProfile(4);

describe('API errors become clear node errors', () => {
	test('400 with Zod issues names the field', async () => {
		f.api.fault({
			path: '/invitations/received/respond',
			status: 400,
			body: ZOD_TOKEN_REQUIRED,
		});
		const { error } = await f.run({ resource: 'invitation', operation: 'accept' }, [
			makeReceived(0),
		]);
		expect(error?.message).toBe(
			'Accept invitation failed: ConnectSafely rejected the request (400): validationToken – Required',
		);
		expect(error?.description).toContain('validationToken');
		expect(error?.httpCode).toBe('400');
	});

	test('401 points at the credential', async () => {
		const { error } = await f.run(send(stranger.slug), [{}], {
			credentials: { apiKey: 'wrong-key' },
		});
		expect(error?.message).toMatch(/^Send connection request \(status check\) failed: .*\(401\)/);
		expect(error?.description).toMatch(/ConnectSafely Outreach API" credential/);
		expect(error?.httpCode).toBe('401');
	});

	test('403 points at the subscription', async () => {
		f.api.fault({
			path: `/relationship/${stranger.slug}`,
			status: 403,
			body: { success: false, error: 'Trial expired' },
		});
		const { error } = await f.run(send(stranger.slug));
		expect(error?.message).toMatch(/\(403\)/);
		expect(error?.description).toMatch(/subscription/i);
	});

	test('404 names the profile that was not found', async () => {
		const { error } = await f.run({
			resource: 'connection',
			operation: 'getStatus',
			profile: 'nobody-here-123',
		});
		expect(error?.message).toBe(
			'Get connection status failed: ConnectSafely could not find what the request refers to (404): LinkedIn profile not found: nobody-here-123',
		);
		expect(error?.httpCode).toBe('404');
	});

	test('429 from the weekly quota gives the reset and hold times and warns against retrying', async () => {
		// The quota read-out would stop it before the POST: here it is unavailable, so the 429 decides.
		f.api.fault({
			path: /\/quota$/,
			status: 500,
			body: { success: false, code: 'internal_error', message: 'Down' },
		});
		f.api.setConnectUsed(90);
		const { error } = await f.run(send(stranger.slug));
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toMatch(/Rate limit exceeded for CONNECT: 90\/90 used/);
		const hold = f.api.state.holdUntil[f.api.state.defaultAccountId]!;
		expect(error?.description).toContain(hold);
		expect(error?.description).toMatch(/extends/);
	});

	test('5xx says it is transient', async () => {
		f.api.fault({ status: 500, body: { success: false, error: 'Internal server error' } });
		const { error } = await f.run({
			resource: 'connection',
			operation: 'getStatus',
			profile: stranger.slug,
		});
		expect(error?.message).toMatch(/^Get connection status failed: .*\(500\)/);
		expect(error?.description).toMatch(/retry/i);
	});

	test('the API key never appears in an error', async () => {
		const { error } = await f.run(send(stranger.slug), [{}], {
			credentials: { apiKey: 'sk-live-SECRET-123' },
		});
		expect(JSON.stringify(error)).not.toContain('sk-live-SECRET-123');
	});
});

describe('Continue On Fail', () => {
	test('every input item yields exactly one output item, in order, paired to its input', async () => {
		const friend = makeConnection(1);
		const input = [
			{ p: makeProfile(10).slug },
			{ p: 'https://www.linkedin.com/company/acme' },
			{ p: friend.vanityName },
			{ p: 'nobody-here-456' },
			{ p: makeProfile(11).profileUrl },
		];
		const { items, error } = await f.run(send('={{ $json.p }}'), input, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
		expect(
			items.map((item) =>
				item.json.error
					? `error: ${String(item.json.error).replace(/:.*\((\d+)\).*/, ' ($1)')}`
					: `${item.json.status}: ${item.json.profileId}`,
			),
		).toEqual([
			`sent: ${makeProfile(10).slug}`,
			'error: Invalid "Profile": "https://www.linkedin.com/company/acme" is a LinkedIn company page, not a person\'s profile.',
			`skipped: ${friend.vanityName}`,
			'error: Send connection request (status check) failed (404)',
			`sent: ${makeProfile(11).slug}`,
		]);
		expect(
			f.api.requests.filter((r) => r.path === '/connect').map((r) => r.body.profileId),
		).toEqual([makeProfile(10).slug, makeProfile(11).slug]);
	});

	test('without Continue On Fail the first failing item stops the node', async () => {
		const { error, items } = await f.run(send('={{ $json.p }}'), [{ p: stranger.slug }, { p: '' }]);
		expect(error?.message).toBe('Invalid "Profile": The profile is empty.');
		expect(items).toEqual([]);
	});
});
