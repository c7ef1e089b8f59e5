import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	startFakeApi,
	type FakeApi,
	type FakeApiOptions,
	type RecordedRequest,
} from '../../dev/fake-api';
import path from 'path';

import type { PackageDirectoryLoader } from 'n8n-core';

import {
	freshPackage,
	onFreshPackage,
	PACKAGE_ROOT,
	runNode,
	type RunNodeOptions,
	type RunNodeResult,
	type TestCredentials,
} from './engine';

export interface Fixture {
	api: FakeApi;
	credentials: TestCredentials;
	run(
		parameters: INodeParameters,
		input?: Array<IDataObject | INodeExecutionData | object>,
		options?: { continueOnFail?: boolean; credentials?: Partial<TestCredentials> } & Pick<
			RunNodeOptions,
			'staticData' | 'mode' | 'loader'
		>,
	): Promise<RunNodeResult>;
	/** This test's n8n "process": a fresh copy of the package, so what one test's runs remember does not reach the next. */
	process(): Promise<PackageDirectoryLoader>;
	requests(): RecordedRequest[];
	/** GET /account/status requests the node made to find the default account's ID (taken out of api.requests), per process. */
	accountLookups: Map<PackageDirectoryLoader, number>;
}

export function useFakeApi(options: FakeApiOptions = {}, timeScale = FAST_PACING): Fixture {
	const fixture = {} as Fixture;
	beforeAll(async () => {
		useTimeScale(timeScale);
		fixture.api = await startFakeApi(options);
		fixture.credentials = { apiKey: fixture.api.apiKey, baseUrl: fixture.api.url };
	});
	beforeEach(() => fixture.api.reset());
	afterAll(async () => fixture.api.close());
	fixture.accountLookups = new Map();
	let loader: Promise<PackageDirectoryLoader> | undefined;
	beforeEach(() => {
		loader = undefined;
		fixture.accountLookups = new Map();
	});
	// A write with the default account asks its ID once per key and process. The lookup is counted and taken out of
	// the recorded requests, so each test sees the requests its own items make.
	afterEach(() => expect([...fixture.accountLookups.values()].every((n) => n <= 1)).toBe(true));
	fixture.process = () => {
		loader ??= freshPackage();
		return loader;
	};
	fixture.run = async (parameters, input, runOptions = {}) => {
		const from = fixture.api.requests.length;
		const process = runOptions.loader ?? (await fixture.process());
		const result = await runNode({
			parameters,
			input,
			credentials: { ...fixture.credentials, ...runOptions.credentials } as TestCredentials,
			continueOnFail: runOptions.continueOnFail,
			staticData: runOptions.staticData,
			mode: runOptions.mode,
			loader: process,
		});
		for (let i = fixture.api.requests.length - 1; i >= from; i--) {
			const r = fixture.api.requests[i];
			if (r.method === 'GET' && r.path === '/account/status' && r.query.accountId === undefined) {
				fixture.api.requests.splice(i, 1);
				fixture.accountLookups.set(process, (fixture.accountLookups.get(process) ?? 0) + 1);
			}
		}
		return result;
	};
	fixture.requests = () => fixture.api.requests.map((r) => ({ ...r }));
	return fixture;
}

export function json(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

export function calls(
	api: FakeApi,
): Array<{ method: string; path: string; query: Record<string, string>; body: unknown }> {
	return api.requests.map(({ method, path, query, body }) => ({ method, path, query, body }));
}

// The tests' clock, set in this one place for the built package (the same module instance n8n-core loaded) and every
// copy freshPackage() loads: shared/clock.ts's useClock exists for this harness only. Functional tests shrink a
// ConnectSafely minute to 30 ms (FAST_PACING) so pacing stays on but costs nothing; the pacing tests set their own
// scale; the benchmark's "pacing off" is scale 0, an infinitely fast clock.
type ClockModule = typeof import('../../nodes/ConnectSafely/shared/clock');
const clockModules: ClockModule[] = [];
let timeScale = 1;

function applyClock(module: ClockModule): void {
	module.useClock(timeScale === 1 ? undefined : { ...module.REAL_CLOCK, scale: timeScale });
}

function installClock(root: string): void {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module: ClockModule = require(
		path.join(root, 'dist', 'nodes', 'ConnectSafely', 'shared', 'clock.js'),
	);
	clockModules.push(module);
	applyClock(module);
}

/** Runs pacing with ConnectSafely's windows and the node's delays times `scale` (1: real time; 0: no pacing waits). */
export function useTimeScale(scale: number): void {
	timeScale = scale;
	for (const module of clockModules) applyClock(module);
}

installClock(PACKAGE_ROOT);
onFreshPackage((loader) => installClock(loader.directory));

export const FAST_PACING = 0.0005;
