import { sleep } from 'n8n-workflow';

/**
 * The pacing's notion of time: when it is, how to wait, and how long ConnectSafely's windows and the node's own
 * delays last relative to real time.
 */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
	/**
	 * Stretches (> 1) or shrinks (< 1) the rate-limit windows and Delay Between Requests. 0 is an infinitely fast
	 * clock: every window is zero long, so pacing neither waits nor counts.
	 */
	readonly scale: number;
}

/** Real time, real limits: the only clock the node ever runs on in n8n. */
export const REAL_CLOCK: Clock = Object.freeze({
	now: () => Date.now(),
	sleep: async (ms: number) => await sleep(ms),
	scale: 1,
});

let current: Clock = REAL_CLOCK;

/** The clock pacing reads, at each use. */
export function clock(): Clock {
	return current;
}

/**
 * FOR THE PACKAGE'S OWN TESTS ONLY (test/helpers/fixture.ts is the one caller): runs pacing on another clock, e.g. a
 * ConnectSafely minute of 30 ms, or scale 0 to measure the engine without pacing. `undefined` restores the real
 * clock. Not exported from `shared/index.ts`, no node parameter or credential field reaches it: in n8n the node
 * always runs on REAL_CLOCK.
 */
export function useClock(next: Clock | undefined): void {
	current = next ?? REAL_CLOCK;
}
