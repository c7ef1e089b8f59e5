// Bad input: refused before any request, with a message that names the parameter and says how to fix it.
import type { IExecuteSingleFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { parseProfile, type ProfileRef } from '../values/profile';
import { typeName } from '../values/text';
import { EMPTY_AS_TOOL, TOOL_SUFFIX } from '../values/tool';

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

/** A field left empty; in the tool variant the hint says how the model fills it. */
export function emptyError(
	ctx: IExecuteSingleFunctions,
	message: string,
	description: string,
): NodeOperationError {
	const tool = ctx.getNode().type.endsWith(TOOL_SUFFIX);
	return inputError(ctx, message, tool ? `${description} ${EMPTY_AS_TOOL}` : description);
}

/**
 * A text parameter's value: strings as they are (trimmed), whole numbers JavaScript holds exactly as text; anything
 * else is refused with an error naming the parameter. `undefined`/`null` read as ''.
 */
export function textParameter(ctx: IExecuteSingleFunctions, label: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value === 'number' || typeof value === 'bigint') {
		throw inputError(
			ctx,
			`"${label}" arrived as the number ${String(value)}, which has lost digits`,
			`LinkedIn IDs are longer than a JavaScript number holds exactly, so this value may address a different item. Keep the column or field as text (in a spreadsheet, format it as plain text; in a Code node, use a string), then run again.`,
		);
	}
	throw inputError(
		ctx,
		`"${label}" expects text, got ${typeName(value)}`,
		`Map "${label}" to a text field of the incoming item (an expression such as {{ $json.field }} that gives a single value), not to a whole object, list or true/false value.`,
	);
}

/** Any error as the node error n8n shows, paired to the item. */
export function asNodeError(
	ctx: IExecuteSingleFunctions,
	error: unknown,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: ctx.getItemIndex() });
}

/**
 * An item's failure under On Error → Continue: `error` (the message) and `message` (what to do), paired to the item.
 * With "Continue (using error output)" n8n merges the input item into it: n8n 1.x knows only these two keys (and drops
 * that merge for an item.error in 2.x).
 */
export function errorItem(ctx: IExecuteSingleFunctions, error: unknown): INodeExecutionData {
	const { message, description } = asNodeError(ctx, error);
	return {
		json: { error: message, ...(description ? { message: description } : {}) },
		pairedItem: { item: ctx.getItemIndex() },
	};
}

/** The Profile parameter (or `value`), parsed once: a vanity name or a member URN, else refused naming `label`. */
export function profileParameter(
	ctx: IExecuteSingleFunctions,
	value?: unknown,
	label = 'Profile',
): ProfileRef {
	const raw = value === undefined ? ctx.getNodeParameter('profile', '') : value;
	const parsed = parseProfile(raw);
	if (!('problem' in parsed)) return parsed;
	const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
	throw (empty ? emptyError : inputError)(
		ctx,
		`Invalid "${label}": ${parsed.problem}`,
		parsed.hint,
	);
}
