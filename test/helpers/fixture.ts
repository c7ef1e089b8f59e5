import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startFakeApi, type FakeApi, type FakeApiOptions, type RecordedRequest } from '../fake-api';
import { runNode, type RunNodeResult, type TestCredentials } from './engine';

export interface Fixture {
	api: FakeApi;
	credentials: TestCredentials;
	run(
		parameters: INodeParameters,
		input?: Array<IDataObject | INodeExecutionData>,
		options?: { continueOnFail?: boolean; credentials?: Partial<TestCredentials> },
	): Promise<RunNodeResult>;
	requests(): RecordedRequest[];
}

export function useFakeApi(options: FakeApiOptions = {}): Fixture {
	const fixture = {} as Fixture;
	beforeAll(async () => {
		fixture.api = await startFakeApi(options);
		fixture.credentials = { apiKey: fixture.api.apiKey, baseUrl: fixture.api.url };
	});
	beforeEach(() => fixture.api.reset());
	afterAll(async () => fixture.api.close());
	fixture.run = (parameters, input, runOptions = {}) =>
		runNode({
			parameters,
			input,
			credentials: { ...fixture.credentials, ...runOptions.credentials },
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
