export interface RateWindow {
	limit: number;
	windowMs: number;
}

export type RequestKind = 'read' | 'write' | 'account';

const MINUTE = 60_000;

export const RATE_LIMITS: { key: RateWindow[] } & Record<RequestKind, RateWindow[]> = {
	key: [
		{ limit: 60, windowMs: MINUTE },
		{ limit: 100, windowMs: 10_000 },
	],
	read: [{ limit: 30, windowMs: MINUTE }],
	write: [{ limit: 15, windowMs: MINUTE }],
	account: [{ limit: 10, windowMs: MINUTE }],
};

// Process-wide on purpose: ConnectSafely counts per key and account, whatever execution sends the request.
// Tests shrink time through timeScale; the benchmark measures the engine with pacing off.
export const pacingSettings = {
	enabled: true,
	timeScale: 1,
	marginRatio: 0.02,
	minMarginMs: 15,
	maxRetries: 3,
	maxRetryAfterMs: 60_000,
};

export interface Bucket {
	id: string;
	windows: RateWindow[];
}

export class SlidingWindowScheduler {
	private readonly starts = new Map<string, number[]>();

	/** Reserves the earliest start at or after `now` that keeps every window of every bucket within its limit. */
	reserve(buckets: Bucket[], now: number, scale = 1): number {
		let start = now;
		for (const bucket of buckets) {
			const starts = this.starts.get(bucket.id) ?? [];
			if (starts.length > 0) start = Math.max(start, starts[starts.length - 1]);
			for (const window of bucket.windows) {
				if (starts.length < window.limit) continue;
				const windowMs = window.windowMs * scale;
				const margin = Math.max(windowMs * pacingSettings.marginRatio, pacingSettings.minMarginMs);
				start = Math.max(start, starts[starts.length - window.limit] + windowMs + margin);
			}
		}
		for (const bucket of buckets) {
			const starts = this.starts.get(bucket.id) ?? [];
			starts.push(start);
			const longest = Math.max(...bucket.windows.map((w) => w.limit));
			if (starts.length > longest) starts.splice(0, starts.length - longest);
			this.starts.set(bucket.id, starts);
		}
		return start;
	}
}

export function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

export function bucketsFor(kind: RequestKind, keyId: string, accountId: string): Bucket[] {
	return [
		{ id: `key:${keyId}`, windows: RATE_LIMITS.key },
		{ id: `${kind}:${keyId}:${accountId}`, windows: RATE_LIMITS[kind] },
	];
}

export function randomDelayMs(range: { minSeconds?: number; maxSeconds?: number } | undefined, random: number): number {
	if (!range) return 0;
	const min = Math.max(0, Number(range.minSeconds ?? 0));
	const max = Math.max(min, Number(range.maxSeconds ?? min));
	return Math.round((min + (max - min) * random) * 1000);
}
