// A call's answer as a stream: read whole up to a size cap, and ended at the deadline or at Stop.
import type { CancelSignal } from './clock';

/** Largest answer read; ConnectSafely's biggest page is a few kilobytes. */
export const MAX_ANSWER_BYTES = 5 * 1024 * 1024;

export interface Readable extends AsyncIterable<Uint8Array> {
	destroy(error?: Error): void;
}

// Node's WHATWG globals, typed here because the package compiles without DOM or Node types.
declare class TextDecoder {
	decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

export function isStream(value: unknown): value is Readable {
	return (
		typeof value === 'object' &&
		value !== null &&
		Symbol.asyncIterator in value &&
		typeof (value as Readable).destroy === 'function'
	);
}

/** The whole body as text, or undefined (and the connection closed) once it grows past MAX_ANSWER_BYTES. */
export async function readBody(stream: Readable): Promise<string | undefined> {
	const decoder = new TextDecoder();
	let bytes = 0;
	let text = '';
	for await (const chunk of stream) {
		bytes += chunk.byteLength;
		if (bytes > MAX_ANSWER_BYTES) {
			stream.destroy();
			return undefined;
		}
		text += decoder.decode(chunk, { stream: true });
	}
	return text + decoder.decode();
}

export /** Ends the call (and the stream of its answer) at the deadline or at Stop, whichever comes first. */
class Watch {
	expired = false;
	stopped = false;
	private stream?: Readable;
	private readonly ended: Array<() => void> = [];
	private readonly listeners: Array<[CancelSignal, () => void]> = [];

	constructor(
		private readonly deadline: CancelSignal,
		private readonly signal?: CancelSignal,
	) {
		this.on(deadline, () => (this.expired = true));
		if (signal) this.on(signal, () => (this.stopped = true));
	}

	private on(target: CancelSignal, mark: () => void): void {
		const end = () => {
			mark();
			this.stream?.destroy();
			for (const reject of this.ended) reject();
		};
		target.addEventListener('abort', end, { once: true });
		this.listeners.push([target, end]);
	}

	get over(): boolean {
		return this.expired || this.stopped || this.deadline.aborted || !!this.signal?.aborted;
	}

	hold(stream: Readable): void {
		this.stream = stream;
		if (this.over) stream.destroy();
	}

	async race<T>(pending: Promise<T>): Promise<T> {
		return await new Promise<T>((resolve, reject) => {
			this.ended.push(() => reject(new Error('ended')));
			if (this.over) reject(new Error('ended'));
			pending.then(resolve, reject);
		});
	}

	close(): void {
		for (const [target, end] of this.listeners) target.removeEventListener('abort', end);
	}
}
