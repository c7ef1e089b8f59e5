// Stop means stop: when the execution is cancelled (the editor's Stop, the API, a workflow timeout) every wait of the
// node ends at once — pacing, Delay Between Requests, a throttling 429's Retry-After — the request in flight is
// aborted, and nothing else leaves. The engine runs the node as n8n does (with the execution's cancel signal).
// No clock decides: every wait stopped here is longer than jest's test timeout (30 s), so the run returning at all
// shows the wait ended; the test then checks what was sent.
import type { INodeParameters } from 'n8n-workflow';

import { makeProfile, type RecordedRequest } from '../dev/fake-api';
import { useFakeApi, useTimeScale, FAST_PACING } from './helpers/fixture';

const f = useFakeApi({ seed: { received: 400 } });

afterEach(() => useTimeScale(FAST_PACING));

const sends = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'connection',
	operation: 'sendRequest',
	profile: '={{ $json.p }}',
	...extra,
	options: { skipIfConnectedOrPending: false, ...((extra.options as object) ?? {}) },
});
const people = (n: number) => Array.from({ length: n }, (_, i) => ({ p: makeProfile(i).slug }));
const posts = () => f.api.requests.filter((r) => r.method === 'POST' && r.path === '/connect');

/** Polls until `predicate` holds (jest's test timeout ends a wait that never does). */
async function waitFor(predicate: () => boolean) {
	while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Runs the node, stops the execution once `when` holds; the requests seen at the Stop, and the run's logs. */
async function runAndStop(
	parameters: INodeParameters,
	input: object[],
	when: () => boolean,
): Promise<{ requestsAtStop: RecordedRequest[]; logs: string[] }> {
	let requestsAtStop: RecordedRequest[] = [];
	const { logs } = await f.run(parameters, input, {
		onStart: (stop) => {
			void waitFor(when).then(() => {
				requestsAtStop = [...f.api.requests];
				stop();
			});
		},
	});
	return { requestsAtStop, logs };
}

describe('Stop during a paced run of 20 connection requests', () => {
	test('Delay Between Requests: the wait ends at once, nothing is sent afterwards', async () => {
		const delay = { delayBetweenRequests: { values: { minSeconds: 3600, maxSeconds: 3600 } } };
		const { requestsAtStop, logs } = await runAndStop(
			sends({ options: delay }),
			people(20),
			() => posts().filter((r) => r.status === 200).length === 1,
		);
		expect(posts()).toHaveLength(1);
		const own = (requests: RecordedRequest[]) =>
			requests.filter((r) => r.path !== '/account/status' && !r.path.endsWith('/quota'));
		expect(own(f.api.requests)).toEqual(own(requestsAtStop));
		expect(logs.filter((line) => /ConnectSafely: the execution was stopped/.test(line))).toEqual([
			expect.stringMatching(
				/^info ConnectSafely: the execution was stopped; 19 item\(s\) of "ConnectSafely" were not sent/,
			),
		]);
	});

	test('ConnectSafely’s 15 writes a minute (real windows): the pacing wait ends at once', async () => {
		useTimeScale(1);
		await runAndStop(
			sends(),
			people(20),
			() => posts().filter((r) => r.status === 200).length === 15,
		);
		expect(posts()).toHaveLength(15);
	});

	test('the request in flight is aborted, and no further request leaves', async () => {
		f.api.fault({
			method: 'POST',
			path: '/connect',
			times: 1,
			delayMs: 600_000,
			status: 200,
			body: { success: true },
		});
		await runAndStop(sends(), people(20), () => posts().length === 1);
		await waitFor(() => posts()[0].closedAt !== undefined);
		const [inFlight] = posts();
		expect(inFlight.completed).toBe(false);
		expect(posts()).toHaveLength(1);
	});

	test('a throttling 429 with Retry-After: 60: the wait ends at once, no retry is sent', async () => {
		f.api.fault({
			method: 'POST',
			path: '/connect',
			times: 1,
			status: 429,
			headers: { 'Retry-After': '60' },
			body: { success: false, error: 'Too many requests' },
		});
		await runAndStop(sends(), people(20), () => posts().length === 1 && posts()[0].status === 429);
		expect(posts()).toHaveLength(1);
	});
});

test('Stop while a list pages under the 30 reads a minute (real windows): the wait ends at once', async () => {
	useTimeScale(1);
	const pages = () => f.api.requests.filter((r) => r.path === '/invitations/received');
	await runAndStop(
		{ resource: 'invitation', operation: 'getReceived', returnAll: true },
		[{}],
		() => pages().filter((r) => r.status === 200).length === 30,
	);
	expect(pages()).toHaveLength(30);
});
