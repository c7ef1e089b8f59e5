import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { send } from '../ConnectSafely/shared/request/api';
import { THE_CREDENTIAL } from '../ConnectSafely/shared/values/credential';
import { accountIdProblem } from '../ConnectSafely/shared/values/account';
import { isObject } from '../ConnectSafely/shared/values/text';
import type { EventSource } from './events';

export interface PageReader {
	(startIndex: number): Promise<IDataObject[]>;
}

/** The LinkedIn account chosen on the node ('' for the workspace default account). */
export function accountIdOf(ctx: IPollFunctions): string {
	const raw = ctx.getNodeParameter('accountId', '', { extractValue: true });
	const accountId =
		typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : raw;
	const problem = accountIdProblem(accountId);
	if (problem)
		throw new NodeOperationError(ctx.getNode(), problem.message, {
			description: problem.description,
		});
	return accountId as string;
}

/** Returns a function reading one page of the event's list through the package's one request path (paced). */
export function pageReader(
	ctx: IPollFunctions,
	source: EventSource,
	accountId: string,
): PageReader {
	return async (startIndex: number) => {
		const qs = { ...source.query, startIndex, ...(accountId !== '' ? { accountId } : {}) };
		const { answer } = await send(
			ctx,
			{ method: 'GET', url: source.path, qs },
			{
				label: source.action,
				write: false,
				shape: { list: source.listField },
				kind: 'read',
				account: accountId,
			},
		);
		const list = (answer.body as IDataObject)[source.listField] as unknown[];
		if (list.length > source.pageSize) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${source.action} failed: ConnectSafely sent ${list.length} entries in one page, more than the ${source.pageSize} it promises`,
				{
					description: `The answer is not what ConnectSafely promises, so something else probably answered. Check the Base URL of ${THE_CREDENTIAL}. The next poll tries again.`,
				},
			);
		}
		return list.filter(isObject);
	};
}
