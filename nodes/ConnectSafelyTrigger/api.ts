import type { IDataObject, IN8nHttpFullResponse, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { baseUrlOf, describeApiError, isApiFailure, redactSecrets } from '../ConnectSafely/shared';
import type { EventSource } from './events';

export interface PageReader {
	(startIndex: number): Promise<IDataObject[]>;
}

/** The LinkedIn account chosen on the node ('' for the workspace default account). */
export function accountIdOf(ctx: IPollFunctions): string {
	const accountId = String(ctx.getNodeParameter('accountId', '', { extractValue: true }) ?? '').trim();
	if (accountId !== '' && !/^[0-9a-fA-F]{24}$/.test(accountId)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"LinkedIn Account" must be a 24-character hexadecimal account ID, got "${accountId.slice(0, 40)}"`,
			{ description: 'Pick the account from the list, or leave the field empty to use the workspace default account.' },
		);
	}
	return accountId;
}

/** Returns a function reading one page of the event's list; failures become NodeApiErrors. */
export async function pageReader(ctx: IPollFunctions, source: EventSource, accountId: string): Promise<PageReader> {
	const credentials = await ctx.getCredentials('connectSafelyApi');
	const baseUrl = baseUrlOf(credentials);
	// An API or proxy may echo the key back: never let it into an error, the execution data or the logs.
	const redact = <T>(value: T): T => redactSecrets(value, [credentials.apiKey]);
	return async (startIndex: number) => {
		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'connectSafelyApi', {
				method: 'GET',
				url: `${baseUrl}${source.path}`,
				qs: { ...source.query, startIndex, ...(accountId !== '' ? { accountId } : {}) },
				headers: { Accept: 'application/json' },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			// n8n already wrapped it (re-wrapping would hand back its generic message): keep the reason, add what to do.
			const reason = error instanceof Error && error.message !== '' ? error.message : String(error);
			throw new NodeApiError(ctx.getNode(), { message: reason } as JsonObject, {
				message: `${source.action} failed: ConnectSafely could not be reached`,
				description: `${reason.replace(/\.?$/, '.')} Check the Base URL of the "ConnectSafely API" credential (${baseUrl || 'empty'}) and the network connection of the n8n server. The next poll tries again.`,
			});
		}
		const headers = (response.headers ?? {}) as IDataObject;
		if (isApiFailure({ statusCode: response.statusCode, body: response.body, headers })) {
			const answer = { statusCode: response.statusCode, body: redact(response.body), headers };
			const described = describeApiError(source.action, answer);
			const body =
				answer.body !== null && typeof answer.body === 'object'
					? (answer.body as JsonObject)
					: { body: String(answer.body ?? '') };
			throw new NodeApiError(ctx.getNode(), body, {
				message: described.message,
				description: described.description,
				httpCode: described.httpCode,
			});
		}
		const list = (response.body as IDataObject | undefined)?.[source.listField];
		if (!Array.isArray(list)) {
			throw new NodeApiError(ctx.getNode(), redact(response.body ?? {}) as JsonObject, {
				message: `${source.action} failed: ConnectSafely answered without a "${source.listField}" list`,
				description:
					'The response did not have the expected shape. This is usually a temporary problem on the API side; the next poll tries again.',
				httpCode: String(response.statusCode),
			});
		}
		return list.filter((item): item is IDataObject => typeof item === 'object' && item !== null && !Array.isArray(item));
	};
}
