// The contract documents three error bodies ("Basics"): `{ success: false, error }`, the newer
// `{ success: false, code, message }`, and on a 400 a Zod object under `error`. The fake answers its own errors in the
// first two shapes (setErrorShape) and validation errors with the Zod object; the node says the same in each.
import type { INodeParameters } from 'n8n-workflow';

import { makeProfile, makeReceived, type ErrorShape } from '../dev/fake-api';
import { expectNothingToWithdraw, ZOD_TOKEN_REQUIRED } from './helpers/expected';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();
const stranger = makeProfile(4);

const SHAPES: ErrorShape[] = ['error', 'code'];

const getStatus = (profile: string): INodeParameters => ({
	resource: 'connection',
	operation: 'getStatus',
	profile,
});

describe.each(SHAPES)('the fake answers its errors in the %p shape', (shape) => {
	beforeEach(() => f.api.setErrorShape(shape));

	test('the body is that shape', async () => {
		const answer = await fetch(`${f.api.url}/relationship/nobody-here-123`, {
			headers: { Authorization: `Bearer ${f.api.apiKey}` },
		});
		expect(answer.status).toBe(404);
		expect(await answer.json()).toEqual(
			shape === 'error'
				? { success: false, error: 'LinkedIn profile not found: nobody-here-123' }
				: {
						success: false,
						code: 'not_found',
						message: 'LinkedIn profile not found: nobody-here-123',
					},
		);
	});

	test('404: the profile not found, quoted', async () => {
		const { error } = await f.run(getStatus('nobody-here-123'));
		expect(error?.message).toBe(
			'Get connection status failed: ConnectSafely could not find what the request refers to (404): LinkedIn profile not found: nobody-here-123',
		);
		expect(error?.httpCode).toBe('404');
	});

	test('401: the credential, quoted', async () => {
		const { error } = await f.run(getStatus(stranger.slug), [{}], {
			credentials: { apiKey: 'wrong-key' },
		});
		expect(error?.message).toBe(
			'Get connection status failed: ConnectSafely did not accept the API key (401): Unauthorized - Invalid credentials',
		);
		expect(error?.description).toMatch(/ConnectSafely Outreach API" credential/);
	});

	test('400: nothing needed doing (Withdraw without a pending invitation)', async () => {
		await expectNothingToWithdraw(f, stranger.slug);
	});
});

describe('a 400 validation error in each of the three shapes', () => {
	test.each([
		['Zod object', ZOD_TOKEN_REQUIRED, 'validationToken – Required'],
		[
			'error text',
			{ success: false, error: 'validationToken is required' },
			'validationToken is required',
		],
		[
			'code and message',
			{ success: false, code: 'validation_error', message: 'validationToken is required' },
			'validationToken is required',
		],
	])('%s: the node quotes it', async (_shape, body, quoted) => {
		f.api.fault({ path: '/invitations/received/respond', status: 400, body });
		const { error } = await f.run({ resource: 'invitation', operation: 'accept' }, [
			makeReceived(0),
		]);
		expect(error?.message).toBe(
			`Accept invitation failed: ConnectSafely rejected the request (400): ${quoted}`,
		);
		expect(error?.httpCode).toBe('400');
	});
});
