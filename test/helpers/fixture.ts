import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startFakeApi, type FakeApi, type FakeApiOptions, type RecordedRequest } from '../fake-api';
import path from 'path';

import { PACKAGE_ROOT, runNode, type RunNodeResult, type TestCredentials } from './engine';

export interface Fixture {
	api: FakeApi;
	credentials: TestCredentials;
	run(
		parameters: INodeParameters,
		input?: Array<IDataObject | INodeExecutionData | object>,
		options?: { continueOnFail?: boolean; credentials?: Partial<TestCredentials> },
	): Promise<RunNodeResult>;
	requests(): RecordedRequest[];
}

export function useFakeApi(options: FakeApiOptions = {}, timeScale = FAST_PACING): Fixture {
	const fixture = {} as Fixture;
	beforeAll(async () => {
		pacing.timeScale = timeScale;
		fixture.api = await startFakeApi(options);
		fixture.credentials = { apiKey: fixture.api.apiKey, baseUrl: fixture.api.url };
	});
	beforeEach(() => fixture.api.reset());
	afterAll(async () => fixture.api.close());
	fixture.run = (parameters, input, runOptions = {}) =>
		runNode({
			parameters,
			input,
			credentials: { ...fixture.credentials, ...runOptions.credentials } as TestCredentials,
			continueOnFail: runOptions.continueOnFail,
		});
	fixture.requests = () =>
		fixture.api.requests.map((r) => ({ ...r }));
	return fixture;
}

export function json(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

export function calls(api: FakeApi): Array<{ method: string; path: string; query: Record<string, string>; body: unknown }> {
	return api.requests.map(({ method, path, query, body }) => ({ method, path, query, body }));
}

// The built node's pacing settings (the same module instance n8n-core loaded): functional tests shrink a minute to
// 30 ms so pacing stays on but costs nothing; the pacing tests set their own scale.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const pacing: { enabled: boolean; timeScale: number; marginRatio: number; minMarginMs: number } = require(
	path.join(PACKAGE_ROOT, 'dist', 'nodes', 'ConnectSafely', 'shared', 'pacing.js'),
).pacingSettings;

export const FAST_PACING = 0.0005;
