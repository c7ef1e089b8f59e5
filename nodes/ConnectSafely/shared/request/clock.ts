import { NodeOperationError, sleep, type INode } from 'n8n-workflow';

/** The execution's cancel signal, as n8n-core hands it to the node (typed here: the package has no DOM types). */
export interface CancelSignal {
	readonly aborted: boolean;
	addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
	removeEventListener(type: 'abort', listener: () => void): void;
}

/** The time pacing and every wait read: n8n's clock. */
export const clock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
};

/** Thrown where the work of a stopped execution ends (the editor's Stop, the API, a workflow timeout). */
export class Cancelled extends NodeOperationError {
	constructor(node: INode, itemIndex?: number) {
		super(node, 'Not sent: the execution was stopped', {
			description: 'The workflow was stopped before this request went out.',
			itemIndex,
		});
	}
}

/** Waits `ms`, or ends at once with `Cancelled` when the execution is stopped. */
export async function pause(
	ms: number,
	signal: CancelSignal | undefined,
	node: INode,
	itemIndex?: number,
): Promise<void> {
	if (signal?.aborted) throw new Cancelled(node, itemIndex);
	if (ms <= 0) return;
	await new Promise<void>((resolve, reject) => {
		const stop = () => reject(new Cancelled(node, itemIndex));
		signal?.addEventListener('abort', stop, { once: true });
		void clock.sleep(ms).then(() => {
			signal?.removeEventListener('abort', stop);
			resolve();
		});
	});
}
