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
			'staticData' | 'mode' | 'loader' | 'onStart' | 'wiring'
		>,
	): Promise<RunNodeResult>;
	/** This test's n8n "process": a fresh copy of the package, so what one test's runs remember does not reach the next. */
	process(): Promise<PackageDirectoryLoader>;
	requests(): RecordedRequest[];
	/** GET /account/status requests the node made to find the default account's ID (taken out of api.requests), per process (at most one per run). */
	accountLookups: Map<PackageDirectoryLoader, number>;
	/**
	 * GET /account/{id}/quota read-outs of this test's write runs (taken out of api.requests), in order. A run that
	 * overlapped no other must have read each account at most once.
	 */
	quotaReads: RecordedRequest[];
}

const QUOTA_READ = /^\/account\/[^/]+\/quota$/;

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
	fixture.quotaReads = [];
	let running = 0;
	let loader: Promise<PackageDirectoryLoader> | undefined;
	beforeEach(() => {
		loader = undefined;
		fixture.accountLookups = new Map();
		fixture.quotaReads = [];
	});
	// A write with the default account asks its ID once per node run. The lookup is counted and taken out of the
	// recorded requests, so each test sees the requests its own items make.
	fixture.process = () => {
		loader ??= freshPackage();
		return loader;
	};
	fixture.run = async (parameters, input, runOptions = {}) => {
		const from = fixture.api.requests.length;
		const alone = ++running === 1;
		const process = runOptions.loader ?? (await fixture.process());
		const result = await runNode({
			parameters,
			input,
			credentials: { ...fixture.credentials, ...runOptions.credentials } as TestCredentials,
			continueOnFail: runOptions.continueOnFail,
			staticData: runOptions.staticData,
			mode: runOptions.mode,
			loader: process,
			onStart: runOptions.onStart,
			wiring: runOptions.wiring,
		}).finally(() => running--);
		const reads: RecordedRequest[] = [];
		let lookups = 0;
		for (let i = fixture.api.requests.length - 1; i >= from; i--) {
			const r = fixture.api.requests[i];
			if (r.method === 'GET' && r.path === '/account/status' && r.query.accountId === undefined) {
				fixture.api.requests.splice(i, 1);
				lookups++;
			}
			if (r.method === 'GET' && QUOTA_READ.test(r.path) && parameters.resource !== 'account')
				reads.unshift(...fixture.api.requests.splice(i, 1));
		}
		fixture.quotaReads.push(...reads);
		const paths = reads.map((r) => r.path);
		if (alone && running === 0 && new Set(paths).size !== paths.length)
			throw new Error(`One write run read an account's quotas more than once: ${paths.join(', ')}`);
		expect(lookups).toBeLessThanOrEqual(1);
		fixture.accountLookups.set(process, (fixture.accountLookups.get(process) ?? 0) + lookups);
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

// The tests' ConnectSafely minute, set in this one place for the built package (the same module instance n8n-core
// loaded) and every copy freshPackage() loads: the windows of the package's own rate-limit table are shortened, so
// pacing runs unchanged on n8n's clock, only against shorter windows. Functional tests make a minute 30 ms
// (FAST_PACING); the pacing tests set their own; the benchmark's "pacing off" (0) lifts the limits.
type PacingModule = typeof import('../../nodes/ConnectSafely/shared/request/pacing');
const pacingModules: Array<{ module: PacingModule; original: string }> = [];
let timeScale = 1;

function applyScale({ module, original }: { module: PacingModule; original: string }): void {
	const table = JSON.parse(original) as PacingModule['RATE_LIMITS'];
	for (const [kind, windows] of Object.entries(table) as Array<
		[keyof typeof table, typeof table.key]
	>) {
		module.RATE_LIMITS[kind].forEach((window, i) => {
			window.windowMs = windows[i].windowMs * timeScale;
			window.limit = timeScale === 0 ? Infinity : windows[i].limit;
		});
	}
}

function installPacing(root: string): void {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module: PacingModule = require(
		path.join(root, 'dist', 'nodes', 'ConnectSafely', 'shared', 'request', 'pacing.js'),
	);
	const entry = { module, original: JSON.stringify(module.RATE_LIMITS) };
	pacingModules.push(entry);
	applyScale(entry);
	applyClock(entry);
}

let clockOffset = 0;

function applyClock({ module }: { module: PacingModule }): void {
	module.clock.now = () => Date.now() + clockOffset;
}

/**
 * Moves the package's clock (and so holds, quotas, the people store and pacing) `offsetMs` from real time; it keeps
 * running at real speed. For scenarios across days: give the fake API `now: shiftedNow`.
 */
export function shiftClock(offsetMs: number): void {
	clockOffset = offsetMs;
	for (const entry of pacingModules) applyClock(entry);
}

/** Now on the shifted clock (see shiftClock). */
export const shiftedNow = (): Date => new Date(Date.now() + clockOffset);

/** ConnectSafely's per-minute windows times `scale` (1: real; 0: no limits, so pacing never waits). */
export function useTimeScale(scale: number): void {
	timeScale = scale;
	for (const entry of pacingModules) applyScale(entry);
}

installPacing(PACKAGE_ROOT);
onFreshPackage((loader) => installPacing(loader.directory));

export const FAST_PACING = 0.0005;
