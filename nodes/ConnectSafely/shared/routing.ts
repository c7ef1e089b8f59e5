import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	classifyRateLimit,
	describeApiError,
	describeMalformedSuccess,
	isApiFailure,
	malformedSuccess,
	operationInfo,
	rateLimitFromHeaders,
	redactSecrets,
	type ErrorDescription,
} from './errors';
import { asNodeError, sendPaced } from './execution';
import { isProfileProblem, parseProfile, type ProfileRef } from './profile';
import { placeAccountId, pruneEmpty } from './request';

export const PAGE_SIZE = 10;

export interface RequiredField {
	key: string;
	label: string;
	source: string;
}

export function inputError(
	ctx: IExecuteSingleFunctions,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, {
		description,
		itemIndex: ctx.getItemIndex(),
	});
}

/** A NodeApiError that keeps our message and description (NodeApiError swaps in generic text when one names a network error code). */
export function apiError(ctx: IExecuteSingleFunctions, body: JsonObject, described: ErrorDescription): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), body, {
		message: described.message,
		description: described.description,
		httpCode: described.httpCode,
		itemIndex: ctx.getItemIndex(),
	});
	error.message = described.message;
	error.description = described.description;
	return error;
}

type PostReceiveFunction = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

/** `write` tells whether the request changes something; by default the node's operation decides. */
export function failOnApiError(operation: string, write?: boolean): PostReceiveFunction {
	return async function (this: IExecuteSingleFunctions, items, response) {
		const received = { statusCode: response.statusCode, body: response.body, headers: (response.headers ?? {}) as IDataObject };
		const malformed = malformedSuccess(received);
		if (!malformed && !isApiFailure(received)) return items;
		// An API or proxy may echo the key back: never let it into an error, the execution data or the logs.
		const { apiKey } = await this.getCredentials('connectSafelyApi');
		const answer = { ...received, body: redactSecrets(received.body, [apiKey]) };
		if (malformed) {
			const changes = write ?? operationInfo(this.getNodeParameter('resource', ''), this.getNodeParameter('operation', '')).write;
			const body = { body: typeof answer.body === 'string' ? answer.body.slice(0, 200) : '' };
			throw apiError(this, body, describeMalformedSuccess(operation, answer, { write: changes }));
		}
		const body =
			answer.body !== null && typeof answer.body === 'object'
				? (answer.body as JsonObject)
				: { body: String(answer.body ?? '') };
		const error = apiError(this, body, describeApiError(operation, answer));
		const rateLimit = classifyRateLimit(answer);
		if (rateLimit) error.context.rateLimit = rateLimit as unknown as IDataObject;
		throw error;
	};
}

export async function withRateLimit(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const rateLimit = rateLimitFromHeaders(response.headers as IDataObject);
	if (!rateLimit) return items;
	return items.map((item) => ({ ...item, json: { ...item.json, rateLimit: rateLimit as IDataObject } }));
}

export async function applyAccount(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const accountId = String(this.getNodeParameter('accountId', '', { extractValue: true }) ?? '').trim();
	if (accountId !== '' && !/^[0-9a-fA-F]{24}$/.test(accountId)) {
		throw inputError(
			this,
			`"LinkedIn Account" must be a 24-character hexadecimal account ID, got "${accountId.slice(0, 40)}"`,
			'Pick the account from the list, or leave the field empty to use the workspace default account.',
		);
	}
	return placeAccountId(requestOptions, accountId);
}

export function requireFields(fields: RequiredField[]): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions) {
		const body = (requestOptions.body ?? {}) as IDataObject;
		for (const field of fields) {
			const value = body[field.key];
			if (typeof value !== 'string' || value.trim() === '') {
				throw inputError(
					this,
					`"${field.label}" is empty`,
					`It usually comes from ${field.source}. Connect this node after that node, or set "${field.label}" yourself.`,
				);
			}
			body[field.key] = value.trim();
		}
		return requestOptions;
	};
}

export async function dropEmptyValues(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return pruneEmpty(requestOptions);
}

export async function pairToInput(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const item = this.getItemIndex();
	return items.map((entry) => ({ ...entry, pairedItem: { item } }));
}

export async function extractInvitations(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = response.body as IDataObject;
	if (!Array.isArray(body?.invitations)) {
		const { label } = operationInfo(this.getNodeParameter('resource', ''), this.getNodeParameter('operation', ''));
		const { apiKey } = await this.getCredentials('connectSafelyApi');
		throw new NodeApiError(this.getNode(), redactSecrets(body ?? {}, [apiKey]) as JsonObject, {
			message: `${label} failed: ConnectSafely answered without an "invitations" list (${response.statusCode})`,
			description:
				'The response did not have the expected shape. This is usually a temporary problem on the API side; try again later.',
			httpCode: String(response.statusCode),
			itemIndex: this.getItemIndex(),
		});
	}
	return (body.invitations as IDataObject[]).map((json) => ({ json }));
}

export type ItemSelector = (
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
) => INodeExecutionData[];

export function pagedList(select: ItemSelector) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const item = this.getItemIndex();
		try {
			const limit = resultLimit(this);
			const collected: INodeExecutionData[] = [];
			for (let startIndex = 0; collected.length < limit; startIndex += PAGE_SIZE) {
				const { items: page } = await sendPaced(this, 'read', {
					...requestData,
					options: { ...requestData.options, qs: { ...requestData.options.qs, startIndex } },
				});
				collected.push(...select.call(this, page));
				if (page.length < PAGE_SIZE) break;
			}
			return collected.slice(0, limit).map((entry) => ({ json: entry.json, pairedItem: { item } }));
		} catch (error) {
			// n8n pairs error items to their input only when a node outputs one item per input: a list does not.
			if (!this.continueOnFail()) throw asNodeError(this, error);
			return [{ json: {}, error: asNodeError(this, error), pairedItem: { item } }];
		}
	};
}

function resultLimit(ctx: IExecuteSingleFunctions): number {
	if (ctx.getNodeParameter('returnAll', false) === true) return Infinity;
	const limit = Number(ctx.getNodeParameter('limit', 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw inputError(
			ctx,
			`"Limit" must be a whole number of at least 1, got ${JSON.stringify(ctx.getNodeParameter('limit', 50))}`,
			'Set Limit to how many results you want, or turn on Return All.',
		);
	}
	return limit;
}

export function profileFromParameter(ctx: IExecuteSingleFunctions): ProfileRef {
	const parsed = parseProfile(ctx.getNodeParameter('profile', ''));
	if (isProfileProblem(parsed)) {
		throw inputError(ctx, `Invalid "Profile": ${parsed.problem}`, parsed.hint);
	}
	return parsed;
}

export function profileBody(profile: ProfileRef): IDataObject {
	return profile.kind === 'slug' ? { profileId: profile.profileId } : { profileUrn: profile.profileUrn };
}
