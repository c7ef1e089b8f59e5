import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeRequestSend,
	PreSendAction,
} from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';

import { listFields } from './descriptions';
import { writeOne, type WriteSpec } from './execution';
import { dropEmptyValues, pagedList, type ListSpec } from './routing';
import { itemParameter, writeSteps } from './writeGate';

type Routing = NonNullable<INodePropertyOptions['routing']>;
type Request = DeclarativeRestApiSettings.HttpRequestOptions;

/**
 * One operation, declared in its own file: its entry in the Operation list (with routing) and its fields, in the
 * order the editor shows them. A field object that several operations of a resource declare becomes one parameter
 * shown for all of them.
 */
export interface Operation {
	option: INodePropertyOptions;
	fields: INodeProperties[];
}

/** An operation's entry in the Operation list, without its routing. */
export type OperationText = Omit<INodePropertyOptions, 'routing'>;

/** A write: the ordered write gate, the operation's own checks, then the one write path (pacing, quotas, output). */
export function writeRouting(request: Request, checks: PreSendAction[], spec: WriteSpec): Routing {
	const send: INodeRequestSend = {
		preSend: writeSteps(dropEmptyValues, ...checks),
		paginate: true,
	};
	return { request, send, operations: { pagination: writeOne(spec) } };
}

/** A list: paged until it ends (Return All) or Limit is reached. */
export function listRouting(request: Request, spec: ListSpec): Routing {
	return { request, send: { paginate: true }, operations: { pagination: pagedList(spec) } };
}

export interface InvitationListSpec {
	option: OperationText;
	/** Method and URL of one page; paging adds `startIndex`. */
	request: Request;
	/** Names the operation in errors: "Get sent invitations failed: …". */
	label: string;
	/** The one option of its Filters collection. */
	filter: INodeProperties;
	/** Applies the filter's value (undefined when not set) to a page. */
	select: (
		this: IExecutePaginationFunctions,
		items: INodeExecutionData[],
		value: unknown,
	) => INodeExecutionData[];
}

/** A list of invitations: Return All, Limit and one filter; entries are told apart by invitation ID. */
export function invitationList({
	option,
	request,
	label,
	filter,
	select,
}: InvitationListSpec): Operation {
	return {
		option: {
			...option,
			routing: listRouting(request, {
				label,
				listField: 'invitations',
				idOf: (entry) => String(entry.invitationId ?? entry.id ?? ''),
				select(items) {
					const filters = itemParameter(this, 'filters', {}) as IDataObject;
					return select.call(this, items, filters[filter.name]);
				},
			}),
		},
		fields: [
			...listFields,
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [filter],
			},
		],
	};
}

/**
 * The Operation parameter of a resource, then the fields of its operations: each field once, shown for every
 * operation that declares it, and each operation's fields in its own order.
 *
 * n8n's RoutingNode evaluates the value of every parameter in the description for each item, shown or not (n8n 2.x
 * a second time, to find the base URL): a field defined once per operation had its expression evaluated per copy.
 */
export function resourceOperations(
	resource: string,
	defaultOperation: string,
	operations: Operation[],
): INodeProperties[] {
	const shownFor = new Map<INodeProperties, string[]>();
	for (const { option, fields } of operations) {
		for (const field of fields)
			shownFor.set(field, [...(shownFor.get(field) ?? []), `${option.value}`]);
	}
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map(({ option }) => option).sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...mergeOrders(operations.map(({ fields }) => fields)).flatMap((field) =>
			updateDisplayOptions({ show: { resource: [resource], operation: shownFor.get(field) } }, [
				field,
			]),
		),
	];
}

/** One list holding every field once that keeps each operation's order (the editor shows them in list order). */
function mergeOrders(orders: INodeProperties[][]): INodeProperties[] {
	const pending = orders.map((order) => [...order]);
	const merged: INodeProperties[] = [];
	for (;;) {
		const heads = pending.filter((order) => order.length > 0).map((order) => order[0]);
		if (heads.length === 0) return merged;
		const next = heads.find((field) => pending.every((order) => order.indexOf(field) <= 0));
		if (next === undefined)
			throw new Error('Two operations declare shared fields in different orders');
		merged.push(next);
		for (const order of pending) if (order[0] === next) order.shift();
	}
}
